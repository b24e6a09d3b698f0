// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package conformance

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"
)

// The go-run side: every case's program is written to its own directory
// of a build directory inside this module (so that it can import bm,
// gonum and kernel/display at the module's versions), all are built by
// one `go build` with the test binary's own tags, and each binary runs
// with a timeout. That is `go run` for each case, minus 200 links' worth
// of waiting.

// programResult is what a case's program did.
type programResult struct {
	Source   string // main.go as built
	Broken   string // why the case is broken (build failure, ...), "" when it ran
	Stdout   string
	Stderr   string
	Exit     int
	Panic    string // the message of the panic that ended it, if any
	Duration time.Duration
}

// buildFlags returns the flags and environment of the test binary's own
// build that a program build must share: -tags, -race, cgo settings.
func buildFlags() (flags, env []string) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return nil, nil
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "-tags":
			flags = append(flags, "-tags="+s.Value)
		case "-race", "-msan", "-asan":
			if s.Value == "true" {
				flags = append(flags, s.Key)
			}
		case "CGO_ENABLED", "CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_LDFLAGS", "GOEXPERIMENT":
			if _, set := os.LookupEnv(s.Key); !set {
				env = append(env, s.Key+"="+s.Value)
			}
		}
	}
	return flags, env
}

// goCmd returns a go command run in dir with the test's build settings.
func goCmd(ctx context.Context, dir string, env []string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

// exportImporter is a types.Importer reading the export data that
// `go list -export` produced for the given packages and their deps.
func exportImporter(ctx context.Context, flags, env, paths []string) (types.Importer, error) {
	files := map[string]string{}
	if len(paths) > 0 {
		args := append([]string{"list", "-export", "-deps", "-e", "-f", "{{.ImportPath}}\t{{.Export}}"}, flags...)
		args = append(args, paths...)
		var stderr bytes.Buffer
		cmd := goCmd(ctx, ".", env, args...)
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("go list -export: %v\n%s", err, stderr.String())
		}
		for _, l := range strings.Split(string(out), "\n") {
			if p, f, ok := strings.Cut(l, "\t"); ok && f != "" {
				files[p] = f
			}
		}
	}
	lookup := func(path string) (io.ReadCloser, error) {
		f, ok := files[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %q", path)
		}
		return os.Open(f)
	}
	return importer.ForCompiler(token.NewFileSet(), "gc", lookup), nil
}

// buildPrograms writes and builds the programs of cases in a fresh
// directory under dir and returns that directory and, per case, the
// path of its binary or why it is broken.
func buildPrograms(ctx context.Context, dir string, cases []*corpusCase) (root string, bins []string, results []programResult, err error) {
	flags, env := buildFlags()
	root, err = os.MkdirTemp(dir, "_build-")
	if err != nil {
		return "", nil, nil, err
	}
	if root, err = filepath.Abs(root); err != nil {
		return "", nil, nil, err
	}
	results = make([]programResult, len(cases))
	bins = make([]string, len(cases))
	var ds []*derived
	var paths []string
	seen := map[string]bool{}
	for i, c := range cases {
		var d *derived
		if c.Program == "" {
			d, err = derive(c)
			if err != nil {
				results[i].Broken = err.Error()
			} else {
				for _, p := range d.imports {
					if !seen[p] {
						seen[p] = true
						paths = append(paths, p)
					}
				}
			}
		}
		ds = append(ds, d)
	}
	sort.Strings(paths)
	imp, err := exportImporter(ctx, flags, env, paths)
	if err != nil {
		return root, nil, nil, err
	}
	var pkgs []string
	pkgCase := map[string]int{}
	for i, c := range cases {
		if results[i].Broken != "" {
			continue
		}
		name := fmt.Sprintf("c%04d", i)
		pdir := filepath.Join(root, name)
		if err := os.Mkdir(pdir, 0o755); err != nil {
			return root, nil, nil, err
		}
		src := c.Program
		if d := ds[i]; d != nil {
			d.decideShow(c, imp)
			var usesShow bool
			src, usesShow, _ = d.render(c)
			if usesShow {
				if err := os.WriteFile(filepath.Join(pdir, "show.go"), []byte(showHelper), 0o644); err != nil {
					return root, nil, nil, err
				}
			}
		} else {
			src = fmt.Sprintf("//line %s:%d\n%s", c.Path, c.ProgramLine, src)
		}
		results[i].Source = src
		if err := os.WriteFile(filepath.Join(pdir, "main.go"), []byte(src), 0o644); err != nil {
			return root, nil, nil, err
		}
		pkgs = append(pkgs, "./"+filepath.Base(root)+"/"+name)
		pkgCase[name] = i
		bins[i] = filepath.Join(root, "bin", name)
	}
	if len(pkgs) == 0 {
		return root, bins, results, nil
	}
	args := append([]string{"build", "-ldflags=-s -w", "-o", filepath.Join(root, "bin") + string(filepath.Separator)}, flags...)
	args = append(args, pkgs...)
	var out bytes.Buffer
	cmd := goCmd(ctx, dir, env, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		// Attribute the messages to cases by their "# package" headers.
		msgs := map[int]*strings.Builder{}
		cur := -1
		header := regexp.MustCompile(`^# .*/(c\d{4})$`)
		sc := bufio.NewScanner(bytes.NewReader(out.Bytes()))
		for sc.Scan() {
			l := sc.Text()
			if m := header.FindStringSubmatch(l); m != nil {
				cur = pkgCase[m[1]]
				continue
			}
			if cur >= 0 {
				if msgs[cur] == nil {
					msgs[cur] = &strings.Builder{}
				}
				msgs[cur].WriteString(l + "\n")
			}
		}
		for i, m := range msgs {
			results[i].Broken = "the program does not build:\n" + m.String()
			bins[i] = ""
		}
		if len(msgs) == 0 {
			return root, nil, nil, fmt.Errorf("go build: %v\n%s", err, out.String())
		}
	}
	for i, b := range bins {
		if b == "" {
			continue
		}
		if _, err := os.Stat(b); err != nil && results[i].Broken == "" {
			results[i].Broken = "go build wrote no binary: " + out.String()
			bins[i] = ""
		}
	}
	return root, bins, results, nil
}

// runPrograms runs the built binaries, a few at a time, each twice.
func runPrograms(ctx context.Context, bins []string, results []programResult, timeout time.Duration) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, b := range bins {
		if b == "" {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			runProgram(ctx, b, &results[i], timeout)
			if r := &results[i]; r.Broken == "" && r.Stdout == "" && r.Panic == "" {
				r.Broken = "the program prints nothing: a case must print what it computes"
			}
			// Twice: a case whose output varies between runs is broken.
			if results[i].Broken == "" {
				var again programResult
				runProgram(ctx, b, &again, timeout)
				if again.Broken == "" && (again.Stdout != results[i].Stdout || again.Panic != results[i].Panic) {
					results[i].Broken = fmt.Sprintf("the program's output varies between runs:\n%s",
						firstDifference(results[i].Stdout, again.Stdout))
				}
			}
		}()
	}
	wg.Wait()
}

// panicLine matches the lines of a Go panic report: "panic: MSG", or
// "\tpanic: MSG" for a panic raised while panicking.
var panicLine = regexp.MustCompile(`^\t?panic: (.*)$`)

// runProgram runs one binary and fills r.
func runProgram(ctx context.Context, bin string, r *programResult, timeout time.Duration) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	cmd.Dir = os.TempDir()
	cmd.Env = append(os.Environ(), "GOTRACEBACK=single")
	cmd.WaitDelay = time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r.Duration = time.Since(start)
	r.Stdout, r.Stderr = stdout.String(), stderr.String()
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		r.Broken = fmt.Sprintf("the program did not finish within %v", timeout)
	case err == nil:
	case errors.As(err, &ee):
		r.Exit = ee.ExitCode()
		r.Panic = panicMessage(r.Stderr)
		if r.Exit != 2 || r.Panic == "" {
			r.Broken = fmt.Sprintf("the program failed other than by a panic (exit status %d):\n%s", r.Exit, tail(r.Stderr, 2000))
		}
	default:
		r.Broken = "cannot run the program: " + err.Error()
	}
}

// panicMessage returns the message of the panic that ended a program,
// from its stderr: the last "panic: " line before the goroutine dump,
// without the " [recovered]" notes of earlier panics.
func panicMessage(stderr string) string {
	msg := ""
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "goroutine ") {
			break
		}
		if m := panicLine.FindStringSubmatch(l); m != nil {
			msg = m[1]
		}
	}
	msg = strings.TrimSuffix(msg, " [recovered]")
	msg = strings.TrimSuffix(msg, " [recovered, repanicked]")
	return msg
}

// tail returns the last n bytes of s.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
