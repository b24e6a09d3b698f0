// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import "sync"

// Lazy returns an Interpreter that is built by start in the background,
// so that an expensive start (loading packages) overlaps with binding
// the sockets and answering kernel_info, which uses info and never
// waits. Every other method waits until start has returned. If start
// fails, cells fail with an error that says why.
func Lazy(info KernelInfo, start func() (Interpreter, error)) Interpreter {
	l := &lazy{info: info, ready: make(chan struct{})}
	go func() {
		defer close(l.ready)
		l.interp, l.err = start()
		if l.err == nil && l.interp == nil {
			l.err = errNilInterpreter
		}
	}()
	return l
}

type lazy struct {
	info   KernelInfo
	ready  chan struct{}
	interp Interpreter
	err    error

	mu          sync.Mutex
	interrupted bool
}

type lazyError string

func (e lazyError) Error() string { return string(e) }

const errNilInterpreter = lazyError("the interpreter constructor returned nothing")

func (l *lazy) get() (Interpreter, error) {
	<-l.ready
	return l.interp, l.err
}

func (l *lazy) KernelInfo() KernelInfo { return l.info }

func (l *lazy) Execute(req ExecuteRequest, pub Publisher) ExecuteResult {
	in, err := l.get()
	if err != nil {
		msg := "the Go interpreter failed to start: " + err.Error()
		return ExecuteResult{Error: &ExecError{Name: "KernelStartError", Value: msg, Traceback: []string{"KernelStartError: " + msg}}}
	}
	return in.Execute(req, pub)
}

func (l *lazy) Complete(code string, cursor int) CompleteResult {
	in, err := l.get()
	if err != nil {
		return CompleteResult{CursorStart: cursor, CursorEnd: cursor}
	}
	return in.Complete(code, cursor)
}

func (l *lazy) Inspect(code string, cursor, detail int) InspectResult {
	in, err := l.get()
	if err != nil {
		return InspectResult{}
	}
	return in.Inspect(code, cursor, detail)
}

func (l *lazy) IsComplete(code string) IsCompleteResult {
	in, err := l.get()
	if err != nil {
		return IsCompleteResult{Status: "unknown"}
	}
	return in.IsComplete(code)
}

// Interrupt does nothing while the interpreter is still loading: no
// cell can be running then.
func (l *lazy) Interrupt() {
	select {
	case <-l.ready:
		if l.interp != nil {
			l.interp.Interrupt()
		}
	default:
	}
}

func (l *lazy) Shutdown(restart bool) {
	if in, err := l.get(); err == nil {
		in.Shutdown(restart)
	}
}

// CommOpen, CommMsg and CommClose forward to the interpreter when it
// handles comms; without one a comm_open is refused.
func (l *lazy) CommOpen(m CommMessage, pub Publisher) bool {
	if h, ok := l.commHandler(); ok {
		return h.CommOpen(m, pub)
	}
	return false
}

func (l *lazy) CommMsg(m CommMessage, pub Publisher) {
	if h, ok := l.commHandler(); ok {
		h.CommMsg(m, pub)
	}
}

func (l *lazy) CommClose(m CommMessage, pub Publisher) {
	if h, ok := l.commHandler(); ok {
		h.CommClose(m, pub)
	}
}

func (l *lazy) commHandler() (CommHandler, bool) {
	in, err := l.get()
	if err != nil {
		return nil, false
	}
	h, ok := in.(CommHandler)
	return h, ok
}
