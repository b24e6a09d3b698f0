// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for boltzbook itself: the grader
// runs each submission by executing its own binary with "run".
func TestMain(m *testing.M) {
	if os.Getenv("BOLTZBOOK_TEST_AS_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

const keyPath = "../../assign/testdata/key.ipynb"

// writeVariant writes the key with some cells' sources replaced.
func writeVariant(t *testing.T, dir, name string, edit func(src string, i int) string) string {
	t.Helper()
	data, err := os.ReadFile(keyPath)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	// Edit the JSON as text, cell by cell, through a small round trip.
	nb := string(data)
	cells := strings.Split(nb, `"cell_type"`)
	for i := range cells {
		cells[i] = edit(cells[i], i)
	}
	out.WriteString(strings.Join(cells, `"cell_type"`))
	p := filepath.Join(dir, name+".ipynb")
	if err := os.WriteFile(p, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAssignReleaseAndGrade(t *testing.T) {
	if testing.Short() {
		t.Skip("runs several notebooks in fresh kernels")
	}
	t.Setenv("BOLTZBOOK_TEST_AS_MAIN", "1")
	dir := t.TempDir()

	// The released notebook, handed in untouched, scores zero.
	blank := filepath.Join(dir, "blank.ipynb")
	var stderr bytes.Buffer
	if code := run([]string{"assign", "release", keyPath, "-o", blank}, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("release failed (%d): %s", code, stderr.String())
	}
	key := writeVariant(t, dir, "key", func(s string, _ int) string { return s })
	// A student who answers square wrongly and rewrites its check to pass.
	tampered := writeVariant(t, dir, "tampered", func(s string, _ int) string {
		s = strings.Replace(s, `"\treturn x * x\n"`, `"\treturn 0\n"`, 1)
		return strings.Replace(s, `"check.Close(\"square\", 2, \"square(3)\", square(3), 9, 0)\n"`,
			`"check.True(\"square\", 3, \"mine\", true, \"\")\n"`, 1)
	})
	// A student whose cube never returns.
	looping := writeVariant(t, dir, "looping", func(s string, _ int) string {
		return strings.Replace(s, `"\treturn x * x * x\n"`, `"\tfor {\n", "\t}\n"`, 1)
	})
	broken := filepath.Join(dir, "broken.ipynb")
	os.WriteFile(broken, []byte(`{"cells": [`), 0o644)
	// A right answer in a notebook switched to another kernel.
	python := writeVariant(t, dir, "python", func(s string, _ int) string {
		return strings.Replace(s, `"name": "boltzbook"`, `"name": "python3"`, 1)
	})
	// A student who wrote an answer to the written question.
	answered := writeVariant(t, dir, "answered", func(s string, _ int) string {
		return strings.Replace(s, `"Because (−x)² = x².\n"`, `"Squares are never negative.\n"`, 1)
	})

	csvPath := filepath.Join(dir, "scores.csv")
	stderr.Reset()
	code := run([]string{"assign", "grade", "--key", keyPath, "--timeout", "90s", "--cell-timeout", "5s", "--csv", csvPath,
		key, blank, tampered, looping, broken, python, answered}, &bytes.Buffer{}, &stderr)
	t.Logf("grader log:\n%s", stderr.String())
	if code != 0 {
		t.Fatalf("grade exited %d", code)
	}
	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}  // student/question → points
	msgs := map[string]string{} // student/question → message
	for _, r := range recs[1:] {
		got[r[0]+"/"+r[1]] = r[2] + "/" + r[3]
		msgs[r[0]+"/"+r[1]] = r[4]
	}
	for _, c := range []struct{ cell, want, msg string }{
		{"key/square-check", "3/3", ""},
		{"key/cube-check", "2/2", ""},
		{"key/why", "/1", "graded by hand"},
		{"blank/square-check", "0/3", "not implemented yet"},
		{"blank/cube-check", "0/2", "not implemented yet"},
		{"blank/why", "0/1", "no answer"},
		{"tampered/square-check", "0/3", "square(3)"},
		{"tampered/cube-check", "2/2", ""},
		{"looping/square-check", "3/3", ""},
		{"looping/cube-check", "0/2", "longer than 5s"},
		{"broken/square-check", "0/3", "invalid JSON"},
		{"broken/cube-check", "0/2", "invalid JSON"},
		{"broken/why", "0/1", "invalid JSON"},
		{"python/square-check", "3/3", `names the kernel "python3"`},
		{"answered/why", "/1", "graded by hand"},
	} {
		if got[c.cell] != c.want {
			t.Errorf("%s scored %q, want %q (message %q)", c.cell, got[c.cell], c.want, msgs[c.cell])
		}
		if !strings.Contains(msgs[c.cell], c.msg) {
			t.Errorf("%s message %q does not mention %q", c.cell, msgs[c.cell], c.msg)
		}
	}
}
