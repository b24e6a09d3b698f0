// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package cellrt

import (
	"runtime"
	"strconv"
	"sync/atomic"
)

// cellrt imports no fmt, log or os: every compiled cell links cellrt, and
// a cell that does not print then stays a small plugin. What needs them
// goes through these functions, which the kernel sets.
var (
	// OnGoroutinePanic receives the panics of goroutines started by
	// cells, with the goroutine's stack and the cell that started it.
	OnGoroutinePanic func(r any, stack []byte, cell int64)
	// Sprint, Sprintf and Sprintln format as package fmt does.
	Sprint   func(v ...any) string
	Sprintf  func(format string, v ...any) string
	Sprintln func(v ...any) string
	// Log writes a line through the standard logger, as log.Output.
	Log func(calldepth int, s string) error
)

var current atomic.Int64

// SetCurrent tells which cell runs now; the kernel calls it as each
// cell starts.
func SetCurrent(cell int64) { current.Store(cell) }

// Current returns the cell running now.
func Current() int64 { return current.Load() }

// GoRecover, deferred first in every goroutine a compiled cell starts
// (cell is Current() at the go statement), turns a panic into a report:
// an unrecovered panic in a goroutine would otherwise end the kernel
// with all its state. A goroutine stopped by an interrupt ends quietly.
func GoRecover(cell int64) {
	r := recover()
	if r == nil || r == Interrupted {
		return
	}
	buf := make([]byte, 64<<10)
	buf = buf[:runtime.Stack(buf, false)]
	if h := OnGoroutinePanic; h != nil {
		h(r, buf, cell)
		return
	}
	println("panic in a goroutine (the goroutine stopped; the kernel and its variables are intact)")
}

// ExitRequest is the panic value of Exit.
type ExitRequest struct{ Code int }

func (e ExitRequest) Error() string {
	return "os.Exit(" + strconv.Itoa(e.Code) + ") called: the kernel keeps running with its state intact; " +
		"to start afresh, restart the kernel (Kernel › Restart Kernel)"
}

// Exit replaces os.Exit in compiled cells: it ends the cell, not the
// kernel.
func Exit(code int) { panic(ExitRequest{code}) }

// Fatal replaces log.Fatal in compiled cells.
func Fatal(v ...any) { fatal(Sprint(v...)) }

// Fatalf replaces log.Fatalf in compiled cells.
func Fatalf(format string, v ...any) { fatal(Sprintf(format, v...)) }

// Fatalln replaces log.Fatalln in compiled cells.
func Fatalln(v ...any) { fatal(Sprintln(v...)) }

func fatal(s string) {
	if Log != nil {
		Log(3, s)
	}
	Exit(1)
}

// Values returns its arguments: a compiled cell returns the values of
// its final expression with Values(expr), which also takes the results
// of a call returning several values.
func Values(v ...any) []any { return v }

// Ptr returns a pointer to a copy of v, for reaching the fields of a
// value that is not addressable.
func Ptr[T any](v T) *T { return &v }
