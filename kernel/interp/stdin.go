// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"errors"
	"os"
	"sync"
	"time"

	"github.com/boltzbook/boltzbook/kernel/display"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// Standard input.
//
// At session start os.Stdin is replaced, once, by the read end of a
// pipe that the kernel feeds. A read of it — fmt.Scan*, a bufio.Reader
// or Scanner on os.Stdin, io.ReadAll, in interpreted or compiled code,
// on any goroutine — blocks in the read system call, which no Go hook
// can see; a watcher goroutine finds it instead: it looks for a thread
// whose current system call is a read of the pipe while the pipe is
// empty (/proc/self/task/*/syscall on Linux), asks the latest cell's
// publisher for a line (input_request on the stdin channel) and writes
// the answer, with a newline, into the pipe. Bytes the reader does not
// consume stay for the next read of the same cell, as on a terminal.
//
// When the front end does not allow input (allow_stdin false, as in
// `boltzbook run`), when the wait is interrupted, or when the kernel
// shuts down, the write end is closed: the read, and every later one in
// that cell, sees end of file, and the first refusal of a cell prints a
// one-line note on its stderr saying why. The next cell gets a fresh
// pipe (and so does one that starts while unread input is left over).
//
// Where reads cannot be seen (no /proc, other systems) os.Stdin is
// /dev/null and reads give end of file at once; display.Input and
// display.Password still ask the front end.

// The watcher looks for a blocked read stdinFastPoll after a cell
// starts or a read was served, then ever less often, up to every
// stdinSlowPoll: most cells read early or in a loop, and each look
// costs a wake-up (about 0.2 ms of CPU here), which at a steady 50 Hz
// would cost an idle kernel 2 % of a core.
const (
	stdinFastPoll = 20 * time.Millisecond
	stdinSlowPoll = 500 * time.Millisecond
)

// noInputNote is what a cell is told when it reads os.Stdin in a front
// end that does not accept input.
const noInputNote = "stdin: this front end does not accept input (allow_stdin is off), so reading os.Stdin gives end of file\n"

// stdinPipe feeds os.Stdin.
type stdinPipe struct {
	cap  *capture
	orig *os.File // os.Stdin before the session
	null *os.File // when reads cannot be detected

	mu    sync.Mutex
	r, w  *os.File          // the current pipe; w is nil once closed
	wake  chan struct{}     // a cell started: poll fast again
	pub   jupyter.Publisher // the latest cell's publisher
	noted jupyter.Publisher // the cell already told why it got EOF
	stop  chan struct{}
	done  chan struct{}
}

// startStdin swaps os.Stdin for a pipe fed on demand, or for /dev/null
// where reads cannot be detected. It returns nil if neither works
// (os.Stdin is then left alone).
func startStdin(c *capture) *stdinPipe {
	s := &stdinPipe{cap: c, orig: os.Stdin, wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	if canDetectReads() {
		if r, w, err := newStdinPipe(); err == nil {
			s.r, s.w = r, w
			os.Stdin = r
			go s.watch()
			return s
		}
	}
	close(s.done)
	null, err := os.Open(os.DevNull)
	if err != nil {
		return nil
	}
	s.null = null
	os.Stdin = null
	return s
}

// newCell is called when a cell starts with its publisher: a cell
// whose predecessor got end of file, or left input unread, gets a
// fresh pipe.
func (s *stdinPipe) newCell(pub jupyter.Publisher) {
	if s == nil || pub == nil || s.null != nil {
		return
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pub = pub
	if s.w != nil && pendingBytes(s.r) == 0 {
		return
	}
	r, w, err := newStdinPipe()
	if err != nil {
		return // keep the old one
	}
	if s.w != nil {
		s.w.Close() // a reader of the old pipe gets what is left, then EOF
	}
	// The old read end is not closed: a reader of an earlier cell may
	// still hold it, and sees EOF; the finalizer closes it.
	if os.Stdin == s.r { // unless a cell put a file of its own there
		os.Stdin = r
	}
	s.r, s.w = r, w
}

// close restores os.Stdin.
func (s *stdinPipe) close() {
	if s == nil {
		return
	}
	if s.null != nil {
		if os.Stdin == s.null {
			os.Stdin = s.orig
		}
		s.null.Close()
		return
	}
	close(s.stop)
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	if os.Stdin == s.r {
		os.Stdin = s.orig
	}
	if s.w != nil {
		s.w.Close()
		s.w = nil
	}
}

// watch looks for blocked reads of the pipe and serves them, one at a
// time, until close.
func (s *stdinPipe) watch() {
	defer close(s.done)
	interval := stdinFastPoll
	t := time.NewTimer(interval)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-s.wake:
			interval = stdinFastPoll
			t.Reset(interval) // Go ≥ 1.23: no stale tick survives a Reset
			continue
		case <-t.C:
		}
		s.mu.Lock()
		r, w, pub := s.r, s.w, s.pub
		s.mu.Unlock()
		if w != nil && readerWaiting(r) && pendingBytes(r) == 0 {
			s.serve(r, w, pub)
			interval = stdinFastPoll
		} else {
			interval = min(2*interval, stdinSlowPoll)
		}
		t.Reset(interval)
	}
}

// serve asks pub for a line for the reader blocked on r and writes it
// to w, or closes w so that the reader sees end of file.
func (s *stdinPipe) serve(r, w *os.File, pub jupyter.Publisher) {
	var line string
	err := errNoCell
	if pub != nil {
		// What the cell printed (a prompt, typically) goes out first.
		s.cap.flush(flushTimeout)
		line, err = pub.Input("", false)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.w != w {
		return // a new cell replaced the pipe meanwhile
	}
	if err == nil {
		if _, werr := w.WriteString(line + "\n"); werr == nil {
			return
		}
	}
	if errors.Is(err, jupyter.ErrStdinNotAllowed) && pub != nil && s.noted != pub {
		s.noted = pub
		pub.Stream("stderr", noInputNote)
	}
	w.Close()
	s.w = nil
}

var errNoCell = errors.New("interp: no cell to ask for input")

// Input asks the latest cell's front end for a line, for display.Input
// and display.Password (the session's display sink).
func (k sessionSink) Input(prompt string, password bool) (string, error) {
	pub := k.s.out.cellPublisher()
	if pub == nil {
		return "", display.ErrInputNotAllowed
	}
	k.s.out.flush(flushTimeout)
	line, err := pub.Input(prompt, password)
	switch {
	case errors.Is(err, jupyter.ErrStdinNotAllowed):
		return "", display.ErrInputNotAllowed
	case errors.Is(err, jupyter.ErrInputInterrupted):
		return "", display.ErrInputInterrupted
	}
	return line, err
}
