// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// complTargetCell declares a type in a cell, standing in for *bm.RBM:
// completion must offer its fields and methods.
const complTargetCell = `type complTarget struct {
	Weights []float64
	Hidden  int
}

func (*complTarget) Train(epochs int) error { return nil }
func (*complTarget) Transform() []float64   { return nil }
`

func TestComplete(t *testing.T) {
	mustRun(t, complTargetCell+"complR := &complTarget{}")
	mustRun(t, "import \"strings\"\ncomplVar := 1\nfunc complFunc() {}")
	for _, c := range []struct {
		code     string
		cursor   int // -1: end of code
		want     []string
		wantNot  []string
		startLen int // runes from cursor back to cursor_start
	}{
		{"strings.Spl", -1, []string{"Split", "SplitAfter", "SplitN"}, []string{"Join"}, 3},
		{"x := strings.ToU", -1, []string{"ToUpper"}, nil, 3},
		{"strings.", -1, []string{"Join", "Split", "Builder"}, nil, 0},
		{"complR.", -1, []string{"Weights", "Hidden", "Train", "Transform"}, nil, 0},
		{"complR.Tr", -1, []string{"Train", "Transform"}, []string{"Weights"}, 2},
		{"complV", -1, []string{"complVar"}, nil, 6},
		{"complF", -1, []string{"complFunc"}, nil, 6},
		{"strc", -1, []string{"strconv"}, nil, 4}, // a package not imported yet
		{"strconv.Ato", -1, []string{"Atoi"}, nil, 3},
		{"import \"math/ra", -1, []string{"math/rand", "math/rand/v2"}, nil, 7},
		{"import (\n\t\"fmt\"\n\t\"encoding/js", -1, []string{"encoding/json"}, nil, 11},
		{"é := strings.Fie", -1, []string{"Fields", "FieldsFunc"}, nil, 3},
		{"strings.Spl + 1", 11, []string{"Split"}, nil, 3},
		{"xyzzyNothing", -1, nil, nil, 12},
		{"", -1, nil, nil, 0},
		{"1.5", -1, nil, nil, 0},
	} {
		cursor := c.cursor
		if cursor < 0 {
			cursor = utf8.RuneCountInString(c.code)
		}
		res := session.Complete(c.code, cursor)
		if res.Matches == nil {
			t.Errorf("%q: nil matches, want an empty list", c.code)
		}
		for _, w := range c.want {
			if !slices.Contains(res.Matches, w) {
				t.Errorf("%q: matches %v lack %q", c.code, res.Matches, w)
			}
		}
		for _, w := range c.wantNot {
			if slices.Contains(res.Matches, w) {
				t.Errorf("%q: matches %v include %q", c.code, res.Matches, w)
			}
		}
		if c.want == nil && len(res.Matches) != 0 {
			t.Errorf("%q: matches %v, want none", c.code, res.Matches)
		}
		if res.CursorEnd != cursor || res.CursorStart != cursor-c.startLen {
			t.Errorf("%q: cursor %d..%d, want %d..%d", c.code, res.CursorStart, res.CursorEnd, cursor-c.startLen, cursor)
		}
	}
}

func TestInspect(t *testing.T) {
	saved := lookupDoc
	defer func() { lookupDoc = saved }()
	lookupDoc = func(pkg, name string) (docEntry, bool) {
		if pkg == "strings" && name == "Fields" {
			return docEntry{Package: "strings", Name: "Fields", Kind: "func",
				Signature: "func Fields(s string) []string", Doc: "Fields splits s around white space."}, true
		}
		return docEntry{}, false
	}
	mustRun(t, complTargetCell+"inspR := &complTarget{Hidden: 5}")
	mustRun(t, "import \"strings\"\ninspN := 42\ninspS := []int{1, 2, 3}")
	for _, c := range []struct {
		code   string
		cursor int // -1: end of code
		want   []string
	}{
		{"strings.Fields", -1, []string{"func Fields(s string) []string", "white space"}},
		{"strings.Fields", 9, []string{"func Fields(s string)"}}, // cursor inside the word
		{"strings.Fields(", -1, []string{"func Fields"}},         // just inside the call
		{"strings.Split", -1, []string{"func strings.Split(string, string) []string"}},
		{"strings.Join", -1, []string{"func strings.Join([]string, string) string"}},
		{"strings.Builder", -1, []string{"type strings.Builder struct"}},
		{"strconv.Itoa", -1, []string{"func strconv.Itoa(int) string"}}, // not imported
		{"inspN", -1, []string{"inspN: int", "value: 42"}},
		{"inspS", -1, []string{"[]int", "[]int{1, 2, 3}"}},
		{"inspR", -1, []string{"*complTarget", "Hidden:5"}},
		{"inspR.Train", -1, []string{"Train", "func (*complTarget).Train(epochs int) error"}},
		{"complTarget", -1, []string{"type complTarget struct", "declared in cell"}},
		{"inspR.Hidden", -1, []string{"Hidden: int"}},
	} {
		cursor := c.cursor
		if cursor < 0 {
			cursor = utf8.RuneCountInString(c.code)
		}
		res := session.Inspect(c.code, cursor, 0)
		text, _ := res.Data["text/plain"].(string)
		if !res.Found {
			t.Errorf("%q: not found", c.code)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%q: %q lacks %q", c.code, text, w)
			}
		}
	}
	for _, code := range []string{"", "xyzzyNothing", "  ", "strings.NoSuchThing"} {
		if res := session.Inspect(code, utf8.RuneCountInString(code), 0); res.Found {
			t.Errorf("%q: found %v", code, res.Data)
		}
	}
}

func TestIsComplete(t *testing.T) {
	for _, c := range []struct{ code, status, indent string }{
		{"1+1", "complete", ""},
		{"x := 3\nfmt.Println(x)", "complete", ""},
		{"func f() {", "incomplete", "\t"},
		{"for i := 0; i < 3; i++ {\n\tif i > 1 {", "incomplete", "\t\t"},
		{"fmt.Println(", "incomplete", "\t"},
		{"s := `raw", "incomplete", ""},
		{"/* comment", "incomplete", ""},
		{"x := 1 +", "incomplete", ""},
		{"}", "invalid", ""},
		{"x := )(", "invalid", ""},
		{"", "complete", ""},
		{`s := "abc`, "invalid", ""},
		{"r := 'a", "invalid", ""},
		{"f([)", "invalid", ""},
		{"x := []int{1, 2)", "invalid", ""},
		{"x := []int{1, 2,", "incomplete", "\t"},
		{"x := fmt.", "incomplete", ""},
		{"if x := 1; x > 0 {\n} else", "incomplete", ""},
		{"s := `a raw string\nspanning lines", "incomplete", ""},
		{"func )(", "invalid", ""},
		{"x := 1 // trailing comment", "complete", ""},
	} {
		got := session.IsComplete(c.code)
		if got.Status != c.status || got.Indent != c.indent {
			t.Errorf("%q: %+v, want %s %q", c.code, got, c.status, c.indent)
		}
	}
}

// TestIsCompleteLinear checks that is_complete answers deep and large
// cells quickly: it runs on the shell channel. gomacro's parser took
// 1.2 s for 40 000 nested parentheses and 36 s for 200 000.
func TestIsCompleteLinear(t *testing.T) {
	var flat strings.Builder
	for i := 0; flat.Len() < 1<<20; i++ {
		fmt.Fprintf(&flat, "func f%d(x int) int {\n\tif x > 2 {\n\t\treturn x * (x + %d)\n\t}\n\treturn g(x, []int{1, 2, 3})\n}\ny%d := f%d(3)\n", i, i, i, i)
	}
	for _, c := range []struct {
		name, code, status string
	}{
		{"40k parens", "x := " + strings.Repeat("(", 40000) + "1" + strings.Repeat(")", 40000), "complete"},
		{"200k parens", "x := " + strings.Repeat("(", 200000) + "1" + strings.Repeat(")", 200000), "complete"},
		{"200k open", strings.Repeat("(", 200000), "incomplete"},
		{"200k mismatched", strings.Repeat("(", 200000) + "]", "invalid"},
		{"1 MB cell", flat.String(), "complete"},
		{"1 MB cell, open string", flat.String() + `s := "abc`, "invalid"},
	} {
		best := time.Hour
		var got jupyter.IsCompleteResult
		for range 3 {
			start := time.Now()
			got = session.IsComplete(c.code)
			best = min(best, time.Since(start))
		}
		t.Logf("%s (%d bytes): %s in %v", c.name, len(c.code), got.Status, best)
		if got.Status != c.status {
			t.Errorf("%s: %s, want %s", c.name, got.Status, c.status)
		}
		// The budget is 50 ms on a quiet machine; allow for a loaded
		// one (gomacro's parser took 1.2 s at 40k parentheses).
		if best > 500*time.Millisecond {
			t.Errorf("%s: is_complete took %v", c.name, best)
		}
	}
}

// TestCompleteInspectLinear checks completion and inspection of a name
// at the end of a 1 MB cell.
func TestCompleteInspectLinear(t *testing.T) {
	code := strings.Repeat("x := \"some text (\" + `raw` // comment\n", 1<<20/40) + "strings.ToUp"
	n := utf8.RuneCountInString(code)
	start := time.Now()
	res := session.Complete(code, n)
	took := time.Since(start)
	if !slices.Contains(res.Matches, "ToUpper") {
		t.Errorf("matches %v lack ToUpper", res.Matches)
	}
	start = time.Now()
	session.Inspect(code, n, 0)
	took2 := time.Since(start)
	t.Logf("complete %v, inspect %v on %d bytes", took, took2, len(code))
	if took > 500*time.Millisecond || took2 > 500*time.Millisecond {
		t.Errorf("complete took %v, inspect %v", took, took2)
	}
}
