// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package comm

import (
	"fmt"
	"io"
	"os"
	"sync"
)

// The kernel's cycle, for libraries built on comms (kernel/widgets).
//
// A library registers hooks that the kernel calls on the goroutine
// where cells and callbacks run: CellStart before each cell, with a key
// naming the cell, so that a cell run again can close what its earlier
// run opened; CellEnd after each cell, so that state a cell changed can
// go to the front end. Post schedules work for "after the messages that
// have already arrived", which is how a library coalesces a burst of
// updates into one redraw.

var (
	hookMu     sync.Mutex
	cellStarts []func(key string)
	cellEnds   []func()
	poster     func(f func())
	logOut     io.Writer
)

// OnCellStart registers f, called by the kernel before each cell runs
// with a key naming the cell: the front end's cell id when it sends
// one, otherwise a digest of the cell's code.
func OnCellStart(f func(key string)) {
	hookMu.Lock()
	defer hookMu.Unlock()
	cellStarts = append(cellStarts, f)
}

// OnCellEnd registers f, called by the kernel after each cell, on the
// goroutine that ran it, before the cell's reply.
func OnCellEnd(f func()) {
	hookMu.Lock()
	defer hookMu.Unlock()
	cellEnds = append(cellEnds, f)
}

// CellStarting runs the OnCellStart functions. The kernel calls it.
func CellStarting(key string) {
	hookMu.Lock()
	fs := append([]func(string){}, cellStarts...)
	hookMu.Unlock()
	for _, f := range fs {
		f(key)
	}
}

// CellEnded runs the OnCellEnd functions. The kernel calls it.
func CellEnded() {
	hookMu.Lock()
	fs := append([]func(){}, cellEnds...)
	hookMu.Unlock()
	for _, f := range fs {
		f()
	}
}

// SetPoster installs the function that runs Post's work; the kernel
// installs one that runs it on the callback goroutine once no message
// is waiting. nil restores the default (run at once).
func SetPoster(p func(f func())) (previous func(f func())) {
	hookMu.Lock()
	defer hookMu.Unlock()
	previous, poster = poster, p
	return previous
}

// Post runs f where callbacks run, after the comm messages that have
// already arrived have been handled and never while a cell runs. A
// library that redraws on every update posts the redraw and draws the
// latest values when it runs, so a burst of updates costs one redraw.
// Without a kernel, f runs at once.
func Post(f func()) {
	hookMu.Lock()
	p := poster
	hookMu.Unlock()
	if p == nil {
		f()
		return
	}
	p(f)
}

// SetLogOutput sends Logf's lines to w (nil: the process's stderr at
// the time of the call). The kernel points it at its own log, so that
// bad messages from a front end never clutter the notebook.
func SetLogOutput(w io.Writer) (previous io.Writer) {
	hookMu.Lock()
	defer hookMu.Unlock()
	previous, logOut = logOut, w
	return previous
}

// Logf writes a line to the kernel's log: for messages that are
// dropped (unknown comm ids, malformed state), which concern whoever
// debugs a front end, not the notebook's reader.
func Logf(format string, args ...any) {
	hookMu.Lock()
	w := logOut
	hookMu.Unlock()
	if w == nil {
		w = os.Stderr
	}
	fmt.Fprintf(w, "comm: "+format+"\n", args...)
}

var interruptCheck func() bool

// SetInterruptCheck installs the function behind Interrupted; the
// kernel installs one.
func SetInterruptCheck(f func() bool) (previous func() bool) {
	hookMu.Lock()
	defer hookMu.Unlock()
	previous, interruptCheck = interruptCheck, f
	return previous
}

// Interrupted reports whether the cell or callback running now has
// been interrupted (Kernel › Interrupt): a library that recovers a
// panic in a callback uses it to say "interrupted" rather than show the
// panic.
func Interrupted() bool {
	hookMu.Lock()
	f := interruptCheck
	hookMu.Unlock()
	return f != nil && f()
}
