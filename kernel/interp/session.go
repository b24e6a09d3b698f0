// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cosmos72/gomacro/base"
	"github.com/cosmos72/gomacro/fast"

	"github.com/boltzbook/boltzbook/bm"
	"github.com/boltzbook/boltzbook/kernel/cellrt"
	"github.com/boltzbook/boltzbook/kernel/display"
	bbimports "github.com/boltzbook/boltzbook/kernel/imports"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// Version is the implementation version reported in kernel_info_reply.
var Version = "0.1.0"

// BLASName names the BLAS implementation that matrix products use, for
// the banner. The kernel binary points it at bm.BLAS.
var BLASName = func() string { return "gonum (pure Go)" }

// flushTimeout bounds how long a cell waits for its output to be
// forwarded before its reply goes out.
const flushTimeout = 2 * time.Second

// Session is one gomacro interpreter kept for the kernel's life, with
// its output capture. It implements jupyter.Interpreter.
//
// gomacro ties interpreter state to the goroutine that created it, so a
// Session runs all interpreter work on one goroutine of its own and the
// methods hand their work to it.
type Session struct {
	ir   *fast.Interp
	out  *capture
	work chan func()

	mu        sync.Mutex
	cell      int             // serial number of the running cell, 0 when idle
	cellCtx   context.Context // context of the latest cell
	cancel    context.CancelFunc
	monitors  []*liveMonitor // live displays opened by the running cell
	saved     savedHooks
	shutdown  sync.Once
	cellCount int

	tiers engineState // the Go front end and the compiled tier

	onRun     func()    // called when a cell's code starts running (tests)
	unitsDone int       // top-level statements the latest interpreted cell completed
	bindings  int       // packages made to bind values into gomacro
	abandoned int       // interpreters left behind by interrupted cells
	goPanic   *panicked // the first panic of a goroutine of the running cell

	// Callbacks (comm.go): the serial number of the running one (0 when
	// none), how to cancel it, and the posted work waiting to run.
	cbCount   int
	cbRunning int
	cbCancel  context.CancelFunc
	cbCtx     context.Context
	posts     postQueue
	busy      atomic.Bool  // the session goroutine is running something
	lastDone  atomic.Int64 // when it last finished something, in Unix ns
}

// savedHooks are the host hooks a Session replaces and restores.
type savedHooks struct {
	monitor func() bm.Monitor
	context func() context.Context
	sink    display.Sink
	log     io.Writer
}

var _ jupyter.Interpreter = (*Session)(nil)

// New starts a session: it captures os.Stdout and os.Stderr, creates
// the interpreter, and installs the display sink and bm's monitor and
// context hooks. Only one Session should exist at a time.
func New() (*Session, error) {
	out, err := startCapture()
	if err != nil {
		return nil, err
	}
	sessionStderr = out.origStderr
	s := &Session{
		out:     out,
		work:    make(chan func()),
		cellCtx: context.Background(),
	}
	go s.loop(s.work)
	s.do(s.initInterp)
	s.startEngine()
	cellrt.OnGoroutinePanic = s.goroutinePanicked
	s.saved = savedHooks{bm.DefaultMonitor, bm.DefaultContext, display.SetSink(sessionSink{s}), log.Writer()}
	// Compiled cells log through the standard logger: to the notebook.
	log.SetOutput(stderrNow{})
	bm.DefaultMonitor = s.newMonitor
	bm.DefaultContext = s.context
	attachComms(s) // comm.go
	display.SetRedirector(s.redirect)
	return s, nil
}

// initInterp creates the interpreter; it runs on the session goroutine.
func (s *Session) initInterp() {
	interceptExit()
	rebind("time", "Sleep", s.sleep)
	// Types of imported packages come from the registered bindings,
	// never from the Go toolchain (see imports.NewInterp).
	ir := bbimports.NewInterp()
	g := ir.Comp.CompGlobals
	g.Options &^= base.OptShowPrompt | base.OptShowEval | base.OptShowEvalType | base.OptTrapPanic
	g.Filepath = cellFile
	// gomacro's own messages go to the cell's stderr, minus noise.
	g.Stdout = quietWriter{s.out.stderr.w}
	g.Stderr = quietWriter{s.out.stderr.w}
	ir.DeclFunc(goPanickedName, goPanicked)
	s.ir = ir
}

// loop runs interpreter work, one function at a time, until the
// channel closes (see abandon.go).
func (s *Session) loop(work chan func()) {
	for f := range work {
		current := work == s.workChan() // not a goroutine left behind (abandon.go)
		if current {
			s.busy.Store(true)
		}
		f()
		if current {
			s.lastDone.Store(time.Now().UnixNano())
			s.busy.Store(false)
		}
	}
}

// workChan returns the channel of the current session goroutine.
func (s *Session) workChan() chan func() {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.work
}

// do runs f on the session goroutine and waits for it. A panic in f
// (a bug: cell code runs under its own recover) is logged on the
// kernel's stderr rather than allowed to end the session goroutine.
func (s *Session) do(f func()) {
	<-s.send(f)
}

// send hands f to the session goroutine and returns a channel closed
// when it has run.
func (s *Session) send(f func()) chan struct{} {
	done := make(chan struct{})
	s.workChan() <- func() {
		defer close(done)
		defer func() {
			if r := recover(); r != nil {
				fmt.Fprintf(s.out.origStderr, "boltzbook interp: internal error: %v\n%s\n", r, debug.Stack())
			}
		}()
		f()
	}
	return done
}

// goroutinePanicked handles a panic of a goroutine started by a compiled
// cell. While the cell runs, the panic ends it, as it would end a Go
// program: the cell is stopped and reports the panic. Afterwards, it is
// reported on stderr and the kernel goes on.
func (s *Session) goroutinePanicked(r any, stack []byte, cell int64) {
	s.mu.Lock()
	running := s.cell != 0 && int64(s.cell) == cell
	first := running && s.goPanic == nil
	if first {
		s.goPanic = &panicked{value: r, stack: stack}
	}
	cancel := s.cancel
	s.mu.Unlock()
	if first {
		cellrt.Stop()
		if cancel != nil {
			cancel()
		}
		return
	}
	if !running {
		fmt.Fprintf(os.Stderr, "panic in a goroutine: %s\n(the goroutine, started by an earlier cell, stopped; the kernel and its variables are intact)\n", panicMessage(r))
	}
}

// takeGoPanic returns and forgets the running cell's goroutine panic.
func (s *Session) takeGoPanic() *panicked {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.goPanic
	s.goPanic = nil
	return p
}

// context returns the context of the latest cell, for bm.DefaultContext.
func (s *Session) context() context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cellCtx
}

// sleep replaces time.Sleep in cells: it returns early, with an
// interrupt, when the latest cell is interrupted, so that a cell waiting
// in a loop of sleeps stops at once. (Blocking channel operations cannot
// be cut short this way: gomacro runs them through reflect.)
func (s *Session) sleep(d time.Duration) {
	ctx := s.context()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
		panic(base.SigInterrupt)
	}
}

// KernelInfo describes Go for kernel_info_reply.
func (s *Session) KernelInfo() jupyter.KernelInfo { return Info() }

// Info describes the kernel for kernel_info_reply. It needs no session,
// so the protocol side can answer kernel_info before the interpreter has
// loaded.
func Info() jupyter.KernelInfo {
	return jupyter.KernelInfo{
		Implementation:        "boltzbook",
		ImplementationVersion: Version,
		LanguageName:          "go",
		LanguageVersion:       strings.TrimPrefix(runtime.Version(), "go"), // "1.26.8", as the seam documents
		MIMEType:              "text/x-go",
		FileExtension:         ".go",
		PygmentsLexer:         "go",
		CodeMirrorMode:        "go",
		Banner: fmt.Sprintf("boltzbook %s: Go %s, gomacro interpreter, BLAS: %s\n"+
			"Boltzmann-machine laboratory: import bm, plots, datasets, display and gonum in a cell.",
			Version, runtime.Version(), BLASName()),
		HelpLinks: []jupyter.HelpLink{
			{Text: "Go documentation", URL: "https://go.dev/doc/"},
			{Text: "Go standard library", URL: "https://pkg.go.dev/std"},
			{Text: "gonum", URL: "https://pkg.go.dev/gonum.org/v1/gonum"},
			{Text: "gonum/plot", URL: "https://pkg.go.dev/gonum.org/v1/plot"},
			{Text: "boltzbook", URL: "https://github.com/boltzbook/boltzbook"},
		},
	}
}

// Interrupt stops the running cell: it cancels the cell's context (bm
// trainers stop at their next minibatch) and asks gomacro to stop
// interpreted code, repeating the request until the cell ends, because
// gomacro forgets a request that arrives between two statements.
func (s *Session) Interrupt() {
	s.mu.Lock()
	cell, cancel := s.cell, s.cancel
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	s.interruptCallback() // comm.go
	if cell == 0 {
		return
	}
	cellrt.Stop() // compiled code stops at its next loop iteration or wait
	go func() {
		for {
			s.ir.Interrupt(nil)
			time.Sleep(50 * time.Millisecond)
			s.mu.Lock()
			running := s.cell == cell
			s.mu.Unlock()
			if !running {
				return
			}
		}
	}()
}

// Shutdown restores os.Stdout, os.Stderr and the hooks New replaced.
// The interpreter itself cannot be freed; a restart is a new process.
func (s *Session) Shutdown(restart bool) {
	s.shutdown.Do(func() {
		cellrt.OnGoroutinePanic = nil
		s.mu.Lock()
		cancel := s.cancel
		s.mu.Unlock()
		if cancel != nil {
			cancel()
		}
		if s.tiers.engine != nil {
			s.tiers.engine.Close()
		}
		bm.DefaultMonitor = s.saved.monitor
		bm.DefaultContext = s.saved.context
		display.SetSink(s.saved.sink)
		display.SetRedirector(nil)
		log.SetOutput(s.saved.log)
		detachComms(s)
		s.out.flush(flushTimeout)
		s.out.stop()
	})
}

// quietWriter drops gomacro's warnings that mean nothing to a notebook
// user: skipped generic declarations on import, and redefinitions, which
// happen whenever a cell runs again.
type quietWriter struct{ w io.Writer }

func (q quietWriter) Write(p []byte) (int, error) {
	// Cells gomacro runs have passed go/types: its warnings (skipped
	// generic imports, redefinitions of bound names, discarded
	// statements) say nothing a notebook user needs.
	if bytes.HasPrefix(p, []byte(noisePrefix)) || bytes.HasPrefix(p, []byte("// warning: ")) ||
		bytes.HasPrefix(p, []byte("// debug: ")) {
		return len(p), nil
	}
	return q.w.Write(p)
}

// sessionSink carries display output to the current cell's publisher,
// after the text the cell printed before it.
type sessionSink struct{ s *Session }

func (k sessionSink) Display(data, metadata, transient map[string]any, update bool) {
	k.s.out.flush(flushTimeout)
	if pub := k.s.out.publisher(); pub != nil {
		pub.Display(data, metadata, transient, update)
	}
}

func (k sessionSink) ClearOutput(wait bool) {
	k.s.out.flush(flushTimeout)
	if pub := k.s.out.publisher(); pub != nil {
		pub.ClearOutput(wait)
	}
}
