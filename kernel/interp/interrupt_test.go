// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/boltzbook/boltzbook/bm"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// interruptAfter runs code, interrupts it after delay and returns the
// result and how long the cell took to stop after the interrupt.
func interruptAfter(t *testing.T, code string, delay time.Duration) (jupyter.ExecuteResult, time.Duration) {
	t.Helper()
	done := make(chan jupyter.ExecuteResult)
	running := make(chan struct{})
	session.onRun = func() { close(running) }
	defer func() { session.onRun = nil }()
	go func() {
		done <- session.Execute(jupyter.ExecuteRequest{Code: code}, &fakePub{})
	}()
	select {
	case <-running: // the cell is built and runs
	case res := <-done:
		t.Fatalf("cell %q ended before it was interrupted: %+v", code, res.Error)
	case <-time.After(2 * time.Minute):
		t.Fatalf("cell %q did not start running", code)
	}
	time.Sleep(delay)
	start := time.Now()
	session.Interrupt()
	select {
	case res := <-done:
		return res, time.Since(start)
	case <-time.After(10 * time.Second):
		t.Fatalf("cell %q did not stop within 10s of an interrupt", code)
	}
	return jupyter.ExecuteResult{}, 0
}

func TestInterruptInterpretedLoop(t *testing.T) {
	mustRun(t, "intKept := 7")
	for _, code := range []string{
		"for {}",
		"intN := 0\nfor {\n\tintN++\n}",
		"func intSpin() {\n\tfor {\n\t}\n}\nintSpin()",
	} {
		res, took := interruptAfter(t, code, 300*time.Millisecond)
		if res.Error == nil || res.Error.Name != "Interrupted" {
			t.Fatalf("%q: got %+v, want Interrupted", code, res.Error)
		}
		if took > time.Second {
			t.Errorf("%q took %v to stop, want < 1s", code, took)
		}
	}
	if res, _ := mustRun(t, "intKept"); plain(res) != "7" {
		t.Errorf("variable lost after interrupt: %v", res.Data)
	}
}

// fakeTrain stands for a bm trainer: compiled code that never returns
// on its own and checks the host's context between minibatches,
// leaving *steps at its last completed step.
func fakeTrain(steps *int) error {
	ctx := bm.DefaultContext()
	for {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("fake training interrupted after %d steps: %w", *steps, err)
		}
		time.Sleep(5 * time.Millisecond) // one minibatch
		*steps++
	}
}

func TestInterruptCompiledTraining(t *testing.T) {
	steps := 0
	declare(map[string]any{"fakeSteps": &steps, "fakeTrain": fakeTrain})
	mustRun(t, "trainKept := 3")
	for _, code := range []string{
		"err := fakeTrain(fakeSteps)",
		"fakeTrain(fakeSteps)",
		"if err := fakeTrain(fakeSteps); err != nil {\n\tpanic(err)\n}",
	} {
		res, took := interruptAfter(t, code, 200*time.Millisecond)
		if res.Error == nil || res.Error.Name != "Interrupted" {
			t.Fatalf("%q: got %+v, want Interrupted", code, res.Error)
		}
		if took > time.Second {
			t.Errorf("%q took %v to stop, want < 1s", code, took)
		}
	}
	if steps == 0 {
		t.Errorf("fake training never ran")
	}
	if res, _ := mustRun(t, "trainKept + *fakeSteps - *fakeSteps"); plain(res) != "3" {
		t.Errorf("variable lost after interrupt: %v", res.Data)
	}
	// A new cell gets a fresh context.
	if res, _ := mustRun(t, "1+2"); plain(res) != "3" {
		t.Errorf("cell after interrupt: %v", res.Data)
	}
}

func TestInterruptSleepingLoop(t *testing.T) {
	mustRun(t, `import "time"`)
	res, took := interruptAfter(t, "betweenN := 0\nfor {\n\tbetweenN++\n\ttime.Sleep(10 * time.Millisecond)\n}", 100*time.Millisecond)
	if res.Error == nil || res.Error.Name != "Interrupted" {
		t.Fatalf("got %+v, want Interrupted", res.Error)
	}
	if took > time.Second {
		t.Errorf("took %v", took)
	}
	if !strings.Contains(strings.Join(res.Error.Traceback, "\n"), "cell line 4") { // in time.Sleep
		t.Errorf("traceback %q does not say where", res.Error.Traceback)
	}
}

func TestInterruptLongSleep(t *testing.T) {
	mustRun(t, `import "time"`)
	res, took := interruptAfter(t, "\ntime.Sleep(time.Hour)", 100*time.Millisecond)
	if res.Error == nil || res.Error.Name != "Interrupted" || took > time.Second {
		t.Fatalf("got %+v after %v, want Interrupted within 1s", res.Error, took)
	}
	if !strings.Contains(strings.Join(res.Error.Traceback, "\n"), "cell line 2") {
		t.Errorf("traceback %q does not say where", res.Error.Traceback)
	}
	// Sleeping still works afterwards.
	start := time.Now()
	mustRun(t, "time.Sleep(20 * time.Millisecond)")
	if d := time.Since(start); d < 20*time.Millisecond {
		t.Errorf("time.Sleep(20ms) returned after %v", d)
	}
}

// TestInterruptBlockedCalls interrupts cells blocked where neither tier
// can stop them from inside (a sync wait), and where the compiled tier
// can (channel operations, select, timers): each returns Interrupted
// within a second and the session keeps its variables.
func TestInterruptBlockedCalls(t *testing.T) {
	if session.tiers.engine == nil {
		t.Skip("no compiled tier here:", session.tiers.err)
	}
	mustRun(t, "import (\n\t\"sync\"\n\t\"time\"\n)\nblockKept := 11\nvar blockWG sync.WaitGroup\nblockWG.Add(1)")
	for _, code := range []string{
		"blockWG.Wait()",                   // interpreted, uninterruptible call
		"blockWG.Wait()\nfor range 1 {\n}", // compiled, uninterruptible call
		"<-make(chan int)",                 // compiled receive
		"make(chan int) <- 1",              // compiled send
		"select {}",                        // empty select
		"<-time.After(time.Hour)",          // timer
		"var blockMu sync.Mutex\nblockMu.Lock()\nblockMu.Lock()", // sync wait
	} {
		res, took := interruptAfter(t, code, 100*time.Millisecond)
		if res.Error == nil || res.Error.Name != "Interrupted" {
			t.Errorf("%q: got %+v, want Interrupted", code, res.Error)
		}
		if took > time.Second {
			t.Errorf("%q took %v to stop, want < 1s", code, took)
		}
		if res, _ := mustRun(t, "blockKept + 1"); plain(res) != "12" {
			t.Errorf("after %q: blockKept + 1 = %v", code, res.Data)
		}
	}
}
