// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package compiled

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"sync"
	"sync/atomic"

	"github.com/boltzbook/boltzbook/kernel/cellrt"
	"github.com/boltzbook/boltzbook/kernel/gocell"
	"github.com/boltzbook/boltzbook/kernel/toolchain"
)

// Engine runs the compiled cells of one session. It is not safe for
// concurrent use, except Interrupt-related calls of cellrt.
type Engine struct {
	tc     *toolchain.Toolchain
	scope  *gocell.Scope
	serial int
	dir    string   // the session's cell files, made on first use
	built  []string // import paths of the session's cell packages

	values map[*gocell.Object]reflect.Value // variables (addressable) and functions
	rtypes map[*gocell.Object]reflect.Type  // types
	funcs  map[string][]reflect.Value       // function slots by name, for late binding
}

// plugins counts the cells built by this process, for unique paths.
var plugins atomic.Int64

var (
	pathOnce   sync.Once
	pathPrefix string
)

func cellPath() string {
	pathOnce.Do(func() { pathPrefix = fmt.Sprintf("boltzbook.cells/p%d", os.Getpid()) })
	return fmt.Sprintf("%s/c%d", pathPrefix, plugins.Add(1))
}

// New returns an engine building with tc.
func New(tc *toolchain.Toolchain) *Engine {
	return &Engine{
		tc: tc,
		scope: gocell.NewScope(func(path string) (io.ReadCloser, error) {
			a, ok := tc.Archive(path)
			if !ok {
				return nil, fmt.Errorf("package %s is not prepared", path)
			}
			return os.Open(a)
		}),
		values: map[*gocell.Object]reflect.Value{},
		rtypes: map[*gocell.Object]reflect.Type{},
		funcs:  map[string][]reflect.Value{},
	}
}

// Close removes the session's cell files. Its plugins stay loaded.
func (e *Engine) Close() error {
	e.tc.Forget(e.built...)
	if e.dir == "" {
		return nil
	}
	return os.RemoveAll(e.dir)
}

// Scope returns the session's scope.
func (e *Engine) Scope() *gocell.Scope { return e.scope }

// Toolchain returns the engine's toolchain.
func (e *Engine) Toolchain() *toolchain.Toolchain { return e.tc }

// Value returns the run-time value of a session object: a variable
// (addressable) or a function.
func (e *Engine) Value(o *gocell.Object) (reflect.Value, bool) {
	v, ok := e.values[o]
	return v, ok
}

// SetValue records the run-time storage of a session variable declared
// outside the compiled tier (by the interpreter).
func (e *Engine) SetValue(o *gocell.Object, v reflect.Value) { e.values[o] = v }

// Type returns the run-time type of a session type.
func (e *Engine) Type(o *gocell.Object) (reflect.Type, bool) {
	t, ok := e.rtypes[o]
	return t, ok
}

// PrepareImports makes the packages a cell imports ready for the type
// checker, fetching modules the cell module does not have yet.
func (e *Engine) PrepareImports(ctx context.Context, src string) error {
	specs, err := gocell.ImportPaths(src)
	if err != nil {
		return err
	}
	var errs gocell.Errors
	for _, is := range specs {
		if is.Path == "C" || is.Path == "unsafe" || e.tc.Prepared(is.Path) {
			continue
		}
		err := e.tc.Prepare(ctx, is.Path)
		var ie *toolchain.ImportError
		if errors.As(err, &ie) && ie.NotInModule() {
			if gerr := e.tc.Get(ctx, is.Path); gerr != nil {
				err = gerr
			} else {
				err = e.tc.Prepare(ctx, is.Path)
			}
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			errs = append(errs, gocell.Error{Line: is.Line, Col: 1, Msg: err.Error()})
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// Check type-checks a cell against the session; the cell's imports must
// have been prepared.
func (e *Engine) Check(src string) (*gocell.Cell, error) {
	e.serial++
	return e.scope.Check(e.serial, src)
}

// Serial returns the serial number the last checked cell got.
func (e *Engine) Serial() int { return e.serial }

// Loaded is a compiled cell, loaded and connected, ready to run.
type Loaded struct {
	Cell *gocell.Cell
	Unit *gocell.Unit
	rt   *cellrt.Cell
}

// Build generates, compiles and loads a checked cell, and fills its
// slots. A compile error of the generated code (a bug of the generator,
// as the cell type-checked) is returned as is.
func (e *Engine) Build(ctx context.Context, c *gocell.Cell) (*Loaded, error) {
	u, err := c.Generate(cellPath())
	if err != nil {
		return nil, err
	}
	var prep []string
	for _, p := range u.Imports {
		if !e.tc.Prepared(p) {
			prep = append(prep, p)
		}
	}
	if len(prep) > 0 {
		if err := e.tc.Prepare(ctx, prep...); err != nil {
			return nil, err
		}
	}
	if e.dir == "" {
		if e.dir, err = e.tc.Workspace(); err != nil {
			return nil, err
		}
	}
	e.built = append(e.built, u.Path)
	so, err := e.tc.Build(ctx, e.dir, u.Path, u.Source)
	if err != nil {
		return nil, &BuildError{Unit: u, Err: err}
	}
	if err := e.tc.Load(so); err != nil {
		return nil, err
	}
	rt, ok := cellrt.Take(u.Path)
	if !ok {
		return nil, fmt.Errorf("the plugin of cell %d did not register itself", c.Serial)
	}
	for _, s := range u.Slots {
		if err := e.fill(s, rt.Slots[s.Key]); err != nil {
			return nil, err
		}
	}
	// The cell's functions are declared before its statements run:
	// earlier cells call them from now on.
	for name, f := range rt.Funcs {
		e.rebind(name, reflect.ValueOf(f))
	}
	return &Loaded{Cell: c, Unit: u, rt: rt}, nil
}

// BuildError is a failure to compile generated code.
type BuildError struct {
	Unit *gocell.Unit
	Err  error
}

func (e *BuildError) Error() string { return e.Err.Error() }
func (e *BuildError) Unwrap() error { return e.Err }

// fill points a slot at the session object it stands for.
func (e *Engine) fill(s *gocell.Slot, slot any) error {
	v, ok := e.values[s.Obj]
	if !ok {
		return fmt.Errorf("internal error: %s has no run-time value", s.Key)
	}
	sv := reflect.ValueOf(slot)
	if sv.Kind() != reflect.Pointer {
		return fmt.Errorf("internal error: slot %s is a %T", s.Key, slot)
	}
	target := v
	if !s.Func {
		target = v.Addr()
	}
	if !target.Type().AssignableTo(sv.Elem().Type()) {
		return fmt.Errorf("internal error: slot %s has type %s, the value %s", s.Key, sv.Elem().Type(), target.Type())
	}
	sv.Elem().Set(target)
	if s.Func {
		e.funcs[s.Obj.Obj.Name()] = append(e.funcs[s.Obj.Obj.Name()], sv.Elem())
	}
	return nil
}

// Run runs the cell's statements and returns the values of its final
// expression. A panic in the cell propagates to the caller.
func (l *Loaded) Run() []any {
	cellrt.Resume()
	return l.rt.Run()
}

// Done returns how many top-level statements ran to their end.
func (l *Loaded) Done() int { return *l.rt.Done }

// Commit records what the cell declared in the session, after Run
// (which may have panicked part-way).
func (e *Engine) Commit(l *Loaded) {
	e.scope.Commit(l.Cell, l.Unit.Path, l.Done())
	for _, name := range e.scope.Names() {
		o, _ := e.scope.Lookup(name)
		if o.Cell != l.Cell.Serial {
			continue
		}
		if p, ok := l.rt.Vars[name]; ok {
			e.bind(o, reflect.ValueOf(p).Elem())
		}
		if f, ok := l.rt.Funcs[name]; ok {
			e.bind(o, reflect.ValueOf(f))
			if own, ok := l.rt.Slots["f:"+name]; ok {
				e.funcs[name] = append(e.funcs[name], reflect.ValueOf(own).Elem())
			}
		}
		if t, ok := l.rt.Types[name]; ok {
			e.rtypes[o] = reflect.TypeOf(t).Elem()
		}
	}
}

// bind records a declaration's run-time value.
func (e *Engine) bind(o *gocell.Object, v reflect.Value) {
	e.values[o] = v
}

// rebind points every function slot of that name and type at f: the
// functions of earlier cells call the latest declaration (late binding).
// Slots of another signature keep the function they had.
func (e *Engine) rebind(name string, f reflect.Value) {
	for _, slot := range e.funcs[name] {
		if slot.Type() == f.Type() {
			slot.Set(f)
		}
	}
}
