// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package cellrt

import (
	"fmt"
	"log"
	"os"
	"runtime/debug"
)

// GoRecover, deferred first in every goroutine a compiled cell starts,
// turns a panic into a report on the cell's stderr: an unrecovered
// panic in a goroutine would otherwise end the kernel with all its
// state. A goroutine stopped by an interrupt ends quietly.
func GoRecover() {
	r := recover()
	if r == nil || r == Interrupted {
		return
	}
	if h := OnGoroutinePanic; h != nil {
		h(r, debug.Stack())
		return
	}
	if e, ok := r.(ExitRequest); ok {
		fmt.Fprintf(os.Stderr, "os.Exit(%d) called in a goroutine: the goroutine stopped; the kernel keeps running\n", e.Code)
		return
	}
	fmt.Fprintf(os.Stderr, "panic in a goroutine: %v\n(the goroutine stopped; the kernel and its variables are intact)\n", r)
}

// OnGoroutinePanic, when set by the kernel, receives the panics of
// goroutines started by cells instead of stderr.
var OnGoroutinePanic func(r any, stack []byte)

// ExitRequest is the panic value of Exit.
type ExitRequest struct{ Code int }

func (e ExitRequest) Error() string {
	return fmt.Sprintf("os.Exit(%d) called: the kernel keeps running with its state intact; "+
		"to start afresh, restart the kernel (Kernel › Restart Kernel)", e.Code)
}

// Exit replaces os.Exit in compiled cells: it ends the cell, not the
// kernel.
func Exit(code int) { panic(ExitRequest{code}) }

// Fatal replaces log.Fatal in compiled cells.
func Fatal(v ...any) {
	log.Output(2, fmt.Sprint(v...))
	Exit(1)
}

// Fatalf replaces log.Fatalf in compiled cells.
func Fatalf(format string, v ...any) {
	log.Output(2, fmt.Sprintf(format, v...))
	Exit(1)
}

// Fatalln replaces log.Fatalln in compiled cells.
func Fatalln(v ...any) {
	log.Output(2, fmt.Sprintln(v...))
	Exit(1)
}

// Values returns its arguments: a compiled cell returns the values of
// its final expression with Values(expr), which also takes the results
// of a call returning several values.
func Values(v ...any) []any { return v }

// Ptr returns a pointer to a copy of v, for reaching the fields of a
// value that is not addressable.
func Ptr[T any](v T) *T { return &v }
