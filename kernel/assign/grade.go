// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package assign

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/boltzbook/boltzbook/check"
)

// RunFunc executes the notebook at in and writes the executed notebook to
// out, with env added to the environment. It must go on past failing
// cells, and stop when ctx is done.
type RunFunc func(ctx context.Context, in, out string, env []string) error

// CommandRunner returns a RunFunc that runs `exe run --allow-errors IN -o OUT`
// in a process of its own, killed with its children when ctx is done.
func CommandRunner(exe string) RunFunc {
	return func(ctx context.Context, in, out string, env []string) error {
		cmd := exec.CommandContext(ctx, exe, "run", "--allow-errors", in, "-o", out)
		cmd.Env = append(os.Environ(), env...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
		cmd.WaitDelay = 2 * time.Second
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		if err != nil && ctx.Err() == nil {
			msg := strings.TrimSpace(stderr.String())
			if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
				msg = msg[i+1:]
			}
			return fmt.Errorf("%v: %s", err, msg)
		}
		return err
	}
}

// Row is one student's score on one question.
type Row struct {
	Student   string
	Question  string
	Points    float64
	MaxPoints float64
	// Message says why points were lost.
	Message string
}

// Grader grades submissions against a key notebook.
type Grader struct {
	// Key is the path of the teacher's notebook with solutions.
	Key string
	// Timeout limits each notebook's run; zero means 5 minutes.
	Timeout time.Duration
	// Run executes notebooks.
	Run RunFunc
	// Log, when not nil, receives one line per graded notebook.
	Log io.Writer
}

// Questions lists the key's questions with their maximum points, found by
// running the key; it fails if the key does not earn every point.
func (g *Grader) Questions(ctx context.Context) ([]check.Score, error) {
	key, err := readNotebook(g.Key)
	if err != nil {
		return nil, err
	}
	res, err := g.execute(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("running the key %s: %w", g.Key, err)
	}
	scores := check.Scores(res.results)
	if len(scores) == 0 {
		return nil, fmt.Errorf("the key %s records no checks: its graded cells must call the check package%s", g.Key, res.why(""))
	}
	for _, s := range scores {
		if s.Earned != s.Points {
			return nil, fmt.Errorf("the key %s fails its own check on %s (%s/%s points): %s", g.Key, s.Question,
				fmtFloat(s.Earned), fmtFloat(s.Points), strings.Join(s.Failures, "; "))
		}
	}
	return scores, nil
}

// Grade grades every submission and returns one row per student and
// question. Problems with one submission are reported in its rows, never
// as an error; the error is for a broken key.
func (g *Grader) Grade(ctx context.Context, submissions []string) ([]Row, error) {
	questions, err := g.Questions(ctx)
	if err != nil {
		return nil, err
	}
	key, err := readNotebook(g.Key)
	if err != nil {
		return nil, err
	}
	names := studentNames(submissions)
	var rows []Row
	for i, path := range submissions {
		start := time.Now()
		got, why := g.gradeOne(ctx, key, path)
		earned := 0.0
		for _, q := range questions {
			row := Row{Student: names[i], Question: q.Question, MaxPoints: q.Points}
			if s, ok := got[q.Question]; ok {
				row.Points = s.Earned
				row.Message = strings.Join(s.Failures, "; ")
				if s.Points != q.Points {
					// A check of the key never ran (e.g. a cell stopped early).
					row.Message = joinMsg(row.Message, fmt.Sprintf("checks worth %s points did not run%s", fmtFloat(q.Points-s.Points), why))
				}
			} else {
				row.Message = "the checks of this question did not run" + why
			}
			earned += row.Points
			rows = append(rows, row)
		}
		if g.Log != nil {
			total := 0.0
			for _, q := range questions {
				total += q.Points
			}
			fmt.Fprintf(g.Log, "%-20s %s/%s points (%.1fs)%s\n", names[i], fmtFloat(earned), fmtFloat(total), time.Since(start).Seconds(), why)
		}
		if ctx.Err() != nil {
			return rows, ctx.Err()
		}
	}
	return rows, nil
}

// gradeOne runs one submission and returns its scores by question and,
// when something went wrong as a whole, a reason starting with ": ".
func (g *Grader) gradeOne(ctx context.Context, key notebook, path string) (map[string]check.Score, string) {
	sub, err := readNotebook(path)
	if err != nil {
		return nil, ": " + err.Error()
	}
	graded, err := combine(key, sub)
	if err != nil {
		return nil, ": " + err.Error()
	}
	res, err := g.execute(ctx, graded)
	if err != nil {
		return nil, ": " + err.Error()
	}
	out := map[string]check.Score{}
	for _, s := range check.Scores(res.results) {
		out[s.Question] = s
	}
	return out, res.why("")
}

// combine builds the notebook to grade: the key's cells, with each
// solution cell's source taken from the submission's cell of the same
// grade_id (or the released placeholder when the student deleted it).
func combine(key, sub notebook) (notebook, error) {
	answers := map[string]cell{}
	for _, c := range sub.cells() {
		if id := c.gradeID(); id != "" && c.isSolution() {
			answers[id] = c
		}
	}
	out := notebook{}
	for k, v := range key {
		out[k] = v
	}
	var cs []cell
	for _, kc := range key.cells() {
		c := kc.clone()
		if c.isSolution() {
			if a, ok := answers[c.gradeID()]; ok {
				c.setSource(a.source())
			} else {
				text, err := releaseSource(c)
				if err != nil {
					return nil, err
				}
				c.setSource(text)
			}
		}
		c.clearOutputs()
		cs = append(cs, c)
	}
	out.setCells(cs)
	return out, nil
}

// runResult is what one notebook run produced.
type runResult struct {
	results  []check.Result
	timedOut time.Duration
	runErr   error
	firstErr string
}

// why explains an incomplete run, or returns prefix alone.
func (r runResult) why(prefix string) string {
	switch {
	case r.timedOut > 0:
		return prefix + fmt.Sprintf(": the notebook was stopped at the time limit of %v", r.timedOut)
	case r.firstErr != "":
		return prefix + ": first error: " + r.firstErr
	case r.runErr != nil:
		return prefix + ": the run failed: " + r.runErr.Error()
	}
	return prefix
}

// execute runs nb in a fresh kernel with a check log and collects the results.
func (g *Grader) execute(ctx context.Context, nb notebook) (runResult, error) {
	dir, err := os.MkdirTemp("", "boltzbook-grade-")
	if err != nil {
		return runResult{}, err
	}
	defer os.RemoveAll(dir)
	data, err := nb.marshal()
	if err != nil {
		return runResult{}, err
	}
	in, out, log := filepath.Join(dir, "graded.ipynb"), filepath.Join(dir, "out.ipynb"), filepath.Join(dir, "checks.jsonl")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		return runResult{}, err
	}
	timeout := g.Timeout
	if timeout <= 0 {
		timeout = 5 * time.Minute
	}
	rctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var res runResult
	res.runErr = g.Run(rctx, in, out, []string{check.LogEnv + "=" + log})
	if errors.Is(rctx.Err(), context.DeadlineExceeded) {
		res.timedOut = timeout
	}
	res.results, err = readLog(log)
	if err != nil {
		return res, err
	}
	if executed, err := readNotebook(out); err == nil {
		res.firstErr = firstError(executed)
	}
	return res, nil
}

func readLog(path string) ([]check.Result, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []check.Result
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		var r check.Result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			continue // a line cut short by a kill
		}
		out = append(out, r)
	}
	return out, nil
}

// firstError describes the first error output of an executed notebook.
func firstError(nb notebook) string {
	for i, c := range nb.cells() {
		outs, _ := c["outputs"].([]any)
		for _, o := range outs {
			m, _ := o.(map[string]any)
			if m["output_type"] == "error" {
				where := c.gradeID()
				if where == "" {
					where = "cell " + strconv.Itoa(i+1)
				}
				return fmt.Sprintf("%s: %v: %v", where, m["ename"], m["evalue"])
			}
		}
	}
	return ""
}

// studentNames names each submission by its file name, or by its path
// when file names repeat (as in one folder per student).
func studentNames(paths []string) []string {
	names := make([]string, len(paths))
	seen := map[string]int{}
	for i, p := range paths {
		names[i] = strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
		seen[names[i]]++
	}
	for i, p := range paths {
		if seen[names[i]] > 1 {
			names[i] = strings.TrimSuffix(filepath.ToSlash(p), filepath.Ext(p))
		}
	}
	return names
}

// WriteCSV writes rows as CSV with a header line.
func WriteCSV(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"student", "question", "points", "max_points", "message"})
	for _, r := range rows {
		cw.Write([]string{r.Student, r.Question, fmtFloat(r.Points), fmtFloat(r.MaxPoints), r.Message})
	}
	cw.Flush()
	return cw.Error()
}

func joinMsg(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
