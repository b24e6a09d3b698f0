// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package comm

import (
	"errors"
	"fmt"
	"sync"
	"testing"
)

type sent struct {
	msgType  string
	content  map[string]any
	metadata map[string]any
	buffers  [][]byte
}

type recorder struct {
	mu   sync.Mutex
	msgs []sent
	err  error
}

func (r *recorder) SendComm(msgType string, content, metadata map[string]any, buffers [][]byte) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, sent{msgType, content, metadata, buffers})
	return r.err
}

func attach(t *testing.T) *recorder {
	r := &recorder{}
	prev := SetTransport(r)
	t.Cleanup(func() { SetTransport(prev) })
	return r
}

func TestOpenSendClose(t *testing.T) {
	r := attach(t)
	c, err := Open("t1", nil, map[string]any{"version": "2.1.0"}, [][]byte{[]byte("b")})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.ID()) != 32 || c.Target() != "t1" || Info()[c.ID()] != "t1" || Lookup(c.ID()) != c {
		t.Errorf("comm %v, info %v", c, Info())
	}
	if err := c.Send(map[string]any{"x": 1}, nil, [][]byte{[]byte("p"), []byte("q")}); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(map[string]any{"bye": true}); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(nil); err != ErrClosed {
		t.Errorf("second Close: %v", err)
	}
	if err := c.Send(nil, nil, nil); err != ErrClosed {
		t.Errorf("Send after Close: %v", err)
	}
	if _, ok := Info()[c.ID()]; ok || !c.Closed() {
		t.Errorf("closed comm still listed: %v", Info())
	}
	var got []string
	for _, m := range r.msgs {
		got = append(got, fmt.Sprint(m.msgType, " ", m.content["data"], " ", m.metadata, " ", len(m.buffers)))
		if m.content["comm_id"] != c.ID() {
			t.Errorf("%s for comm %v", m.msgType, m.content["comm_id"])
		}
	}
	want := "[comm_open map[] map[version:2.1.0] 1 comm_msg map[x:1] map[] 2 comm_close map[bye:true] map[] 0]"
	if fmt.Sprint(got) != want {
		t.Errorf("sent %v\nwant %s", got, want)
	}
	if r.msgs[0].content["target_name"] != "t1" {
		t.Errorf("comm_open content %v", r.msgs[0].content)
	}
}

func TestNoFrontEnd(t *testing.T) {
	prev := SetTransport(nil)
	defer SetTransport(prev)
	if _, err := Open("t", nil, nil, nil); err != ErrNoFrontEnd {
		t.Errorf("Open without a front end: %v", err)
	}
	r := attach(t)
	r.err = errors.New("boom")
	if _, err := Open("t", nil, nil, nil); err == nil || len(Info()) != 0 {
		t.Errorf("failed Open: %v, info %v", err, Info())
	}
}

func TestFrontEndOpens(t *testing.T) {
	r := attach(t)
	var events []string
	RegisterTarget("tgt", func(c *Comm, data map[string]any, buffers [][]byte) {
		events = append(events, fmt.Sprint("open ", c.ID(), " ", data, " ", len(buffers)))
		c.OnMsg(func(c *Comm, data map[string]any, buffers [][]byte) {
			events = append(events, fmt.Sprint("msg ", data, " ", string(buffers[0])))
			c.Send(map[string]any{"ack": data["n"]}, nil, buffers)
		})
		c.OnClose(func(c *Comm, data map[string]any) {
			events = append(events, fmt.Sprint("close ", data))
		})
	})
	defer UnregisterTarget("tgt")
	if DeliverOpen("x1", "unknown", nil, nil) {
		t.Error("an unknown target was accepted")
	}
	if !DeliverOpen("f1", "tgt", map[string]any{"a": "b"}, [][]byte{nil}) {
		t.Fatal("a registered target was refused")
	}
	if fmt.Sprint(Targets()) != "[tgt]" {
		t.Errorf("targets %v", Targets())
	}
	if !DeliverMsg("f1", map[string]any{"n": 1.0}, [][]byte{[]byte("raw")}) {
		t.Error("message to an open comm not delivered")
	}
	if DeliverMsg("nope", nil, nil) || DeliverClose("nope", nil) {
		t.Error("message to an unknown comm delivered")
	}
	if !DeliverClose("f1", nil) {
		t.Error("close not delivered")
	}
	if DeliverMsg("f1", nil, nil) {
		t.Error("message after close delivered")
	}
	want := "[open f1 map[a:b] 1 msg map[n:1] raw close map[]]"
	if fmt.Sprint(events) != want {
		t.Errorf("events %v\nwant %s", events, want)
	}
	if len(r.msgs) != 1 || string(r.msgs[0].buffers[0]) != "raw" || r.msgs[0].content["comm_id"] != "f1" {
		t.Errorf("ack %+v", r.msgs)
	}
}
