// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package assign

import (
	"fmt"
	"strings"
)

// Placeholder is the Go statement a released notebook has where the
// key's solution was.
const Placeholder = `panic("not implemented yet") // YOUR CODE HERE`

// markdownPlaceholder replaces solutions in markdown cells.
const markdownPlaceholder = "YOUR ANSWER HERE"

// Release returns the student version of the key notebook src.
func Release(src []byte) ([]byte, error) {
	nb, err := parseNotebook(src)
	if err != nil {
		return nil, err
	}
	if err := releaseCells(nb); err != nil {
		return nil, err
	}
	return nb.marshal()
}

func releaseCells(nb notebook) error {
	ids := map[string]int{}
	cs := nb.cells()
	for i, c := range cs {
		if id := c.gradeID(); id != "" {
			if j, dup := ids[id]; dup {
				return fmt.Errorf("cells %d and %d share the grade_id %q: every graded or solution cell needs its own", j+1, i+1, id)
			}
			ids[id] = i
		} else if c.isSolution() || c.flag("grade") {
			return fmt.Errorf("cell %d is a solution or graded cell without a grade_id", i+1)
		}
		text, err := releaseSource(c)
		if err != nil {
			return fmt.Errorf("cell %d (%s): %w", i+1, c.gradeID(), err)
		}
		c.setSource(text)
		c.clearOutputs()
	}
	nb.setCells(cs)
	return nil
}

// releaseSource strips solutions (in solution cells) and hidden tests
// (anywhere) from a cell's source.
func releaseSource(c cell) (string, error) {
	src := c.source()
	code := c.kind() == "code"
	placeholder := Placeholder
	if !code {
		placeholder = markdownPlaceholder
	}
	out, found, err := replaceRegions(src, "BEGIN SOLUTION", "END SOLUTION", placeholder)
	if err != nil {
		return "", err
	}
	if found && !c.isSolution() {
		return "", fmt.Errorf("has solution markers but is not marked as a solution cell (nbgrader.solution)")
	}
	if !found && c.isSolution() && !strings.Contains(src, placeholder) {
		// A solution cell without markers is all solution (one that
		// holds the placeholder is already released).
		out = placeholder + "\n"
	}
	out, _, err = replaceRegions(out, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "")
	return out, err
}

// replaceRegions replaces every region from a line containing begin to
// the next line containing end (both included) by one line holding
// placeholder, indented as the begin line; an empty placeholder drops the
// region.
func replaceRegions(src, begin, end, placeholder string) (string, bool, error) {
	lines := strings.SplitAfter(src, "\n")
	var out strings.Builder
	found, inside := false, false
	for i, l := range lines {
		switch {
		case !inside && marker(l, begin):
			inside, found = true, true
			if placeholder != "" {
				indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
				out.WriteString(indent + placeholder + "\n")
			}
		case inside && marker(l, end):
			inside = false
			if !strings.HasSuffix(l, "\n") {
				// The region ended the text: so does what replaced it
				// (as nbgrader, which splits and joins on newlines).
				trimmed := strings.TrimSuffix(out.String(), "\n")
				out.Reset()
				out.WriteString(trimmed)
			}
		case inside && marker(l, begin):
			return "", found, fmt.Errorf("line %d: %q inside another %q region", i+1, begin, begin)
		case !inside && marker(l, end):
			return "", found, fmt.Errorf("line %d: %q without a %q before it", i+1, end, begin)
		case !inside:
			out.WriteString(l)
		}
	}
	if inside {
		return "", found, fmt.Errorf("%q is never closed by %q", begin, end)
	}
	return out.String(), found, nil
}

// marker reports whether line is a marker line such as "// BEGIN SOLUTION"
// (a comment or a bare line holding the marker and nothing else).
func marker(line, m string) bool {
	s := strings.TrimSpace(line)
	s = strings.TrimSpace(strings.TrimLeft(s, "/#"))
	return s == m
}
