// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package check

import (
	"fmt"
	"html"
	"strings"
	"sync"
)

var book struct {
	sync.Mutex
	results []Result
	// marks[q] is the index in results after which Points(q) counts.
	marks map[string]int
	// grades holds every Points score, in order.
	grades []Grade
}

// record keeps r for Points and Summary. It never writes to stderr:
// nbgrader scores a graded cell that does as zero.
func record(r Result) Result {
	book.Lock()
	defer book.Unlock()
	book.results = append(book.results, r)
	return r
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
	book.results, book.marks, book.grades = nil, nil, nil
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
			s.Failures = append(s.Failures, failure(r))
		}
	}
	return out
}

// Report is the table of every check so far; it renders as HTML in a
// notebook and as text elsewhere.
type Report struct {
	Scores []Score
}

// Summary returns the scores so far, one per question: the latest
// Points score of a question that has one (a graded cell run again counts
// once), else the total of its checks.
func Summary() Report {
	book.Lock()
	grades := append([]Grade(nil), book.grades...)
	book.Unlock()
	scores := Scores(Results())
	for i, s := range scores {
		for _, g := range grades {
			if g.Question == s.Question {
				scores[i] = Score{Question: g.Question, Earned: g.Earned, Points: g.Points, Failures: g.Failures}
			}
		}
	}
	return Report{Scores: scores}
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
