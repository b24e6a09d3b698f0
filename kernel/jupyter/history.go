// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// historySession is the session number of this kernel's history; the
// history lives in memory for the kernel's life only.
const historySession = 1

// The history lives in memory, so it is bounded: the latest historyMax
// executions are kept, and an input or output longer than
// historyTextMax is kept cut short, with a note saying so (a 50 MB
// cell must not stay in memory for the kernel's life).
const (
	historyMax     = 10000
	historyTextMax = 64 << 10
)

// historyEntry is one stored execution.
type historyEntry struct {
	line      int
	input     string
	output    string // text/plain of the execute_result, if hasOutput
	hasOutput bool
}

// remember adds an execution to the history.
func (k *Kernel) remember(line int, input string, output any) {
	e := historyEntry{line: line, input: historyText(input)}
	if s, ok := output.(string); ok {
		e.output, e.hasOutput = historyText(s), true
	}
	if len(k.history) >= historyMax {
		// Drop the oldest quarter at once: amortised O(1), and the
		// old backing array goes.
		k.history = append([]historyEntry(nil), k.history[len(k.history)-historyMax*3/4:]...)
	}
	k.history = append(k.history, e)
}

// historyText returns s, or its start and a note when s is too long to
// keep. The copy lets the full text be collected.
func historyText(s string) string {
	if len(s) <= historyTextMax {
		return s
	}
	cut := historyTextMax
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.Clone(s[:cut]) + fmt.Sprintf("\n… (%d bytes more not kept in the history)", len(s)-cut)
}

func (e historyEntry) out() any {
	if e.hasOutput {
		return e.output
	}
	return nil
}

type historyContent struct {
	Output         bool   `json:"output"`
	Raw            bool   `json:"raw"`
	HistAccessType string `json:"hist_access_type"`
	Session        int    `json:"session"`
	Start          int    `json:"start"`
	Stop           *int   `json:"stop"`
	N              *int   `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

// historyRequest answers tail, range and search requests over the
// executions of this kernel (session 1; session 0 or negative numbers
// mean the current one, as in IPython).
func (k *Kernel) historyRequest(m *Message) {
	var c historyContent
	json.Unmarshal(m.Content, &c)
	var sel []historyEntry
	switch c.HistAccessType {
	case "tail":
		sel = lastN(k.history, c.N)
	case "range":
		if c.Session <= 0 || c.Session == historySession {
			for _, e := range k.history {
				if e.line >= c.Start && (c.Stop == nil || e.line < *c.Stop) {
					sel = append(sel, e)
				}
			}
		}
	case "search":
		pattern := c.Pattern
		if pattern == "" {
			pattern = "*"
		}
		seen := map[string]bool{}
		// Newest first so that unique keeps the latest occurrence.
		for i := len(k.history) - 1; i >= 0; i-- {
			e := k.history[i]
			if !globMatch(pattern, e.input) {
				continue
			}
			if c.Unique {
				if seen[e.input] {
					continue
				}
				seen[e.input] = true
			}
			sel = append(sel, e)
		}
		for i, j := 0, len(sel)-1; i < j; i, j = i+1, j-1 {
			sel[i], sel[j] = sel[j], sel[i]
		}
		sel = lastN(sel, c.N)
	}
	out := make([]any, 0, len(sel))
	for _, e := range sel {
		if c.Output {
			out = append(out, []any{historySession, e.line, []any{e.input, e.out()}})
		} else {
			out = append(out, []any{historySession, e.line, e.input})
		}
	}
	k.reply(k.shell, m, "history_reply", map[string]any{"status": "ok", "history": out})
}

func lastN(h []historyEntry, n *int) []historyEntry {
	if n == nil || *n <= 0 || *n >= len(h) {
		return h
	}
	return h[len(h)-*n:]
}

// globMatch matches s against a shell glob with * and ? (the pattern
// language of IPython's history search), over the whole string.
func globMatch(pattern, s string) bool {
	p, t := []rune(pattern), []rune(s)
	pi, ti := 0, 0
	star, mark := -1, 0
	for ti < len(t) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == t[ti]):
			pi++
			ti++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, ti
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			ti = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
