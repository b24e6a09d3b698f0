// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"context"
	"errors"
	"fmt"
	"go/scanner"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/cosmos72/gomacro/base"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// cellPos matches the positions gomacro writes in its messages.
var cellPos = regexp.MustCompile(`\b` + cellFile + `:(\d+):(\d+): `)

// asError turns a recovered value into an error.
func asError(r any) error {
	if err, ok := r.(error); ok {
		return err
	}
	return errors.New(fmt.Sprint(r))
}

// compileError describes a parse or compile failure.
func compileError(err error, code string) *jupyter.ExecError {
	var msgs []string
	var list scanner.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			msgs = append(msgs, fmt.Sprintf("%s:%d:%d: %s", cellFile, e.Pos.Line, e.Pos.Column, e.Msg))
		}
	} else {
		msgs = []string{err.Error()}
	}
	e := &jupyter.ExecError{Name: "CompileError"}
	for i, msg := range msgs {
		line, col := positionIn(msg)
		msg = strings.TrimSpace(cellPos.ReplaceAllString(msg, ""))
		if i == 0 {
			e.Value = msg
		}
		e.Traceback = append(e.Traceback, "CompileError: "+msg)
		e.Traceback = append(e.Traceback, where(code, line, col)...)
	}
	return e
}

// runtimeError describes a panic raised while a unit starting at
// line ran.
func (s *Session) runtimeError(ctx context.Context, p *panicked, line int, code string) *jupyter.ExecError {
	switch v := p.value.(type) {
	case base.Signal:
		if v == base.SigInterrupt {
			return interruptedError(line, code)
		}
	case exitRequest:
		if v.code == 0 {
			return nil // os.Exit(0) ends the cell, successfully
		}
		return &jupyter.ExecError{
			Name:      "Exit",
			Value:     v.Error(),
			Traceback: append([]string{"Exit: " + v.Error()}, where(code, line, 0)...),
		}
	}
	msg := panicMessage(p.value)
	if err, ok := p.value.(error); ok && ctx.Err() != nil && errors.Is(err, context.Canceled) {
		return interruptedError(line, code)
	}
	// gomacro's own run-time errors may carry a more precise position.
	if l, c := positionIn(msg); l > 0 {
		line = l
		msg = strings.TrimSpace(cellPos.ReplaceAllString(msg, ""))
		tb := append([]string{"panic: " + msg}, where(code, line, c)...)
		return &jupyter.ExecError{Name: "panic", Value: msg, Traceback: tb}
	}
	tb := append([]string{"panic: " + msg}, where(code, line, 0)...)
	tb = append(tb, compiledFrames(p.stack)...)
	return &jupyter.ExecError{Name: "panic", Value: msg, Traceback: tb}
}

// interruptedError reports a cell stopped by an interrupt; line is 0
// when the place is unknown.
func interruptedError(line int, code string) *jupyter.ExecError {
	const msg = "the cell was interrupted; variables defined before keep their values"
	tb := append([]string{"Interrupted: " + msg}, where(code, line, 0)...)
	return &jupyter.ExecError{Name: "Interrupted", Value: msg, Traceback: tb}
}

// panicMessage is what a panic value says. gomacro runs cells through
// reflect, so some run-time errors surface as reflect's messages; those
// are translated to what compiled Go would have said.
func panicMessage(v any) string {
	var msg string
	switch x := v.(type) {
	case error:
		msg = x.Error()
	case fmt.Stringer:
		msg = x.String()
	default:
		msg = fmt.Sprint(v)
	}
	for _, t := range reflectPanics {
		if strings.HasPrefix(msg, "reflect") && strings.Contains(msg, t.contains) {
			return t.says + " (" + msg + ")"
		}
	}
	return msg
}

// reflectPanics translates reflect's panics in interpreted code.
var reflectPanics = []struct{ contains, says string }{
	{"on zero Value", "runtime error: invalid memory address or nil pointer dereference"},
	{"index out of range", "runtime error: index out of range"},
	{"slice bounds out of range", "runtime error: slice bounds out of range"},
}

// positionIn finds the first cell position in a gomacro message.
func positionIn(msg string) (line, col int) {
	m := cellPos.FindStringSubmatch(msg)
	if m == nil {
		return 0, 0
	}
	line, _ = strconv.Atoi(m[1])
	col, _ = strconv.Atoi(m[2])
	return line, col
}

// where names a cell line and quotes it, with a caret under col when known.
func where(code string, line, col int) []string {
	if line <= 0 {
		return nil
	}
	src := strings.ReplaceAll(sourceLine(code, line), "\t", "    ")
	tb := []string{fmt.Sprintf("cell line %d: %s", line, strings.TrimSpace(src))}
	if col > 0 {
		// Count the caret's column on the tab-expanded line.
		raw := sourceLine(code, line)
		if col-1 <= len(raw) {
			pad := len(strings.ReplaceAll(raw[:col-1], "\t", "    "))
			tb = append(tb, "    "+src, "    "+strings.Repeat(" ", pad)+"^")
		}
	}
	return tb
}

// compiledFrames lists the frames of compiled Go code (bm, gonum, the
// standard library...) between the interpreter and a panic, innermost
// first, from a debug.Stack taken while panicking.
func compiledFrames(stack []byte) []string {
	lines := strings.Split(string(stack), "\n")
	start := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") {
			start = i + 2 // skip the panic call and its file line
			break
		}
	}
	if start < 0 {
		return nil
	}
	var out []string
	for i := start; i+1 < len(lines); i += 2 {
		fn, file := lines[i], strings.TrimSpace(lines[i+1])
		if strings.HasPrefix(fn, "github.com/cosmos72/gomacro/") || strings.HasPrefix(fn, "reflect.") ||
			fn == "" || strings.HasPrefix(fn, "goroutine ") {
			break
		}
		if strings.HasPrefix(fn, "runtime.") {
			continue
		}
		if j := strings.LastIndexByte(fn, '('); j > 0 {
			fn = fn[:j]
		}
		fn = strings.TrimPrefix(fn, "github.com/boltzbook/boltzbook/")
		if j := strings.LastIndex(file, " +0x"); j > 0 {
			file = file[:j]
		}
		out = append(out, fmt.Sprintf("  in %s (%s)", fn, path.Base(file)))
	}
	if len(out) > 0 {
		out = append([]string{"compiled code, innermost first:"}, out...)
	}
	return out
}
