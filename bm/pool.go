// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// cdWorkers is the number of goroutines that help with elementwise
// work besides the caller's; negative means one per extra core.
var cdWorkers = -1

// poolSpin is how long a pool goroutine polls for work, or for the
// other parts of a job to finish, before it blocks. A CD step hands
// out four jobs a few hundred microseconds apart, and waking a parked
// goroutine costs tens of microseconds each time; polling bridges the
// gaps, and the bound keeps an idle pool from holding a core.
const poolSpin = 100 * time.Microsecond

// cdPool runs a job's parts on the caller's goroutine and a few
// helpers, without allocating.
type cdPool struct {
	parts, helpers int
	work           chan int
	wg             sync.WaitGroup
	left           atomic.Int32 // parts of the current job not yet done
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
		go p.help()
	}
	return p
}

// help runs parts until the pool is closed.
func (p *cdPool) help() {
	for {
		part, ok := p.receive()
		if !ok {
			return
		}
		p.fn(part)
		p.left.Add(-1)
		p.wg.Done()
	}
}

// receive returns the next part to run, polling for up to poolSpin
// before it blocks; ok is false when the pool is closed.
func (p *cdPool) receive() (part int, ok bool) {
	start := time.Now()
	for i := 0; ; i++ {
		select {
		case part, ok := <-p.work:
			return part, ok
		default:
		}
		if i%16 == 15 && time.Since(start) > poolSpin {
			break
		}
		runtime.Gosched()
	}
	part, ok = <-p.work
	return part, ok
}

// run calls fn(part) for every part and returns when all are done.
func (p *cdPool) run(fn func(part int)) {
	p.fn = fn
	p.left.Store(int32(p.parts))
	p.wg.Add(p.parts)
	for i := 0; i < p.parts; i++ {
		p.work <- i
	}
	for done := false; !done; {
		select {
		case part := <-p.work:
			fn(part)
			p.left.Add(-1)
			p.wg.Done()
		default:
			done = true
		}
	}
	// The helpers' parts are usually nearly done: poll before parking.
	start := time.Now()
	for i := 0; p.left.Load() > 0; i++ {
		if i%16 == 15 && time.Since(start) > poolSpin {
			break
		}
		runtime.Gosched()
	}
	p.wg.Wait()
}

func (p *cdPool) close() { close(p.work) }
