// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package jupytertest provides a fake jupyter.Interpreter for testing
// the protocol side without a real language back end.
//
// The fake understands one command per line:
//
//	print TEXT      stream TEXT and a newline on stdout
//	eprint TEXT     the same on stderr
//	A+B             (integers) the value as execute_result
//	display ID TEXT display_data with display_id ID
//	update ID TEXT  update_display_data for ID
//	clear           clear_output
//	input PROMPT    ask for a line and print it back
//	fail TEXT       an error named FakeError
//	sleep DURATION  wait, ending early with Interrupted on Interrupt
//	block           wait until Release, ignoring interrupts (a cell stuck
//	                in a channel operation)
//	late TEXT       print TEXT from a goroutine 50ms after the cell ends
//	panic           panic inside Execute
//	mime TYPE JSON  add TYPE with the JSON value to the cell's result (no
//	                text/plain unless given)
//	mimebytes TYPE  add TYPE with the bytes 0, 1, 2, 255 ([]byte)
//	page TEXT       a pager payload showing TEXT
//	comm ID TARGET  open comm ID to TARGET from the kernel, with metadata
//	                {"version": "2.1.0"} and one buffer "kernel-buffer"
//	send ID TEXT    comm_msg {"text": TEXT} on comm ID
//	commclose ID    close comm ID from the kernel
//
// Lines that are none of these are an error named SyntaxError.
//
// The fake handles comms: it knows the target "echo", answers a
// comm_open to it with a comm_msg {"opened": data} and every comm_msg
// with {"echo": data}, each with the buffers it received; CommEvents
// records what reached it.
package jupytertest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// Fake is a scripted jupyter.Interpreter. Its zero value is ready.
type Fake struct {
	// Executed counts cells run, so tests can check that a dropped
	// message ran nothing.
	Executed atomic.Int64
	// Interrupts counts calls of Interrupt.
	Interrupts atomic.Int64
	// ShutdownCalls counts calls of Shutdown.
	ShutdownCalls atomic.Int64
	// ShutdownDelay makes Shutdown take that long (an interpreter slow
	// to let go).
	ShutdownDelay time.Duration

	mu         sync.Mutex
	commEvents []string
	interrupt  chan struct{}
	release    chan struct{}
	released   bool
	late       sync.WaitGroup
}

func (f *Fake) releaseCh() chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.release == nil {
		f.release = make(chan struct{})
	}
	return f.release
}

// Release ends every "block" command, running or to come.
func (f *Fake) Release() {
	ch := f.releaseCh()
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.released {
		f.released = true
		close(ch)
	}
}

var _ jupyter.Interpreter = (*Fake)(nil)

// Words are the identifiers Complete and Inspect know.
var Words = []string{"print", "println", "printf", "panic", "display", "input"}

// KernelInfo describes the fake language.
func (f *Fake) KernelInfo() jupyter.KernelInfo {
	return jupyter.KernelInfo{
		Implementation:        "fake",
		ImplementationVersion: "0.1",
		LanguageName:          "go",
		LanguageVersion:       "1.26",
		MIMEType:              "text/x-go",
		FileExtension:         ".go",
		PygmentsLexer:         "go",
		CodeMirrorMode:        "go",
		Banner:                "fake interpreter",
		HelpLinks:             []jupyter.HelpLink{{Text: "Go", URL: "https://go.dev/doc/"}},
	}
}

func (f *Fake) interruptCh() chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.interrupt == nil {
		f.interrupt = make(chan struct{}, 1)
	}
	return f.interrupt
}

// Execute runs the commands of req.Code in order.
func (f *Fake) Execute(req jupyter.ExecuteRequest, pub jupyter.Publisher) jupyter.ExecuteResult {
	f.Executed.Add(1)
	ch := f.interruptCh()
	select { // forget interrupts that arrived between cells
	case <-ch:
	default:
	}
	var res jupyter.ExecuteResult
	for n, line := range strings.Split(req.Code, "\n") {
		line = strings.TrimSpace(line)
		cmd, arg, _ := strings.Cut(line, " ")
		switch {
		case line == "":
		case cmd == "print":
			pub.Stream("stdout", arg+"\n")
		case cmd == "eprint":
			pub.Stream("stderr", arg+"\n")
		case cmd == "display" || cmd == "update":
			id, text, _ := strings.Cut(arg, " ")
			pub.Display(jupyter.MIMEBundle{"text/plain": text}, nil, map[string]any{"display_id": id}, cmd == "update")
		case cmd == "clear":
			pub.ClearOutput(false)
		case cmd == "input":
			v, err := pub.Input(arg, false)
			if err != nil {
				return fail("InputError", err.Error(), n)
			}
			pub.Stream("stdout", "got "+v+"\n")
		case cmd == "fail":
			return fail("FakeError", arg, n)
		case cmd == "sleep":
			d, err := time.ParseDuration(arg)
			if err != nil {
				return fail("SyntaxError", err.Error(), n)
			}
			select {
			case <-time.After(d):
			case <-ch:
				return fail("Interrupted", "the cell was interrupted", n)
			}
		case cmd == "block":
			<-f.releaseCh()
		case cmd == "comm" || cmd == "send" || cmd == "commclose":
			cs, ok := pub.(jupyter.CommSender)
			if !ok {
				return fail("CommError", "the publisher cannot send comms", n)
			}
			id, rest, _ := strings.Cut(arg, " ")
			var err error
			switch cmd {
			case "comm":
				err = cs.SendComm("comm_open", map[string]any{"comm_id": id, "target_name": rest, "data": map[string]any{"x": 1}},
					map[string]any{"version": "2.1.0"}, [][]byte{[]byte("kernel-buffer")})
			case "send":
				err = cs.SendComm("comm_msg", map[string]any{"comm_id": id, "data": map[string]any{"text": rest}}, nil, nil)
			default:
				err = cs.SendComm("comm_close", map[string]any{"comm_id": id, "data": map[string]any{}}, nil, nil)
			}
			if err != nil {
				return fail("CommError", err.Error(), n)
			}
		case cmd == "mime" || cmd == "mimebytes":
			typ, val, _ := strings.Cut(arg, " ")
			if res.Data == nil {
				res.Data = jupyter.MIMEBundle{}
			}
			if cmd == "mimebytes" {
				res.Data[typ] = []byte{0, 1, 2, 255}
				continue
			}
			var v any
			if err := json.Unmarshal([]byte(val), &v); err != nil {
				return fail("SyntaxError", err.Error(), n)
			}
			res.Data[typ] = v
		case cmd == "page":
			res.Payload = append(res.Payload, jupyter.PagePayload(jupyter.MIMEBundle{"text/plain": arg}))
		case cmd == "late":
			f.late.Add(1)
			go func() {
				defer f.late.Done()
				time.Sleep(50 * time.Millisecond)
				pub.Stream("stdout", arg+"\n")
			}()
		case cmd == "panic":
			panic("fake panic")
		default:
			a, b, ok := strings.Cut(line, "+")
			x, err1 := strconv.Atoi(strings.TrimSpace(a))
			y, err2 := strconv.Atoi(strings.TrimSpace(b))
			if !ok || err1 != nil || err2 != nil {
				return fail("SyntaxError", fmt.Sprintf("cannot parse %q", line), n)
			}
			res.Data = jupyter.MIMEBundle{"text/plain": strconv.Itoa(x + y)}
		}
	}
	if len(req.UserExpressions) > 0 {
		res.UserExpressions = map[string]any{}
		for k, v := range req.UserExpressions {
			res.UserExpressions[k] = map[string]any{"status": "ok", "data": map[string]any{"text/plain": v}, "metadata": map[string]any{}}
		}
	}
	return res
}

func fail(name, value string, line int) jupyter.ExecuteResult {
	return jupyter.ExecuteResult{Error: &jupyter.ExecError{
		Name:      name,
		Value:     value,
		Traceback: []string{fmt.Sprintf("%s: %s", name, value), fmt.Sprintf("  at cell line %d", line+1)},
	}}
}

// WaitLate waits for goroutines started by "late" commands.
func (f *Fake) WaitLate() { f.late.Wait() }

// Complete completes the word before the cursor from Words.
func (f *Fake) Complete(code string, cursor int) jupyter.CompleteResult {
	r := []rune(code)
	if cursor > len(r) {
		cursor = len(r)
	}
	start := cursor
	for start > 0 && isWord(r[start-1]) {
		start--
	}
	prefix := string(r[start:cursor])
	var m []string
	for _, w := range Words {
		if prefix != "" && strings.HasPrefix(w, prefix) {
			m = append(m, w)
		}
	}
	return jupyter.CompleteResult{Matches: m, CursorStart: start, CursorEnd: cursor}
}

func isWord(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// Inspect documents the words in Words.
func (f *Fake) Inspect(code string, cursor, detail int) jupyter.InspectResult {
	r := []rune(code)
	if cursor > len(r) {
		cursor = len(r)
	}
	start, end := cursor, cursor
	for start > 0 && isWord(r[start-1]) {
		start--
	}
	for end < len(r) && isWord(r[end]) {
		end++
	}
	w := string(r[start:end])
	for _, k := range Words {
		if k == w {
			return jupyter.InspectResult{Found: true, Data: jupyter.MIMEBundle{"text/plain": "func " + w + "()"}}
		}
	}
	return jupyter.InspectResult{}
}

// IsComplete is "incomplete" while braces are open and "invalid" when
// one closes that was never opened.
func (f *Fake) IsComplete(code string) jupyter.IsCompleteResult {
	depth := 0
	for _, c := range code {
		switch c {
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				return jupyter.IsCompleteResult{Status: "invalid"}
			}
		}
	}
	if depth > 0 {
		return jupyter.IsCompleteResult{Status: "incomplete", Indent: strings.Repeat("\t", depth)}
	}
	return jupyter.IsCompleteResult{Status: "complete"}
}

// Interrupt stops a running sleep.
func (f *Fake) Interrupt() {
	f.Interrupts.Add(1)
	select {
	case f.interruptCh() <- struct{}{}:
	default:
	}
}

var _ jupyter.CommHandler = (*Fake)(nil)

func (f *Fake) record(event string) {
	f.mu.Lock()
	f.commEvents = append(f.commEvents, event)
	f.mu.Unlock()
}

// CommEvents returns "open ID TARGET", "msg ID" and "close ID" for the
// comm messages that reached the fake, in order.
func (f *Fake) CommEvents() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.commEvents...)
}

// CommOpen accepts the target "echo".
func (f *Fake) CommOpen(m jupyter.CommMessage, pub jupyter.Publisher) bool {
	f.record("open " + m.ID + " " + m.Target)
	if m.Target != "echo" {
		return false
	}
	pub.(jupyter.CommSender).SendComm("comm_msg", map[string]any{"comm_id": m.ID, "data": map[string]any{"opened": m.Data}}, nil, m.Buffers)
	return true
}

// CommMsg echoes the message.
func (f *Fake) CommMsg(m jupyter.CommMessage, pub jupyter.Publisher) {
	f.record("msg " + m.ID)
	pub.(jupyter.CommSender).SendComm("comm_msg", map[string]any{"comm_id": m.ID, "data": map[string]any{"echo": m.Data}}, nil, m.Buffers)
}

// CommClose records the close.
func (f *Fake) CommClose(m jupyter.CommMessage, pub jupyter.Publisher) {
	f.record("close " + m.ID)
}

// Shutdown counts the call and waits ShutdownDelay.
func (f *Fake) Shutdown(restart bool) {
	f.ShutdownCalls.Add(1)
	time.Sleep(f.ShutdownDelay)
}
