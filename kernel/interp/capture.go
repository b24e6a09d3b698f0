// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/boltzbook/boltzbook/kernel/display"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// Output capture.
//
// At session start os.Stdout and os.Stderr are replaced, once, by the
// write ends of two pipes. Interpreted code sees the swap because gomacro
// binds os.Stdout by address, and compiled packages see it because they
// read the variable when they print. A reader goroutine per pipe hands
// what arrives to a sender goroutine, which forwards it as stream
// messages to the publisher of the latest cell, so output streams while
// a cell runs and output written later by its goroutines still arrives.
//
// To know that everything a cell printed has been forwarded, flush
// writes a unique marker into each pipe and waits until the reader has
// met it and the sender has published what came before.

const (
	// markerPrefix starts a flush marker; NUL bytes keep it out of
	// anything people print.
	markerPrefix = "\x00bbflush:"
	// markerLen is the length of a whole marker: prefix, 16 hex digits, NUL.
	markerLen = len(markerPrefix) + 16 + 1
	// noisePrefix starts the warnings gomacro prints for each generic
	// declaration it skips when importing a package.
	noisePrefix = "// warning: skipping import of "
	// coalesce is how long the sender gathers bursty output into one message.
	coalesce = 20 * time.Millisecond
)

// capture owns the two pipes and knows the current publisher.
type capture struct {
	origStdout, origStderr *os.File
	stdin                  *stdinPipe // see stdin.go
	stdout, stderr         *stream

	mu   sync.Mutex
	pub  jupyter.Publisher
	over []*redirected // display.Redirect's destinations, innermost last
}

// startCapture swaps os.Stdout and os.Stderr for pipes.
func startCapture() (*capture, error) {
	c := &capture{origStdout: os.Stdout, origStderr: os.Stderr}
	var err error
	if c.stdout, err = c.newStream("stdout"); err != nil {
		return nil, err
	}
	if c.stderr, err = c.newStream("stderr"); err != nil {
		c.stdout.w.Close()
		return nil, err
	}
	os.Stdout, os.Stderr = c.stdout.w, c.stderr.w
	c.stdin = startStdin(c)
	return c, nil
}

// stop restores the original files and closes the pipes.
func (c *capture) stop() {
	if os.Stdout == c.stdout.w {
		os.Stdout = c.origStdout
	}
	if os.Stderr == c.stderr.w {
		os.Stderr = c.origStderr
	}
	c.stdin.close()
	c.stdout.close()
	c.stderr.close()
}

// setPublisher makes pub the destination of all later output.
func (c *capture) setPublisher(pub jupyter.Publisher) {
	c.mu.Lock()
	c.pub = pub
	c.mu.Unlock()
	c.stdin.newCell(pub)
}

// publisher returns where output goes now: the innermost redirection,
// or else the latest cell's publisher.
func (c *capture) publisher() jupyter.Publisher {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := len(c.over); n > 0 {
		return c.over[n-1]
	}
	return c.pub
}

// cellPublisher returns the latest cell's publisher, whatever the
// redirections.
func (c *capture) cellPublisher() jupyter.Publisher {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pub
}

// redirected is a display.Redirect destination seen as a Publisher.
type redirected struct{ s display.StreamSink }

func (r *redirected) Stream(name, text string) { r.s.Stream(name, text) }
func (r *redirected) Display(data jupyter.MIMEBundle, metadata, transient map[string]any, update bool) {
	r.s.Display(data, metadata, transient, update)
}
func (r *redirected) ClearOutput(wait bool) { r.s.ClearOutput(wait) }
func (r *redirected) Input(prompt string, password bool) (string, error) {
	return "", jupyter.ErrStdinNotAllowed
}

// redirect implements display.Redirect: once what was printed before
// has gone to the old destination, output goes to dst; the returned
// function undoes it the same way.
func (s *Session) redirect(dst display.StreamSink) (restore func()) {
	c := s.out
	c.flush(flushTimeout)
	r := &redirected{dst}
	c.mu.Lock()
	c.over = append(c.over, r)
	c.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			c.flush(flushTimeout)
			c.mu.Lock()
			defer c.mu.Unlock()
			for i := len(c.over) - 1; i >= 0; i-- {
				if c.over[i] == r {
					c.over = append(c.over[:i], c.over[i+1:]...)
					break
				}
			}
		})
	}
}

// flush returns once everything written to both pipes before the call
// has been published, or after timeout.
func (c *capture) flush(timeout time.Duration) {
	a, b := c.stdout.mark(), c.stderr.mark()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for _, done := range []<-chan struct{}{a, b} {
		select {
		case <-done:
		case <-deadline.C:
			return
		}
	}
}

// stream is one captured pipe.
type stream struct {
	name string
	cap  *capture
	r, w *os.File

	mu      sync.Mutex
	midLine bool                     // the text so far does not end in a newline
	pending []byte                   // read, not yet published
	acks    []chan struct{}          // flushes satisfied once pending is published
	waiting map[uint64]chan struct{} // flushes whose marker has not been read yet
	next    uint64                   // id of the next marker
	wake    chan struct{}            // tells the sender there is work
	urgent  chan struct{}            // tells the sender to stop gathering
	done    chan struct{}            // closed when the sender has exited
	closed  bool
}

func (c *capture) newStream(name string) (*stream, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("interp: cannot capture %s: %w", name, err)
	}
	s := &stream{
		name: name, cap: c, r: r, w: w,
		waiting: make(map[uint64]chan struct{}),
		wake:    make(chan struct{}, 1),
		urgent:  make(chan struct{}, 1),
		done:    make(chan struct{}),
	}
	go s.read()
	go s.send()
	return s, nil
}

// mark writes a flush marker and returns a channel closed once the
// marker has gone through.
func (s *stream) mark() <-chan struct{} {
	done := make(chan struct{})
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		close(done)
		return done
	}
	id := s.next
	s.next++
	s.waiting[id] = done
	s.mu.Unlock()
	// One write of less than PIPE_BUF bytes: never interleaved with
	// other writers.
	if _, err := fmt.Fprintf(s.w, "%s%016x\x00", markerPrefix, id); err != nil {
		s.mu.Lock()
		delete(s.waiting, id)
		s.mu.Unlock()
		close(done)
	}
	return done
}

// read moves data from the pipe to pending, taking out flush markers,
// gomacro's noise and incomplete UTF-8 at the end of a read.
func (s *stream) read() {
	buf := make([]byte, 32<<10)
	var carry []byte
	for {
		n, err := s.r.Read(buf)
		if n > 0 {
			data := append(carry, buf[:n]...)
			carry = s.scan(data)
		}
		if err != nil {
			s.mu.Lock()
			s.pending = append(s.pending, carry...)
			s.closed = true
			for id, ch := range s.waiting {
				s.acks = append(s.acks, ch)
				delete(s.waiting, id)
			}
			s.mu.Unlock()
			s.signal(s.urgent)
			s.signal(s.wake)
			close(s.wake)
			return
		}
	}
}

// scan handles one read's worth of data and returns the bytes to keep
// for the next read.
func (s *stream) scan(data []byte) (carry []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	urgent := false
	for {
		i := bytes.Index(data, []byte(markerPrefix))
		if i < 0 || len(data) < i+markerLen {
			break
		}
		s.appendText(data[:i])
		id, err := strconv.ParseUint(string(data[i+len(markerPrefix):i+markerLen-1]), 16, 64)
		if ch, ok := s.waiting[id]; ok && err == nil {
			s.acks = append(s.acks, ch)
			delete(s.waiting, id)
			urgent = true
		}
		data = data[i+markerLen:]
	}
	keep := incompleteTail(data)
	s.appendText(data[:len(data)-keep])
	carry = append([]byte(nil), data[len(data)-keep:]...)
	if urgent {
		s.signal(s.urgent)
	}
	s.signal(s.wake)
	return carry
}

// appendText adds text to pending without gomacro's import warnings,
// which are whole lines starting with noisePrefix. Called with s.mu held.
func (s *stream) appendText(text []byte) {
	for from := 0; ; {
		i := bytes.Index(text[from:], []byte(noisePrefix))
		if i < 0 {
			break
		}
		i += from
		end := bytes.IndexByte(text[i:], '\n')
		atLineStart := (i == 0 && !s.midLine) || (i > 0 && text[i-1] == '\n')
		if end < 0 || !atLineStart {
			from = i + 1 // not a whole warning line: keep it
			continue
		}
		s.pending = append(s.pending, text[:i]...)
		if i > 0 {
			s.midLine = false // text[i-1] is a newline
		}
		text, from = text[i+end+1:], 0
	}
	s.pending = append(s.pending, text...)
	if len(text) > 0 {
		s.midLine = text[len(text)-1] != '\n'
	}
}

// incompleteTail returns how many bytes at the end of data must wait for
// the next read: the start of a flush marker or of a warning line, or a
// UTF-8 character cut short by the read.
func incompleteTail(data []byte) int {
	keep := 0
	for _, p := range []string{markerPrefix, noisePrefix} {
		for k := min(len(p), len(data)); k > keep; k-- {
			if bytes.HasPrefix([]byte(p), data[len(data)-k:]) {
				keep = k
				break
			}
		}
	}
	// scan has taken every whole marker out, so one left is unfinished.
	if i := bytes.LastIndex(data, []byte(markerPrefix)); i >= 0 {
		keep = max(keep, len(data)-i)
	}
	if i := bytes.LastIndex(data, []byte(noisePrefix)); i >= 0 && (i == 0 || data[i-1] == '\n') &&
		bytes.IndexByte(data[i:], '\n') < 0 {
		keep = max(keep, len(data)-i)
	}
	if keep == 0 {
		for k := 1; k <= utf8.UTFMax && k <= len(data); k++ {
			if b := data[len(data)-k]; utf8.RuneStart(b) {
				if !utf8.FullRune(data[len(data)-k:]) {
					keep = k
				}
				break
			}
		}
	}
	return keep
}

func (s *stream) signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// send publishes pending text, gathering bursts for up to coalesce so
// that a tight print loop does not become thousands of messages.
func (s *stream) send() {
	defer close(s.done)
	for range s.wake {
		s.mu.Lock()
		text, acks := s.pending, s.acks
		s.pending, s.acks = nil, nil
		s.mu.Unlock()
		if len(text) > 0 {
			s.publish(string(text))
		}
		for _, ch := range acks {
			close(ch)
		}
		if len(text) > 0 && len(acks) == 0 {
			t := time.NewTimer(coalesce)
			select {
			case <-t.C:
			case <-s.urgent:
				t.Stop()
			}
		}
	}
}

// publish sends text to the current publisher, or to the original file
// when no cell has run yet.
func (s *stream) publish(text string) {
	if pub := s.cap.publisher(); pub != nil {
		pub.Stream(s.name, text)
		return
	}
	orig := s.cap.origStderr
	if s.name == "stdout" {
		orig = s.cap.origStdout
	}
	orig.WriteString(text)
}

// close shuts the pipe and waits for what was written to be published.
func (s *stream) close() {
	s.w.Close()
	<-s.done
	s.r.Close()
}
