// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package check

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"strings"
	"sync"
)

// LogEnv names the environment variable that makes every check append
// its Result as a JSON line to a file; the grader sets it.
const LogEnv = "BOLTZBOOK_CHECK_LOG"

var book struct {
	sync.Mutex
	results []Result
}

// record keeps r for Summary and, under the grader, appends it to the log.
func record(r Result) Result {
	book.Lock()
	defer book.Unlock()
	book.results = append(book.results, r)
	if path := os.Getenv(LogEnv); path != "" {
		if err := appendLog(path, r); err != nil {
			fmt.Fprintf(os.Stderr, "check: could not write the grading log %s: %v\n", path, err)
		}
	}
	return r
}

func appendLog(path string, r Result) error {
	line, err := json.Marshal(r)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Results returns every check recorded so far, in order.
func Results() []Result {
	book.Lock()
	defer book.Unlock()
	return append([]Result(nil), book.results...)
}

// Reset forgets every recorded check.
func Reset() {
	book.Lock()
	book.results = nil
	book.Unlock()
}

// Score is the total of one question.
type Score struct {
	Question       string
	Earned, Points float64
	// Failures holds the messages of the question's failed checks.
	Failures []string
}

// Scores totals results per question, in order of first appearance.
func Scores(results []Result) []Score {
	var out []Score
	index := map[string]int{}
	for _, r := range results {
		i, ok := index[r.Question]
		if !ok {
			i = len(out)
			index[r.Question] = i
			out = append(out, Score{Question: r.Question})
		}
		s := &out[i]
		s.Points += r.Points
		s.Earned += r.Earned()
		if !r.Passed {
			msg := r.What + ": expected " + r.Expected + ", got " + r.Got
			if r.Message != "" {
				msg += " (" + r.Message + ")"
			}
			s.Failures = append(s.Failures, msg)
		}
	}
	return out
}

// Report is the table of every check so far; it renders as HTML in a
// notebook and as text elsewhere.
type Report struct {
	Scores []Score
}

// Summary returns the scores of every check recorded so far.
func Summary() Report {
	return Report{Scores: Scores(Results())}
}

// Total returns the points earned and available.
func (r Report) Total() (earned, points float64) {
	for _, s := range r.Scores {
		earned += s.Earned
		points += s.Points
	}
	return earned, points
}

// String formats the report as a text table.
func (r Report) String() string {
	var b strings.Builder
	for _, s := range r.Scores {
		fmt.Fprintf(&b, "%-24s %s/%s\n", s.Question, fmtPoints(s.Earned), fmtPoints(s.Points))
	}
	e, p := r.Total()
	fmt.Fprintf(&b, "%-24s %s/%s", "total", fmtPoints(e), fmtPoints(p))
	return b.String()
}

// HTML formats the report as a table.
func (r Report) HTML() string {
	var b strings.Builder
	b.WriteString(`<table><tr><th style="text-align:left">question</th><th>points</th><th style="text-align:left">failed checks</th></tr>`)
	for _, s := range r.Scores {
		colour := "#1a7f37"
		if s.Earned < s.Points {
			colour = "#cf222e"
		}
		fmt.Fprintf(&b, `<tr><td style="text-align:left">%s</td><td style="color:%s">%s/%s</td><td style="text-align:left">%s</td></tr>`,
			html.EscapeString(s.Question), colour, fmtPoints(s.Earned), fmtPoints(s.Points),
			html.EscapeString(strings.Join(s.Failures, "; ")))
	}
	e, p := r.Total()
	fmt.Fprintf(&b, `<tr><td style="text-align:left"><b>total</b></td><td><b>%s/%s</b></td><td></td></tr></table>`, fmtPoints(e), fmtPoints(p))
	return b.String()
}
