// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/boltzbook/boltzbook/internal/atomicfile"
	"github.com/boltzbook/boltzbook/kernel/assign"
)

const assignUsage = `usage:
  boltzbook assign release KEY.ipynb -o STUDENT.ipynb
        write the student version of an answer key: solutions become
        placeholders that panic with "not implemented yet", hidden tests go,
        outputs are cleared
  boltzbook assign grade --key KEY.ipynb [--csv SCORES.csv] [--timeout D] SUBMISSION.ipynb...
        run each submission in a fresh kernel (the key's checks replace the
        student's) and print or write one row per student and question
`

// assignCmd releases and grades assignments.
func assignCmd(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, assignUsage)
		return usageError("want a subcommand: release or grade")
	}
	switch args[0] {
	case "release":
		return assignRelease(args[1:], stderr)
	case "grade":
		return assignGrade(args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, assignUsage)
		return nil
	}
	fmt.Fprint(stderr, assignUsage)
	return usageError(fmt.Sprintf("unknown subcommand %q", args[0]))
}

// parseInterspersed parses flags that may come before or after the
// positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func assignRelease(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("assign release", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the student notebook to `STUDENT.ipynb` (required)")
	pos, err := parseInterspersed(fs, args)
	if err == flag.ErrHelp {
		return nil
	}
	if err != nil {
		return usageError(err.Error())
	}
	if len(pos) != 1 || *out == "" {
		return usageError("want: assign release KEY.ipynb -o STUDENT.ipynb")
	}
	src, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	rel, err := assign.Release(src)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	return atomicfile.WriteFile(*out, rel, 0o644)
}

func assignGrade(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("assign grade", flag.ContinueOnError)
	fs.SetOutput(stderr)
	key := fs.String("key", "", "the answer key `KEY.ipynb` (required)")
	csvPath := fs.String("csv", "", "write scores to `SCORES.csv` (default: print them)")
	timeout := fs.Duration("timeout", 5*time.Minute, "stop a notebook that runs longer than `D`")
	subs, err := parseInterspersed(fs, args)
	if err == flag.ErrHelp {
		return nil
	}
	if err != nil {
		return usageError(err.Error())
	}
	if *key == "" || len(subs) == 0 {
		return usageError("want: assign grade --key KEY.ipynb SUBMISSION.ipynb...")
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	g := &assign.Grader{Key: *key, Timeout: *timeout, Run: assign.CommandRunner(exe), Log: stderr}
	rows, err := g.Grade(ctx, subs)
	if err != nil && rows == nil {
		return err
	}
	var buf bytes.Buffer
	if werr := assign.WriteCSV(&buf, rows); werr != nil {
		return werr
	}
	if *csvPath == "" {
		_, werr := stdout.Write(buf.Bytes())
		if werr != nil {
			return werr
		}
	} else if werr := atomicfile.WriteFile(*csvPath, buf.Bytes(), 0o644); werr != nil {
		return werr
	}
	return err
}
