// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
	"github.com/boltzbook/boltzbook/kernel/jupyter/jupytertest"
)

const testKey = "0123456789abcdef-test-key"

// client is an in-process Jupyter front end on real ZeroMQ sockets.
type client struct {
	t     testing.TB
	codec *jupyter.ClientCodec
	ctx   context.Context

	shell, control, stdin, iopub, hb zmq4.Socket
	shellIn, controlIn, stdinIn      chan *jupyter.Message
	iopubIn                          chan *jupyter.Message
}

type started struct {
	k    *jupyter.Kernel
	fake *jupytertest.Fake
	c    *client
	logs *strings.Builder
}

type syncBuilder struct {
	ch chan string
}

func (s *syncBuilder) Write(p []byte) (int, error) {
	select {
	case s.ch <- string(p):
	default:
	}
	return len(p), nil
}

// startKernel starts a kernel with a fake interpreter on loopback and a
// client connected to it, ready (iopub subscribed).
func startKernel(t testing.TB) (*jupyter.Kernel, *jupytertest.Fake, *client, chan string) {
	t.Helper()
	fake := &jupytertest.Fake{}
	logs := make(chan string, 100)
	k, err := jupyter.Start(jupyter.ConnectionInfo{IP: "127.0.0.1", Key: testKey}, fake, &jupyter.Options{
		Log: log.New(&syncBuilder{logs}, "", 0),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { k.Close() })
	conn := k.Connection()
	ctx, cancel := context.WithCancel(context.Background())
	c := &client{
		t: t, codec: jupyter.NewClientCodec(testKey), ctx: ctx,
		shellIn: make(chan *jupyter.Message, 100), controlIn: make(chan *jupyter.Message, 100),
		stdinIn: make(chan *jupyter.Message, 100), iopubIn: make(chan *jupyter.Message, 1000),
	}
	id := zmq4.WithID(zmq4.SocketIdentity("test-client-" + fmt.Sprint(time.Now().UnixNano())))
	c.shell = zmq4.NewDealer(ctx, id)
	c.control = zmq4.NewDealer(ctx, id)
	c.stdin = zmq4.NewDealer(ctx, id)
	c.iopub = zmq4.NewSub(ctx)
	c.hb = zmq4.NewReq(ctx)
	t.Cleanup(func() {
		cancel()
		for _, s := range []zmq4.Socket{c.shell, c.control, c.stdin, c.iopub, c.hb} {
			s.Close()
		}
	})
	ep := func(p int) string { return fmt.Sprintf("tcp://127.0.0.1:%d", p) }
	for _, d := range []struct {
		s    zmq4.Socket
		port int
	}{{c.shell, conn.ShellPort}, {c.control, conn.ControlPort}, {c.stdin, conn.StdinPort}, {c.iopub, conn.IOPubPort}, {c.hb, conn.HBPort}} {
		if err := d.s.Dial(ep(d.port)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	go c.pump(c.shell, c.shellIn)
	go c.pump(c.control, c.controlIn)
	go c.pump(c.stdin, c.stdinIn)
	go c.pump(c.iopub, c.iopubIn)
	// Wait out the PUB/SUB slow joiner: ask for kernel_info until its
	// status messages arrive on iopub.
	deadline := time.Now().Add(10 * time.Second)
	for ready := false; !ready; {
		if time.Now().After(deadline) {
			t.Fatal("kernel never became ready")
		}
		c.send(c.shell, "kernel_info_request", map[string]any{})
		c.recv(c.shellIn, 5*time.Second)
		select {
		case <-c.iopubIn:
			ready = true
		case <-time.After(200 * time.Millisecond):
		}
	}
	time.Sleep(50 * time.Millisecond)
	c.drainIOPub()
	return k, fake, c, logs
}

func (c *client) pump(s zmq4.Socket, out chan<- *jupyter.Message) {
	for {
		raw, err := s.Recv()
		if err != nil {
			if c.ctx.Err() != nil {
				return
			}
			continue
		}
		m, err := c.codec.Decode(raw.Frames)
		if err != nil {
			c.t.Errorf("client received a bad message: %v", err)
			continue
		}
		out <- m
	}
}

func (c *client) sendFrames(s zmq4.Socket, frames [][]byte) {
	if err := s.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		c.t.Fatal(err)
	}
}

// send sends a request and returns its msg_id.
func (c *client) send(s zmq4.Socket, msgType string, content any) string {
	m, err := c.codec.New(msgType, content)
	if err != nil {
		c.t.Fatal(err)
	}
	c.sendFrames(s, c.codec.Encode(m))
	return m.Header.MsgID
}

func (c *client) recv(ch chan *jupyter.Message, timeout time.Duration) *jupyter.Message {
	c.t.Helper()
	select {
	case m := <-ch:
		return m
	case <-time.After(timeout):
		c.t.Fatalf("no message within %v", timeout)
		return nil
	}
}

func (c *client) drainIOPub() {
	for {
		select {
		case <-c.iopubIn:
		default:
			return
		}
	}
}

func parentID(t testing.TB, m *jupyter.Message) string {
	t.Helper()
	var h jupyter.Header
	if len(m.ParentHeader) > 0 {
		if err := json.Unmarshal(m.ParentHeader, &h); err != nil {
			t.Fatal(err)
		}
	}
	return h.MsgID
}

func content(t testing.TB, m *jupyter.Message) map[string]any {
	t.Helper()
	var c map[string]any
	if err := json.Unmarshal(m.Content, &c); err != nil {
		t.Fatalf("%s content %s: %v", m.Header.MsgType, m.Content, err)
	}
	return c
}

// request sends a request on shell and returns its reply and the iopub
// messages between busy and idle (status messages excluded), checking
// that the reply, the statuses and the outputs carry the request as
// parent and the protocol version.
func (c *client) request(msgType string, body any) (reply *jupyter.Message, iopub []*jupyter.Message) {
	c.t.Helper()
	return c.requestOn(c.shell, c.shellIn, msgType, body)
}

func (c *client) requestOn(s zmq4.Socket, in chan *jupyter.Message, msgType string, body any) (reply *jupyter.Message, iopub []*jupyter.Message) {
	t := c.t
	t.Helper()
	id := c.send(s, msgType, body)
	reply = c.recv(in, 5*time.Second)
	if got := parentID(t, reply); got != id {
		t.Fatalf("%s: reply parent %q, want %q", msgType, got, id)
	}
	want := strings.TrimSuffix(msgType, "_request") + "_reply"
	if reply.Header.MsgType != want {
		t.Fatalf("reply type %q, want %q", reply.Header.MsgType, want)
	}
	if reply.Header.Version != jupyter.ProtocolVersion {
		t.Errorf("reply header version %q", reply.Header.Version)
	}
	// Skip what earlier requests still publish (late output, idle).
	busy := c.recv(c.iopubIn, 5*time.Second)
	for parentID(t, busy) != id {
		busy = c.recv(c.iopubIn, 5*time.Second)
	}
	if busy.Header.MsgType != "status" || content(t, busy)["execution_state"] != "busy" || parentID(t, busy) != id {
		t.Fatalf("first iopub message: %s %s (parent %s), want status busy for %s", busy.Header.MsgType, busy.Content, parentID(t, busy), id)
	}
	for {
		m := c.recv(c.iopubIn, 5*time.Second)
		if s == c.control && parentID(t, m) != id {
			continue // a cell on shell may publish meanwhile
		}
		if parentID(t, m) != id {
			t.Fatalf("iopub %s has parent %q, want %q", m.Header.MsgType, parentID(t, m), id)
		}
		if m.Header.Version != jupyter.ProtocolVersion {
			t.Errorf("iopub header version %q", m.Header.Version)
		}
		if m.Header.MsgType == "status" {
			if st := content(t, m)["execution_state"]; st != "idle" {
				t.Fatalf("status %v between busy and idle", st)
			}
			return reply, iopub
		}
		iopub = append(iopub, m)
	}
}

func types(ms []*jupyter.Message) []string {
	var s []string
	for _, m := range ms {
		s = append(s, m.Header.MsgType)
	}
	return s
}

func execute(code string, extra map[string]any) map[string]any {
	c := map[string]any{"code": code, "silent": false, "store_history": true, "user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true}
	for k, v := range extra {
		c[k] = v
	}
	return c
}

func TestKernelInfo(t *testing.T) {
	_, _, c, _ := startKernel(t)
	for _, ch := range []struct {
		s  zmq4.Socket
		in chan *jupyter.Message
	}{{c.shell, c.shellIn}, {c.control, c.controlIn}} {
		reply, _ := c.requestOn(ch.s, ch.in, "kernel_info_request", map[string]any{})
		r := content(t, reply)
		if r["status"] != "ok" || r["protocol_version"] != jupyter.ProtocolVersion || r["implementation"] != "fake" {
			t.Errorf("kernel_info_reply = %v", r)
		}
		li, _ := r["language_info"].(map[string]any)
		for k, want := range map[string]string{"name": "go", "mimetype": "text/x-go", "file_extension": ".go", "pygments_lexer": "go", "codemirror_mode": "go"} {
			if li[k] != want {
				t.Errorf("language_info.%s = %v, want %q", k, li[k], want)
			}
		}
		if links, _ := r["help_links"].([]any); len(links) != 1 {
			t.Errorf("help_links = %v", r["help_links"])
		}
	}
}

func TestExecute(t *testing.T) {
	_, _, c, _ := startKernel(t)
	reply, out := c.request("execute_request", execute("print hi\neprint oops\n1+2", map[string]any{
		"user_expressions": map[string]any{"x": "40+2"},
	}))
	if got := strings.Join(types(out), " "); got != "execute_input stream stream execute_result" {
		t.Fatalf("iopub = %s", got)
	}
	if ci := content(t, out[0]); ci["code"] != "print hi\neprint oops\n1+2" || ci["execution_count"] != 1.0 {
		t.Errorf("execute_input = %v", ci)
	}
	if s := content(t, out[1]); s["name"] != "stdout" || s["text"] != "hi\n" {
		t.Errorf("stdout stream = %v", s)
	}
	if s := content(t, out[2]); s["name"] != "stderr" || s["text"] != "oops\n" {
		t.Errorf("stderr stream = %v", s)
	}
	er := content(t, out[3])
	if er["execution_count"] != 1.0 || er["data"].(map[string]any)["text/plain"] != "3" {
		t.Errorf("execute_result = %v", er)
	}
	r := content(t, reply)
	if r["status"] != "ok" || r["execution_count"] != 1.0 {
		t.Errorf("execute_reply = %v", r)
	}
	if ue, _ := r["user_expressions"].(map[string]any); ue["x"] == nil {
		t.Errorf("user_expressions = %v", r["user_expressions"])
	}
	if p, ok := r["payload"].([]any); !ok || len(p) != 0 {
		t.Errorf("payload = %v, want []", r["payload"])
	}

	// The count goes up for stored executions only.
	reply, out = c.request("execute_request", execute("print quiet", map[string]any{"silent": true}))
	if len(out) != 0 {
		t.Errorf("silent execution broadcast %s", types(out))
	}
	if n := content(t, reply)["execution_count"]; n != 1.0 {
		t.Errorf("silent execution_count = %v, want 1", n)
	}
	reply, _ = c.request("execute_request", execute("1+1", map[string]any{"store_history": false}))
	if n := content(t, reply)["execution_count"]; n != 1.0 {
		t.Errorf("store_history=false execution_count = %v, want 1", n)
	}
	reply, out = c.request("execute_request", execute("1+1", nil))
	if n := content(t, reply)["execution_count"]; n != 2.0 {
		t.Errorf("next execution_count = %v, want 2", n)
	}
	if n := content(t, out[len(out)-1])["execution_count"]; n != 2.0 {
		t.Errorf("execute_result execution_count = %v, want 2", n)
	}
}

func TestExecuteError(t *testing.T) {
	_, _, c, _ := startKernel(t)
	reply, out := c.request("execute_request", execute("fail broken", nil))
	if got := strings.Join(types(out), " "); got != "execute_input error" {
		t.Fatalf("iopub = %s", got)
	}
	r := content(t, reply)
	tb, ok := r["traceback"].([]any)
	if r["status"] != "error" || r["ename"] != "FakeError" || r["evalue"] != "broken" || !ok || len(tb) == 0 {
		t.Errorf("error reply = %v", r)
	}
	if e := content(t, out[1]); e["ename"] != "FakeError" || e["traceback"] == nil {
		t.Errorf("error message = %v", e)
	}

	// A panic escaping the interpreter is an error, not a dead kernel.
	reply, _ = c.request("execute_request", execute("panic", nil))
	if r := content(t, reply); r["status"] != "error" || r["ename"] != "KernelError" {
		t.Errorf("panic reply = %v", r)
	}
	reply, _ = c.request("execute_request", execute("1+1", nil))
	if r := content(t, reply); r["status"] != "ok" {
		t.Errorf("after panic: %v", r)
	}
}

// TestStopOnError checks that requests queued behind a failed cell are
// aborted, not run.
func TestStopOnError(t *testing.T) {
	_, fake, c, _ := startKernel(t)
	first := c.send(c.shell, "execute_request", execute("sleep 200ms\nfail stop", nil))
	second := c.send(c.shell, "execute_request", execute("print never", nil))
	r1 := c.recv(c.shellIn, 5*time.Second)
	r2 := c.recv(c.shellIn, 5*time.Second)
	if parentID(t, r1) != first || content(t, r1)["status"] != "error" {
		t.Errorf("first reply: %v", content(t, r1))
	}
	if c := content(t, r2); parentID(t, r2) != second || c["status"] != "error" || c["ename"] != "ExecutionAborted" {
		t.Errorf("second reply: %v", content(t, r2))
	}
	if n := fake.Executed.Load(); n != 1 {
		t.Errorf("executed %d cells, want 1", n)
	}
}

func TestDisplayClearOutput(t *testing.T) {
	_, _, c, _ := startKernel(t)
	_, out := c.request("execute_request", execute("display d1 first\nupdate d1 second\nclear", nil))
	if got := strings.Join(types(out), " "); got != "execute_input display_data update_display_data clear_output" {
		t.Fatalf("iopub = %s", got)
	}
	for _, m := range out[1:3] {
		cm := content(t, m)
		if cm["transient"].(map[string]any)["display_id"] != "d1" || cm["metadata"] == nil {
			t.Errorf("%s = %v", m.Header.MsgType, cm)
		}
	}
	if w := content(t, out[3])["wait"]; w != false {
		t.Errorf("clear_output wait = %v", w)
	}
}

func TestLateOutputKeepsParent(t *testing.T) {
	_, fake, c, _ := startKernel(t)
	reply, _ := c.request("execute_request", execute("late bye", nil))
	id := parentID(t, reply)
	m := c.recv(c.iopubIn, 5*time.Second)
	fake.WaitLate()
	if m.Header.MsgType != "stream" || content(t, m)["text"] != "bye\n" || parentID(t, m) != id {
		t.Errorf("late output: %s %s parent %s, want stream for %s", m.Header.MsgType, m.Content, parentID(t, m), id)
	}
}

func TestInput(t *testing.T) {
	_, _, c, _ := startKernel(t)
	id := c.send(c.shell, "execute_request", execute("input name?", map[string]any{"allow_stdin": true}))
	req := c.recv(c.stdinIn, 5*time.Second)
	if req.Header.MsgType != "input_request" || content(t, req)["prompt"] != "name?" || parentID(t, req) != id {
		t.Fatalf("stdin got %s %s", req.Header.MsgType, req.Content)
	}
	m, _ := c.codec.New("input_reply", map[string]any{"value": "gopher"})
	m.ParentHeader = req.RawHeader
	c.sendFrames(c.stdin, c.codec.Encode(m))
	reply := c.recv(c.shellIn, 5*time.Second)
	if content(t, reply)["status"] != "ok" {
		t.Fatalf("reply %v", content(t, reply))
	}
	found := false
	for !found {
		o := c.recv(c.iopubIn, 5*time.Second)
		found = o.Header.MsgType == "stream" && content(t, o)["text"] == "got gopher\n"
	}

	// Without allow_stdin the cell gets an error instead of hanging.
	reply, _ = c.request("execute_request", execute("input name?", nil))
	if r := content(t, reply); r["status"] != "error" || !strings.Contains(fmt.Sprint(r["evalue"]), "input") {
		t.Errorf("input without stdin: %v", r)
	}
}

func TestInterrupt(t *testing.T) {
	_, fake, c, _ := startKernel(t)
	id := c.send(c.shell, "execute_request", execute("sleep 30s", nil))
	time.Sleep(100 * time.Millisecond)
	start := time.Now()
	ir, _ := c.requestOn(c.control, c.controlIn, "interrupt_request", map[string]any{})
	if content(t, ir)["status"] != "ok" {
		t.Errorf("interrupt_reply %v", content(t, ir))
	}
	reply := c.recv(c.shellIn, 5*time.Second)
	if d := time.Since(start); d > time.Second {
		t.Errorf("interrupt took %v", d)
	}
	if parentID(t, reply) != id || content(t, reply)["ename"] != "Interrupted" {
		t.Errorf("reply after interrupt: %v", content(t, reply))
	}
	if fake.Interrupts.Load() == 0 {
		t.Error("Interpreter.Interrupt was not called")
	}
}

func TestCompleteInspectIsComplete(t *testing.T) {
	_, _, c, _ := startKernel(t)
	reply, _ := c.request("complete_request", map[string]any{"code": "x := prin", "cursor_pos": 9})
	r := content(t, reply)
	if r["status"] != "ok" || len(r["matches"].([]any)) != 3 || r["cursor_start"] != 5.0 || r["cursor_end"] != 9.0 {
		t.Errorf("complete_reply = %v", r)
	}
	reply, _ = c.request("complete_request", map[string]any{"code": "zzz", "cursor_pos": 3})
	r = content(t, reply)
	if m, ok := r["matches"].([]any); r["status"] != "ok" || !ok || len(m) != 0 || r["cursor_start"] != 3.0 {
		t.Errorf("complete_reply without matches = %v", r)
	}

	reply, _ = c.request("inspect_request", map[string]any{"code": "print", "cursor_pos": 2, "detail_level": 0})
	r = content(t, reply)
	if r["status"] != "ok" || r["found"] != true || r["data"].(map[string]any)["text/plain"] != "func print()" {
		t.Errorf("inspect_reply = %v", r)
	}
	reply, _ = c.request("inspect_request", map[string]any{"code": "nothing", "cursor_pos": 2, "detail_level": 0})
	if r = content(t, reply); r["found"] != false || r["status"] != "ok" {
		t.Errorf("inspect_reply not found = %v", r)
	}

	for code, want := range map[string]string{"print hi": "complete", "func f() {": "incomplete", "}": "invalid"} {
		reply, _ = c.request("is_complete_request", map[string]any{"code": code})
		if r = content(t, reply); r["status"] != want {
			t.Errorf("is_complete(%q) = %v, want %s", code, r, want)
		}
		if want == "incomplete" && r["indent"] != "\t" {
			t.Errorf("indent = %q", r["indent"])
		}
	}
}

func TestHistoryCommsUnknown(t *testing.T) {
	_, _, c, logs := startKernel(t)
	for _, code := range []string{"1+1", "2+2", "1+1"} {
		c.request("execute_request", execute(code, nil))
	}
	reply, _ := c.request("history_request", map[string]any{"output": true, "raw": true, "hist_access_type": "tail", "n": 2})
	h := content(t, reply)["history"].([]any)
	if len(h) != 2 || fmt.Sprint(h[1]) != "[1 3 [1+1 2]]" {
		t.Errorf("tail history = %v", h)
	}
	reply, _ = c.request("history_request", map[string]any{"output": false, "raw": true, "hist_access_type": "search", "pattern": "1+?", "unique": true})
	if h := content(t, reply)["history"].([]any); len(h) != 1 || fmt.Sprint(h[0]) != "[1 3 1+1]" {
		t.Errorf("unique search = %v", h)
	}
	reply, _ = c.request("history_request", map[string]any{"output": false, "raw": true, "hist_access_type": "range", "session": 0, "start": 2, "stop": 3})
	if h := content(t, reply)["history"].([]any); len(h) != 1 || fmt.Sprint(h[0]) != "[1 2 2+2]" {
		t.Errorf("range = %v", h)
	}

	reply, _ = c.request("comm_info_request", map[string]any{})
	if r := content(t, reply); r["status"] != "ok" || len(r["comms"].(map[string]any)) != 0 {
		t.Errorf("comm_info_reply = %v", r)
	}
	c.send(c.shell, "comm_open", map[string]any{"comm_id": "c1", "target_name": "jupyter.widget", "data": map[string]any{}})
	var closed bool
	for deadline := time.Now().Add(2 * time.Second); !closed && time.Now().Before(deadline); {
		m := c.recv(c.iopubIn, 2*time.Second)
		closed = m.Header.MsgType == "comm_close" && content(t, m)["comm_id"] == "c1"
	}
	if !closed {
		t.Error("comm_open to an unknown target was not closed")
	}
	c.drainIOPub()

	reply, _ = c.request("frobnicate_request", map[string]any{})
	if r := content(t, reply); r["status"] != "error" {
		t.Errorf("unknown request reply = %v", r)
	}
	c.send(c.shell, "frobnicate", map[string]any{})
	reply, _ = c.request("kernel_info_request", map[string]any{})
	if content(t, reply)["status"] != "ok" {
		t.Error("kernel stopped answering after unknown messages")
	}
	waitLog(t, logs, "frobnicate")
}

func waitLog(t *testing.T, logs chan string, substr string) {
	t.Helper()
	timeout := time.After(2 * time.Second)
	for {
		select {
		case l := <-logs:
			if strings.Contains(l, substr) {
				return
			}
		case <-timeout:
			t.Errorf("no log line containing %q", substr)
			return
		}
	}
}

func TestHeartbeat(t *testing.T) {
	_, _, c, _ := startKernel(t)
	for i := range 3 {
		ping := fmt.Sprintf("ping %d", i)
		if err := c.hb.Send(zmq4.NewMsgString(ping)); err != nil {
			t.Fatal(err)
		}
		m, err := c.hb.Recv()
		if err != nil {
			t.Fatal(err)
		}
		if string(m.Bytes()) != ping {
			t.Errorf("heartbeat echoed %q, want %q", m.Bytes(), ping)
		}
	}
}

// TestBadSignaturesDropped sends a forged message (content changed
// after signing), a message signed with the wrong key, an unsigned one
// and a replay of an executed message with a wrong signature: none of
// them runs, each is logged, and the kernel keeps serving.
func TestBadSignaturesDropped(t *testing.T) {
	_, fake, c, logs := startKernel(t)
	good, _ := c.codec.New("execute_request", execute("print legit", nil))
	goodFrames := c.codec.Encode(good)
	c.sendFrames(c.shell, goodFrames)
	c.recv(c.shellIn, 5*time.Second)
	c.drainIOPub()
	before := fake.Executed.Load()

	forged, _ := c.codec.New("execute_request", execute("print harmless", nil))
	frames := c.codec.Encode(forged)
	frames[len(frames)-1] = []byte(`{"code":"print pwned","silent":false}`)
	c.sendFrames(c.shell, frames)
	waitLog(t, logs, "bad or missing signature")

	wrongKey, _ := jupyter.NewClientCodec("not the key").New("execute_request", execute("print pwned", nil))
	c.sendFrames(c.shell, jupyter.NewClientCodec("not the key").Encode(wrongKey))
	waitLog(t, logs, "bad or missing signature")

	unsigned, _ := jupyter.NewClientCodec("").New("execute_request", execute("print pwned", nil))
	c.sendFrames(c.control, jupyter.NewClientCodec("").Encode(unsigned))
	waitLog(t, logs, "bad or missing signature")

	replay := append([][]byte(nil), goodFrames...)
	replay[1] = []byte(strings.Repeat("0", 64))
	c.sendFrames(c.shell, replay)
	waitLog(t, logs, "bad or missing signature")

	c.sendFrames(c.shell, goodFrames) // an exact replay, right signature
	waitLog(t, logs, "replayed")

	reply, _ := c.request("execute_request", execute("1+1", nil))
	if content(t, reply)["status"] != "ok" {
		t.Fatal("kernel did not answer after bad messages")
	}
	if n := fake.Executed.Load() - before; n != 1 {
		t.Errorf("%d cells ran after the bad messages, want only the good one", n)
	}
	select {
	case m := <-c.shellIn:
		t.Errorf("unexpected shell reply %s", m.Header.MsgType)
	default:
	}
}

func TestShutdown(t *testing.T) {
	k, fake, c, _ := startKernel(t)
	reply, _ := c.requestOn(c.control, c.controlIn, "shutdown_request", map[string]any{"restart": true})
	if r := content(t, reply); r["status"] != "ok" || r["restart"] != true {
		t.Errorf("shutdown_reply = %v", r)
	}
	done := make(chan bool)
	go func() { done <- k.Wait() }()
	select {
	case restart := <-done:
		if !restart {
			t.Error("Wait reported no restart")
		}
	case <-time.After(2 * time.Second):
		t.Fatal("kernel did not stop after shutdown_request")
	}
	if fake.ShutdownCalls.Load() != 1 {
		t.Error("Interpreter.Shutdown not called")
	}
	k.Close()
	k.Close() // idempotent
}

// TestShutdownWhileBlocked sends shutdown_request while a cell is
// stuck where no interrupt reaches it: the kernel replies, Wait returns
// at once, and CloseWithin abandons the cell instead of waiting for it,
// so the process can exit.
func TestShutdownWhileBlocked(t *testing.T) {
	k, fake, c, _ := startKernel(t)
	t.Cleanup(fake.Release) // runs before the Close registered by startKernel
	c.send(c.shell, "execute_request", execute("block", nil))
	time.Sleep(100 * time.Millisecond)
	start := time.Now()
	reply, _ := c.requestOn(c.control, c.controlIn, "shutdown_request", map[string]any{"restart": false})
	if r := content(t, reply); r["status"] != "ok" {
		t.Errorf("shutdown_reply = %v", r)
	}
	waited := make(chan bool)
	go func() { waited <- k.Wait() }()
	select {
	case <-waited:
	case <-time.After(time.Second):
		t.Fatal("Wait did not return within 1 s of shutdown_request")
	}
	if err := k.CloseWithin(200 * time.Millisecond); err != jupyter.ErrCellAbandoned {
		t.Errorf("CloseWithin = %v, want ErrCellAbandoned", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("shutdown took %v", d)
	}
	if fake.Interrupts.Load() == 0 {
		t.Error("the running cell was not interrupted")
	}
}

// TestShutdownMethod is what SIGTERM does: Shutdown while a cell is
// blocked and the interpreter is slow to shut down still ends the
// kernel within shutdownGrace.
func TestShutdownMethod(t *testing.T) {
	k, fake, c, _ := startKernel(t)
	t.Cleanup(fake.Release)
	fake.ShutdownDelay = 10 * time.Second
	c.send(c.shell, "execute_request", execute("block", nil))
	time.Sleep(100 * time.Millisecond)
	start := time.Now()
	go k.Shutdown()
	if restart := k.Wait(); restart {
		t.Error("Wait reported a restart")
	}
	k.CloseWithin(100 * time.Millisecond)
	if d := time.Since(start); d > time.Second {
		t.Errorf("Shutdown with a blocked cell and a stuck interpreter took %v", d)
	}
	k.Shutdown() // idempotent
	if n := fake.ShutdownCalls.Load(); n != 1 {
		t.Errorf("Interpreter.Shutdown called %d times", n)
	}
}

// TestIOPubWelcome connects new subscribers to a running kernel: the
// first message each gets is iopub_welcome naming its subscription
// (JEP 65), and it is sent after the subscription is in place.
func TestIOPubWelcome(t *testing.T) {
	k, _, _, _ := startKernel(t)
	for _, topic := range []string{"", "kernel."} {
		ctx, cancel := context.WithCancel(context.Background())
		sub := zmq4.NewSub(ctx)
		if err := sub.Dial(fmt.Sprintf("tcp://127.0.0.1:%d", k.Connection().IOPubPort)); err != nil {
			t.Fatal(err)
		}
		if err := sub.SetOption(zmq4.OptionSubscribe, topic); err != nil {
			t.Fatal(err)
		}
		got := make(chan zmq4.Msg, 1)
		go func() {
			m, _ := sub.Recv()
			got <- m
		}()
		select {
		case raw := <-got:
			m, err := jupyter.NewClientCodec(testKey).Decode(raw.Frames)
			if err != nil {
				t.Fatal(err)
			}
			if m.Header.MsgType != "iopub_welcome" || content(t, m)["subscription"] != topic {
				t.Errorf("first message for %q: %s %s", topic, m.Header.MsgType, m.Content)
			}
		case <-time.After(5 * time.Second):
			t.Errorf("no iopub_welcome for a subscription to %q", topic)
		}
		cancel()
		sub.Close()
	}
}

// TestExecuteResultMIMETypes: whatever MIME types a cell's value has,
// execute_result carries them as the protocol wants: bytes of binary
// types in base64, of text types as text, JSON types as JSON values,
// always with a text/plain fallback.
func TestExecuteResultMIMETypes(t *testing.T) {
	_, _, c, _ := startKernel(t)
	code := strings.Join([]string{
		`mime text/html "<b>bold</b>"`,
		`mime text/markdown "*it*"`,
		`mime text/latex "$x^2$"`,
		`mime image/svg+xml "<svg/>"`,
		`mime application/json {"a": [1, 2]}`,
		`mime application/vnd.jupyter.widget-view+json "{\"model_id\": \"m1\", \"version_major\": 2}"`,
		`mime application/vnd.custom+json "[1, 2]"`,
		`mime application/javascript "1"`,
		`mimebytes image/png`,
		`mimebytes image/jpeg`,
		`mimebytes text/csv`,
	}, "\n")
	reply, iopub := c.request("execute_request", execute(code, nil))
	if content(t, reply)["status"] != "ok" {
		t.Fatalf("reply %s", reply.Content)
	}
	var data map[string]any
	for _, m := range iopub {
		if m.Header.MsgType == "execute_result" {
			data = content(t, m)["data"].(map[string]any)
		}
	}
	want := map[string]string{
		"text/html":        "<b>bold</b>",
		"text/markdown":    "*it*",
		"text/latex":       "$x^2$",
		"image/svg+xml":    "<svg/>",
		"application/json": "map[a:[1 2]]",
		"application/vnd.jupyter.widget-view+json": "map[model_id:m1 version_major:2]",
		"application/vnd.custom+json":              "[1 2]",
		"application/javascript":                   "1",
		"image/png":                                "AAEC/w==",
		"image/jpeg":                               "AAEC/w==",
		"text/csv":                                 "\x00\x01\x02\ufffd", // invalid UTF-8 cannot travel in JSON
		"text/plain": "<application/javascript, application/json, application/vnd.custom+json, " +
			"application/vnd.jupyter.widget-view+json, image/jpeg, image/png, image/svg+xml, text/csv, " +
			"text/html, text/latex, text/markdown>",
	}
	for mime, w := range want {
		if got := fmt.Sprint(data[mime]); got != w {
			t.Errorf("%s: %q, want %q", mime, got, w)
		}
	}
	if len(data) != len(want) {
		t.Errorf("execute_result has %d types, want %d", len(data), len(want))
	}
}

// TestPagerPayload: a page payload goes out in execute_reply.
func TestPagerPayload(t *testing.T) {
	_, _, c, _ := startKernel(t)
	reply, _ := c.request("execute_request", execute("page the doc comment", nil))
	r := content(t, reply)
	p, _ := r["payload"].([]any)
	if r["status"] != "ok" || len(p) != 1 {
		t.Fatalf("reply %v", r)
	}
	page := p[0].(map[string]any)
	if page["source"] != "page" || page["start"] != 0.0 || fmt.Sprint(page["data"]) != "map[text/plain:the doc comment]" {
		t.Errorf("payload %v", page)
	}
	reply, _ = c.request("execute_request", execute("1+1", nil))
	if p := content(t, reply)["payload"].([]any); len(p) != 0 {
		t.Errorf("payload of a plain cell: %v", p)
	}
}

var _ = io.Discard

// BenchmarkExecuteRoundTrip measures the protocol's share of a cell's
// latency: a signed execute_request for "1+1" to the fake interpreter,
// through real loopback sockets, until its reply and idle status.
func BenchmarkExecuteRoundTrip(b *testing.B) {
	_, _, c, _ := startKernel(b)
	body := execute("1+1", nil)
	for b.Loop() {
		c.request("execute_request", body)
	}
}
