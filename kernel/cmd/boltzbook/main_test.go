// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
	"github.com/boltzbook/boltzbook/kernel/jupyter/jupytertest"
)

func runArgs(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestInstallPrefix(t *testing.T) {
	prefix := t.TempDir()
	for range 2 { // a second install replaces the first
		if code, _, stderr := runArgs("install", "--prefix", prefix); code != 0 {
			t.Fatalf("install failed (%d): %s", code, stderr)
		}
	}
	dir := filepath.Join(prefix, "share", "jupyter", "kernels", "boltzbook")
	b, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec kernelSpec
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	exe, _ := os.Executable()
	exe, _ = filepath.EvalSymlinks(exe)
	if len(spec.Argv) != 3 || spec.Argv[0] != exe || spec.Argv[1] != "kernel" || spec.Argv[2] != "{connection_file}" {
		t.Errorf("argv = %q", spec.Argv)
	}
	if !filepath.IsAbs(spec.Argv[0]) {
		t.Errorf("argv[0] %q is not absolute", spec.Argv[0])
	}
	if spec.DisplayName != "Go (boltzbook)" || spec.Language != "go" || spec.InterruptMode != "message" ||
		spec.ProtocolVersion != "5.4" {
		t.Errorf("spec = %+v", spec)
	}
	for _, size := range []int{32, 64} {
		f, err := os.Open(filepath.Join(dir, fmt.Sprintf("logo-%dx%d.png", size, size)))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Errorf("logo %d is %v", size, b)
		}
		if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
			t.Errorf("logo %d corner is not transparent", size)
		}
		if _, _, _, a := img.At(size/2, size/2+size/8).RGBA(); a == 0 {
			t.Errorf("logo %d centre is empty", size)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("kernels dir holds %d entries, want only boltzbook (no temporaries left)", len(entries))
	}
}

func TestInstallUserHonoursJupyterDataDir(t *testing.T) {
	d := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", d)
	if code, _, stderr := runArgs("install", "--user"); code != 0 {
		t.Fatal(stderr)
	}
	if _, err := os.Stat(filepath.Join(d, "kernels", "boltzbook", "kernel.json")); err != nil {
		t.Error(err)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"install", "--user", "--prefix", "x"},
		{"install", "extra"},
		{"kernel"},
		{"run"},
		{"run", "a.ipynb", "b.ipynb"},
	} {
		if code, _, stderr := runArgs(args...); code != 2 || stderr == "" {
			t.Errorf("%q: exit %d, stderr %q; want 2 with a message", args, code, stderr)
		}
	}
}

func TestVersion(t *testing.T) {
	old := blasName
	blasName = func() string { return "TestBLAS" }
	defer func() { blasName = old }()
	code, out, _ := runArgs("version")
	if code != 0 {
		t.Fatal(code)
	}
	for _, want := range []string{"boltzbook", "go1.", "gomacro", "TestBLAS"} {
		if !strings.Contains(out, want) {
			t.Errorf("version output lacks %q:\n%s", want, out)
		}
	}
}

func withFake(t *testing.T) {
	old := newInterpreter
	newInterpreter = func() (jupyter.Interpreter, error) { return &jupytertest.Fake{}, nil }
	t.Cleanup(func() { newInterpreter = old })
}

func writeNotebook(t *testing.T, dir string, sources ...string) string {
	var cells []any
	for _, s := range sources {
		cells = append(cells, map[string]any{"cell_type": "code", "metadata": map[string]any{}, "source": s, "outputs": []any{}, "execution_count": nil})
	}
	b, _ := json.Marshal(map[string]any{"nbformat": 4, "nbformat_minor": 5, "metadata": map[string]any{}, "cells": cells})
	p := filepath.Join(dir, "nb.ipynb")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRunCommand(t *testing.T) {
	withFake(t)
	dir := t.TempDir()
	nb := writeNotebook(t, dir, "print hello", "1+1")
	out := filepath.Join(dir, "out.ipynb")
	if code, _, stderr := runArgs("run", nb, "-o", out, "--timeout", "10s"); code != 0 {
		t.Fatalf("run failed: %s", stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"hello\n"`)) || !bytes.Contains(b, []byte(`"execute_result"`)) {
		t.Errorf("output notebook lacks outputs:\n%s", b)
	}

	// In place, a failing cell leaves the notebook alone and says why.
	nb = writeNotebook(t, dir, "print ok", "fail on purpose")
	before, _ := os.ReadFile(nb)
	code, _, stderr := runArgs("run", "-q", nb)
	if code != 1 || !strings.Contains(stderr, "fail on purpose") || !strings.Contains(stderr, "FakeError: on purpose") {
		t.Errorf("failing run: exit %d, stderr:\n%s", code, stderr)
	}
	after, _ := os.ReadFile(nb)
	if !bytes.Equal(before, after) {
		t.Error("a failed in-place run changed the notebook")
	}

	if code, _, stderr := runArgs("run", filepath.Join(dir, "missing.ipynb")); code != 1 || !strings.Contains(stderr, "missing.ipynb") {
		t.Errorf("missing notebook: exit %d, %s", code, stderr)
	}
}

// TestInstallSysPrefix puts a stand-in python3 on PATH that reports a
// temporary sys.prefix.
func TestInstallSysPrefix(t *testing.T) {
	bin, prefix := t.TempDir(), t.TempDir()
	script := "#!/bin/sh\necho " + prefix + "\n"
	if err := os.WriteFile(filepath.Join(bin, "python3"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	if code, _, stderr := runArgs("install", "--sys-prefix"); code != 0 {
		t.Fatal(stderr)
	}
	if _, err := os.Stat(filepath.Join(prefix, "share", "jupyter", "kernels", "boltzbook", "kernel.json")); err != nil {
		t.Error(err)
	}
}

// The cells of `boltzbook run` see the notebook's directory as their
// working directory, as Jupyter gives them, and the caller's is restored.
func TestRunInNotebookDirectory(t *testing.T) {
	var cellDir string
	old := newInterpreter
	newInterpreter = func() (jupyter.Interpreter, error) {
		cellDir, _ = os.Getwd()
		return &jupytertest.Fake{}, nil
	}
	t.Cleanup(func() { newInterpreter = old })
	dir := t.TempDir()
	nb := writeNotebook(t, dir, "print hello")
	before, _ := os.Getwd()
	rel, err := filepath.Rel(before, nb)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runArgs("run", "-q", rel); code != 0 {
		t.Fatalf("run failed: %s", stderr)
	}
	want, _ := filepath.EvalSymlinks(dir)
	if got, _ := filepath.EvalSymlinks(cellDir); got != want {
		t.Errorf("cells ran in %s, want the notebook's directory %s", got, want)
	}
	if after, _ := os.Getwd(); after != before {
		t.Errorf("working directory after the run is %s, want %s", after, before)
	}
	if b, _ := os.ReadFile(nb); !bytes.Contains(b, []byte(`"hello\n"`)) {
		t.Errorf("the notebook given by a relative path was not written in place:\n%s", b)
	}
}
