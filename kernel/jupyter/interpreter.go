// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

// This file is the seam between the protocol side (this package: sockets,
// signing, the execution count, busy/idle, execute_input) and a language
// back end (kernel/interp). The back end never touches sockets; it talks
// to the notebook only through a Publisher.

// MIMEBundle maps MIME types ("text/plain", "image/png", ...) to data:
// strings for text types, base64 strings for binary types, or any JSON
// value for JSON types.
type MIMEBundle = map[string]any

// Interpreter is a language back end. Execute, Complete, Inspect,
// IsComplete and KernelInfo are called from the shell goroutine, one at
// a time; Interrupt is called from the control goroutine while Execute
// may be running.
type Interpreter interface {
	// KernelInfo describes the language for kernel_info_reply.
	KernelInfo() KernelInfo
	// Execute runs one cell. Output produced while it runs, and
	// output produced later by goroutines the cell started, goes to
	// pub; pub stays valid after Execute returns.
	Execute(req ExecuteRequest, pub Publisher) ExecuteResult
	// Complete returns completions for code at the cursor (a rune
	// offset, as the protocol counts it).
	Complete(code string, cursor int) CompleteResult
	// Inspect returns documentation for the identifier at the cursor.
	Inspect(code string, cursor int, detailLevel int) InspectResult
	// IsComplete reports whether code is ready to run.
	IsComplete(code string) IsCompleteResult
	// Interrupt stops the running cell, if any, as soon as it can.
	Interrupt()
	// Shutdown releases the back end's resources.
	Shutdown(restart bool)
}

// Publisher sends output to the front end on behalf of one request.
type Publisher interface {
	// Stream sends text on "stdout" or "stderr".
	Stream(name, text string)
	// Display sends display_data, or update_display_data when update
	// is set (transient must then carry "display_id").
	Display(data MIMEBundle, metadata map[string]any, transient map[string]any, update bool)
	// ClearOutput sends clear_output.
	ClearOutput(wait bool)
	// Input asks the front end for a line of input (input_request on
	// stdin) and returns the reply; it fails when the request did not
	// allow stdin.
	Input(prompt string, password bool) (string, error)
}

// KernelInfo is the language-specific part of kernel_info_reply.
type KernelInfo struct {
	Implementation        string
	ImplementationVersion string
	LanguageName          string // "go"
	LanguageVersion       string // e.g. "1.26.8"
	MIMEType              string // "text/x-go"
	FileExtension         string // ".go"
	PygmentsLexer         string // "go"
	CodeMirrorMode        string // "go"
	Banner                string
	HelpLinks             []HelpLink
}

// HelpLink is an entry of kernel_info_reply's help_links.
type HelpLink struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

// ExecuteRequest is the content of an execute_request the back end needs.
type ExecuteRequest struct {
	Code            string
	Silent          bool
	StoreHistory    bool
	AllowStdin      bool
	StopOnError     bool
	UserExpressions map[string]string
	// ExecutionCount is the count this execution will be reported
	// with (already incremented unless Silent).
	ExecutionCount int
	// CellID is the front end's id of the cell (the request's
	// metadata cellId, which JupyterLab sends), or "".
	CellID string
}

// ExecuteResult is the outcome of a cell.
type ExecuteResult struct {
	// Data is the value of the cell's last expression, or nil when
	// the cell has none; the protocol side sends it as execute_result.
	Data     MIMEBundle
	Metadata map[string]any
	// Error is non-nil when the cell failed (compile error, panic,
	// interrupt); the protocol side sends it on iopub and in the reply.
	Error *ExecError
	// UserExpressions holds the results for the request's
	// user_expressions, each {"status":"ok","data":...,"metadata":...}
	// or an error content.
	UserExpressions map[string]any
	// Payload holds the execute_reply's payloads, e.g. the pager's
	// {"source": "page", "data": {"text/plain": ...}, "start": 0}
	// (see PagePayload). Nil means none.
	Payload []map[string]any
}

// PagePayload returns the payload that shows data in the front end's
// pager (IPython's `obj?`), from the first line.
func PagePayload(data MIMEBundle) map[string]any {
	return map[string]any{"source": "page", "data": data, "start": 0}
}

// ExecError describes a failed execution.
type ExecError struct {
	Name      string   // ename, e.g. "panic", "CompileError", "Interrupted"
	Value     string   // evalue
	Traceback []string // never nil when sent
}

// CompleteResult is the content of complete_reply.
type CompleteResult struct {
	Matches     []string
	CursorStart int
	CursorEnd   int
	Metadata    map[string]any
}

// InspectResult is the content of inspect_reply.
type InspectResult struct {
	Found    bool
	Data     MIMEBundle
	Metadata map[string]any
}

// IsCompleteResult is the content of is_complete_reply. Status is
// "complete", "incomplete", "invalid" or "unknown"; Indent is used with
// "incomplete".
type IsCompleteResult struct {
	Status string
	Indent string
}
