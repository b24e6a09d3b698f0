// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"encoding/json"
	"fmt"
	"runtime/debug"
	"strings"
	"unicode/utf8"

	"github.com/go-zeromq/zmq4"
)

// serveShell handles shell requests one at a time, in arrival order.
func (k *Kernel) serveShell() {
	defer k.wg.Done()
	for m := range k.shellQ {
		if k.closing() {
			return
		}
		k.awaitSubscriber()
		k.status("busy", m)
		k.handleShell(m)
		k.status("idle", m)
		k.abortQueued()
		if m.size >= bigMessage {
			k.releaseMemory()
		}
	}
}

// takeQueued removes the requests already queued behind a failed cell
// (stop_on_error). It runs before the failed cell's reply is sent, so
// that it takes only requests the client sent before it could know of
// the failure.
func (k *Kernel) takeQueued() {
	for {
		select {
		case m, ok := <-k.shellQ:
			if !ok {
				return
			}
			k.aborted = append(k.aborted, m)
		default:
			return
		}
	}
}

// abortQueued answers the requests taken by takeQueued: executions get
// an error reply (ExecutionAborted) without running, as protocol 5.1+
// recommends over the deprecated "aborted" status; anything else is
// handled normally.
func (k *Kernel) abortQueued() {
	queued := k.aborted
	k.aborted = nil
	for _, m := range queued {
		k.status("busy", m)
		if m.Header.MsgType == "execute_request" {
			const why = "not run: an earlier cell failed (stop_on_error)"
			k.reply(k.shell, m, "execute_reply", map[string]any{
				"status": "error", "execution_count": k.count,
				"ename": "ExecutionAborted", "evalue": why,
				"traceback":        []string{"ExecutionAborted: " + why},
				"user_expressions": map[string]any{}, "payload": []any{},
			})
		} else {
			k.handleShell(m)
		}
		k.status("idle", m)
	}
}

// handleShell answers one shell request.
func (k *Kernel) handleShell(m *Message) {
	defer func() {
		if r := recover(); r != nil {
			k.log.Printf("panic handling %s: %v\n%s", m.Header.MsgType, r, debug.Stack())
			k.replyError(k.shell, m, "KernelError", fmt.Sprint(r))
		}
	}()
	switch t := m.Header.MsgType; t {
	case "execute_request":
		k.execute(m)
	case "kernel_info_request":
		k.reply(k.shell, m, "kernel_info_reply", k.kernelInfoContent())
	case "complete_request":
		k.complete(m)
	case "inspect_request":
		k.inspect(m)
	case "is_complete_request":
		k.isComplete(m)
	case "history_request":
		k.historyRequest(m)
	case "comm_info_request":
		k.commInfo(m)
	case "comm_open", "comm_msg", "comm_close":
		k.handleComm(m)
	case "shutdown_request":
		k.shutdown(k.shell, m)
	case "connect_request":
		k.reply(k.shell, m, "connect_reply", k.connectContent())
	default:
		k.unknown(k.shell, m)
	}
}

// handleControl answers control requests; it runs while a cell may be
// executing on the shell goroutine.
func (k *Kernel) handleControl(m *Message) {
	k.awaitSubscriber()
	k.status("busy", m)
	defer k.status("idle", m)
	defer func() {
		if r := recover(); r != nil {
			k.log.Printf("panic handling %s: %v\n%s", m.Header.MsgType, r, debug.Stack())
			k.replyError(k.control, m, "KernelError", fmt.Sprint(r))
		}
	}()
	switch m.Header.MsgType {
	case "interrupt_request":
		k.Interrupt()
		k.reply(k.control, m, "interrupt_reply", map[string]any{"status": "ok"})
	case "shutdown_request":
		k.shutdown(k.control, m)
	case "kernel_info_request":
		k.reply(k.control, m, "kernel_info_reply", k.kernelInfoContent())
	default:
		k.unknown(k.control, m)
	}
}

// handleStdin routes input replies to the waiting Publisher.Input.
func (k *Kernel) handleStdin(m *Message) {
	if m.Header.MsgType != "input_reply" {
		k.log.Printf("stdin: ignoring %s", m.Header.MsgType)
		return
	}
	select {
	case k.inputReply <- m:
	default:
		k.log.Printf("stdin: input_reply with no pending input_request")
	}
}

// unknown logs a message type this kernel does not handle; requests
// still get an error reply so that no client waits forever.
func (k *Kernel) unknown(sock zmq4.Socket, m *Message) {
	t := m.Header.MsgType
	k.log.Printf("unknown message type %q", t)
	k.replyError(sock, m, "UnknownMessageType", fmt.Sprintf("boltzbook does not handle %s", t))
}

func (k *Kernel) replyError(sock zmq4.Socket, req *Message, ename, evalue string) {
	t, ok := strings.CutSuffix(req.Header.MsgType, "_request")
	if !ok {
		return
	}
	k.reply(sock, req, t+"_reply", map[string]any{
		"status": "error", "ename": ename, "evalue": evalue, "traceback": []string{ename + ": " + evalue},
	})
}

func (k *Kernel) kernelInfoContent() map[string]any {
	in := k.info
	links := in.HelpLinks
	if links == nil {
		links = []HelpLink{}
	}
	return map[string]any{
		"status":                 "ok",
		"protocol_version":       ProtocolVersion,
		"implementation":         in.Implementation,
		"implementation_version": in.ImplementationVersion,
		"language_info": map[string]any{
			"name":               in.LanguageName,
			"version":            in.LanguageVersion,
			"mimetype":           in.MIMEType,
			"file_extension":     in.FileExtension,
			"pygments_lexer":     in.PygmentsLexer,
			"codemirror_mode":    in.CodeMirrorMode,
			"nbconvert_exporter": "script",
		},
		"banner":     in.Banner,
		"debugger":   false,
		"help_links": links,
	}
}

func (k *Kernel) connectContent() map[string]any {
	return map[string]any{
		"status":       "ok",
		"shell_port":   k.conn.ShellPort,
		"iopub_port":   k.conn.IOPubPort,
		"stdin_port":   k.conn.StdinPort,
		"hb_port":      k.conn.HBPort,
		"control_port": k.conn.ControlPort,
	}
}

// shutdown replies, tells the interpreter and stops the kernel (see
// stop: a running cell is interrupted, and abandoned if it does not
// end). A restart is the front end's job: it starts a new process.
func (k *Kernel) shutdown(sock zmq4.Socket, m *Message) {
	var c struct {
		Restart bool `json:"restart"`
	}
	json.Unmarshal(m.Content, &c)
	content := map[string]any{"status": "ok", "restart": c.Restart}
	k.reply(sock, m, "shutdown_reply", content)
	k.publish("shutdown_reply", m, content)
	k.stop(c.Restart)
}

func (k *Kernel) complete(m *Message) {
	var c struct {
		Code      string `json:"code"`
		CursorPos *int   `json:"cursor_pos"`
	}
	json.Unmarshal(m.Content, &c)
	cursor := utf8.RuneCountInString(c.Code)
	if c.CursorPos != nil {
		cursor = *c.CursorPos
	}
	r := k.interp.Complete(c.Code, cursor)
	matches := r.Matches
	if matches == nil {
		matches = []string{}
	}
	start, end := r.CursorStart, r.CursorEnd
	if len(r.Matches) == 0 {
		start, end = cursor, cursor
	}
	md := r.Metadata
	if md == nil {
		md = map[string]any{}
	}
	k.reply(k.shell, m, "complete_reply", map[string]any{
		"status": "ok", "matches": matches, "cursor_start": start, "cursor_end": end, "metadata": md,
	})
}

func (k *Kernel) inspect(m *Message) {
	var c struct {
		Code        string `json:"code"`
		CursorPos   *int   `json:"cursor_pos"`
		DetailLevel int    `json:"detail_level"`
	}
	json.Unmarshal(m.Content, &c)
	cursor := utf8.RuneCountInString(c.Code)
	if c.CursorPos != nil {
		cursor = *c.CursorPos
	}
	r := k.interp.Inspect(c.Code, cursor, c.DetailLevel)
	data, md := r.Data, r.Metadata
	if data == nil || !r.Found {
		data = MIMEBundle{}
	}
	if md == nil {
		md = map[string]any{}
	}
	k.reply(k.shell, m, "inspect_reply", map[string]any{
		"status": "ok", "found": r.Found && len(data) > 0, "data": data, "metadata": md,
	})
}

func (k *Kernel) isComplete(m *Message) {
	var c struct {
		Code string `json:"code"`
	}
	json.Unmarshal(m.Content, &c)
	r := k.interp.IsComplete(c.Code)
	content := map[string]any{"status": r.Status}
	switch r.Status {
	case "incomplete":
		content["indent"] = r.Indent
	case "complete", "invalid", "unknown":
	default:
		content["status"] = "unknown"
	}
	k.reply(k.shell, m, "is_complete_reply", content)
}
