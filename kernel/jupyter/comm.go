// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"encoding/json"
	"errors"
	"sync"
)

// Comms.
//
// A comm is a channel between an object in the kernel and one in the
// front end (a widget, say), opened by either side with comm_open to a
// target name, carrying comm_msg both ways and ended by comm_close from
// either side. The Kernel keeps the table of open comms — it sees every
// comm_open and comm_close, incoming and outgoing — answers
// comm_info_request from it, and hands messages from the front end to
// an Interpreter that implements CommHandler:
//
//   - a comm_open for a target the interpreter does not know (or to an
//     interpreter without comms) is answered with comm_close, as
//     ipykernel does;
//   - comm_msg and comm_close for a comm id that is not open are logged
//     and ignored.
//
// Comm messages arrive on the shell channel and are handled on the
// shell goroutine in arrival order with the other shell requests: one
// that arrives while a cell runs waits until it ends, so handlers never
// run concurrently with a cell.

// CommHandler is an optional interface of an Interpreter that takes
// part in comms. Its methods are called on the shell goroutine, never
// while Execute runs. pub publishes on behalf of the incoming message
// (its header becomes the parent of what is sent) and implements
// CommSender.
type CommHandler interface {
	// CommOpen handles a comm_open from the front end and reports
	// whether its target is known; when it is not, the kernel answers
	// with comm_close.
	CommOpen(m CommMessage, pub Publisher) bool
	// CommMsg handles a comm_msg for an open comm.
	CommMsg(m CommMessage, pub Publisher)
	// CommClose handles a comm_close from the front end; the comm is
	// no longer open when it is called.
	CommClose(m CommMessage, pub Publisher)
}

// CommMessage is a comm_open, comm_msg or comm_close from the front end.
type CommMessage struct {
	ID       string         // comm_id
	Target   string         // target_name of the comm
	Data     map[string]any // content.data, never nil
	Metadata map[string]any // the message's metadata, never nil
	Buffers  [][]byte       // binary buffers (the frames after content)
}

// CommSender is implemented by the Publishers the Kernel hands out:
// SendComm publishes comm_open, comm_msg or comm_close on iopub, with
// binary buffers as extra frames, and keeps the kernel's table of open
// comms up to date.
type CommSender interface {
	SendComm(msgType string, content, metadata map[string]any, buffers [][]byte) error
}

// ErrNotComm is returned by SendComm for a message type other than
// comm_open, comm_msg and comm_close.
var ErrNotComm = errors.New("jupyter: not a comm message type")

// ErrCommClosed is returned by SendComm for a comm_msg or comm_close on
// a comm that is not open.
var ErrCommClosed = errors.New("jupyter: the comm is not open")

// comms is the table of open comms: comm id → target name.
type comms struct {
	mu   sync.Mutex
	open map[string]string
}

func (c *comms) add(id, target string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.open == nil {
		c.open = make(map[string]string)
	}
	c.open[id] = target
}

// remove forgets id and reports whether it was open.
func (c *comms) remove(id string) (target string, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	target, ok = c.open[id]
	delete(c.open, id)
	return target, ok
}

func (c *comms) target(id string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.open[id]
	return t, ok
}

// info returns the open comms whose target is target ("" for all) in
// the form of comm_info_reply.
func (c *comms) info(target string) map[string]any {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]any)
	for id, t := range c.open {
		if target == "" || t == target {
			out[id] = map[string]any{"target_name": t}
		}
	}
	return out
}

// commContent is the content of comm_open, comm_msg and comm_close.
type commContent struct {
	CommID     string         `json:"comm_id"`
	TargetName string         `json:"target_name"`
	Data       map[string]any `json:"data"`
}

// handleComm handles a comm message from the front end on the shell
// goroutine.
func (k *Kernel) handleComm(m *Message) {
	var c commContent
	if err := json.Unmarshal(m.Content, &c); err != nil || c.CommID == "" {
		k.log.Printf("%s without a comm_id; ignored", m.Header.MsgType)
		return
	}
	if c.Data == nil {
		c.Data = map[string]any{}
	}
	md := map[string]any{}
	json.Unmarshal(m.Metadata, &md)
	if md == nil {
		md = map[string]any{}
	}
	h, _ := k.interp.(CommHandler)
	pub := &publisher{k: k, parent: parentOf(m)}
	cm := CommMessage{ID: c.CommID, Target: c.TargetName, Data: c.Data, Metadata: md, Buffers: m.Buffers}
	switch m.Header.MsgType {
	case "comm_open":
		if _, dup := k.comms.target(c.CommID); dup {
			k.log.Printf("comm_open for comm %s, which is already open; ignored", c.CommID)
			return
		}
		// Registered before the handler runs, so that a handler may
		// send on the comm at once.
		k.comms.add(c.CommID, c.TargetName)
		if h == nil || !h.CommOpen(cm, pub) {
			k.comms.remove(c.CommID)
			k.log.Printf("comm_open for unknown target %q; closing comm %s", c.TargetName, c.CommID)
			k.publish("comm_close", m, map[string]any{"comm_id": c.CommID, "data": map[string]any{}})
		}
	case "comm_msg":
		target, ok := k.comms.target(c.CommID)
		if !ok {
			k.log.Printf("comm_msg for unknown comm %s; ignored", c.CommID)
			return
		}
		cm.Target = target
		h.CommMsg(cm, pub) // h is not nil: only a CommHandler opens comms
	case "comm_close":
		target, ok := k.comms.remove(c.CommID)
		if !ok {
			k.log.Printf("comm_close for unknown comm %s; ignored", c.CommID)
			return
		}
		cm.Target = target
		if h != nil {
			h.CommClose(cm, pub)
		}
	}
}

// commInfo answers comm_info_request, filtered by target_name if given.
func (k *Kernel) commInfo(m *Message) {
	var c struct {
		TargetName string `json:"target_name"`
	}
	json.Unmarshal(m.Content, &c)
	k.reply(k.shell, m, "comm_info_reply", map[string]any{"status": "ok", "comms": k.comms.info(c.TargetName)})
}

// SendComm publishes a comm message from the kernel side.
func (p *publisher) SendComm(msgType string, content, metadata map[string]any, buffers [][]byte) error {
	id, _ := content["comm_id"].(string)
	switch msgType {
	case "comm_open":
		target, _ := content["target_name"].(string)
		p.k.comms.add(id, target)
	case "comm_msg":
		if _, ok := p.k.comms.target(id); !ok {
			return ErrCommClosed
		}
	case "comm_close":
		if _, ok := p.k.comms.remove(id); !ok {
			return ErrCommClosed
		}
	default:
		return ErrNotComm
	}
	return p.k.publishWith(msgType, p.parent, content, metadata, buffers)
}
