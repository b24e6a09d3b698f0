// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"fmt"
	"os"
	"sync"

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
func attachComms(s *Session) { commPrev = comm.SetTransport(commTransport{s}) }

func detachComms() { comm.SetTransport(commPrev) }

type commTransport struct{ s *Session }

func (t commTransport) SendComm(msgType string, content, metadata map[string]any, buffers [][]byte) error {
	commParent.mu.Lock()
	pub := commParent.pub
	commParent.mu.Unlock()
	if pub == nil {
		pub = t.s.out.publisher()
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

// commCall runs a callback on the session goroutine with pub as the
// parent of what it sends. A panic in it is reported on the notebook's
// stderr; the kernel goes on.
func (s *Session) commCall(pub jupyter.Publisher, what string, f func()) {
	s.do(func() {
		commParent.mu.Lock()
		commParent.pub = pub
		commParent.mu.Unlock()
		defer func() {
			commParent.mu.Lock()
			commParent.pub = nil
			commParent.mu.Unlock()
			if r := recover(); r != nil {
				fmt.Fprintf(os.Stderr, "comm: the callback for a %s panicked: %v\n", what, r)
			}
		}()
		f()
	})
	s.out.flush(flushTimeout)
}
