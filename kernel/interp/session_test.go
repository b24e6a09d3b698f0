// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// session is shared by the tests: a process holds one interpreter, as
// the kernel does.
var session *Session

func TestMain(m *testing.M) {
	stderr := os.Stderr
	start := time.Now()
	s, err := New()
	if err != nil {
		fmt.Fprintln(stderr, err)
		os.Exit(1)
	}
	fmt.Fprintf(stderr, "interp: New() took %v\n", time.Since(start))
	session = s
	code := m.Run()
	s.Shutdown(false)
	os.Exit(code)
}

// event is one thing a fakePub received.
type event struct {
	at        time.Time
	kind      string // "stream", "display", "clear"
	name      string // stream name
	text      string
	data      map[string]any
	transient map[string]any
	update    bool
}

// fakePub records what the session publishes.
type fakePub struct {
	mu     sync.Mutex
	events []event
}

func (p *fakePub) add(e event) {
	e.at = time.Now()
	p.mu.Lock()
	p.events = append(p.events, e)
	p.mu.Unlock()
}

// Stream records text and echoes it to the real stdout: the testing
// package prints its reports on os.Stdout too, which the session
// captures, and they must not be lost in a fake publisher.
func (p *fakePub) Stream(name, text string) {
	p.add(event{kind: "stream", name: name, text: text})
	session.out.origStdout.WriteString(text)
}

func (p *fakePub) Display(data jupyter.MIMEBundle, metadata, transient map[string]any, update bool) {
	p.add(event{kind: "display", data: data, transient: transient, update: update})
}

func (p *fakePub) ClearOutput(wait bool) { p.add(event{kind: "clear"}) }

func (p *fakePub) Input(prompt string, password bool) (string, error) {
	return "", errors.New("no stdin")
}

// all returns a copy of the events so far.
func (p *fakePub) all() []event {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]event(nil), p.events...)
}

// stream returns everything received on the named stream.
func (p *fakePub) stream(name string) string {
	var b strings.Builder
	for _, e := range p.all() {
		if e.kind == "stream" && e.name == name {
			b.WriteString(e.text)
		}
	}
	return b.String()
}

func (p *fakePub) displays() []event {
	var out []event
	for _, e := range p.all() {
		if e.kind == "display" {
			out = append(out, e)
		}
	}
	return out
}

// run executes code in the shared session with a fresh publisher.
func run(t *testing.T, code string) (jupyter.ExecuteResult, *fakePub) {
	t.Helper()
	pub := &fakePub{}
	res := session.Execute(jupyter.ExecuteRequest{Code: code, StoreHistory: true}, pub)
	// The testing package prints its report on os.Stdout, which the
	// session captures: detach the publisher before it does.
	t.Cleanup(func() { session.out.setPublisher(nil) })
	return res, pub
}

// mustRun executes code and fails the test on an error.
func mustRun(t *testing.T, code string) (jupyter.ExecuteResult, *fakePub) {
	t.Helper()
	res, pub := run(t, code)
	if res.Error != nil {
		t.Fatalf("cell %q failed: %s: %s\n%s", code, res.Error.Name, res.Error.Value, strings.Join(res.Error.Traceback, "\n"))
	}
	return res, pub
}

// plain returns the text/plain of a result, or "" when there is none.
func plain(res jupyter.ExecuteResult) string {
	if res.Data == nil {
		return ""
	}
	s, _ := res.Data["text/plain"].(string)
	return s
}

func TestStatePersistsAcrossCells(t *testing.T) {
	mustRun(t, "persistX := 40")
	mustRun(t, "func persistAdd(a int) int { return a + persistX }")
	mustRun(t, "type persistP struct{ A int }\nvar persistV = persistP{A: 7}")
	mustRun(t, `import "strings"`)
	for _, c := range []struct{ code, want string }{
		{"persistAdd(2)", "42"},
		{"persistV.A * 6", "42"},
		{`strings.ToUpper("go")`, `"GO"`},
		{"persistX++\npersistX", "41"},
		{"persistV", "main.persistP{A:7}"},
		{"&persistV", "&main.persistP{A:7}"},
	} {
		res, _ := mustRun(t, c.code)
		if got := plain(res); got != c.want {
			t.Errorf("%q = %q, want %q", c.code, got, c.want)
		}
	}
}

func TestResults(t *testing.T) {
	mustRun(t, `import "fmt"`)
	mustRun(t, `func resultsTwo() (int, string) { return 1, "a" }`)
	mustRun(t, `func resultsNilErr() error { return nil }`)
	for _, c := range []struct{ code, want string }{
		{"1+1", "2"},
		{`"hi"`, `"hi"`},
		{"2.5 * 2", "5"},
		{"[]int{1, 2}", "[]int{1, 2}"},
		{"resultsTwo()", `1 "a"`},
		{`fmt.Println("printed")`, ""},
		{`fmt.Printf("%d\n", 3)`, ""},
		{`(fmt.Println("paren"))`, ""},
		{"resultsNilErr()", ""},
		{"x := 3", ""},
		{"func resultsF() {}", ""},
		{"resultsF()", ""},
		{`fmt.Errorf("bad %d", 1)`, "bad 1"},
	} {
		res, _ := mustRun(t, c.code)
		if got := plain(res); got != c.want {
			t.Errorf("%q shows %q, want %q", c.code, got, c.want)
		}
	}
	res, _ := mustRun(t, "7 * 6")
	if res.Data["text/plain"] != "42" {
		t.Errorf("7 * 6 = %v", res.Data)
	}
}

func TestKernelInfo(t *testing.T) {
	info := session.KernelInfo()
	if info.LanguageName != "go" || info.MIMEType != "text/x-go" || info.FileExtension != ".go" ||
		info.PygmentsLexer != "go" || info.CodeMirrorMode != "go" || strings.HasPrefix(info.LanguageVersion, "go") ||
		!strings.Contains(info.Banner, "BLAS") || len(info.HelpLinks) == 0 {
		t.Errorf("kernel info %+v", info)
	}
}

func TestSilentHasNoResult(t *testing.T) {
	res := session.Execute(jupyter.ExecuteRequest{Code: "1+1", Silent: true}, &fakePub{})
	if res.Error != nil || res.Data != nil {
		t.Errorf("silent 1+1: %+v", res)
	}
}

func TestUserExpressions(t *testing.T) {
	res := session.Execute(jupyter.ExecuteRequest{
		Code:            "ueX := 5",
		UserExpressions: map[string]string{"double": "ueX * 2", "bad": "ueNope"},
	}, &fakePub{})
	if res.Error != nil {
		t.Fatal(res.Error)
	}
	ok := res.UserExpressions["double"].(map[string]any)
	if ok["status"] != "ok" || ok["data"].(jupyter.MIMEBundle)["text/plain"] != "10" {
		t.Errorf("double: %v", ok)
	}
	if bad := res.UserExpressions["bad"].(map[string]any); bad["status"] != "error" {
		t.Errorf("bad: %v", bad)
	}
}

func TestStdoutAndStderrApart(t *testing.T) {
	mustRun(t, `import ("fmt"; "os")`)
	res, pub := mustRun(t, `fmt.Println("to out")
fmt.Fprintln(os.Stderr, "to err")
os.Stdout.Write([]byte("raw\n"))
fmt.Print("end")`)
	if got := pub.stream("stdout"); got != "to out\nraw\nend" {
		t.Errorf("stdout = %q", got)
	}
	if got := pub.stream("stderr"); got != "to err\n" {
		t.Errorf("stderr = %q", got)
	}
	if res.Data != nil {
		t.Errorf("unexpected result %v", res.Data)
	}
}

func TestOutputStreamsWhileCellRuns(t *testing.T) {
	mustRun(t, `import ("fmt"; "time")`)
	start := time.Now()
	_, pub := mustRun(t, `for i := 0; i < 10; i++ {
	fmt.Println("tick", i)
	time.Sleep(100 * time.Millisecond)
}`)
	end := time.Now()
	early := 0
	for _, e := range pub.all() {
		if e.kind == "stream" && e.at.Before(end.Add(-300*time.Millisecond)) {
			early++
		}
	}
	if early < 3 {
		t.Errorf("%d stream messages arrived before the cell's last 300ms (cell took %v); want streaming", early, end.Sub(start))
	}
	for i := 0; i < 10; i++ {
		if !strings.Contains(pub.stream("stdout"), fmt.Sprintf("tick %d\n", i)) {
			t.Fatalf("tick %d missing from %q", i, pub.stream("stdout"))
		}
	}
}

func TestLateGoroutineOutputArrives(t *testing.T) {
	mustRun(t, `import ("fmt"; "time")`)
	_, pub := mustRun(t, `go func() {
	time.Sleep(200 * time.Millisecond)
	fmt.Println("late hello")
}()`)
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(pub.stream("stdout"), "late hello") {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Errorf("goroutine output never reached the publisher; got %q", pub.stream("stdout"))
}

func TestGoroutinePanicDoesNotKillKernel(t *testing.T) {
	mustRun(t, "import \"time\"\ngpKept := 5")
	// While its cell runs, the panic ends the cell, as it would end a program.
	res, _ := run(t, `go func() {
	var m map[string]int
	m["x"] = 1
}()
time.Sleep(100 * time.Millisecond)`)
	if res.Error == nil || !strings.Contains(res.Error.Value, "nil map") {
		t.Errorf("a goroutine's panic during its cell: %+v", res.Error)
	}
	// After its cell, it is reported on the running cell's stderr, which goes on.
	mustRun(t, "go func() {\n\ttime.Sleep(50 * time.Millisecond)\n\tpanic(\"late\")\n}()")
	_, pub := mustRun(t, "time.Sleep(300 * time.Millisecond)")
	if got := pub.stream("stderr"); !strings.Contains(got, "panic in a goroutine: late") {
		t.Errorf("stderr %q does not report the earlier cell's goroutine panic", got)
	}
	if res, _ := mustRun(t, "gpKept"); plain(res) != "5" {
		t.Errorf("state after a goroutine panic: %v", res.Data)
	}
}

func TestPanicsBecomeErrorsWithCellLine(t *testing.T) {
	for _, c := range []struct {
		name, code string
		line       int
		value      string // substring of evalue
	}{
		{"index", "panicS := []int{1}\npanicI := 5\n_ = panicS[panicI]", 3, "range"},
		{"nil map", "var panicM map[string]int\npanicM[\"a\"] = 1", 2, "nil map"},
		{"nil pointer", "type panicT struct{ A int }\nvar panicP *panicT\n\npanicP.A = 3", 4, "nil pointer"},
		{"divide by zero", "panicA, panicB := 1, 0\n_ = panicA / panicB", 2, "divide by zero"},
		{"explicit", "\npanic(\"boom\")", 2, "boom"},
		{"in a function", "func panicF(i int) int {\n\treturn []int{}[i]\n}\npanicF(3)", 4, "range"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, _ := run(t, c.code)
			if res.Error == nil {
				t.Fatalf("no error from %q", c.code)
			}
			if res.Error.Name != "panic" || !strings.Contains(res.Error.Value, c.value) {
				t.Errorf("error %q: %q, want panic containing %q", res.Error.Name, res.Error.Value, c.value)
			}
			tb := strings.Join(res.Error.Traceback, "\n")
			if !strings.Contains(tb, fmt.Sprintf("cell line %d:", c.line)) {
				t.Errorf("traceback does not name cell line %d:\n%s", c.line, tb)
			}
		})
	}
	res, _ := mustRun(t, "1+1")
	if plain(res) != "2" {
		t.Errorf("session broken after panics: %v", res.Data)
	}
}

func TestCompileErrors(t *testing.T) {
	for _, c := range []struct {
		name, code string
		line       int
	}{
		{"syntax", "ceY := 1\nceY +", 2},
		{"undefined", "\n\nceUndefined + 1", 3},
		{"type", "var ceZ int\nceZ = \"text\"", 2},
		{"unbound import", "import (\n\t\"fmt\"\n\t\"example.com/nothing/here\"\n)", 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, _ := run(t, c.code)
			if res.Error == nil || res.Error.Name != "CompileError" {
				t.Fatalf("%q: got %+v, want CompileError", c.code, res.Error)
			}
			tb := strings.Join(res.Error.Traceback, "\n")
			if !strings.Contains(tb, fmt.Sprintf("cell line %d", c.line)) {
				t.Errorf("traceback does not name cell line %d:\n%s", c.line, tb)
			}
			if strings.Contains(res.Error.Value, cellFile+":") {
				t.Errorf("evalue keeps the raw position: %q", res.Error.Value)
			}
		})
	}
	// Nothing of a cell that fails to compile runs.
	run(t, "ceRan := 1\nceRan = undefinedToo")
	if res, _ := run(t, "ceRan"); plain(res) == "1" {
		t.Errorf("a cell with a compile error ran its first line")
	}
}

func TestExitDoesNotKillKernel(t *testing.T) {
	mustRun(t, "exitKept := 11")
	for _, code := range []string{"import \"os\"\nos.Exit(3)", "import \"log\"\nlog.Fatal(\"stop\")"} {
		res, _ := run(t, code)
		if res.Error == nil || res.Error.Name != "Exit" || !strings.Contains(res.Error.Value, "restart the kernel") {
			t.Fatalf("%q: got %+v", code, res.Error)
		}
	}
	if res, _ := mustRun(t, "exitKept"); plain(res) != "11" {
		t.Errorf("state lost after os.Exit: %v", res.Data)
	}
}

func TestStdinReadsEOF(t *testing.T) {
	mustRun(t, `import "fmt"`)
	res, _ := mustRun(t, "var stdinS string\n_, stdinErr := fmt.Scanln(&stdinS)\nstdinErr")
	if got := plain(res); got != "EOF" && got != "unexpected newline" {
		t.Errorf("reading stdin gave %q, want EOF", got)
	}
}

func TestStdlibImports(t *testing.T) {
	for _, c := range []struct{ code, want string }{
		{"import \"math\"\nmath.Sqrt(16)", "4"},
		{"import \"math/rand/v2\"\nrand.New(rand.NewPCG(1, 2)).IntN(1) ", "0"},
		{"import \"time\"\ntime.Duration(1500) * time.Millisecond", "1.5s"},
		{"import \"image\"\nimage.Rect(0, 0, 2, 3).Dx()", "2"},
		{"import \"strconv\"\nstrconv.Itoa(12)", `"12"`},
	} {
		res, pub := mustRun(t, c.code)
		if got := plain(res); got != c.want {
			t.Errorf("%q = %q, want %q", c.code, got, c.want)
		}
		if out := pub.stream("stdout") + pub.stream("stderr"); out != "" {
			t.Errorf("%q printed %q (gomacro noise?)", c.code, out)
		}
	}
}

// BenchmarkExecuteOnePlusOne measures a whole cell round trip inside the
// session: parse, compile, run, render, flush both streams.
func BenchmarkExecuteOnePlusOne(b *testing.B) {
	pub := &fakePub{}
	req := jupyter.ExecuteRequest{Code: "1+1"}
	for b.Loop() {
		res := session.Execute(req, pub)
		if res.Data["text/plain"] != "2" {
			b.Fatalf("1+1 = %v", res.Data)
		}
	}
	session.out.setPublisher(nil)
}
