// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"runtime"
	"sync"
)

// cdWorkers is the number of goroutines that help with elementwise
// work besides the caller's; negative means one per extra core.
var cdWorkers = -1

// cdPool runs a job's parts on the caller's goroutine and a few
// helpers, without allocating.
type cdPool struct {
	parts, helpers int
	work           chan int
	wg             sync.WaitGroup
	fn             func(part int)
}

// newCDPool returns a pool for cdParts parts with one helper per extra
// core (or cdWorkers).
func newCDPool() *cdPool {
	n := cdWorkers
	if n < 0 {
		n = runtime.GOMAXPROCS(0) - 1
	}
	return newCDPoolOf(cdParts, n)
}

// newCDPoolOf returns a pool for the given number of parts with up to
// helpers helper goroutines.
func newCDPoolOf(parts, helpers int) *cdPool {
	n := min(helpers, parts-1)
	p := &cdPool{parts: parts, helpers: n, work: make(chan int, parts)}
	for i := 0; i < n; i++ {
		go func() {
			for part := range p.work {
				p.fn(part)
				p.wg.Done()
			}
		}()
	}
	return p
}

// run calls fn(part) for every part and returns when all are done.
func (p *cdPool) run(fn func(part int)) {
	p.fn = fn
	p.wg.Add(p.parts)
	for i := 0; i < p.parts; i++ {
		p.work <- i
	}
	for done := false; !done; {
		select {
		case part := <-p.work:
			fn(part)
			p.wg.Done()
		default:
			done = true
		}
	}
	p.wg.Wait()
}

func (p *cdPool) close() { close(p.work) }
