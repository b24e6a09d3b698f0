// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Command boltzbook is the Go Jupyter kernel with the Boltzmann-machine
// laboratory preloaded.
//
// Usage:
//
//	boltzbook install [--user | --prefix DIR | --sys-prefix]
//	boltzbook kernel CONNECTION_FILE
//	boltzbook run NOTEBOOK.ipynb [-o OUT] [--timeout D] [--allow-errors]
//	boltzbook assign release KEY.ipynb -o STUDENT.ipynb
//	boltzbook assign grade --key KEY.ipynb [--csv SCORES.csv] SUBMISSION.ipynb...
//	boltzbook prepare
//	boltzbook version
//
// install writes the kernelspec "boltzbook" so that Jupyter lists
// "Go (boltzbook)"; kernel is what Jupyter runs; run executes a notebook
// headless, in process, and writes it back with its outputs.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/boltzbook/boltzbook/kernel/interp"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// newInterpreter builds the Go interpreter (gomacro with every package
// preloaded).
var newInterpreter = func() (jupyter.Interpreter, error) {
	s, err := interp.New()
	if err != nil {
		return nil, err // not a typed nil in the interface
	}
	return s, nil
}

const usage = `boltzbook — a Go kernel for Jupyter with a Boltzmann-machine laboratory preloaded

Usage:
  boltzbook install [--user | --prefix DIR | --sys-prefix]
        write the Jupyter kernelspec "boltzbook" (default: --user)
  boltzbook kernel CONNECTION_FILE
        run the kernel; Jupyter calls this, using the installed kernelspec
  boltzbook run NOTEBOOK.ipynb [-o OUT] [--timeout D] [--allow-errors]
        execute a notebook headless and write it with its outputs
        (to OUT, or back to NOTEBOOK.ipynb when it ran without errors)
  boltzbook assign release KEY.ipynb -o STUDENT.ipynb
  boltzbook assign grade --key KEY.ipynb [--csv SCORES.csv] [--timeout D] SUBMISSION.ipynb...
        make a student version of an assignment; grade a class's submissions
  boltzbook prepare
        compile the preloaded packages for compiled cells ahead of time (make lab does)
  boltzbook version
        print the versions of Go, gomacro, boltzbook and the BLAS in use

Run "boltzbook COMMAND -h" for a command's options.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches a command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "install":
		err = installCmd(rest, stdout, stderr)
	case "kernel":
		err = kernelCmd(rest, stderr)
	case "run":
		err = runCmd(rest, stdout, stderr)
	case "assign":
		err = assignCmd(rest, stdout, stderr)
	case "prepare":
		err = prepareCmd(rest, stdout)
	case "version", "--version", "-version":
		err = versionCmd(stdout)
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "boltzbook: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "boltzbook %s: %v\n", cmd, err)
		return 2
	case errors.Is(err, errSilentFailure):
		return 1
	default:
		fmt.Fprintf(stderr, "boltzbook %s: %v\n", cmd, err)
		return 1
	}
}

// usageError is a bad command line: exit status 2.
type usageError string

func (e usageError) Error() string { return string(e) }

// errSilentFailure means the command already explained its failure.
var errSilentFailure = errors.New("failed")
