// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
	"github.com/boltzbook/boltzbook/kernel/jupyter/jupytertest"
)

func notebook(cells ...string) []byte {
	var cs []map[string]any
	for _, c := range cells {
		if md, ok := strings.CutPrefix(c, "# md\n"); ok {
			cs = append(cs, map[string]any{"cell_type": "markdown", "metadata": map[string]any{}, "source": md})
			continue
		}
		cs = append(cs, map[string]any{
			"cell_type": "code", "metadata": map[string]any{}, "source": c,
			"outputs": []any{map[string]any{"output_type": "stream", "name": "stdout", "text": "stale\n"}}, "execution_count": 99,
		})
	}
	b, _ := json.Marshal(map[string]any{"nbformat": 4, "nbformat_minor": 2, "metadata": map[string]any{"title": "kept"}, "cells": cs})
	return b
}

type nbCell struct {
	ID             string           `json:"id"`
	CellType       string           `json:"cell_type"`
	Source         []string         `json:"source"`
	ExecutionCount *int             `json:"execution_count"`
	Outputs        []map[string]any `json:"outputs"`
}

type nbFile struct {
	NBFormat      int            `json:"nbformat"`
	NBFormatMinor int            `json:"nbformat_minor"`
	Metadata      map[string]any `json:"metadata"`
	Cells         []nbCell       `json:"cells"`
}

func parseNB(t *testing.T, b []byte) nbFile {
	t.Helper()
	var nb nbFile
	if err := json.Unmarshal(b, &nb); err != nil {
		t.Fatalf("output is not a notebook: %v\n%s", err, b)
	}
	return nb
}

func text(v any) string {
	var b strings.Builder
	for _, l := range v.([]any) {
		b.WriteString(l.(string))
	}
	return b.String()
}

func TestRunNotebook(t *testing.T) {
	src := notebook(
		"print a\nprint b\neprint c\nprint d",
		"# md\nsome *markdown*",
		"display bar 10%\nupdate bar 50%\n1+1",
		"",
		"update bar 100%\nprint x\nclear\nprint after clear",
	)
	out, err := jupyter.RunNotebook(src, &jupytertest.Fake{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	nb := parseNB(t, out)
	if nb.NBFormat != 4 || nb.NBFormatMinor != 5 {
		t.Errorf("nbformat %d.%d, want 4.5", nb.NBFormat, nb.NBFormatMinor)
	}
	if nb.Metadata["title"] != "kept" || nb.Metadata["kernelspec"].(map[string]any)["name"] != "boltzbook" {
		t.Errorf("metadata = %v", nb.Metadata)
	}
	ids := map[string]bool{}
	for _, c := range nb.Cells {
		if c.ID == "" || ids[c.ID] {
			t.Errorf("cell id %q missing or repeated", c.ID)
		}
		ids[c.ID] = true
	}
	c0 := nb.Cells[0]
	if *c0.ExecutionCount != 1 || len(c0.Outputs) != 3 {
		t.Fatalf("cell 0: count %v, %d outputs %v", c0.ExecutionCount, len(c0.Outputs), c0.Outputs)
	}
	if o := c0.Outputs[0]; o["name"] != "stdout" || text(o["text"]) != "a\nb\n" {
		t.Errorf("consecutive stdout not merged: %v", o)
	}
	if o := c0.Outputs[1]; o["name"] != "stderr" || text(o["text"]) != "c\n" {
		t.Errorf("stderr output = %v", o)
	}
	if strings.Join(c0.Source, "") != "print a\nprint b\neprint c\nprint d" || len(c0.Source) != 4 {
		t.Errorf("source lines = %q", c0.Source)
	}
	c2 := nb.Cells[2]
	if *c2.ExecutionCount != 2 || len(c2.Outputs) != 2 {
		t.Fatalf("cell 2: %v", c2.Outputs)
	}
	// The later update (from cell 4) lands on cell 2's display.
	if d := c2.Outputs[0]; d["output_type"] != "display_data" || text(d["data"].(map[string]any)["text/plain"]) != "100%" {
		t.Errorf("display after updates = %v", d)
	}
	if r := c2.Outputs[1]; r["output_type"] != "execute_result" || r["execution_count"] != 2.0 {
		t.Errorf("execute_result = %v", r)
	}
	if c := nb.Cells[3]; c.ExecutionCount != nil || len(c.Outputs) != 0 {
		t.Errorf("empty cell was run: %+v", c)
	}
	c4 := nb.Cells[4]
	if *c4.ExecutionCount != 3 || len(c4.Outputs) != 1 || text(c4.Outputs[0]["text"]) != "after clear\n" {
		t.Errorf("cell 4 after clear_output = %v", c4.Outputs)
	}
}

func TestRunNotebookStopsOnError(t *testing.T) {
	src := notebook("print one", "fail broken", "print never")
	out, err := jupyter.RunNotebook(src, &jupytertest.Fake{}, nil)
	var ce *jupyter.CellError
	if !errors.As(err, &ce) || ce.Index != 1 || ce.Err.Name != "FakeError" || ce.Source != "fail broken" {
		t.Fatalf("error = %v", err)
	}
	nb := parseNB(t, out)
	if o := nb.Cells[1].Outputs; len(o) != 1 || o[0]["output_type"] != "error" || o[0]["ename"] != "FakeError" {
		t.Errorf("failed cell outputs = %v", o)
	}
	if c := nb.Cells[2]; c.ExecutionCount != nil || len(c.Outputs) != 0 {
		t.Errorf("cell after the failure: %+v", c)
	}

	out, err = jupyter.RunNotebook(src, &jupytertest.Fake{}, &jupyter.RunOptions{AllowErrors: true})
	if err != nil {
		t.Fatalf("with AllowErrors: %v", err)
	}
	if c := parseNB(t, out).Cells[2]; c.ExecutionCount == nil || *c.ExecutionCount != 3 {
		t.Errorf("cell after an allowed error did not run: %+v", c)
	}
}

func TestRunNotebookTimeout(t *testing.T) {
	src := notebook("sleep 20s", "print after")
	start := time.Now()
	_, err := jupyter.RunNotebook(src, &jupytertest.Fake{}, &jupyter.RunOptions{Timeout: 100 * time.Millisecond})
	var ce *jupyter.CellError
	if !errors.As(err, &ce) || ce.Err.Name != "Timeout" {
		t.Fatalf("error = %v, want a Timeout cell error", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("timeout took %v", d)
	}
	// With AllowErrors the run goes on after a cell that timed out and
	// stopped, as nbclient's interrupt_on_timeout does.
	out, err := jupyter.RunNotebook(src, &jupytertest.Fake{}, &jupyter.RunOptions{Timeout: 100 * time.Millisecond, AllowErrors: true})
	if err != nil {
		t.Fatalf("with AllowErrors: %v", err)
	}
	cells := parseNB(t, out).Cells
	if len(cells[0].Outputs) == 0 || cells[0].Outputs[len(cells[0].Outputs)-1]["ename"] != "Timeout" {
		t.Errorf("the timed-out cell's outputs: %v", cells[0].Outputs)
	}
	if c := cells[1]; c.ExecutionCount == nil || *c.ExecutionCount != 2 {
		t.Errorf("the cell after the timeout did not run: %+v", c)
	}
}

func TestRunNotebookRejects(t *testing.T) {
	for _, src := range []string{`{`, `{"nbformat": 3, "worksheets": []}`} {
		if _, err := jupyter.RunNotebook([]byte(src), &jupytertest.Fake{}, nil); err == nil {
			t.Errorf("RunNotebook(%s) succeeded", src)
		}
	}
}
