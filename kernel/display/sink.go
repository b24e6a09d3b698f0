// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package display

import (
	"fmt"
	"os"
	"sync"
)

// Sink receives the outputs of this package. The boltzbook kernel
// installs one that forwards to the running cell; data, metadata and
// transient are the fields of a Jupyter display_data (or, when update
// is set, update_display_data) message.
type Sink interface {
	Display(data, metadata, transient map[string]any, update bool)
	ClearOutput(wait bool)
}

var (
	sinkMu sync.RWMutex
	sink   Sink
)

// SetSink attaches s as the destination of every output and returns the
// previous one. A nil s detaches, so that outputs print as text.
func SetSink(s Sink) (previous Sink) {
	sinkMu.Lock()
	defer sinkMu.Unlock()
	previous, sink = sink, s
	return previous
}

func currentSink() Sink {
	sinkMu.RLock()
	defer sinkMu.RUnlock()
	return sink
}

// send delivers a bundle to the sink, or prints its text when there is none.
func send(data, metadata, transient map[string]any, update bool) {
	if s := currentSink(); s != nil {
		s.Display(data, metadata, transient, update)
		return
	}
	if text, ok := data[MIMEText].(string); ok {
		fmt.Fprintln(os.Stdout, text)
	}
}

// ClearOutput clears the output of the running cell. With wait set, the
// front end clears only when the next output arrives, which avoids
// flicker in animations.
func ClearOutput(wait bool) {
	if s := currentSink(); s != nil {
		s.ClearOutput(wait)
	}
}

// StreamSink is a Sink that also takes text: what code prints to
// os.Stdout ("stdout") and os.Stderr ("stderr") while it is the
// destination of Redirect.
type StreamSink interface {
	Sink
	Stream(name, text string)
}

// Redirector is what the kernel installs with SetRedirector: it makes
// s the destination of every output and of printed text, and returns
// the function that undoes it once everything printed before has
// reached s.
type Redirector func(s StreamSink) (restore func())

var redirector Redirector

// SetRedirector installs r, used by Redirect, and returns the previous
// one. The boltzbook kernel installs one; nil restores the default.
func SetRedirector(r Redirector) (previous Redirector) {
	sinkMu.Lock()
	defer sinkMu.Unlock()
	previous, redirector = redirector, r
	return previous
}

// Redirect sends every output of this package — and, in the kernel,
// everything printed to os.Stdout and os.Stderr — to s until the
// returned function is called. Calls nest: restore returns to the
// destination before. Widgets' Output areas capture with it. Outside
// the kernel only this package's outputs move; printed text stays
// where it was.
func Redirect(s StreamSink) (restore func()) {
	sinkMu.RLock()
	r := redirector
	sinkMu.RUnlock()
	if r != nil {
		return r(s)
	}
	prev := SetSink(s)
	return func() { SetSink(prev) }
}
