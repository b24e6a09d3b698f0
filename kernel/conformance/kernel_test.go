// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package conformance

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/boltzbook/boltzbook/kernel/display"
	"github.com/boltzbook/boltzbook/kernel/interp"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// The kernel side runs in a worker process: this test binary started
// again with workerEnv set, running TestKernelWorker. A kernel session
// swaps os.Stdout and os.Stderr, only one may exist at a time, and a
// crash of the engine (a fatal error, a stuck cell) must cost one case,
// not the whole run: when the worker dies, the case it was running is
// WRONG (crash) and a new worker takes the remaining cases.

// workerEnv names the file of jobs a worker runs; results go to fd 3.
const workerEnv = "BOLTZBOOK_CONFORMANCE_WORKER"

// job is one case for the worker.
type job struct {
	ID      int
	Cells   []jobCell
	Timeout time.Duration // per cell
}

type jobCell struct {
	Code string
	Fail string // failCompile, failPanic or ""
}

// rejection is the kernel's answer to a cell that must fail.
type rejection struct {
	Fail string
	Err  *jupyter.ExecError // nil: the cell ran
}

// kernelResult is what the kernel did with a case's cells.
type kernelResult struct {
	ID int
	// Output is the cells' stdout stream text, each display_data's and
	// execute_result's text/plain plus "\n", in order, up to and
	// including the cell that failed.
	Output string
	Stderr string
	// Error is the error that stopped the run (nil when every cell ran);
	// ErrorCell is the index of its cell.
	Error     *jupyter.ExecError
	ErrorCell int
	// Rejected holds, for each error or panic cell, the kernel's error.
	Rejected map[int]rejection
	// TimedOut: a cell did not finish within the timeout (it was
	// interrupted). Crash: the engine failed outside a reply.
	TimedOut bool
	Crash    string
	Duration time.Duration
	// Log is what the kernel process wrote to its own stderr (the
	// kernel log) while it ran the case.
	Log string
}

// logMarker starts a case's part of a worker's stderr.
const logMarker = "\x00conformance-case:"

// collector is the Publisher of a case: it records what the kernel sends.
type collector struct {
	mu     sync.Mutex
	out    strings.Builder
	stderr strings.Builder
}

func (c *collector) Stream(name, text string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if name == "stderr" {
		c.stderr.WriteString(text)
		return
	}
	c.out.WriteString(text)
}

func (c *collector) Display(data jupyter.MIMEBundle, metadata, transient map[string]any, update bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t, ok := data[display.MIMEText].(string); ok {
		c.out.WriteString(t + "\n")
	}
}

func (c *collector) result(data jupyter.MIMEBundle) {
	c.Display(data, nil, nil, false)
}

func (c *collector) ClearOutput(wait bool) {}

func (c *collector) Input(prompt string, password bool) (string, error) {
	return "", jupyter.ErrStdinNotAllowed
}

// TestKernelWorker runs jobs in kernel sessions when started by
// runKernel; otherwise it does nothing.
func TestKernelWorker(t *testing.T) {
	path := os.Getenv(workerEnv)
	if path == "" {
		t.Skip("runs only as the conformance harness's worker process")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var jobs []job
	if err := json.Unmarshal(data, &jobs); err != nil {
		t.Fatal(err)
	}
	results := os.NewFile(3, "results")
	enc := json.NewEncoder(results)
	stderr := os.Stderr // the kernel log, before a session swaps os.Stderr
	for _, j := range jobs {
		fmt.Fprintf(stderr, "\n%s%d\n", logMarker, j.ID)
		enc.Encode(map[string]int{"start": j.ID})
		r, stuck := runJob(j)
		enc.Encode(r)
		if stuck {
			// The session cannot be shut down with a cell still
			// running: leave, and let a new worker take the rest.
			os.Exit(3)
		}
	}
}

// runJob runs one case's cells in a fresh session.
func runJob(j job) (r kernelResult, stuck bool) {
	r.ID = j.ID
	start := time.Now()
	defer func() { r.Duration = time.Since(start) }()
	s, err := interp.New()
	if err != nil {
		r.Crash = "interp.New: " + err.Error()
		return r, false
	}
	pub := &collector{}
	defer func() {
		r.Output, r.Stderr = pub.out.String(), pub.stderr.String()
	}()
	for i, cell := range j.Cells {
		done := make(chan jupyter.ExecuteResult, 1)
		panicked := make(chan string, 1)
		go func() {
			defer func() {
				if p := recover(); p != nil {
					panicked <- fmt.Sprintf("Execute panicked: %v", p)
				}
			}()
			done <- s.Execute(jupyter.ExecuteRequest{Code: cell.Code, StoreHistory: true, ExecutionCount: i + 1}, pub)
		}()
		var res jupyter.ExecuteResult
		select {
		case res = <-done:
		case p := <-panicked:
			r.Crash = p
			s.Shutdown(false)
			return r, false
		case <-time.After(j.Timeout):
			r.TimedOut = true
			s.Interrupt()
			select {
			case res = <-done:
			case <-time.After(10 * time.Second):
				r.Crash = fmt.Sprintf("cell %d did not stop within 10 s of an interrupt", i+1)
				return r, true
			}
		}
		if res.Data != nil {
			pub.result(res.Data)
		}
		if cell.Fail != "" && !r.TimedOut {
			if r.Rejected == nil {
				r.Rejected = map[int]rejection{}
			}
			r.Rejected[i] = rejection{cell.Fail, res.Error}
			continue
		}
		if res.Error != nil || r.TimedOut {
			r.Error, r.ErrorCell = res.Error, i
			break
		}
	}
	s.Shutdown(false)
	return r, false
}

// runKernel runs the jobs in worker processes and returns the results
// by job ID; progress is called as each case finishes.
func runKernel(ctx context.Context, jobs []job, dir string, progress func(kernelResult)) (map[int]kernelResult, error) {
	results := map[int]kernelResult{}
	for len(jobs) > 0 {
		done, err := runWorker(ctx, jobs, dir, progress)
		for _, r := range done {
			results[r.ID] = r
		}
		if err != nil {
			return results, err
		}
		var rest []job
		for _, j := range jobs {
			if _, ok := results[j.ID]; !ok {
				rest = append(rest, j)
			}
		}
		jobs = rest
	}
	return results, nil
}

// runWorker starts one worker on jobs and collects its results. When it
// dies part-way, the case it was running gets a Crash result.
func runWorker(ctx context.Context, jobs []job, dir string, progress func(kernelResult)) ([]kernelResult, error) {
	f, err := os.CreateTemp(dir, "jobs-*.json")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if err := json.NewEncoder(f).Encode(jobs); err != nil {
		return nil, err
	}
	f.Close()
	rd, wr, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestKernelWorker$", "-test.count=1", "-test.timeout=0")
	cmd.Env = append(os.Environ(), workerEnv+"="+f.Name())
	cmd.ExtraFiles = []*os.File{wr}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		wr.Close()
		rd.Close()
		return nil, err
	}
	wr.Close()
	// The worker reports {"start": id} before each case and its result
	// after; a watchdog kills it when a case overruns its cells' timeouts.
	timeouts := map[int]time.Duration{}
	for _, j := range jobs {
		timeouts[j.ID] = time.Duration(len(j.Cells))*j.Timeout + 30*time.Second
	}
	var mu sync.Mutex
	current, deadline := -1, time.Time{}
	stop := make(chan struct{})
	go func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-ctx.Done():
				cmd.Process.Kill()
				return
			case <-tick.C:
				mu.Lock()
				late := current >= 0 && time.Now().After(deadline)
				mu.Unlock()
				if late {
					cmd.Process.Kill()
					return
				}
			}
		}
	}()
	var out []kernelResult
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	started := time.Now()
	for sc.Scan() {
		var probe struct {
			Start *int `json:"start"`
		}
		if err := json.Unmarshal(sc.Bytes(), &probe); err == nil && probe.Start != nil {
			mu.Lock()
			current, deadline = *probe.Start, time.Now().Add(timeouts[*probe.Start])
			started = time.Now()
			mu.Unlock()
			continue
		}
		var r kernelResult
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			continue
		}
		mu.Lock()
		current = -1
		mu.Unlock()
		out = append(out, r)
		if progress != nil {
			progress(r)
		}
	}
	rd.Close()
	waitErr := cmd.Wait()
	close(stop)
	logs := splitLogs(stderr.String())
	for i := range out {
		out[i].Log = logs[out[i].ID]
	}
	mu.Lock()
	cur := current
	mu.Unlock()
	if cur >= 0 {
		r := kernelResult{ID: cur, Duration: time.Since(started), Log: logs[cur],
			Crash: fmt.Sprintf("the kernel process died (%v):\n%s", waitErr, headTail(logs[cur]+stdout.String(), 2000, 1000))}
		out = append(out, r)
		if progress != nil {
			progress(r)
		}
		return out, nil
	}
	if len(out) == 0 {
		// Died before its first case: that is the harness's problem.
		// (A worker that leaves after a stuck case has reported it, and
		// the caller starts another for the rest.)
		return out, fmt.Errorf("kernel worker ended after %d of %d cases (%v):\n%s",
			len(out), len(jobs), waitErr, headTail(stderr.String()+stdout.String(), 2000, 1000))
	}
	return out, nil
}

// splitLogs cuts a worker's stderr into the parts written during each case.
func splitLogs(s string) map[int]string {
	logs := map[int]string{}
	parts := strings.Split(s, "\n"+logMarker)
	for _, p := range parts[1:] {
		idText, log, _ := strings.Cut(p, "\n")
		var id int
		if _, err := fmt.Sscan(idText, &id); err == nil {
			logs[id] = log
		}
	}
	return logs
}

// headTail shortens s to its first head and last tail bytes: a fatal
// error's message comes first, then a long goroutine dump.
func headTail(s string, head, tail int) string {
	if len(s) <= head+tail {
		return s
	}
	return s[:head] + "\n…\n" + s[len(s)-tail:]
}

// TestWorkerCrash checks that a kernel process dying in a case costs
// that case only: it is WRONG (crash), and a new worker runs the rest.
func TestWorkerCrash(t *testing.T) {
	if os.Getenv(workerEnv) != "" {
		t.Skip("worker process")
	}
	overflow := "import \"runtime/debug\"\n" +
		"debug.SetMaxStack(1 << 20)\n" +
		"var f func(int) int\n" +
		"f = func(n int) int { return f(n+1) + 1 }\n" +
		"f(0)"
	hello := "import \"fmt\"\nfmt.Println(\"hello\")"
	jobs := []job{
		{ID: 1, Cells: []jobCell{{Code: hello}}, Timeout: time.Minute},
		{ID: 2, Cells: []jobCell{{Code: overflow}}, Timeout: time.Minute},
		{ID: 3, Cells: []jobCell{{Code: hello}}, Timeout: time.Minute},
	}
	res, err := runKernel(context.Background(), jobs, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 3 {
		t.Fatalf("got %d results, want 3: %+v", len(res), res)
	}
	for _, id := range []int{1, 3} {
		if r := res[id]; r.Output != "hello\n" || r.Crash != "" || r.Error != nil {
			t.Errorf("case %d: output %q, crash %q, error %+v; want hello", id, r.Output, r.Crash, r.Error)
		}
	}
	if r := res[2]; r.Crash == "" || !strings.Contains(r.Crash, "stack") || !strings.Contains(r.Log, "stack") {
		t.Errorf("case 2: crash %q, error %+v; want a crash report about the stack overflow", r.Crash, r.Error)
	}
	if c, _ := classify(programResult{Stdout: ""}, res[2]); c != wrong {
		t.Errorf("case 2 classed %s, want WRONG", c)
	}
}
