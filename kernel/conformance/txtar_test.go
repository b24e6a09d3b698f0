// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package conformance

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// A corpusCase is one file testdata/<topic>/<name>.txtar.
type corpusCase struct {
	Topic, Name string
	Path        string // slash-separated, relative to this package
	Comment     string
	Cells       []corpusCell
	Program     string // the -- program.go -- section, "" when derived
	ProgramLine int    // file line of its first line
}

// ID is the case's name in subtests and reports: topic/name.
func (c *corpusCase) ID() string { return c.Topic + "/" + c.Name }

// A corpusCell is one -- cell -- or -- error cell -- section.
type corpusCell struct {
	Code string
	Line int // file line of the cell's first line
	// Fail is "" for a cell that runs; failCompile (-- error cell --)
	// or failPanic (-- panic cell --) for one the kernel must reject
	// with an error, and that the program leaves out.
	Fail string
}

// Section names a case file may use.
const (
	sectionCell      = "cell"
	sectionErrorCell = "error cell"
	sectionPanicCell = "panic cell"
	sectionProgram   = "program.go"
)

// loadCorpus reads every testdata/*/*.txtar below dir, sorted by ID.
func loadCorpus(dir string) ([]*corpusCase, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.txtar"))
	if err != nil {
		return nil, err
	}
	var cases []*corpusCase
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(filepath.Dir(dir), f)
		if err != nil {
			rel = f
		}
		c, err := parseCase(filepath.ToSlash(rel), string(data))
		if err != nil {
			return nil, err
		}
		c.Topic = filepath.Base(filepath.Dir(f))
		c.Name = strings.TrimSuffix(filepath.Base(f), ".txtar")
		cases = append(cases, c)
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].ID() < cases[j].ID() })
	return cases, nil
}

// parseCase parses the txtar text of one case: a comment, then
// sections "-- NAME --" (a marker line) with their lines up to the next
// marker. The last line of a section loses its newline.
func parseCase(path, text string) (*corpusCase, error) {
	c := &corpusCase{Path: path}
	lines := strings.SplitAfter(text, "\n")
	var comment strings.Builder
	cur := "" // current section name; "" is the comment
	var body strings.Builder
	start := 0
	flush := func() error {
		code := strings.TrimSuffix(body.String(), "\n")
		body.Reset()
		switch cur {
		case "":
			c.Comment = strings.TrimSpace(comment.String())
		case sectionCell, sectionErrorCell, sectionPanicCell:
			if strings.TrimSpace(code) == "" {
				return fmt.Errorf("%s:%d: empty %s section", path, start-1, cur)
			}
			fail := ""
			switch cur {
			case sectionErrorCell:
				fail = failCompile
			case sectionPanicCell:
				fail = failPanic
			}
			c.Cells = append(c.Cells, corpusCell{Code: code, Line: start, Fail: fail})
		case sectionProgram:
			if c.Program != "" {
				return fmt.Errorf("%s:%d: second %s section", path, start-1, cur)
			}
			c.Program, c.ProgramLine = code+"\n", start
		}
		return nil
	}
	for i, l := range lines {
		name, ok := marker(l)
		if !ok {
			if cur == "" {
				comment.WriteString(l)
			} else {
				body.WriteString(l)
			}
			continue
		}
		if err := flush(); err != nil {
			return nil, err
		}
		switch name {
		case sectionCell, sectionErrorCell, sectionPanicCell, sectionProgram:
		default:
			return nil, fmt.Errorf("%s:%d: unknown section %q (want %q, %q, %q or %q)",
				path, i+1, name, sectionCell, sectionErrorCell, sectionPanicCell, sectionProgram)
		}
		if name == sectionProgram {
			// program.go is not a cell; no cell may follow it.
		} else if c.Program != "" {
			return nil, fmt.Errorf("%s:%d: a cell after the %s section", path, i+1, sectionProgram)
		}
		cur, start = name, i+2
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if c.Comment == "" {
		return nil, fmt.Errorf("%s: no comment saying what the case tests", path)
	}
	if len(c.Cells) == 0 {
		return nil, fmt.Errorf("%s: no cells", path)
	}
	return c, nil
}

// How a failing cell must fail.
const (
	failCompile = "compile" // a compile error: any error reply but a panic or an interrupt
	failPanic   = "panic"   // a run-time panic: any error reply but an interrupt
)

// marker reports whether l is a section marker "-- NAME --" and returns NAME.
func marker(l string) (string, bool) {
	l = strings.TrimRight(l, "\r\n")
	if !strings.HasPrefix(l, "-- ") || !strings.HasSuffix(l, " --") || len(l) < 7 {
		return "", false
	}
	return strings.TrimSpace(l[3 : len(l)-3]), true
}
