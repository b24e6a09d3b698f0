// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package comm

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"sync"
)

// ErrNoFrontEnd is returned when no front end is attached (a plain Go
// program, or a front end without comms such as a headless run).
var ErrNoFrontEnd = errors.New("comm: no front end attached")

// ErrClosed is returned by Send and Close on a closed comm.
var ErrClosed = errors.New("comm: the comm is closed")

// Handler is called with the data and buffers of a message: the
// comm_open of a comm the front end opened (RegisterTarget) or a
// comm_msg (OnMsg).
type Handler func(c *Comm, data map[string]any, buffers [][]byte)

// CloseHandler is called when the front end closes a comm, with the
// data of its comm_close.
type CloseHandler func(c *Comm, data map[string]any)

// Transport carries messages to the front end; the kernel installs one
// with SetTransport. msgType is "comm_open", "comm_msg" or
// "comm_close"; content holds comm_id, data and, for comm_open,
// target_name.
type Transport interface {
	SendComm(msgType string, content, metadata map[string]any, buffers [][]byte) error
}

// Comm is one open comm.
type Comm struct {
	id, target string

	mu      sync.Mutex
	closed  bool
	onMsg   Handler
	onClose CloseHandler
}

var (
	mu        sync.Mutex
	transport Transport
	targets   = map[string]Handler{}
	comms     = map[string]*Comm{}
)

// SetTransport attaches t as the way to the front end and returns the
// previous one; nil detaches.
func SetTransport(t Transport) (previous Transport) {
	mu.Lock()
	defer mu.Unlock()
	previous, transport = transport, t
	return previous
}

func currentTransport() Transport {
	mu.Lock()
	defer mu.Unlock()
	return transport
}

// RegisterTarget makes open the function called when the front end
// opens a comm to target name, replacing an earlier registration.
func RegisterTarget(name string, open Handler) {
	mu.Lock()
	defer mu.Unlock()
	targets[name] = open
}

// UnregisterTarget forgets target name; later comm_opens to it are
// refused. Comms already open stay open.
func UnregisterTarget(name string) {
	mu.Lock()
	defer mu.Unlock()
	delete(targets, name)
}

// Open opens a comm to target in the front end, with the given data,
// metadata and binary buffers in its comm_open (any may be nil).
func Open(target string, data, metadata map[string]any, buffers [][]byte) (*Comm, error) {
	t := currentTransport()
	if t == nil {
		return nil, ErrNoFrontEnd
	}
	c := &Comm{id: newID(), target: target}
	mu.Lock()
	comms[c.id] = c
	mu.Unlock()
	err := t.SendComm("comm_open", map[string]any{"comm_id": c.id, "target_name": target, "data": orEmpty(data)}, metadata, buffers)
	if err != nil {
		forget(c)
		return nil, fmt.Errorf("comm: opening a comm to %s: %w", target, err)
	}
	return c, nil
}

// Info returns the open comms of this package, comm id → target name.
func Info() map[string]string {
	mu.Lock()
	defer mu.Unlock()
	out := make(map[string]string, len(comms))
	for id, c := range comms {
		out[id] = c.target
	}
	return out
}

// Lookup returns the open comm with this id, or nil.
func Lookup(id string) *Comm {
	mu.Lock()
	defer mu.Unlock()
	return comms[id]
}

// Targets returns the registered target names, sorted.
func Targets() []string {
	mu.Lock()
	defer mu.Unlock()
	names := make([]string, 0, len(targets))
	for n := range targets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ID returns the comm's id (comm_id).
func (c *Comm) ID() string { return c.id }

// Target returns the target name the comm was opened to.
func (c *Comm) Target() string { return c.target }

// Closed reports whether the comm is closed.
func (c *Comm) Closed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

// Send sends a comm_msg with data, metadata and binary buffers (any may
// be nil).
func (c *Comm) Send(data, metadata map[string]any, buffers [][]byte) error {
	if c.Closed() {
		return ErrClosed
	}
	t := currentTransport()
	if t == nil {
		return ErrNoFrontEnd
	}
	return t.SendComm("comm_msg", map[string]any{"comm_id": c.id, "data": orEmpty(data)}, metadata, buffers)
}

// Close closes the comm, sending comm_close with data (may be nil). A
// second Close returns ErrClosed.
func (c *Comm) Close(data map[string]any) error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return ErrClosed
	}
	c.closed = true
	c.mu.Unlock()
	forget(c)
	t := currentTransport()
	if t == nil {
		return ErrNoFrontEnd
	}
	return t.SendComm("comm_close", map[string]any{"comm_id": c.id, "data": orEmpty(data)}, nil, nil)
}

// OnMsg makes h the function called for each comm_msg from the front
// end (nil: ignore them).
func (c *Comm) OnMsg(h Handler) {
	c.mu.Lock()
	c.onMsg = h
	c.mu.Unlock()
}

// OnClose makes h the function called when the front end closes the
// comm.
func (c *Comm) OnClose(h CloseHandler) {
	c.mu.Lock()
	c.onClose = h
	c.mu.Unlock()
}

// String describes the comm.
func (c *Comm) String() string {
	state := "open"
	if c.Closed() {
		state = "closed"
	}
	return fmt.Sprintf("comm %s to %s (%s)", c.id, c.target, state)
}

// DeliverOpen is called by the kernel for a comm_open from the front
// end, on the goroutine where callbacks run. It reports whether target
// is registered; the comm is open if so. If the target's function
// panics, the panic goes on to the caller and the comm is not open.
func DeliverOpen(id, target string, data map[string]any, buffers [][]byte) bool {
	mu.Lock()
	h, ok := targets[target]
	if ok {
		comms[id] = &Comm{id: id, target: target}
	}
	c := comms[id]
	mu.Unlock()
	if !ok {
		return false
	}
	if h != nil {
		// A function that panics refuses the comm.
		completed := false
		defer func() {
			if !completed {
				forget(c)
			}
		}()
		h(c, orEmpty(data), buffers)
		completed = true
	}
	return true
}

// DeliverMsg is called by the kernel for a comm_msg from the front end.
// It reports whether the comm is open here.
func DeliverMsg(id string, data map[string]any, buffers [][]byte) bool {
	c := Lookup(id)
	if c == nil {
		return false
	}
	c.mu.Lock()
	h := c.onMsg
	c.mu.Unlock()
	if h != nil {
		h(c, orEmpty(data), buffers)
	}
	return true
}

// DeliverClose is called by the kernel for a comm_close from the front
// end. It reports whether the comm was open here.
func DeliverClose(id string, data map[string]any) bool {
	c := Lookup(id)
	if c == nil {
		return false
	}
	c.mu.Lock()
	c.closed = true
	h := c.onClose
	c.mu.Unlock()
	forget(c)
	if h != nil {
		h(c, orEmpty(data))
	}
	return true
}

func forget(c *Comm) {
	mu.Lock()
	defer mu.Unlock()
	if comms[c.id] == c {
		delete(comms, c.id)
	}
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// newID returns 32 random hex digits, the form ipykernel uses.
func newID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
