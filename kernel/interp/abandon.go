// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"context"
	"time"

	"github.com/boltzbook/boltzbook/kernel/gocell"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// abandonInterpretedAfter is how long an interrupted interpreted cell
// has to stop before the session leaves it behind.
const abandonInterpretedAfter = 800 * time.Millisecond

// doCell runs a cell's work on the session goroutine. When the cell is
// interrupted and still has not returned after a moment — gomacro
// blocked in a call it cannot leave, a sync wait or I/O — the session
// abandons that goroutine and its interpreter and goes on with new ones,
// bound to the same variables: with the compiled tier, every session
// variable lives outside the interpreter, so nothing is lost. (Without
// it, the interpreter holds the state, and the session waits.)
func (s *Session) doCell(ctx context.Context, f func()) (abandoned bool) {
	work := s.workChan()
	done := s.send(f)
	select {
	case <-done:
		return false
	case <-ctx.Done():
	}
	if s.tiers.engine == nil {
		<-done
		return false
	}
	t := time.NewTimer(abandonInterpretedAfter)
	defer t.Stop()
	select {
	case <-done:
		return false
	case <-t.C:
	}
	s.replaceInterp(work)
	return true
}

// replaceInterp leaves the goroutine of work and its interpreter behind
// (the goroutine ends once its cell returns, if ever) and starts new
// ones with the session's imports and declarations.
func (s *Session) replaceInterp(work chan func()) {
	s.mu.Lock()
	if s.work != work {
		s.mu.Unlock()
		return
	}
	close(work)
	s.work = make(chan func())
	s.abandoned++
	s.mu.Unlock()
	go s.loop(s.workChan())
	s.do(func() {
		s.initInterp()
		s.tiers.imported = map[string]string{}
		s.tiers.bound = map[*gocell.Object]bool{}
		s.syncImports()
		s.bindObjects(func(*gocell.Object) bool { return true })
	})
}

func abandonedError() *jupyter.ExecError {
	const msg = "the cell was interrupted while blocked in a call that cannot be stopped " +
		"(a sync wait, I/O, or a library call); it was abandoned and may finish later in the background. " +
		"Variables keep their values."
	return &jupyter.ExecError{Name: "Interrupted", Value: msg, Traceback: []string{"Interrupted: " + msg}}
}
