// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/boltzbook/boltzbook/kernel/comm"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// commPub is a fakePub that records the comm messages sent through it.
type commPub struct {
	fakePub
	mu   sync.Mutex
	sent []string
}

func (p *commPub) SendComm(msgType string, content, metadata map[string]any, buffers [][]byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	var bufs []string
	for _, b := range buffers {
		bufs = append(bufs, string(b))
	}
	p.sent = append(p.sent, fmt.Sprint(msgType, " ", content["target_name"], " ", content["data"], " ", metadata, " ", bufs))
	return nil
}

func (p *commPub) all() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.sent...)
}

func TestCommsFromCells(t *testing.T) {
	cellPub := &commPub{}
	runWith(t, cellPub, `import "github.com/boltzbook/boltzbook/kernel/comm"
commSeen := []string{}
comm.RegisterTarget("test.target", func(c *comm.Comm, data map[string]any, buffers [][]byte) {
	commSeen = append(commSeen, "open " + data["who"].(string) + " " + string(buffers[0]))
	c.OnMsg(func(c *comm.Comm, data map[string]any, buffers [][]byte) {
		commSeen = append(commSeen, "msg " + string(buffers[0]))
		c.Send(map[string]any{"echo": data["n"]}, nil, buffers)
	})
	c.OnClose(func(c *comm.Comm, data map[string]any) { commSeen = append(commSeen, "close") })
})
w, err := comm.Open("jupyter.widget", map[string]any{"state": 1}, map[string]any{"version": "2.1.0"}, [][]byte{[]byte("B")})
err`)
	if got := cellPub.all(); len(got) != 1 || got[0] != "comm_open jupyter.widget map[state:1] map[version:2.1.0] [B]" {
		t.Errorf("comm_open from a cell: %q", got)
	}
	msgPub := &commPub{}
	if !session.CommOpen(jupyter.CommMessage{ID: "f1", Target: "test.target", Data: map[string]any{"who": "lab"}, Buffers: [][]byte{[]byte("x")}}, msgPub) {
		t.Fatal("a registered target was refused")
	}
	if session.CommOpen(jupyter.CommMessage{ID: "f2", Target: "no.target"}, msgPub) {
		t.Error("an unknown target was accepted")
	}
	session.CommMsg(jupyter.CommMessage{ID: "f1", Target: "test.target", Data: map[string]any{"n": 2.0}, Buffers: [][]byte{[]byte("raw")}}, msgPub)
	session.CommClose(jupyter.CommMessage{ID: "f1", Target: "test.target"}, msgPub)
	if got := msgPub.all(); len(got) != 1 || got[0] != "comm_msg <nil> map[echo:2] map[] [raw]" {
		t.Errorf("the callback's reply went %q (to the comm message's publisher)", got)
	}
	res := runWith(t, &commPub{}, `import "strings"
strings.Join(commSeen, ", ")`)
	if got := text(t, res); got != `"open lab x, msg raw, close"` {
		t.Errorf("callbacks saw %s", got)
	}
	runWith(t, &commPub{}, `w.Close(nil)`)
}

// TestCommCallbackWaitsForCell: a comm message handed over while a
// cell runs is delivered after the cell, never concurrently with it.
func TestCommCallbackWaitsForCell(t *testing.T) {
	runWith(t, &commPub{}, `import ("time"; "github.com/boltzbook/boltzbook/kernel/comm")
var cellEnd, callbackAt time.Time
comm.RegisterTarget("order.target", func(c *comm.Comm, data map[string]any, buffers [][]byte) {
	callbackAt = time.Now()
})`)
	done := make(chan struct{})
	go func() {
		defer close(done)
		session.Execute(jupyter.ExecuteRequest{Code: "time.Sleep(300 * time.Millisecond)\ncellEnd = time.Now()"}, &commPub{})
	}()
	time.Sleep(50 * time.Millisecond)
	session.CommOpen(jupyter.CommMessage{ID: "o1", Target: "order.target"}, &commPub{})
	<-done
	res := runWith(t, &commPub{}, `!callbackAt.IsZero() && !callbackAt.Before(cellEnd)`)
	if got := text(t, res); got != "true" {
		t.Error("the callback ran while the cell was running")
	}
}

func TestCommCallbackPanics(t *testing.T) {
	pub := &commPub{}
	runWith(t, pub, `import "github.com/boltzbook/boltzbook/kernel/comm"
comm.RegisterTarget("panic.target", func(c *comm.Comm, data map[string]any, buffers [][]byte) { panic("oops") })`)
	session.out.setPublisher(pub)
	if session.CommOpen(jupyter.CommMessage{ID: "p1", Target: "panic.target"}, &commPub{}) {
		t.Error("a comm whose target function panicked was accepted")
	}
	if _, ok := comm.Info()["p1"]; ok {
		t.Error("a comm whose target function panicked is listed as open")
	}
	if err := pub.stream("stderr"); !strings.Contains(err, "panicked: oops") {
		t.Errorf("stderr %q", err)
	}
	if got := text(t, runWith(t, &commPub{}, "1+1")); got != "2" {
		t.Errorf("after a panicking callback: %s", got)
	}
}
