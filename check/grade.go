// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package check

import (
	"encoding/json"
	"fmt"
	"html"
	"strconv"
	"strings"
)

// MIMEGrade is the media type under which a Grade carries its JSON form
// in a cell's result, next to text/plain and text/html; graders read it,
// JupyterLab and nbgrader ignore it.
const MIMEGrade = "application/vnd.boltzbook.grade+json"

// Grade is the score of one graded cell, as Points computes it.
type Grade struct {
	// Question names the question the cell grades.
	Question string `json:"question"`
	// Earned is the cell's score: Points scaled by the share of the
	// points of the checks that ran which they earned.
	Earned float64 `json:"earned"`
	// Points is what the whole cell is worth.
	Points float64 `json:"points"`
	// Ran is the total of the points of the checks that ran; Passed is
	// the part of it they earned. In the teacher's key (hidden tests
	// included) Ran equals Points.
	Ran    float64 `json:"ran"`
	Passed float64 `json:"passed"`
	// Checks counts the checks that ran.
	Checks int `json:"checks"`
	// Failures holds the messages of the failed checks.
	Failures []string `json:"failures,omitempty"`
}

// Points scores a graded cell: it ends the cell, after the cell's checks
// of question, and its value is the points the cell earns out of points:
//
//	display.Show(check.Close("q1-energy", 2, "energy of the deep minimum", e, -5, 1e-9))
//	display.Show(check.Close("q1-energy", 1, "energy of the shallow one", e2, -3, 1e-9))
//	check.Points("q1-energy", 3)
//
// The score is points × (points earned by the checks that ran) / (points
// of the checks that ran), so a student's copy, from which the hidden tests
// were removed, shows the full score when every visible check passes; the
// grader runs the hidden tests too. The checks counted are those of
// question recorded since the previous Points call for question (or since
// Reset), so running a cell again replaces its score. No check run scores
// zero.
//
// The value shows as the number alone in text/plain, which is how nbgrader
// reads partial credit from a graded cell's result, as a line in HTML in
// the notebook, and as JSON (MIMEGrade) for `boltzbook assign grade`.
func Points(question string, points float64) Grade {
	book.Lock()
	defer book.Unlock()
	if book.marks == nil {
		book.marks = map[string]int{}
	}
	g := Grade{Question: question, Points: points}
	for _, r := range book.results[book.marks[question]:] {
		if r.Question != question {
			continue
		}
		g.Checks++
		g.Ran += r.Points
		g.Passed += r.Earned()
		if !r.Passed {
			g.Failures = append(g.Failures, failure(r))
		}
	}
	book.marks[question] = len(book.results)
	if g.Ran > 0 && points > 0 {
		g.Earned = points * g.Passed / g.Ran
		// Round away float noise (3 × 2.5/7.5 is 0.9999999999999999) and
		// never exceed the cell's points, which nbgrader rejects.
		g.Earned = min(points, float64(int64(g.Earned*1e6+0.5))/1e6)
	}
	book.grades = append(book.grades, g)
	return g
}

// failure is the one-line message of a failed check.
func failure(r Result) string {
	msg := r.What + ": expected " + r.Expected + ", got " + r.Got
	if r.Message != "" {
		msg += " (" + r.Message + ")"
	}
	return msg
}

// String is the score alone, e.g. "2.5".
func (g Grade) String() string { return strconv.FormatFloat(g.Earned, 'f', -1, 64) }

// MIMEBundle shows the score as a number (text/plain), a line of HTML and
// JSON for graders.
func (g Grade) MIMEBundle() map[string]any {
	var obj map[string]any // JSON media types travel as objects
	js, _ := json.Marshal(g)
	json.Unmarshal(js, &obj)
	return map[string]any{
		"text/plain": g.String(),
		"text/html":  g.HTML(),
		MIMEGrade:    obj,
	}
}

// HTML formats the score as one line for the notebook.
func (g Grade) HTML() string {
	colour := "#1a7f37"
	if g.Earned < g.Points {
		colour = "#cf222e"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<div style="font-family:monospace;padding:2px 8px"><b>%s</b>: <b style="color:%s">%s/%s points</b>`,
		html.EscapeString(g.Question), colour, fmtPoints(g.Earned), fmtPoints(g.Points))
	switch {
	case g.Checks == 0:
		b.WriteString(` — no check of this question ran`)
	case g.Ran != g.Points:
		fmt.Fprintf(&b, ` <span style="color:#57606a">(%s of the %s points of the checks that ran; the grader runs more)</span>`,
			fmtPoints(g.Passed), fmtPoints(g.Ran))
	}
	b.WriteString(`</div>`)
	return b.String()
}
