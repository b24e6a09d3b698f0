// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/boltzbook/boltzbook/internal/atomicfile"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

func runCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the executed notebook to `OUT` (default: back to NOTEBOOK, only if no cell failed)")
	timeout := fs.Duration("timeout", 0, "interrupt and fail a cell that runs longer than `D` (e.g. 10m; 0 means no limit)")
	allowErrors := fs.Bool("allow-errors", false, "record failing cells' errors and keep going")
	quiet := fs.Bool("q", false, "do not print each cell's number as it runs")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: boltzbook run NOTEBOOK.ipynb [-o OUT] [--timeout D] [--allow-errors] [-q]")
		fmt.Fprintln(stderr, "The cells run in the notebook's directory, as in Jupyter.")
		fs.PrintDefaults()
	}
	// Accept flags before and after the notebook's name.
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil
			}
			return usageError(err.Error())
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(positional) != 1 {
		fs.Usage()
		return usageError("want exactly one notebook")
	}
	in := positional[0]
	src, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	dst := *out
	if dst == "" {
		dst = in
	}
	if dst, err = filepath.Abs(dst); err != nil {
		return err
	}

	// Cells run in the notebook's directory, as Jupyter runs them, so
	// that a relative path means the same in JupyterLab and here.
	restore, err := chdir(filepath.Dir(in))
	if err != nil {
		return err
	}
	defer restore()

	interp, err := newInterpreter()
	if err != nil {
		return err
	}
	defer interp.Shutdown(false)

	// Ctrl-C interrupts the running cell, which ends the run with that
	// cell's error; a second Ctrl-C gives up at once.
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)
	go func() {
		n := 0
		for range sigs {
			if n++; n > 1 {
				fmt.Fprintln(stderr, "boltzbook run: interrupted twice, giving up")
				os.Exit(130)
			}
			fmt.Fprintln(stderr, "boltzbook run: interrupting the cell (Ctrl-C again to quit)")
			interp.Interrupt()
		}
	}()

	opts := &jupyter.RunOptions{Timeout: *timeout, AllowErrors: *allowErrors}
	if !*quiet {
		opts.Progress = func(i int, source string) {
			fmt.Fprintf(stderr, "[cell %d] %s\n", i, firstLine(source))
		}
	}
	start := time.Now()
	result, runErr := jupyter.RunNotebook(src, interp, opts)
	var cellErr *jupyter.CellError
	if runErr != nil && !errors.As(runErr, &cellErr) {
		return fmt.Errorf("%s: %w", in, runErr)
	}
	if cellErr != nil {
		reportCellError(stderr, in, cellErr)
		if *out == "" {
			fmt.Fprintf(stderr, "%s left unchanged (use -o OUT to keep the partial run)\n", in)
			return errSilentFailure
		}
	}
	if err := atomicfile.WriteFile(dst, result, 0o644); err != nil {
		return err
	}
	if cellErr != nil {
		fmt.Fprintf(stderr, "partial run written to %s\n", dst)
		return errSilentFailure
	}
	fmt.Fprintf(stdout, "executed %s in %v, wrote %s\n", in, time.Since(start).Round(time.Millisecond), dst)
	return nil
}

// reportCellError prints the failing cell with line numbers and its
// traceback.
func reportCellError(w io.Writer, name string, e *jupyter.CellError) {
	fmt.Fprintf(w, "\n%s: cell %d failed:\n", name, e.Index)
	for i, l := range strings.Split(strings.TrimRight(e.Source, "\n"), "\n") {
		fmt.Fprintf(w, "%4d | %s\n", i+1, l)
	}
	fmt.Fprintln(w)
	if len(e.Err.Traceback) > 0 {
		for _, l := range e.Err.Traceback {
			fmt.Fprintln(w, l)
		}
	} else {
		fmt.Fprintf(w, "%s: %s\n", e.Err.Name, e.Err.Value)
	}
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	if len(s) > 70 {
		s = s[:70] + "…"
	}
	return s
}

// chdir changes the working directory to dir and returns a function
// that changes it back.
func chdir(dir string) (restore func(), err error) {
	old, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if err := os.Chdir(dir); err != nil {
		return nil, err
	}
	return func() { os.Chdir(old) }, nil
}
