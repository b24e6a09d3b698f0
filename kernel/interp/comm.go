// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/boltzbook/boltzbook/kernel/cellrt"

	"github.com/boltzbook/boltzbook/kernel/comm"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// Comms.
//
// kernel/comm keeps the comms and targets of cells; the session drives
// it. Messages from the front end come from the protocol side on the
// shell goroutine (never while a cell runs) and are delivered on the
// session goroutine, where cells run, through s.do: a callback runs
// between cells, alone, and may use interpreted closures and the
// notebook's variables like a cell. Comm messages that cells and
// callbacks send go out through the publisher of the message being
// handled, or else of the latest cell.

var _ jupyter.CommHandler = (*Session)(nil)

// commParent is the publisher of the comm message whose callback is
// running, if any. There is one Session per process.
var commParent struct {
	mu  sync.Mutex
	pub jupyter.Publisher
}

// commPrev is the transport attachComms replaced.
var commPrev comm.Transport

// attachComms makes the session kernel/comm's way to the front end
// (New calls it); detachComms restores what was there (Shutdown).
func attachComms(s *Session) {
	commPrev = comm.SetTransport(commTransport{s})
	s.posts.wake = make(chan struct{}, 1)
	s.posts.stop = make(chan struct{})
	go s.runPosts()
	comm.SetPoster(s.post)
	comm.SetInterruptCheck(s.interrupted)
	comm.SetLogOutput(s.out.origStderr)
}

func detachComms(s *Session) {
	comm.SetTransport(commPrev)
	comm.SetPoster(nil)
	comm.SetInterruptCheck(nil)
	comm.SetLogOutput(nil)
	close(s.posts.stop)
}

type commTransport struct{ s *Session }

func (t commTransport) SendComm(msgType string, content, metadata map[string]any, buffers [][]byte) error {
	commParent.mu.Lock()
	pub := commParent.pub
	commParent.mu.Unlock()
	if pub == nil {
		pub = t.s.out.cellPublisher()
	}
	cs, ok := pub.(jupyter.CommSender)
	if !ok {
		return comm.ErrNoFrontEnd
	}
	return cs.SendComm(msgType, content, metadata, buffers)
}

// CommOpen delivers a comm_open to kernel/comm's target.
func (s *Session) CommOpen(m jupyter.CommMessage, pub jupyter.Publisher) bool {
	var ok bool
	s.commCall(pub, "comm_open to "+m.Target, func() { ok = comm.DeliverOpen(m.ID, m.Target, m.Data, m.Buffers) })
	return ok
}

// CommMsg delivers a comm_msg to the comm's OnMsg callback.
func (s *Session) CommMsg(m jupyter.CommMessage, pub jupyter.Publisher) {
	s.commCall(pub, "comm_msg on "+m.Target, func() { comm.DeliverMsg(m.ID, m.Data, m.Buffers) })
}

// CommClose delivers a comm_close to the comm's OnClose callback.
func (s *Session) CommClose(m jupyter.CommMessage, pub jupyter.Publisher) {
	s.commCall(pub, "comm_close on "+m.Target, func() { comm.DeliverClose(m.ID, m.Data) })
}

// commCall runs a callback with pub as the parent of what it sends
// (see callback).
func (s *Session) commCall(pub jupyter.Publisher, what string, f func()) {
	s.callback(pub, what, f)
}

// callback runs f on the session goroutine, between cells, with pub
// (nil: the latest cell's) as the parent of the comm messages it sends.
// It runs as a cell does as far as interrupts go: it has a context of
// its own (bm trainers and time.Sleep see it), compiled code in it
// stops at cellrt's checks, interpreted code at gomacro's, and one that
// is still blocked 0.8 s after the interrupt is abandoned with its
// goroutine (abandon.go). A panic in f is reported on the notebook's
// stderr; the kernel goes on.
func (s *Session) callback(pub jupyter.Publisher, what string, f func()) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.mu.Lock()
	s.cbCount++
	serial := s.cbCount
	s.cbRunning, s.cbCancel, s.cbCtx = serial, cancel, ctx
	prevCtx := s.cellCtx
	s.cellCtx = ctx
	s.mu.Unlock()
	abandoned := s.doCell(ctx, func() {
		commParent.mu.Lock()
		commParent.pub = pub
		commParent.mu.Unlock()
		defer func() {
			commParent.mu.Lock()
			commParent.pub = nil
			commParent.mu.Unlock()
			if r := recover(); r != nil {
				if ctx.Err() != nil {
					fmt.Fprintf(os.Stderr, "comm: the callback for a %s was interrupted\n", what)
					return
				}
				fmt.Fprintf(os.Stderr, "comm: the callback for a %s panicked: %v\n", what, r)
			}
		}()
		cellrt.Resume() // an earlier interrupt must not stop this callback
		f()
	})
	s.mu.Lock()
	if s.cbRunning == serial {
		s.cbRunning, s.cbCancel, s.cbCtx = 0, nil, nil
	}
	if s.cellCtx == ctx {
		s.cellCtx = prevCtx
	}
	s.mu.Unlock()
	if abandoned {
		fmt.Fprintf(os.Stderr, "comm: the callback for a %s was interrupted while blocked in a call that cannot be stopped; it was abandoned\n", what)
	}
	s.out.flush(flushTimeout)
}

// interruptCallback stops the running callback, if any, as Interrupt
// stops a cell, and reports whether there was one.
func (s *Session) interruptCallback() bool {
	s.mu.Lock()
	serial, cancel := s.cbRunning, s.cbCancel
	s.mu.Unlock()
	if serial == 0 {
		return false
	}
	cancel()
	cellrt.Stop()
	go func() {
		for {
			s.ir.Interrupt(nil)
			time.Sleep(50 * time.Millisecond)
			s.mu.Lock()
			running := s.cbRunning == serial
			s.mu.Unlock()
			if !running {
				return
			}
		}
	}()
	return true
}

// interrupted reports whether the running cell or callback has been
// interrupted, for comm.Interrupted.
func (s *Session) interrupted() bool {
	s.mu.Lock()
	ctx := s.cbCtx
	s.mu.Unlock()
	if ctx == nil {
		ctx = s.context()
	}
	return ctx.Err() != nil
}

// Posted work (comm.Post).
//
// postQuiet is how long the session must have been idle before posted
// work runs: long enough that a burst of comm messages queued on the
// shell socket is handled first (between two of them the session is
// idle for well under a millisecond), short enough not to be seen.
const postQuiet = 8 * time.Millisecond

type postQueue struct {
	mu    sync.Mutex
	tasks []func()
	wake  chan struct{}
	stop  chan struct{}
}

// post queues f and wakes the runner.
func (s *Session) post(f func()) {
	s.posts.mu.Lock()
	s.posts.tasks = append(s.posts.tasks, f)
	s.posts.mu.Unlock()
	select {
	case s.posts.wake <- struct{}{}:
	default:
	}
}

func (s *Session) nextPost() func() {
	s.posts.mu.Lock()
	defer s.posts.mu.Unlock()
	if len(s.posts.tasks) == 0 {
		return nil
	}
	f := s.posts.tasks[0]
	s.posts.tasks[0] = nil
	s.posts.tasks = s.posts.tasks[1:]
	return f
}

// runPosts runs posted work as callbacks, one at a time, each once the
// session has been idle for postQuiet, until Shutdown.
func (s *Session) runPosts() {
	for {
		select {
		case <-s.posts.wake:
		case <-s.posts.stop:
			return
		}
		for {
			if !s.waitQuiet() {
				return
			}
			f := s.nextPost()
			if f == nil {
				break
			}
			s.callback(nil, "posted function", f)
		}
	}
}

// waitQuiet returns once no cell or callback runs and none has for
// postQuiet; false at Shutdown.
func (s *Session) waitQuiet() bool {
	for {
		d := postQuiet
		if !s.busy.Load() {
			d = postQuiet - time.Duration(time.Now().UnixNano()-s.lastDone.Load())
		}
		if d <= 0 {
			return true
		}
		select {
		case <-time.After(d):
		case <-s.posts.stop:
			return false
		}
	}
}
