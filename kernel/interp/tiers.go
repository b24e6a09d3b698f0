// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/cosmos72/gomacro/imports"

	"github.com/boltzbook/boltzbook/kernel/compiled"
	"github.com/boltzbook/boltzbook/kernel/gocell"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
	"github.com/boltzbook/boltzbook/kernel/toolchain"
)

// The two tiers.
//
// Every cell goes through the Go front end (kernel/gocell): it is parsed
// and type-checked against the session, so errors are Go's own. Then a
// constant expression is shown at once; a cell the interpreter runs
// exactly as compiled Go would (calls, assignments, expressions over
// what it has bindings for, declaring nothing) runs in gomacro, in about
// a millisecond; every other cell is compiled into a plugin by the Go
// toolchain (kernel/compiled) and runs at compiled speed.
//
// Without a usable toolchain (no go command of the kernel's release, no
// source tree, no cgo) every cell runs in gomacro as before, and the
// first cell says so once.

// preloadPackages are prepared when the session starts, in the
// background, so that the first compiled cell does not wait for them.
var preloadPackages = []string{
	gocell.RuntimePath,
	"github.com/boltzbook/boltzbook/bm",
	"github.com/boltzbook/boltzbook/check",
	"github.com/boltzbook/boltzbook/datasets",
	"github.com/boltzbook/boltzbook/kernel/display",
	"github.com/boltzbook/boltzbook/plots",
	"gonum.org/v1/gonum/floats",
	"gonum.org/v1/gonum/mat",
	"gonum.org/v1/gonum/stat",
	"gonum.org/v1/gonum/stat/distuv",
	"gonum.org/v1/gonum/optimize",
	"gonum.org/v1/plot",
	"gonum.org/v1/plot/plotter",
	"gonum.org/v1/plot/plotutil",
	"gonum.org/v1/plot/vg",
	"fmt", "math", "math/rand/v2", "math/rand", "strings", "strconv", "sort", "slices", "maps",
	"errors", "os", "time", "sync", "context", "bytes", "bufio", "io", "unicode", "encoding/json",
	"math/big", "cmp", "iter", "image", "image/color",
}

// PreloadPackages returns the packages a session prepares at start.
func PreloadPackages() []string { return append([]string(nil), preloadPackages...) }

// engineState is the compiled tier of a session.
type engineState struct {
	engine   *compiled.Engine
	err      error         // why there is no engine
	ready    chan struct{} // closed once the preloaded packages are prepared
	readyErr error
	noticed  bool                    // the unavailability notice was shown
	bound    map[*gocell.Object]bool // session objects declared in gomacro
	imported map[string]string       // gomacro's imports: path → name ("." for dot)
	lastWhy  string                  // why the latest cell was compiled (for tests)
	tier     string                  // the tier of the latest cell
}

// startEngine finds the toolchain and starts preparing packages.
func (s *Session) startEngine() {
	s.tiers = engineState{ready: make(chan struct{}), bound: map[*gocell.Object]bool{}, imported: map[string]string{}}
	if os.Getenv("BOLTZBOOK_INTERPRET_ONLY") != "" {
		s.tiers.err = &toolchain.Unavailable{Reason: "BOLTZBOOK_INTERPRET_ONLY is set"}
		close(s.tiers.ready)
		return
	}
	tc, err := sharedToolchain()
	if err != nil {
		s.tiers.err = err
		close(s.tiers.ready)
		return
	}
	s.tiers.engine = compiled.New(tc)
	go func() {
		defer close(s.tiers.ready)
		s.tiers.readyErr = tc.Prepare(context.Background(), preloadPackages...)
	}()
}

var (
	toolchainOnce sync.Once
	toolchainVal  *toolchain.Toolchain
	toolchainErr  error
)

// sharedToolchain finds the toolchain once per process: sessions in one
// process (tests) share its build directory and prepared packages.
func sharedToolchain() (*toolchain.Toolchain, error) {
	toolchainOnce.Do(func() { toolchainVal, toolchainErr = toolchain.Find() })
	return toolchainVal, toolchainErr
}

// Tier reports how the latest cell ran: "constant", "interpreted",
// "compiled" or "" (it failed before), and why it was compiled.
func (s *Session) Tier() (tier, why string) { return s.tiers.tier, s.tiers.lastWhy }

// waitReady waits for the preloaded packages, telling the user when it
// takes long (the first use on a machine compiles them).
func (s *Session) waitReady(ctx context.Context) error {
	select {
	case <-s.tiers.ready:
		return nil
	default:
	}
	t := time.NewTimer(time.Second)
	defer t.Stop()
	select {
	case <-s.tiers.ready:
		return nil
	case <-t.C:
		fmt.Fprintln(os.Stderr, "boltzbook: preparing the Go packages for compiled cells (the first time on this machine takes a minute or two)...")
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-s.tiers.ready:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// traceCells, set by BOLTZBOOK_TRACE, logs each cell's tier and times
// on the kernel's stderr.
var traceCells = os.Getenv("BOLTZBOOK_TRACE") != ""

// runCell executes a cell: its magics, then its Go code.
func (s *Session) runCell(ctx context.Context, code string, silent bool) jupyter.ExecuteResult {
	if res, ok := s.magics(ctx, code, func(rest string) jupyter.ExecuteResult {
		return s.runGo(ctx, rest, silent)
	}); ok {
		return res
	}
	return s.runGo(ctx, code, silent)
}

// runGo executes Go code through the tiers.
func (s *Session) runGo(ctx context.Context, code string, silent bool) jupyter.ExecuteResult {
	if traceCells {
		start := time.Now()
		defer func() {
			first, _, _ := strings.Cut(strings.TrimSpace(code), "\n")
			build := ""
			if s.tiers.tier == "compiled" {
				lb := s.tiers.engine.Toolchain().LastBuild
				build = fmt.Sprintf("(compile %v, compile+link %v) ", lb.Compile.Round(time.Millisecond), lb.Total.Round(time.Millisecond))
			}
			fmt.Fprintf(origStderr(), "boltzbook trace: %-11s %7.1f ms  %-40.40s  %s%s\n", s.tiers.tier,
				float64(time.Since(start).Microseconds())/1000, first, build, s.tiers.lastWhy)
		}()
	}
	s.tiers.tier, s.tiers.lastWhy = "", ""
	if s.tiers.engine == nil {
		if !s.tiers.noticed && s.tiers.err != nil {
			s.tiers.noticed = true
			fmt.Fprintf(os.Stderr, "boltzbook: %v\nCells run in the gomacro interpreter only: no generics, no imports beyond the preloaded packages, interpreted speed.\n", s.tiers.err)
		}
		s.tiers.tier = "interpreted"
		s.started()
		return s.execute(ctx, code, silent)
	}
	if err := s.waitReady(ctx); err != nil {
		return jupyter.ExecuteResult{Error: interruptedError(0, code)}
	}
	e := s.tiers.engine
	if err := e.PrepareImports(ctx, code); err != nil {
		if ctx.Err() != nil {
			return jupyter.ExecuteResult{Error: interruptedError(0, code)}
		}
		return jupyter.ExecuteResult{Error: cellError(err, code)}
	}
	cell, err := e.Check(code)
	if err != nil {
		return jupyter.ExecuteResult{Error: cellError(err, code)}
	}
	defer e.Scope().Release(cell)
	if v, ok, err := cell.Constant(); ok {
		s.tiers.tier = "constant"
		if err != nil {
			return jupyter.ExecuteResult{Error: cellError(err, code)}
		}
		if silent {
			return jupyter.ExecuteResult{}
		}
		return jupyter.ExecuteResult{Data: render([]result{{v: v}}), Metadata: map[string]any{}}
	}
	ok, why := cell.Interpretable(gomacroView{s})
	if ok {
		if res, ran := s.interpretCell(ctx, cell, silent); ran {
			return res
		}
		why = "a variable of a type the interpreter cannot hold"
	}
	s.tiers.lastWhy = why
	s.tiers.tier = "compiled"
	return s.runCompiled(ctx, cell, code, silent)
}

// started tells a test that the cell's code starts running.
func (s *Session) started() {
	if s.onRun != nil {
		s.onRun()
	}
}

// gomacroView tells the front end what gomacro has.
type gomacroView struct{ s *Session }

func (v gomacroView) HasPackage(path, member string) bool {
	p, ok := imports.Packages[path]
	if !ok {
		return false
	}
	if member == "" {
		return true
	}
	if _, ok := p.Binds[member]; ok {
		return true
	}
	if _, ok := p.Types[member]; ok {
		return true
	}
	_, ok = p.Untypeds[member]
	return ok
}

func (v gomacroView) Bound(o *gocell.Object) bool { return v.s.tiers.bound[o] }

// syncImports imports into gomacro the session's imports it lacks.
func (s *Session) syncImports() {
	for name, path := range s.tiers.engine.Scope().Imports() {
		if s.tiers.imported[path] == name {
			continue
		}
		if _, ok := imports.Packages[path]; !ok {
			continue
		}
		func() {
			defer func() { recover() }()
			s.ir.ImportPackage(gomacroName(name), path)
			s.tiers.imported[path] = name
		}()
	}
}

// cellError turns front-end errors into an error reply naming cell lines.
func cellError(err error, code string) *jupyter.ExecError {
	var errs gocell.Errors
	if !errors.As(err, &errs) {
		return compileError(err, code)
	}
	e := &jupyter.ExecError{Name: "CompileError"}
	for i, x := range errs {
		if i == 0 {
			e.Value = x.Msg
		}
		e.Traceback = append(e.Traceback, "CompileError: "+x.Msg)
		e.Traceback = append(e.Traceback, where(code, x.Line, x.Col)...)
	}
	if len(errs) > 1 {
		e.Value = fmt.Sprintf("%s (and %d more)", e.Value, len(errs)-1)
	}
	return e
}

// trimNewline drops a trailing newline.
func trimNewline(s string) string { return strings.TrimSuffix(s, "\n") }
