// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// TestTiers checks which tier runs a cell, and that values cross tiers.
func TestTiers(t *testing.T) {
	if session.tiers.engine == nil {
		t.Skip("no compiled tier here:", session.tiers.err)
	}
	mustRun(t, `import "fmt"`)
	for _, c := range []struct{ code, tier, want string }{
		{"1+1", "constant", "2"},
		{`"a" + "b"`, "constant", `"ab"`},
		{"1 << 70", "constant", ""}, // overflows int: an error, as in Go
		{"tierX := 41", "interpreted", ""},
		{"tierX + 1", "interpreted", "42"},
		{"tierY, tierZ := tierX*2, fmt.Sprint(tierX)", "interpreted", ""},
		{"tierZ + fmt.Sprint(tierY)", "interpreted", `"4182"`},
		{"if tierX > 40 {\n\ttierX = 40\n}\ntierX", "interpreted", "40"},
		{"tierS := []int{1, 0, 1, 1}\ntierS[2] ^= 1\ntierS", "compiled", "[]int{1, 0, 0, 1}"},
		{"func tierF(n int) int { return n + tierX }\ntierF(2)", "compiled", "42"},
		{"tierF(tierY)", "interpreted", "122"},
		{"for i := range 3 {\n\ttierX += i\n}\ntierX", "compiled", "43"},
		{"tierX", "interpreted", "43"},
		{"min(tierX, 7)", "compiled", "7"},
		{"m := map[string]int{\"a\": 1}\nfmt.Sprint(m[\"a\"])", "compiled", `"1"`},
	} {
		res, _ := run(t, c.code)
		tier, why := session.Tier()
		if tier != c.tier {
			t.Errorf("%q ran %s (%s), want %s", c.code, tier, why, c.tier)
		}
		if c.want == "" {
			if strings.Contains(c.code, "<<") && res.Error == nil {
				t.Errorf("%q: no overflow error", c.code)
			}
			continue
		}
		if res.Error != nil {
			t.Errorf("%q: %s: %s", c.code, res.Error.Name, res.Error.Value)
			continue
		}
		if got := plain(res); got != c.want {
			t.Errorf("%q = %s, want %s", c.code, got, c.want)
		}
	}
}

func TestMagics(t *testing.T) {
	res, pub := mustRun(t, "%help")
	if res.Data != nil || !strings.Contains(pub.stream("stdout"), "%go get") {
		t.Errorf("%%help: %v %q", res.Data, pub.stream("stdout"))
	}
	res, pub = mustRun(t, "%time\nmagicV := 3\nmagicV * 2")
	if plain(res) != "6" || !strings.Contains(pub.stream("stdout"), "time: ") {
		t.Errorf("%%time: %v %q", res.Data, pub.stream("stdout"))
	}
	res, _ = run(t, "%nosuch")
	if res.Error == nil || res.Error.Name != "MagicError" || !strings.Contains(res.Error.Value, "%help") {
		t.Errorf("unknown magic: %+v", res.Error)
	}
	res, _ = run(t, "%go get")
	if res.Error == nil || !strings.Contains(res.Error.Value, "usage") {
		t.Errorf("bad %%go get: %+v", res.Error)
	}
	// Line numbers of the code after magics are the cell's.
	res, _ = run(t, "%time\n\nundefinedAfterMagic")
	if res.Error == nil || !strings.Contains(strings.Join(res.Error.Traceback, "\n"), "cell line 3") {
		t.Errorf("error after a magic: %+v", res.Error)
	}
}

func TestRedeclaring(t *testing.T) {
	if session.tiers.engine == nil {
		t.Skip("no compiled tier here:", session.tiers.err)
	}
	for _, c := range []struct{ code, want string }{
		{"redeclLR := 0.1\nfunc redeclStep() float64 { return redeclLR * 2 }", ""},
		{"redeclLR := 0.5", ""}, // same type: the same variable, interpreted
		{"redeclStep()", "1"},
		{"for range 1 {\n}\nredeclLR := 2.0", ""}, // compiled
		{"redeclStep()", "4"},
		{"redeclLR := \"text\"\nredeclLR", `"text"`}, // another type: a new variable
		{"redeclStep()", "4"},
		{"func redeclRate() float64 { return 1 }\nfunc redeclCost() float64 { return 10 * redeclRate() }\nredeclCost()", "10"},
		{"func redeclRate() float64 { return 2 }\nredeclCost()", "20"}, // late binding, within the redefining cell too
	} {
		res, _ := mustRun(t, c.code)
		if c.want != "" && plain(res) != c.want {
			tier, _ := session.Tier()
			t.Errorf("%q (%s) = %s, want %s", c.code, tier, plain(res), c.want)
		}
	}
}

func TestGoroutinePanicEndsCell(t *testing.T) {
	if session.tiers.engine == nil {
		t.Skip("no compiled tier here:", session.tiers.err)
	}
	res, _ := run(t, "import \"time\"\nstart := time.Now()\n_ = start\ngo func() {\n\ttime.Sleep(10 * time.Millisecond)\n\tpanic(\"boom in goroutine\")\n}()\ntime.Sleep(5 * time.Second)")
	if res.Error == nil || res.Error.Name != "panic" || res.Error.Value != "boom in goroutine" {
		t.Fatalf("a goroutine's panic: %+v", res.Error)
	}
	if tb := strings.Join(res.Error.Traceback, "\n"); !strings.Contains(tb, "cell line 6") {
		t.Errorf("traceback does not name the panic's line:\n%s", tb)
	}
	// os.Exit(0) ends a cell without an error, as it ends a program.
	res, pub := run(t, "import (\n\t\"fmt\"\n\t\"os\"\n)\nfmt.Println(\"before\")\nos.Exit(0)\nfmt.Println(\"after\")")
	if res.Error != nil || pub.stream("stdout") != "before\n" {
		t.Errorf("os.Exit(0): %+v, stdout %q", res.Error, pub.stream("stdout"))
	}
}

func TestCompiledLogging(t *testing.T) {
	if session.tiers.engine == nil {
		t.Skip("no compiled tier here:", session.tiers.err)
	}
	res, pub := run(t, "import \"log\"\nlog.SetFlags(0)\nfor i := range 2 {\n\tlog.Println(\"line\", i)\n}\nlog.Fatalf(\"stop %d\", 3)")
	if res.Error == nil || res.Error.Name != "Exit" {
		t.Errorf("log.Fatalf: %+v", res.Error)
	}
	if got := pub.stream("stderr"); got != "line 0\nline 1\nstop 3\n" {
		t.Errorf("log output on the cell's stderr: %q", got)
	}
}

// nopPub drops what a cell publishes.
type nopPub struct{}

func (nopPub) Stream(string, string)                                            {}
func (nopPub) Display(jupyter.MIMEBundle, map[string]any, map[string]any, bool) {}
func (nopPub) ClearOutput(bool)                                                 {}
func (nopPub) Input(string, bool) (string, error)                               { return "", jupyter.ErrStdinNotAllowed }

// TestHeapFlat runs many small cells and checks that the live heap does
// not grow with their number (files, bindings and results are let go).
func TestHeapFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("soak test")
	}
	mustRun(t, "import \"fmt\"\nheapV := 1")
	cells := []string{"1+1", "heapV + 1", "fmt.Sprint(heapV)", "heapV = heapV + 1", "undefinedInSoak"}
	soak := func(n int) {
		for i := 0; i < n; i++ {
			session.Execute(jupyter.ExecuteRequest{Code: cells[i%len(cells)]}, nopPub{})
		}
	}
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	soak(1000)
	at1k := heap()
	soak(4000)
	at5k := heap()
	perCell := (float64(at5k) - float64(at1k)) / 4000
	t.Logf("live heap %.1f MiB after 1k cells, %.1f MiB after 5k: %.0f B per cell", float64(at1k)/(1<<20), float64(at5k)/(1<<20), perCell)
	if perCell > 100 {
		t.Errorf("the live heap grows %.0f B per small cell", perCell)
	}
	if res, _ := mustRun(t, "heapV"); plain(res) != "1001" {
		t.Errorf("heapV after the soak = %v, want 1001 (the cells did not all run)", res.Data)
	}
}

// A panic inside a function of an earlier cell names that function and
// its cell line, as the user wrote them: no package paths of cells, no
// frames of the generated plumbing.
func TestPanicFramesNameUserCode(t *testing.T) {
	if session.tiers.engine == nil {
		t.Skip("no compiled tier here:", session.tiers.err)
	}
	mustRun(t, "func tbAt[T any](xs []T, i int) T {\n\treturn xs[i]\n}")
	def := session.tiers.engine.Serial()
	mustRun(t, "type tbTree[T any] struct{ kids []*tbTree[T] }\nfunc (t *tbTree[T]) First() *tbTree[T] {\n\treturn t.kids[0]\n}")
	for _, c := range []struct{ code, frame string }{
		{"tbXs := []int{1, 2}\ntbAt(tbXs, 5)", fmt.Sprintf("  in tbAt[...] (cell %d line 2)", def)},
		{"(&tbTree[int]{}).First()", "  in (*tbTree[...]).First (cell"},
	} {
		res, _ := run(t, c.code)
		if res.Error == nil {
			t.Errorf("%q: no error", c.code)
			continue
		}
		tb := strings.Join(res.Error.Traceback, "\n")
		if !strings.Contains(tb, c.frame) {
			t.Errorf("%q: traceback lacks %q:\n%s", c.code, c.frame, tb)
		}
		if strings.Contains(tb, "generated") || strings.Contains(tb, "cells/") {
			t.Errorf("%q: traceback shows the generator's plumbing:\n%s", c.code, tb)
		}
	}
}
