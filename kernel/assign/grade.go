// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package assign

import (
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
// out. It must go on past failing cells, interrupt a cell that runs longer
// than cellTimeout (when it is positive), and stop when ctx is done.
type RunFunc func(ctx context.Context, in, out string, cellTimeout time.Duration) error

// CommandRunner returns a RunFunc that runs
// `exe run --allow-errors --timeout CELLTIMEOUT IN -o OUT` in a process
// group of its own, in IN's directory, killed with its children when ctx
// is done: a submission that loops, crashes or exits cannot take the
// grader or the next submission with it.
func CommandRunner(exe string) RunFunc {
	return func(ctx context.Context, in, out string, cellTimeout time.Duration) error {
		args := []string{"run", "--allow-errors", "-q"}
		if cellTimeout > 0 {
			args = append(args, "--timeout", cellTimeout.String())
		}
		cmd := exec.CommandContext(ctx, exe, append(args, in, "-o", out)...)
		cmd.Dir = filepath.Dir(in)
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

// Row is one student's score on one graded cell.
type Row struct {
	Student string
	// Question is the graded cell's grade_id, as nbgrader names it.
	Question  string
	Points    float64
	MaxPoints float64
	// Manual marks a written answer, which a teacher scores by hand;
	// Points is then 0.
	Manual bool
	// Message says why points were lost.
	Message string
}

// Grader grades submissions against a key notebook, scoring every graded
// cell as nbgrader's autograder does (see Score).
type Grader struct {
	// Key is the path of the teacher's notebook with solutions.
	Key string
	// Timeout limits each notebook's whole run; zero means 10 minutes.
	Timeout time.Duration
	// CellTimeout limits each cell: a cell that runs longer is
	// interrupted and scores zero. Zero means 2 minutes.
	CellTimeout time.Duration
	// Run executes notebooks.
	Run RunFunc
	// Log, when not nil, receives one line per graded notebook.
	Log io.Writer
}

// Question is one graded cell of the key.
type Question struct {
	ID     string  // grade_id
	Points float64 // the cell's points
	Manual bool    // a written answer (nbgrader: solution and grade), scored by hand
	index  int     // position among the key's cells
}

// gradedCells lists the key's graded cells.
func gradedCells(key notebook) ([]Question, error) {
	var qs []Question
	for i, c := range key.cells() {
		if !c.flag("grade") {
			continue
		}
		id := c.gradeID()
		if id == "" {
			return nil, fmt.Errorf("cell %d is graded but has no grade_id", i+1)
		}
		pts, ok := c.grader()["points"].(float64)
		if !ok || pts < 0 {
			return nil, fmt.Errorf("graded cell %s has no points (metadata nbgrader.points)", id)
		}
		qs = append(qs, Question{ID: id, Points: pts, Manual: c.kind() != "code" || c.isSolution(), index: i})
	}
	if len(qs) == 0 {
		return nil, fmt.Errorf("no graded cell (metadata nbgrader.grade)")
	}
	return qs, nil
}

// Questions lists the key's graded cells, and runs the key to make sure
// that it earns every automatic point: each graded code cell must end in
// check.Points with checks worth exactly its points.
func (g *Grader) Questions(ctx context.Context) ([]Question, error) {
	key, err := readNotebook(g.Key)
	if err != nil {
		return nil, err
	}
	qs, err := gradedCells(key)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", g.Key, err)
	}
	res, err := g.execute(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("running the key %s: %w", g.Key, err)
	}
	if res.executed == nil {
		return nil, fmt.Errorf("running the key %s: %s", g.Key, strings.TrimPrefix(res.why(), ": "))
	}
	cells := res.executed.cells()
	for _, q := range qs {
		if q.Manual {
			continue
		}
		if q.index >= len(cells) {
			return nil, fmt.Errorf("the key %s lost cell %s when it ran", g.Key, q.ID)
		}
		sc := Score(cells[q.index], q.Points)
		switch {
		case sc.Grade == nil && sc.Earned == q.Points:
			return nil, fmt.Errorf("graded cell %s of the key %s does not end in check.Points(...): "+
				"nbgrader would give it full marks whenever it runs without an error", q.ID, g.Key)
		case sc.Earned != q.Points:
			return nil, fmt.Errorf("the key %s scores %s of %s points on %s: %s", g.Key,
				fmtFloat(sc.Earned), fmtFloat(q.Points), q.ID, sc.Message)
		case sc.Grade.Ran != q.Points || sc.Grade.Points != q.Points:
			return nil, fmt.Errorf("graded cell %s of the key %s is worth %s points (metadata), its check.Points "+
				"says %s and its checks are worth %s: make the three agree", q.ID, g.Key,
				fmtFloat(q.Points), fmtFloat(sc.Grade.Points), fmtFloat(sc.Grade.Ran))
		}
	}
	return qs, nil
}

// Grade grades every submission and returns one row per student and
// graded cell. Problems with one submission are reported in its rows,
// never as an error; the error is for a broken key.
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
		got := g.gradeOne(ctx, key, questions, path)
		earned, total, manual := 0.0, 0.0, 0.0
		for j, q := range questions {
			got[j].Student = names[i]
			earned += got[j].Points
			if !q.Manual {
				total += q.Points
			}
			if got[j].Manual {
				manual += q.Points
			}
		}
		rows = append(rows, got...)
		if g.Log != nil {
			extra := ""
			if manual > 0 {
				extra = fmt.Sprintf(" (+%s points to grade by hand)", fmtFloat(manual))
			}
			fmt.Fprintf(g.Log, "%-20s %s/%s points%s in %.1fs\n", names[i], fmtFloat(earned), fmtFloat(total), extra,
				time.Since(start).Seconds())
		}
		if ctx.Err() != nil {
			return rows, ctx.Err()
		}
	}
	return rows, nil
}

// gradeOne runs one submission and scores each graded cell.
func (g *Grader) gradeOne(ctx context.Context, key notebook, qs []Question, path string) []Row {
	rows := make([]Row, len(qs))
	for i, q := range qs {
		rows[i] = Row{Question: q.ID, MaxPoints: q.Points, Manual: q.Manual}
	}
	fail := func(msg string) []Row {
		for i := range rows {
			rows[i].Message, rows[i].Manual = msg, false
		}
		return rows
	}
	sub, err := readNotebook(path)
	if err != nil {
		return fail(err.Error())
	}
	note := kernelNote(key, sub)
	graded, err := combine(key, sub)
	if err != nil {
		return fail(err.Error())
	}
	res, err := g.execute(ctx, graded)
	if err != nil {
		return fail(err.Error())
	}
	if res.executed == nil {
		return fail("nothing was graded" + res.why())
	}
	cells, gcells := res.executed.cells(), graded.cells()
	for i, q := range qs {
		r := &rows[i]
		switch {
		case q.index >= len(cells):
			r.Message = "the cell is missing from the run"
		case q.Manual:
			// As nbgrader: an answer left as released scores zero, any
			// other waits for the teacher.
			if strings.TrimSpace(gcells[q.index].source()) == strings.TrimSpace(releasedText(key.cells()[q.index])) {
				r.Manual, r.Message = false, "no answer: the cell is as released"
			} else {
				r.Message = "a written answer, to be graded by hand"
			}
		default:
			sc := Score(cells[q.index], q.Points)
			r.Points, r.Message = sc.Earned, sc.Message
			if sc.NotRun {
				r.Message += res.why()
			} else if e := errorOutput(cells[q.index]); e != "" && !strings.Contains(r.Message, e) {
				r.Message = joinMsg(r.Message, e) // e.g. a time limit hit after the score
			}
		}
		r.Message = joinMsg(r.Message, note)
	}
	return rows
}

// kernelNote explains that a submission that names another kernel was run
// with the key's.
func kernelNote(key, sub notebook) string {
	name := func(nb notebook) string {
		md, _ := nb["metadata"].(map[string]any)
		ks, _ := md["kernelspec"].(map[string]any)
		s, _ := ks["name"].(string)
		return s
	}
	if k, s := name(key), name(sub); s != "" && k != "" && s != k {
		return fmt.Sprintf("the submission names the kernel %q; it was run with the key's %q", s, k)
	}
	return ""
}

// releasedText is what a solution cell holds in the released notebook.
func releasedText(c cell) string {
	text, err := releaseSource(c)
	if err != nil {
		return c.source()
	}
	return text
}

// CellScore is the score of one executed graded code cell.
type CellScore struct {
	Earned  float64
	Message string
	// Grade is the check.Points result of the cell, if it has one.
	Grade *check.Grade
	// NotRun says the cell never ran (the run stopped before it).
	NotRun bool
}

// Score scores an executed graded code cell worth points by nbgrader's
// rules (nbgrader.utils.determine_grade): the first output that is an
// error or a stream on stderr scores zero; else the first execute_result
// whose text/plain is a number scores that number (at most points); else,
// full points. Unlike nbgrader, a cell that never ran scores zero.
func Score(c cell, points float64) CellScore {
	outs, _ := c["outputs"].([]any)
	if c["execution_count"] == nil && len(outs) == 0 {
		return CellScore{Message: "the cell did not run", NotRun: true}
	}
	for _, o := range outs {
		m, _ := o.(map[string]any)
		switch m["output_type"] {
		case "error":
			return CellScore{Message: errorOutput(c)}
		case "stream":
			if m["name"] == "stderr" {
				text := strings.TrimSpace(joinText(m["text"]))
				if i := strings.IndexByte(text, '\n'); i >= 0 {
					text = text[:i] + " …"
				}
				return CellScore{Message: "the cell wrote to stderr, which nbgrader scores as an error: " + text}
			}
		case "execute_result":
			data, _ := m["data"].(map[string]any)
			sc := CellScore{Earned: points}
			if js, ok := data[check.MIMEGrade]; ok {
				var gr check.Grade
				if b, err := json.Marshal(js); err == nil && json.Unmarshal(b, &gr) == nil {
					sc.Grade = &gr
					sc.Message = strings.Join(gr.Failures, "; ")
					if gr.Checks == 0 {
						sc.Message = "no check ran"
					}
				}
			}
			text := strings.TrimSpace(joinText(data["text/plain"]))
			v, err := strconv.ParseFloat(text, 64)
			switch {
			case err != nil:
				// nbgrader gives full marks to a result that is not a number.
			case v > points:
				sc.Message = joinMsg(sc.Message, fmt.Sprintf("the cell's result %s is more than its %s points", text, fmtFloat(points)))
			case v >= 0:
				sc.Earned = v
			}
			return sc
		}
	}
	return CellScore{Earned: points}
}

// errorOutput describes the first error output of a cell, or is "".
func errorOutput(c cell) string {
	outs, _ := c["outputs"].([]any)
	for _, o := range outs {
		m, _ := o.(map[string]any)
		if m["output_type"] == "error" {
			return fmt.Sprintf("error: %v: %v", m["ename"], m["evalue"])
		}
	}
	return ""
}

// joinText joins a multiline string field of nbformat (string or list).
func joinText(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		var b strings.Builder
		for _, l := range t {
			s, _ := l.(string)
			b.WriteString(s)
		}
		return b.String()
	}
	return ""
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
	executed notebook // nil when the run wrote no notebook
	timedOut time.Duration
	runErr   error
}

// why explains an incomplete run as ": ...", or returns "".
func (r runResult) why() string {
	switch {
	case r.timedOut > 0:
		return fmt.Sprintf(": the notebook was stopped at the time limit of %v", r.timedOut)
	case r.runErr != nil && r.executed == nil:
		return ": the run failed: " + r.runErr.Error()
	}
	return ""
}

// execute runs nb in a fresh kernel process, in a directory of its own.
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
	in, out := filepath.Join(dir, "graded.ipynb"), filepath.Join(dir, "out.ipynb")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		return runResult{}, err
	}
	timeout := g.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Minute
	}
	cellTimeout := g.CellTimeout
	if cellTimeout <= 0 {
		cellTimeout = 2 * time.Minute
	}
	rctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var res runResult
	res.runErr = g.Run(rctx, in, out, min(cellTimeout, timeout))
	if errors.Is(rctx.Err(), context.DeadlineExceeded) {
		res.timedOut = timeout
	}
	if executed, err := readNotebook(out); err == nil {
		res.executed = executed
	}
	return res, nil
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

// WriteCSV writes rows as CSV with a header line; the points of a written
// answer that waits to be graded by hand are left empty.
func WriteCSV(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"student", "question", "points", "max_points", "message"})
	for _, r := range rows {
		pts := fmtFloat(r.Points)
		if r.Manual {
			pts = ""
		}
		cw.Write([]string{r.Student, r.Question, pts, fmtFloat(r.MaxPoints), r.Message})
	}
	cw.Flush()
	return cw.Error()
}

func joinMsg(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + "; " + b
}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
