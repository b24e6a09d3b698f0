// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package cellrt

import (
	"sync"
	"sync/atomic"
	"time"
)

// Interrupted is the panic value with which compiled cell code stops
// after Stop. The kernel recovers it and reports the cell as interrupted.
var Interrupted = &interruption{}

type interruption struct{}

func (*interruption) Error() string { return "interrupted" }

var (
	stopping atomic.Int32
	stopMu   sync.Mutex
	stopCh   = make(chan struct{})
)

// Stop makes every later Poll, and every channel operation that waits
// through this package, panic with Interrupted, until Resume.
func Stop() {
	stopMu.Lock()
	defer stopMu.Unlock()
	if stopping.Load() == 0 {
		stopping.Store(1)
		close(stopCh)
	}
}

// Resume undoes Stop. The kernel calls it before each cell.
func Resume() {
	stopMu.Lock()
	defer stopMu.Unlock()
	if stopping.Load() != 0 {
		stopping.Store(0)
		stopCh = make(chan struct{})
	}
}

// Stopping reports whether Stop has been called since the last Resume.
func Stopping() bool { return stopping.Load() != 0 }

// Poll panics with Interrupted when the kernel has asked cells to stop.
// The kernel puts a call at the top of every loop body of a compiled
// cell; it costs one load and a branch.
func Poll() {
	if stopping.Load() != 0 {
		Abort()
	}
}

// Abort panics with Interrupted.
func Abort() { panic(Interrupted) }

// Stopped returns a channel that is closed when the kernel asks cells to
// stop. The kernel adds a case receiving from it to every select.
func Stopped() <-chan struct{} {
	stopMu.Lock()
	defer stopMu.Unlock()
	return stopCh
}

// Recv receives from ch, as <-ch does, unless the cell is interrupted.
func Recv[T any](ch <-chan T) T {
	select {
	case v := <-ch:
		return v
	default:
	}
	select {
	case v := <-ch:
		return v
	case <-Stopped():
		panic(Interrupted)
	}
}

// Recv2 receives from ch, as v, ok := <-ch does, unless the cell is
// interrupted.
func Recv2[T any](ch <-chan T) (T, bool) {
	select {
	case v, ok := <-ch:
		return v, ok
	default:
	}
	select {
	case v, ok := <-ch:
		return v, ok
	case <-Stopped():
		panic(Interrupted)
	}
}

// Send sends v on ch, as ch <- v does, unless the cell is interrupted.
func Send[T any](ch chan<- T, v T) {
	select {
	case ch <- v:
		return
	default:
	}
	select {
	case ch <- v:
	case <-Stopped():
		panic(Interrupted)
	}
}

// RangeChan yields the values received from ch until it is closed, as
// ranging over ch does, unless the cell is interrupted.
func RangeChan[T any](ch <-chan T) func(yield func(T) bool) {
	return func(yield func(T) bool) {
		for {
			v, ok := Recv2(ch)
			if !ok || !yield(v) {
				return
			}
		}
	}
}

// Sleep pauses for d, as time.Sleep does, unless the cell is interrupted.
func Sleep(d time.Duration) {
	if d <= 0 {
		Poll()
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-Stopped():
		panic(Interrupted)
	}
}
