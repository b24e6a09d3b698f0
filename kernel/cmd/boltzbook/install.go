// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// kernelName is the kernelspec's directory name, what `jupyter console
// --kernel boltzbook` and notebooks' metadata refer to.
const kernelName = "boltzbook"

// kernelSpec is the content of kernel.json.
type kernelSpec struct {
	Argv          []string `json:"argv"`
	DisplayName   string   `json:"display_name"`
	Language      string   `json:"language"`
	InterruptMode string   `json:"interrupt_mode"`
	// ProtocolVersion is the messaging protocol the kernel speaks
	// (kernel_protocol_version, read by jupyter_client 8.8 and later).
	ProtocolVersion string            `json:"kernel_protocol_version,omitempty"`
	Env             map[string]string `json:"env,omitempty"`
	Metadata        map[string]any    `json:"metadata,omitempty"`
}

func installCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("install", flag.ContinueOnError)
	fs.SetOutput(stderr)
	user := fs.Bool("user", false, "install for the current user (the default)")
	prefix := fs.String("prefix", "", "install under `DIR`/share/jupyter/kernels (e.g. a virtualenv)")
	sysPrefix := fs.Bool("sys-prefix", false, "install into the sys.prefix of the python3 on PATH (the active venv or conda env)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: boltzbook install [--user | --prefix DIR | --sys-prefix]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return nil
		}
		return usageError(err.Error())
	}
	if fs.NArg() > 0 {
		return usageError(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	n := 0
	for _, set := range []bool{*user, *prefix != "", *sysPrefix} {
		if set {
			n++
		}
	}
	if n > 1 {
		return usageError("choose one of --user, --prefix DIR and --sys-prefix")
	}

	var kernels string
	switch {
	case *prefix != "":
		abs, err := filepath.Abs(*prefix)
		if err != nil {
			return err
		}
		kernels = filepath.Join(abs, "share", "jupyter", "kernels")
	case *sysPrefix:
		p, err := pythonSysPrefix()
		if err != nil {
			return err
		}
		kernels = filepath.Join(p, "share", "jupyter", "kernels")
	default:
		d, err := jupyterDataDir()
		if err != nil {
			return err
		}
		kernels = filepath.Join(d, "kernels")
	}

	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("cannot find the path of this binary: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	dir := filepath.Join(kernels, kernelName)
	if err := writeKernelSpec(dir, exe); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Installed kernelspec %s in %s\n", kernelName, dir)
	return nil
}

// writeKernelSpec writes kernel.json and the logos into dir, replacing
// an earlier install as a whole: the files are written into a fresh
// directory beside it which is then renamed into place.
func writeKernelSpec(dir, exe string) error {
	spec := kernelSpec{
		Argv:            []string{exe, "kernel", "{connection_file}"},
		DisplayName:     "Go (boltzbook)",
		Language:        "go",
		InterruptMode:   "message",
		ProtocolVersion: jupyter.ProtocolVersion,
		Metadata:        map[string]any{"debugger": false},
	}
	js, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return err
	}
	logo32, err := logoPNG(32)
	if err != nil {
		return err
	}
	logo64, err := logoPNG(64)
	if err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+"-new-")
	if err != nil {
		return fmt.Errorf("cannot write into %s: %w", parent, err)
	}
	defer os.RemoveAll(tmp)
	files := map[string][]byte{
		"kernel.json":    append(js, '\n'),
		"logo-32x32.png": logo32,
		"logo-64x64.png": logo64,
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), b, 0o644); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	// Move an old install aside first: a directory cannot be renamed
	// over a non-empty one.
	var old string
	if _, err := os.Stat(dir); err == nil {
		old = tmp + "-old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("cannot replace %s: %w", dir, err)
		}
		defer os.RemoveAll(old)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fmt.Errorf("cannot install into %s: %w", dir, err)
	}
	return nil
}

// jupyterDataDir is Jupyter's per-user data directory, found as
// jupyter_core does.
func jupyterDataDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find your home directory for --user (set JUPYTER_DATA_DIR or use --prefix): %w", err)
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Jupyter"), nil
	case "windows":
		if a := os.Getenv("APPDATA"); a != "" {
			return filepath.Join(a, "jupyter"), nil
		}
		return filepath.Join(home, "AppData", "Roaming", "jupyter"), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "jupyter"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}

// pythonSysPrefix asks the python3 on PATH for its sys.prefix.
func pythonSysPrefix() (string, error) {
	py := "python3"
	if runtime.GOOS == "windows" {
		py = "python"
	}
	var out, errb bytes.Buffer
	cmd := exec.Command(py, "-c", "import sys; print(sys.prefix)")
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("--sys-prefix needs %s on PATH: %v %s", py, err, strings.TrimSpace(errb.String()))
	}
	p := strings.TrimSpace(out.String())
	if p == "" {
		return "", fmt.Errorf("%s printed no sys.prefix", py)
	}
	return p, nil
}
