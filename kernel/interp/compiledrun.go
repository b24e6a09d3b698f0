// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"context"
	"errors"
	"fmt"
	"go/constant"
	"go/types"
	"os"
	"reflect"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/cosmos72/gomacro/base/untyped"
	"github.com/cosmos72/gomacro/fast"
	"github.com/cosmos72/gomacro/imports"

	"github.com/boltzbook/boltzbook/kernel/cellrt"
	"github.com/boltzbook/boltzbook/kernel/compiled"
	"github.com/boltzbook/boltzbook/kernel/gocell"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
	"github.com/boltzbook/boltzbook/kernel/toolchain"
)

// abandonAfter is how long an interrupted compiled cell has to stop
// before the session stops waiting for it.
const abandonAfter = 600 * time.Millisecond

// runCompiled builds, loads and runs a cell in the compiled tier.
func (s *Session) runCompiled(ctx context.Context, c *gocell.Cell, code string, silent bool) jupyter.ExecuteResult {
	e := s.tiers.engine
	l, err := e.Build(ctx, c)
	if err != nil {
		if ctx.Err() != nil {
			return jupyter.ExecuteResult{Error: interruptedError(0, code)}
		}
		var errs gocell.Errors
		if errors.As(err, &errs) {
			return jupyter.ExecuteResult{Error: cellError(err, code)}
		}
		return jupyter.ExecuteResult{Error: buildError(err, c, code)}
	}
	type outcome struct {
		vals []any
		p    *panicked
	}
	done := make(chan outcome, 1)
	s.started()
	go func() {
		var out outcome
		defer func() {
			if r := recover(); r != nil {
				out.p = &panicked{value: r, stack: debug.Stack()}
			}
			done <- out
		}()
		out.vals = l.Run()
	}()
	var out outcome
	select {
	case out = <-done:
	case <-ctx.Done():
		select {
		case out = <-done:
		case <-time.After(abandonAfter):
			e.Commit(l)
			s.bindCompiled(c.Serial)
			if gp := s.takeGoPanic(); gp != nil {
				return jupyter.ExecuteResult{Error: s.goroutineError(gp, c, code)}
			}
			return jupyter.ExecuteResult{Error: abandonedError()}
		}
	}
	e.Commit(l)
	s.bindCompiled(c.Serial)
	if gp := s.takeGoPanic(); gp != nil {
		return jupyter.ExecuteResult{Error: s.goroutineError(gp, c, code)}
	}
	if out.p != nil {
		if err := s.compiledPanic(ctx, out.p, c, code); err != nil {
			return jupyter.ExecuteResult{Error: err}
		}
		fmt.Fprintln(os.Stderr, "os.Exit(0): the cell stopped; the kernel keeps running")
		return jupyter.ExecuteResult{}
	}
	if ctx.Err() != nil {
		// A trainer that saw the interrupt returned quietly: still say so.
		return jupyter.ExecuteResult{Error: interruptedError(0, code)}
	}
	if silent || len(out.vals) == 0 {
		return jupyter.ExecuteResult{}
	}
	rs := make([]result, len(out.vals))
	for i, v := range out.vals {
		rs[i] = result{v: v}
	}
	if printCallValues(out.vals) || allNil(rs) {
		return jupyter.ExecuteResult{}
	}
	return jupyter.ExecuteResult{Data: render(rs), Metadata: map[string]any{}}
}

// printCallValues reports whether a cell's values are (n int, err
// error) with a nil error, as from fmt.Println: noise to show.
func printCallValues(vals []any) bool {
	if len(vals) != 2 || vals[1] != nil {
		return false
	}
	_, ok := vals[0].(int)
	return ok
}

// buildError reports a failure to build a cell that type-checked: the
// Go toolchain's message, with cell lines, or why the build could not
// run.
func buildError(err error, c *gocell.Cell, code string) *jupyter.ExecError {
	var ce *toolchain.CompileError
	var be *compiled.BuildError
	if errors.As(err, &be) && errors.As(err, &ce) {
		// The generated code did not compile though the cell checked:
		// a limit of the generator. Say what the compiler said, at the
		// cell's lines, and keep the source in the kernel's log.
		fmt.Fprintf(origStderr(), "boltzbook: generated code of cell %d did not compile:\n%s\n%s\n", c.Serial, ce.Output, be.Unit.Source)
		e := &jupyter.ExecError{Name: "CompileError"}
		for _, line := range strings.Split(ce.Output, "\n") {
			m := compilerPos.FindStringSubmatch(line)
			if m == nil || gocell.CellSerial(m[1]) != c.Serial {
				continue
			}
			ln, _ := strconv.Atoi(m[2])
			col, _ := strconv.Atoi(m[3])
			if e.Value == "" {
				e.Value = "the compiled tier cannot build this cell: " + m[4]
			}
			e.Traceback = append(e.Traceback, "CompileError: "+m[4])
			e.Traceback = append(e.Traceback, where(code, ln, col)...)
		}
		if e.Value == "" {
			e.Value = "the compiled tier cannot build this cell (a limit of boltzbook; the kernel log has the details)"
			e.Traceback = []string{"CompileError: " + e.Value}
		}
		return e
	}
	msg := err.Error()
	return &jupyter.ExecError{Name: "BuildError", Value: msg, Traceback: []string{"BuildError: " + msg}}
}

var compilerPos = regexp.MustCompile(`^(cell\d+):(\d+):(\d+): (.*)$`)

// origStderr is the kernel's own stderr, for its log.
func origStderr() *os.File {
	if sessionStderr != nil {
		return sessionStderr
	}
	return os.Stderr
}

var sessionStderr *os.File

// framePos matches the file:line of a stack frame in a cell.
var framePos = regexp.MustCompile(`^\s*(cell\d+):(\d+)`)

// compiledPanic describes a panic of a compiled cell, with the line of
// the cell where it happened and the cells and packages on the way.
func (s *Session) compiledPanic(ctx context.Context, p *panicked, c *gocell.Cell, code string) *jupyter.ExecError {
	switch v := p.value.(type) {
	case cellrt.ExitRequest:
		if v.Code == 0 {
			return nil // os.Exit(0) ends the cell, successfully
		}
		return &jupyter.ExecError{Name: "Exit", Value: v.Error(), Traceback: []string{"Exit: " + v.Error()}}
	case error:
		if v == cellrt.Interrupted || (ctx.Err() != nil && errors.Is(v, context.Canceled)) {
			return interruptedError(s.panicLine(p, c), code)
		}
	}
	msg := panicMessage(p.value)
	lines := cellLines(p, c)
	line := 0
	if len(lines) > 0 {
		line = lines[0]
	}
	tb := append([]string{"panic: " + msg}, where(code, line, 0)...)
	tb = append(tb, s.panicFrames(p, c)...)
	for i := 1; i < len(lines); i++ {
		if lines[i] != lines[i-1] {
			tb = append(tb, fmt.Sprintf("called from cell line %d: %s", lines[i], strings.TrimSpace(sourceLine(code, lines[i]))))
		}
	}
	return &jupyter.ExecError{Name: "panic", Value: msg, Traceback: tb}
}

// goroutineError reports a panic of a goroutine the cell started, which
// ended the cell.
func (s *Session) goroutineError(p *panicked, c *gocell.Cell, code string) *jupyter.ExecError {
	msg := panicMessage(p.value)
	tb := []string{"panic: " + msg, "(in a goroutine started by the cell: the cell stopped; the kernel and its variables are intact)"}
	lines := cellLines(p, c)
	if len(lines) > 0 {
		tb = append(tb, where(code, lines[0], 0)...)
	}
	tb = append(tb, s.panicFrames(p, c)...)
	return &jupyter.ExecError{Name: "panic", Value: msg, Traceback: tb}
}

// panicLine is the cell line of the innermost frame of the panicking
// cell's own code.
func (s *Session) panicLine(p *panicked, c *gocell.Cell) int {
	if lines := cellLines(p, c); len(lines) > 0 {
		return lines[0]
	}
	return 0
}

// cellLines returns the lines of the cell's own frames, innermost first.
func cellLines(p *panicked, c *gocell.Cell) []int {
	var out []int
	for _, f := range stackFrames(p.stack) {
		if m := framePos.FindStringSubmatch(f.file); m != nil && gocell.CellSerial(m[1]) == c.Serial {
			n, _ := strconv.Atoi(m[2])
			out = append(out, n)
		}
	}
	return out
}

// panicFrames lists the frames between the panic and the cell's code:
// functions of earlier cells and of packages, innermost first.
func (s *Session) panicFrames(p *panicked, c *gocell.Cell) []string {
	var out []string
	for _, f := range stackFrames(p.stack) {
		if strings.HasPrefix(f.fn, "runtime.") || strings.HasPrefix(f.fn, "panic(") {
			continue
		}
		m := framePos.FindStringSubmatch(f.file)
		if m != nil && gocell.CellSerial(m[1]) == c.Serial {
			break
		}
		if strings.HasPrefix(f.file, "generated:") {
			continue // the generator's plumbing (slots, wrappers), not the user's code
		}
		name := f.fn
		if i := strings.LastIndexByte(name, '('); i > 0 && strings.HasSuffix(name, ")") {
			name = name[:i]
		}
		if rest, ok := strings.CutPrefix(name, "boltzbook.cells/"); ok {
			// p123/c4.name: keep what follows the package path.
			pkgEnd := strings.LastIndexByte(rest, '/') + 1
			if i := strings.IndexByte(rest[pkgEnd:], '.'); i >= 0 {
				name = rest[pkgEnd+i+1:]
			}
			name = strings.ReplaceAll(name, "Ξm_", "")
		}
		name = strings.TrimPrefix(name, "github.com/boltzbook/boltzbook/")
		where := f.file
		if m != nil {
			where = fmt.Sprintf("cell %d line %s", gocell.CellSerial(m[1]), m[2])
		} else if i := strings.LastIndex(where, " +0x"); i > 0 {
			where = where[:i]
		}
		if i := strings.LastIndexByte(where, '/'); i >= 0 {
			where = where[i+1:]
		}
		out = append(out, fmt.Sprintf("  in %s (%s)", name, where))
		if len(out) > 12 {
			break
		}
	}
	if len(out) > 0 {
		out = append([]string{"called code, innermost first:"}, out...)
	}
	return out
}

type frame struct{ fn, file string }

// stackFrames parses a debug.Stack trace, starting after the panic.
func stackFrames(stack []byte) []frame {
	lines := strings.Split(string(stack), "\n")
	start := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") {
			start = i + 2
			break
		}
	}
	var out []frame
	for i := start; i+1 < len(lines); i += 2 {
		if lines[i] == "" || strings.HasPrefix(lines[i], "goroutine ") {
			break
		}
		out = append(out, frame{fn: lines[i], file: strings.TrimSpace(lines[i+1])})
	}
	return out
}

// bindCompiled declares in gomacro what a compiled cell declared, so
// that interpreted cells can use it: variables by address, functions,
// types and constants, through a package registered for the cell and
// imported with a dot.
func (s *Session) bindCompiled(serial int) {
	s.bindObjects(func(o *gocell.Object) bool { return o.Cell == serial })
}

// bindObjects declares in gomacro the session objects that keep says.
func (s *Session) bindObjects(keep func(*gocell.Object) bool) {
	e := s.tiers.engine
	scope := e.Scope()
	pkg := imports.PackageUnderlying{
		Name:     "main",
		Binds:    map[string]reflect.Value{},
		Types:    map[string]reflect.Type{},
		Untypeds: map[string]string{},
	}
	var objs []*gocell.Object
	for _, name := range scope.Names() {
		o, _ := scope.Lookup(name)
		if !keep(o) || o.Generic() {
			continue
		}
		switch obj := o.Obj.(type) {
		case *types.Var, *types.Func:
			if v, ok := e.Value(o); ok {
				pkg.Binds[name] = v
				objs = append(objs, o)
			}
		case *types.TypeName:
			if t, ok := e.Type(o); ok {
				pkg.Types[name] = t
				objs = append(objs, o)
			}
		case *types.Const:
			if bindConst(pkg, obj) {
				objs = append(objs, o)
			}
		}
	}
	if len(objs) == 0 {
		return
	}
	s.bindings++
	path := fmt.Sprintf("boltzbook.session/%p/o%d", s, s.bindings)
	imports.Packages[path] = imports.Package(pkg)
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(origStderr(), "boltzbook: binding declarations in the interpreter: %v\n", r)
		}
	}()
	s.ir.ImportPackage(".", path)
	for _, o := range objs {
		s.tiers.bound[o] = true
	}
}

// bindConst adds a constant to a package for gomacro; it reports
// whether it could.
func bindConst(pkg imports.PackageUnderlying, c *types.Const) bool {
	b, ok := c.Type().(*types.Basic)
	if !ok {
		return false
	}
	if b.Info()&types.IsUntyped != 0 {
		pkg.Untypeds[c.Name()] = untyped.Marshal(untyped.GoUntypedToKind(b.Kind()), c.Val())
		return true
	}
	var v any
	switch b.Kind() {
	case types.Int:
		i, ok := constant.Int64Val(c.Val())
		if !ok {
			return false
		}
		v = int(i)
	case types.Float64:
		f, _ := constant.Float64Val(c.Val())
		v = f
	case types.String:
		v = constant.StringVal(c.Val())
	case types.Bool:
		v = constant.BoolVal(c.Val())
	default:
		return false
	}
	pkg.Binds[c.Name()] = reflect.ValueOf(v)
	return true
}

// gomacroName converts an import name for gomacro.
func gomacroName(name string) fast.PackageName { return fast.PackageName(name) }
