// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package conformance

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	reportFlag  = flag.String("report", "", "write the conformance report to this file (default $"+reportEnv+", else .ci-artifacts/conformance.txt at the repository root when that directory exists)")
	cellTimeout = flag.Duration("cell-timeout", 60*time.Second, "interrupt a kernel cell after this long (the case is WRONG)")
	progTimeout = flag.Duration("program-timeout", 30*time.Second, "kill a case's program after this long (the case is BROKEN)")
	keepBuild   = flag.Bool("keep-build", false, "keep the directory of derived programs (kernel/conformance/_build-*)")
	workers     = flag.Int("workers", min(2, runtime.NumCPU()), "kernel worker processes running cases in parallel (each case still gets a fresh session)")
)

// reportEnv names a file for the report.
const reportEnv = "BOLTZBOOK_CONFORMANCE_REPORT"

// minPassRate is the share of cases that must pass.
const minPassRate = 0.98

// outcome is one case's verdict with what led to it.
type outcome struct {
	c       *corpusCase
	class   class
	cause   string
	detail  string
	prog    programResult
	kern    kernelResult
	hasKern bool
}

// TestConformance runs every case of testdata in the kernel and as a
// program, and compares. See doc.go.
func TestConformance(t *testing.T) {
	if os.Getenv(workerEnv) != "" {
		t.Skip("worker process")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the conformance corpus needs the go command on PATH to build its programs: ", err)
	}
	all, err := loadCorpus("testdata")
	if err != nil {
		t.Fatal(err)
	}
	cases := selectCases(t, all)
	if len(cases) == 0 {
		t.Skip("no case selected")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	start := time.Now()

	// The programs.
	root, bins, progs, err := buildPrograms(ctx, ".", cases)
	if root != "" && !*keepBuild {
		defer os.RemoveAll(root)
	}
	if err != nil {
		t.Fatal(err)
	}
	buildTime := time.Since(start)
	t0 := time.Now()
	runPrograms(ctx, bins, progs, *progTimeout)
	progTime := time.Since(t0)

	// The kernel.
	t0 = time.Now()
	var jobs []job
	for i, c := range cases {
		if progs[i].Broken != "" {
			continue
		}
		j := job{ID: i, Timeout: *cellTimeout}
		for _, cell := range c.Cells {
			j.Cells = append(j.Cells, jobCell{Code: cell.Code, Fail: cell.Fail})
		}
		jobs = append(jobs, j)
	}
	var mu sync.Mutex
	n := 0
	progress := func(r kernelResult) {
		mu.Lock()
		defer mu.Unlock()
		n++
		if n%50 == 0 {
			t.Logf("kernel: %d of %d cases run", n, len(jobs))
		}
	}
	kern := map[int]kernelResult{}
	var wg sync.WaitGroup
	nw := max(1, min(*workers, len(jobs)))
	for w := 0; w < nw; w++ {
		var part []job
		for i := w; i < len(jobs); i += nw {
			part = append(part, jobs[i])
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := runKernel(ctx, part, root, progress)
			mu.Lock()
			defer mu.Unlock()
			for id, r := range res {
				kern[id] = r
			}
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	kernTime := time.Since(t0)

	outs := make([]outcome, len(cases))
	for i, c := range cases {
		o := outcome{c: c, prog: progs[i]}
		o.kern, o.hasKern = kern[i]
		switch {
		case progs[i].Broken != "":
			o.class, o.cause = classify(progs[i], kernelResult{})
			o.detail = progs[i].Broken
		case !o.hasKern:
			o.class, o.cause, o.detail = wrong, causeCrash, "the kernel did not run the case"
		default:
			o.class, o.cause = classify(progs[i], o.kern)
			o.detail = detail(progs[i], o.kern)
		}
		outs[i] = o
	}

	// One subtest per case, for -run and for the failure list.
	for _, topic := range topics(cases) {
		t.Run(topic, func(t *testing.T) {
			for i := range outs {
				o := &outs[i]
				if o.c.Topic != topic {
					continue
				}
				t.Run(o.c.Name, func(t *testing.T) {
					switch o.class {
					case pass:
					case refused:
						t.Logf("refused: %s", strings.TrimSpace(o.detail))
					case wrong:
						t.Errorf("WRONG: %s\n%s", o.cause, o.detail)
					case broken:
						t.Errorf("BROKEN CASE %s: %s", o.c.Path, o.detail)
					}
				})
			}
		})
	}

	report := writeReport(outs, buildTime, progTime, kernTime, time.Since(start))
	t.Log("\n" + table(outs) + "\n" + summary(outs, buildTime, progTime, kernTime, time.Since(start)))
	if path := reportPath(); path != "" {
		if err := os.WriteFile(path, []byte(report), 0o644); err != nil {
			t.Errorf("writing the report: %v", err)
		} else {
			t.Logf("report written to %s", path)
		}
	}
	count := counts(outs)
	if rate := float64(count[pass]) / float64(len(outs)); rate < minPassRate {
		t.Errorf("pass rate %.1f%% (%d of %d cases) is under %.0f%%", 100*rate, count[pass], len(outs), 100*minPassRate)
	}
	if count[wrong] > 0 {
		t.Errorf("%d WRONG cases: the kernel printed something other than go run", count[wrong])
	}
}

// selectCases applies -short (one case per topic) and the case levels of
// -run (TestConformance/topic/name), so that only the cases run are built.
func selectCases(t *testing.T, all []*corpusCase) []*corpusCase {
	var pats []*regexp.Regexp
	if f := flag.Lookup("test.run"); f != nil && f.Value.String() != "" {
		parts := splitRun(f.Value.String())
		for _, p := range parts[1:] {
			re, err := regexp.Compile(p)
			if err != nil {
				pats = nil
				break
			}
			pats = append(pats, re)
		}
	}
	var out []*corpusCase
	seenTopic := map[string]bool{}
	for _, c := range all {
		if testing.Short() {
			if seenTopic[c.Topic] {
				continue
			}
		}
		if len(pats) > 0 && !pats[0].MatchString(c.Topic) || len(pats) > 1 && !pats[1].MatchString(c.Name) {
			continue
		}
		seenTopic[c.Topic] = true
		out = append(out, c)
	}
	return out
}

// splitRun splits a -run pattern into its per-level parts as the testing
// package does: at slashes outside parentheses and brackets.
func splitRun(pat string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(pat); i++ {
		switch pat[i] {
		case '\\':
			i++
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case '/':
			if depth == 0 {
				parts = append(parts, pat[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, pat[start:])
}

func topics(cases []*corpusCase) []string {
	var ts []string
	seen := map[string]bool{}
	for _, c := range cases {
		if !seen[c.Topic] {
			seen[c.Topic] = true
			ts = append(ts, c.Topic)
		}
	}
	return ts
}

func counts(outs []outcome) map[class]int {
	n := map[class]int{}
	for _, o := range outs {
		n[o.class]++
	}
	return n
}

// reportPath is where the report goes: -report, $BOLTZBOOK_CONFORMANCE_REPORT,
// or .ci-artifacts/conformance.txt when the repository has that directory.
func reportPath() string {
	if *reportFlag != "" {
		return *reportFlag
	}
	if p := os.Getenv(reportEnv); p != "" {
		return p
	}
	if fi, err := os.Stat(filepath.Join("..", "..", ".ci-artifacts")); err == nil && fi.IsDir() {
		return filepath.Join("..", "..", ".ci-artifacts", "conformance.txt")
	}
	return ""
}

// summary is the totals and the WRONG cases grouped by cause.
func summary(outs []outcome, build, prog, kern, total time.Duration) string {
	var b strings.Builder
	n := counts(outs)
	fmt.Fprintf(&b, "conformance: %d cases: %d pass, %d refused, %d WRONG", len(outs), n[pass], n[refused], n[wrong])
	if n[broken] > 0 {
		fmt.Fprintf(&b, ", %d BROKEN", n[broken])
	}
	fmt.Fprintf(&b, "; pass rate %.1f%% (need %.0f%%)\n", 100*float64(n[pass])/float64(len(outs)), 100*minPassRate)
	fmt.Fprintf(&b, "time: %v total (programs: build %v, run %v; kernel %v)\n",
		total.Round(time.Millisecond), build.Round(time.Millisecond), prog.Round(time.Millisecond), kern.Round(time.Millisecond))
	byCause := map[string][]string{}
	var causes []string
	for _, o := range outs {
		if o.class != wrong {
			continue
		}
		if byCause[o.cause] == nil {
			causes = append(causes, o.cause)
		}
		byCause[o.cause] = append(byCause[o.cause], o.c.ID())
	}
	sort.Strings(causes)
	for _, c := range causes {
		fmt.Fprintf(&b, "WRONG, %s (%d): %s\n", c, len(byCause[c]), strings.Join(byCause[c], " "))
	}
	return b.String()
}

// table lists the cases: class, kernel and program time, cause.
func table(outs []outcome) string {
	var b strings.Builder
	w := 0
	for _, o := range outs {
		w = max(w, len(o.c.ID()))
	}
	fmt.Fprintf(&b, "%-*s  %-7s  %9s  %9s  %s\n", w, "case", "class", "kernel", "go run", "cause")
	for _, o := range outs {
		fmt.Fprintf(&b, "%-*s  %-7s  %9s  %9s  %s\n", w, o.c.ID(), o.class,
			o.kern.Duration.Round(100*time.Microsecond), o.prog.Duration.Round(100*time.Microsecond), o.cause)
	}
	return b.String()
}

// writeReport is the totals and the table, then the details of every
// case that did not pass.
func writeReport(outs []outcome, build, prog, kern, total time.Duration) string {
	var b strings.Builder
	b.WriteString(summary(outs, build, prog, kern, total))
	b.WriteString("\n")
	b.WriteString(table(outs))
	for _, o := range outs {
		if o.class == pass {
			continue
		}
		fmt.Fprintf(&b, "\n=== %s: %s %s\n# %s\n", o.c.ID(), o.class, o.cause, strings.ReplaceAll(o.c.Comment, "\n", "\n# "))
		for i, c := range o.c.Cells {
			kind := "cell"
			switch c.Fail {
			case failCompile:
				kind = sectionErrorCell
			case failPanic:
				kind = sectionPanicCell
			}
			fmt.Fprintf(&b, "--- %s %d\n%s\n", kind, i+1, c.Code)
		}
		b.WriteString("--- go run stdout\n" + o.prog.Stdout)
		if o.prog.Panic != "" {
			b.WriteString("--- go run panicked: " + o.prog.Panic + "\n")
		}
		b.WriteString("--- kernel output\n" + o.kern.Output)
		if o.kern.Stderr != "" {
			b.WriteString("--- kernel stderr stream\n" + o.kern.Stderr)
		}
		if strings.TrimSpace(o.kern.Log) != "" {
			b.WriteString("--- kernel log (the kernel process's own stderr)\n" + headTail(o.kern.Log, 3000, 1000) + "\n")
		}
		b.WriteString("--- verdict\n" + o.detail + "\n")
	}
	return b.String()
}
