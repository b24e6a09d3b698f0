// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package check

import (
	"fmt"
	"html"
	"strings"
)

// Result is the outcome of one check.
type Result struct {
	// Question names the question the check belongs to, e.g. "q1-energy".
	Question string `json:"question"`
	// What says what was checked, e.g. "energy of the local minimum".
	What string `json:"what"`
	// Points is the value of the check; a passed check earns all of it.
	Points float64 `json:"points"`
	// Passed reports whether the check passed.
	Passed bool `json:"passed"`
	// Expected and Got describe the expected and the actual value.
	Expected string `json:"expected"`
	Got      string `json:"got"`
	// Message explains a failure (or adds a note to a pass).
	Message string `json:"message,omitempty"`
}

// Earned returns the points the result earns.
func (r Result) Earned() float64 {
	if r.Passed {
		return r.Points
	}
	return 0
}

func (r Result) verdict() string {
	if r.Passed {
		return "PASS"
	}
	return "FAIL"
}

// String formats r as one line for a terminal.
func (r Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s (%s/%s points)", r.verdict(), r.Question, r.What, fmtPoints(r.Earned()), fmtPoints(r.Points))
	if !r.Passed {
		fmt.Fprintf(&b, " — expected %s, got %s", r.Expected, r.Got)
	}
	if r.Message != "" {
		fmt.Fprintf(&b, " — %s", r.Message)
	}
	return b.String()
}

// HTML formats r as one coloured line for a notebook.
func (r Result) HTML() string {
	colour, mark := "#1a7f37", "✔"
	if !r.Passed {
		colour, mark = "#cf222e", "✘"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<div style="font-family:monospace;border-left:4px solid %s;padding:2px 8px;margin:2px 0">`, colour)
	fmt.Fprintf(&b, `<b style="color:%s">%s %s</b> <b>%s</b>: %s <span style="color:#57606a">(%s/%s points)</span>`,
		colour, mark, r.verdict(), html.EscapeString(r.Question), html.EscapeString(r.What),
		fmtPoints(r.Earned()), fmtPoints(r.Points))
	if !r.Passed {
		fmt.Fprintf(&b, `<br>expected <code>%s</code>, got <code>%s</code>`, html.EscapeString(r.Expected), html.EscapeString(r.Got))
	}
	if r.Message != "" {
		fmt.Fprintf(&b, `<br>%s`, html.EscapeString(r.Message))
	}
	b.WriteString(`</div>`)
	return b.String()
}

func fmtPoints(p float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", p), "0"), ".")
}
