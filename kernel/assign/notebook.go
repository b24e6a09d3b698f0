// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package assign

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/boltzbook/boltzbook/internal/nbformat"
)

// notebook is an nbformat 4 document kept as generic JSON so that fields
// this package does not know survive a round trip.
type notebook map[string]any

type cell map[string]any

func parseNotebook(data []byte) (notebook, error) {
	var nb notebook
	if err := json.Unmarshal(data, &nb); err != nil {
		return nil, fmt.Errorf("not a notebook (invalid JSON): %v", err)
	}
	if v, _ := nb["nbformat"].(float64); v != 4 {
		return nil, fmt.Errorf("not an nbformat 4 notebook (nbformat = %v)", nb["nbformat"])
	}
	if _, ok := nb["cells"].([]any); !ok {
		return nil, fmt.Errorf("not a notebook: it has no cells list")
	}
	return nb, nil
}

func readNotebook(path string) (notebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	nb, err := parseNotebook(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return nb, nil
}

func (nb notebook) cells() []cell {
	raw, _ := nb["cells"].([]any)
	out := make([]cell, 0, len(raw))
	for _, c := range raw {
		if m, ok := c.(map[string]any); ok {
			out = append(out, cell(m))
		}
	}
	return out
}

func (nb notebook) setCells(cs []cell) {
	raw := make([]any, len(cs))
	for i, c := range cs {
		raw[i] = map[string]any(c)
	}
	nb["cells"] = raw
}

// marshal encodes nb as nbformat does: sorted keys, one-space indent,
// a trailing newline.
func (nb notebook) marshal() ([]byte, error) {
	return nbformat.Marshal(nb)
}

func (c cell) kind() string { s, _ := c["cell_type"].(string); return s }

// source returns the cell's text; nbformat allows a string or a list of lines.
func (c cell) source() string { return nbformat.Source(c["source"]) }

// setSource stores text as a list of lines, as Jupyter writes it.
func (c cell) setSource(text string) { c["source"] = nbformat.Lines(text) }

// grader returns the cell's nbgrader metadata, or nil.
func (c cell) grader() map[string]any {
	md, _ := c["metadata"].(map[string]any)
	g, _ := md["nbgrader"].(map[string]any)
	return g
}

func (c cell) flag(name string) bool {
	v, _ := c.grader()[name].(bool)
	return v
}

func (c cell) gradeID() string {
	s, _ := c.grader()["grade_id"].(string)
	return s
}

func (c cell) isSolution() bool { return c.flag("solution") }

// clone returns a deep copy of c.
func (c cell) clone() cell {
	data, _ := json.Marshal(c)
	var out cell
	json.Unmarshal(data, &out)
	return out
}

func (c cell) clearOutputs() {
	if c.kind() == "code" {
		c["outputs"] = []any{}
		c["execution_count"] = nil
	}
}
