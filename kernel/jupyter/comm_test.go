// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// sendComm sends a comm message with buffers on shell and returns its id.
func (c *client) sendComm(msgType string, content map[string]any, buffers ...[]byte) string {
	m, err := c.codec.New(msgType, content)
	if err != nil {
		c.t.Fatal(err)
	}
	m.Buffers = buffers
	c.sendFrames(c.shell, c.codec.Encode(m))
	return m.Header.MsgID
}

// nextOf waits for the next iopub message of type msgType whose parent
// is parent ("" for any).
func (c *client) nextOf(msgType, parent string) *jupyter.Message {
	c.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		m := c.recv(c.iopubIn, 5*time.Second)
		if m.Header.MsgType == msgType && (parent == "" || parentID(c.t, m) == parent) {
			return m
		}
	}
	c.t.Fatalf("no %s message", msgType)
	return nil
}

func commInfo(t *testing.T, c *client, target string) map[string]any {
	t.Helper()
	body := map[string]any{}
	if target != "" {
		body["target_name"] = target
	}
	reply, _ := c.request("comm_info_request", body)
	r := content(t, reply)
	if r["status"] != "ok" {
		t.Fatalf("comm_info_reply %v", r)
	}
	return r["comms"].(map[string]any)
}

// TestCommFromFrontEnd opens a comm from the front end to a known
// target and exchanges messages with binary buffers both ways.
func TestCommFromFrontEnd(t *testing.T) {
	_, fake, c, _ := startKernel(t)
	bin := []byte{0, 1, 2, 255, 254}
	open := c.sendComm("comm_open", map[string]any{"comm_id": "fe1", "target_name": "echo", "data": map[string]any{"a": 1}}, bin)
	m := c.nextOf("comm_msg", open)
	if got := fmt.Sprint(content(t, m)["data"]); got != "map[opened:map[a:1]]" {
		t.Errorf("answer to comm_open: %s", got)
	}
	if len(m.Buffers) != 1 || string(m.Buffers[0]) != string(bin) {
		t.Errorf("buffers %q, want %q", m.Buffers, bin)
	}

	msg := c.sendComm("comm_msg", map[string]any{"comm_id": "fe1", "data": map[string]any{"method": "update"}}, []byte("one"), []byte("two"))
	m = c.nextOf("comm_msg", msg)
	if got := fmt.Sprint(content(t, m)["data"]); got != "map[echo:map[method:update]]" {
		t.Errorf("echo: %s", got)
	}
	if len(m.Buffers) != 2 || string(m.Buffers[0]) != "one" || string(m.Buffers[1]) != "two" {
		t.Errorf("echoed buffers %q", m.Buffers)
	}

	if got := commInfo(t, c, ""); fmt.Sprint(got) != "map[fe1:map[target_name:echo]]" {
		t.Errorf("comm_info %v", got)
	}
	if got := commInfo(t, c, "jupyter.widget"); len(got) != 0 {
		t.Errorf("comm_info filtered by another target: %v", got)
	}
	c.sendComm("comm_close", map[string]any{"comm_id": "fe1", "data": map[string]any{}})
	if got := commInfo(t, c, ""); len(got) != 0 {
		t.Errorf("comm_info after close: %v", got)
	}
	want := []string{"open fe1 echo", "msg fe1", "close fe1"}
	if got := fake.CommEvents(); !slices.Equal(got, want) {
		t.Errorf("comm events %q, want %q", got, want)
	}
}

// TestCommUnknown: a comm_open for an unknown target is answered with
// comm_close; messages for comms that are not open are logged and go
// nowhere.
func TestCommUnknown(t *testing.T) {
	_, fake, c, logs := startKernel(t)
	open := c.sendComm("comm_open", map[string]any{"comm_id": "u1", "target_name": "no.such.target", "data": map[string]any{}})
	m := c.nextOf("comm_close", open)
	if content(t, m)["comm_id"] != "u1" {
		t.Errorf("comm_close %s", m.Content)
	}
	waitLog(t, logs, `unknown target "no.such.target"`)
	c.sendComm("comm_msg", map[string]any{"comm_id": "u1", "data": map[string]any{}})
	waitLog(t, logs, "comm_msg for unknown comm u1")
	c.sendComm("comm_close", map[string]any{"comm_id": "nope", "data": map[string]any{}})
	waitLog(t, logs, "comm_close for unknown comm nope")
	if got := commInfo(t, c, ""); len(got) != 0 {
		t.Errorf("comm_info %v", got)
	}
	if got := fake.CommEvents(); !slices.Equal(got, []string{"open u1 no.such.target"}) {
		t.Errorf("comm events %q", got)
	}
}

// TestCommFromKernel opens a comm from a cell, as a widget library
// does: comm_open with metadata and a buffer, listed by comm_info,
// messages from the front end reach the interpreter, and a close from
// the kernel ends it.
func TestCommFromKernel(t *testing.T) {
	_, fake, c, _ := startKernel(t)
	_, iopub := c.request("execute_request", execute("comm k1 jupyter.widget", nil))
	var open *jupyter.Message
	for _, m := range iopub {
		if m.Header.MsgType == "comm_open" {
			open = m
		}
	}
	if open == nil {
		t.Fatalf("no comm_open among %v", types(iopub))
	}
	var md map[string]any
	json.Unmarshal(open.Metadata, &md)
	if md["version"] != "2.1.0" {
		t.Errorf("comm_open metadata %s", open.Metadata)
	}
	if oc := content(t, open); oc["comm_id"] != "k1" || oc["target_name"] != "jupyter.widget" {
		t.Errorf("comm_open content %v", oc)
	}
	if len(open.Buffers) != 1 || string(open.Buffers[0]) != "kernel-buffer" {
		t.Errorf("comm_open buffers %q", open.Buffers)
	}
	if got := commInfo(t, c, "jupyter.widget"); fmt.Sprint(got) != "map[k1:map[target_name:jupyter.widget]]" {
		t.Errorf("comm_info %v", got)
	}
	msg := c.sendComm("comm_msg", map[string]any{"comm_id": "k1", "data": map[string]any{"method": "update"}})
	c.nextOf("comm_msg", msg)
	_, iopub = c.request("execute_request", execute("send k1 hello\ncommclose k1", nil))
	if got := types(iopub); !slices.Contains(got, "comm_msg") || !slices.Contains(got, "comm_close") {
		t.Errorf("iopub %v", got)
	}
	if got := commInfo(t, c, ""); len(got) != 0 {
		t.Errorf("comm_info after the kernel closed: %v", got)
	}
	reply, _ := c.request("execute_request", execute("send k1 late", nil))
	if r := content(t, reply); r["ename"] != "CommError" {
		t.Errorf("send on a closed comm: %v", r)
	}
	if got := fake.CommEvents(); !slices.Equal(got, []string{"msg k1"}) {
		t.Errorf("comm events %q", got)
	}
}
