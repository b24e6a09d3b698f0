// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package conformance

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// class is the verdict on a case.
type class string

const (
	pass    class = "pass"    // the kernel printed what the program printed
	refused class = "refused" // the kernel said clearly, with a cell line, that it cannot run the cells
	wrong   class = "WRONG"   // anything else: a wrong answer, missing output, a crash, a timeout
	broken  class = "BROKEN"  // the case itself is broken: its program does not build or does not run
)

// Causes of WRONG, the report's groups.
const (
	causeDiffers       = "output differs"
	causeMissing       = "output missing (the kernel printed only the beginning)"
	causeErrAfterWrong = "wrong output before the kernel's error"
	causeKernelPanic   = "the kernel panicked where the program did not"
	causePanicDiffers  = "the program panicked; the kernel panicked differently"
	causeNoPanic       = "the program panicked; the kernel did not"
	causeUnclear       = "the kernel's error names no cell line or has no message"
	causeTimeout       = "timeout"
	causeCrash         = "the kernel crashed"
	causeAcceptedBad   = "the kernel ran a cell that does not compile"
	causeRanBad        = "the kernel ran a cell that does not compile, and it panicked"
)

// lineRef finds a cell line in an error: "cell line 3" as kernel/interp
// writes it in tracebacks, or "cell:3:5" / "line 3" in a message.
var lineRef = regexp.MustCompile(`(?i)\bline \d+|\bcell:\d+`)

// namesLine reports whether e has a message and names a cell line.
func namesLine(e *jupyter.ExecError) bool {
	if e == nil || strings.TrimSpace(e.Value) == "" {
		return false
	}
	if lineRef.MatchString(e.Value) {
		return true
	}
	for _, l := range e.Traceback {
		if lineRef.MatchString(l) {
			return true
		}
	}
	return false
}

// classify compares the kernel's run of a case with its program's run.
// The kernel's error replies are told apart by ename: "panic" is a
// run-time panic, "Interrupted" a cell stopped by the harness's timeout,
// anything else (CompileError, ...) a refusal.
func classify(p programResult, k kernelResult) (class, string) {
	switch {
	case p.Broken != "":
		return broken, p.Broken
	case k.TimedOut || k.Error != nil && k.Error.Name == "Interrupted":
		return wrong, causeTimeout
	case k.Crash != "":
		return wrong, causeCrash
	}
	for _, rj := range k.Rejected {
		switch {
		case rj.Err == nil && rj.Fail == failCompile:
			return wrong, causeAcceptedBad
		case rj.Err == nil:
			return wrong, causeNoPanic
		case rj.Fail == failCompile && rj.Err.Name == "panic":
			return wrong, causeRanBad
		case !namesLine(rj.Err):
			return wrong, causeUnclear
		}
	}
	if k.Error == nil {
		switch {
		case k.Output == p.Stdout && p.Panic != "":
			return wrong, causeNoPanic
		case k.Output == p.Stdout:
			return pass, ""
		case p.Panic != "" && strings.HasPrefix(k.Output, p.Stdout):
			return wrong, causeNoPanic
		case strings.HasPrefix(p.Stdout, k.Output):
			return wrong, causeMissing
		}
		return wrong, causeDiffers
	}
	if !strings.HasPrefix(p.Stdout, k.Output) {
		return wrong, causeErrAfterWrong
	}
	if k.Error.Name == "panic" {
		switch {
		case p.Panic == "":
			return wrong, causeKernelPanic
		case k.Output == p.Stdout && strings.Contains(k.Error.Value, p.Panic):
			return pass, ""
		}
		return wrong, causePanicDiffers
	}
	if !namesLine(k.Error) {
		return wrong, causeUnclear
	}
	return refused, ""
}

// detail explains a verdict for the report: the first difference, the
// kernel's error.
func detail(p programResult, k kernelResult) string {
	var b strings.Builder
	if p.Broken != "" {
		return p.Broken
	}
	if k.Crash != "" {
		fmt.Fprintf(&b, "crash: %s\n", k.Crash)
	}
	if k.Output != p.Stdout {
		fmt.Fprintf(&b, "%s", firstDifference(p.Stdout, k.Output))
	}
	if p.Panic != "" {
		fmt.Fprintf(&b, "program panicked: %s\n", p.Panic)
	}
	for i, rj := range k.Rejected {
		if e := rj.Err; e == nil {
			fmt.Fprintf(&b, "%s cell %d ran without an error\n", rj.Fail, i+1)
		} else if !namesLine(e) || rj.Fail == failCompile && e.Name == "panic" {
			fmt.Fprintf(&b, "%s cell %d: %s: %q, traceback %q\n", rj.Fail, i+1, e.Name, e.Value, e.Traceback)
		}
	}
	if e := k.Error; e != nil {
		fmt.Fprintf(&b, "kernel error in cell %d: %s: %s\n", k.ErrorCell+1, e.Name, e.Value)
		for _, l := range e.Traceback {
			fmt.Fprintf(&b, "    %s\n", l)
		}
	}
	return b.String()
}

// firstDifference shows the first line where want and got differ.
func firstDifference(want, got string) string {
	wl, gl := strings.SplitAfter(want, "\n"), strings.SplitAfter(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("output line %d:\n    go run: %q\n    kernel: %q\n", i+1, w, g)
		}
	}
	return ""
}

// TestClassify checks the verdicts on synthetic runs, so that a kernel
// getting a case wrong cannot come out as a pass or a refusal.
func TestClassify(t *testing.T) {
	compileErr := &jupyter.ExecError{Name: "CompileError", Value: "undefined: min",
		Traceback: []string{"CompileError: undefined: min", "cell line 2: x := min(1, 2)"}}
	noLine := &jupyter.ExecError{Name: "CompileError", Value: "something failed", Traceback: []string{"CompileError: something failed"}}
	empty := &jupyter.ExecError{Name: "CompileError", Value: "", Traceback: []string{"cell line 1: x"}}
	panicIdx := &jupyter.ExecError{Name: "panic", Value: "runtime error: index out of range [5] with length 3",
		Traceback: []string{"cell line 3: s[i]"}}
	panicReflect := &jupyter.ExecError{Name: "panic", Value: "reflect: call of reflect.Value.Len on zero Value"}
	interrupted := &jupyter.ExecError{Name: "Interrupted", Value: "the cell was interrupted"}
	ok := programResult{Stdout: "1\n2\n"}
	panicked := programResult{Stdout: "1\n", Exit: 2, Panic: "runtime error: index out of range [5] with length 3"}
	for _, tc := range []struct {
		name  string
		p     programResult
		k     kernelResult
		class class
		cause string
	}{
		{"equal", ok, kernelResult{Output: "1\n2\n"}, pass, ""},
		{"s[2] ^= 1 computes AND", ok, kernelResult{Output: "1\n0\n"}, wrong, causeDiffers},
		{"m[k] prints v, ok", programResult{Stdout: "1\n"}, kernelResult{Output: "1 true\n"}, wrong, causeDiffers},
		{"missing trailing newline", ok, kernelResult{Output: "1\n2"}, wrong, causeMissing},
		{"nothing printed", ok, kernelResult{}, wrong, causeMissing},
		{"extra output", ok, kernelResult{Output: "1\n2\n3\n"}, wrong, causeDiffers},
		{"refused with line", ok, kernelResult{Output: "1\n", Error: compileErr, ErrorCell: 1}, refused, ""},
		{"refused at once", ok, kernelResult{Error: compileErr}, refused, ""},
		{"refused without line", ok, kernelResult{Error: noLine}, wrong, causeUnclear},
		{"refused without message", ok, kernelResult{Error: empty}, wrong, causeUnclear},
		{"refused after wrong output", ok, kernelResult{Output: "7\n", Error: compileErr}, wrong, causeErrAfterWrong},
		{"kernel panics, program does not", ok, kernelResult{Output: "1\n", Error: panicReflect}, wrong, causeKernelPanic},
		{"both panic alike", panicked, kernelResult{Output: "1\n", Error: panicIdx}, pass, ""},
		{"panic message differs", panicked, kernelResult{Output: "1\n", Error: panicReflect}, wrong, causePanicDiffers},
		{"panic after less output", panicked, kernelResult{Output: "", Error: panicIdx}, wrong, causePanicDiffers},
		{"panic after other output", panicked, kernelResult{Output: "2\n", Error: panicIdx}, wrong, causeErrAfterWrong},
		{"program panics, kernel not", panicked, kernelResult{Output: "1\n"}, wrong, causeNoPanic},
		{"program panics, kernel goes on", panicked, kernelResult{Output: "1\n2\n"}, wrong, causeNoPanic},
		{"program panics, kernel refuses", panicked, kernelResult{Error: compileErr}, refused, ""},
		{"timeout", ok, kernelResult{Output: "1\n", TimedOut: true, Error: interrupted}, wrong, causeTimeout},
		{"interrupted", ok, kernelResult{Output: "1\n", Error: interrupted}, wrong, causeTimeout},
		{"crash", ok, kernelResult{Output: "1\n2\n", Crash: "fatal error: concurrent map writes"}, wrong, causeCrash},
		{"stuck after interrupt", ok, kernelResult{Output: "1\n", TimedOut: true, Crash: "cell 1 did not stop"}, wrong, causeTimeout},
		{"bad cell rejected", ok, kernelResult{Output: "1\n2\n", Rejected: map[int]rejection{1: {failCompile, compileErr}}}, pass, ""},
		{"bad cell accepted", ok, kernelResult{Output: "1\n2\n", Rejected: map[int]rejection{1: {failCompile, nil}}}, wrong, causeAcceptedBad},
		{"bad cell ran and panicked", ok, kernelResult{Output: "1\n2\n", Rejected: map[int]rejection{1: {failCompile, panicReflect}}}, wrong, causeRanBad},
		{"bad cell rejected unclearly", ok, kernelResult{Output: "1\n2\n", Rejected: map[int]rejection{1: {failCompile, noLine}}}, wrong, causeUnclear},
		{"panic cell panics", ok, kernelResult{Output: "1\n2\n", Rejected: map[int]rejection{1: {failPanic, panicIdx}}}, pass, ""},
		{"panic cell refused", ok, kernelResult{Output: "1\n2\n", Rejected: map[int]rejection{1: {failPanic, compileErr}}}, pass, ""},
		{"panic cell runs", ok, kernelResult{Output: "1\n2\n", Rejected: map[int]rejection{1: {failPanic, nil}}}, wrong, causeNoPanic},
		{"broken case", programResult{Broken: "does not build"}, kernelResult{Output: "x"}, broken, "does not build"},
	} {
		c, cause := classify(tc.p, tc.k)
		if c != tc.class || cause != tc.cause {
			t.Errorf("%s: got %s (%s), want %s (%s)", tc.name, c, cause, tc.class, tc.cause)
		}
	}
}

func TestPanicMessage(t *testing.T) {
	for _, tc := range []struct{ stderr, want string }{
		{"panic: runtime error: index out of range [5] with length 3\n\ngoroutine 1 [running]:\nmain.main()\n", "runtime error: index out of range [5] with length 3"},
		{"panic: boom [recovered]\n\tpanic: again\n\ngoroutine 1 [running]:\n", "again"},
		{"panic: boom [recovered, repanicked]\n\ngoroutine 1 [running]:\n", "boom"},
		{"fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\n", ""},
		{"panic: x\n\ngoroutine 1 [running]:\npanic: not this\n", "x"},
	} {
		if got := panicMessage(tc.stderr); got != tc.want {
			t.Errorf("panicMessage(%q) = %q, want %q", tc.stderr, got, tc.want)
		}
	}
}
