// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"context"
	"fmt"
	"go/types"
	"reflect"

	"github.com/cosmos72/gomacro/imports"

	"github.com/boltzbook/boltzbook/kernel/gocell"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// interpretCell runs a cell the front end found interpretable in
// gomacro. The variables it declares at top level are allocated first,
// with the types the type checker gave them, and bound into gomacro, so
// that they are session variables that compiled cells can use too; the
// cell runs with its declarations turned into assignments. ran is false
// when a variable's type has no run-time form here (the cell is then
// compiled instead).
func (s *Session) interpretCell(ctx context.Context, cell *gocell.Cell, silent bool) (res jupyter.ExecuteResult, ran bool) {
	vars := cell.Vars()
	boxes := make([]reflect.Value, len(vars))
	for i, v := range vars {
		if o := cell.Reused(i); o != nil {
			if box, ok := s.tiers.engine.Value(o); ok {
				boxes[i] = box // the same variable, assigned
				continue
			}
		}
		rt, ok := s.reflectType(v.Type())
		if !ok {
			return res, false
		}
		boxes[i] = reflect.New(rt).Elem()
	}
	src, err := cell.InterpreterSource()
	if err != nil {
		return res, false
	}
	s.tiers.tier = "interpreted"
	s.syncImports()
	if len(vars) > 0 {
		binds := map[string]reflect.Value{}
		for i, v := range vars {
			if cell.Reused(i) == nil {
				binds[v.Name()] = boxes[i]
			}
		}
		if err := s.bindGomacro(binds); err != nil {
			return res, false
		}
	}
	s.started()
	res = s.execute(ctx, src, silent)
	e := s.tiers.engine
	e.Scope().Commit(cell, "", s.unitsDone)
	var lost map[string]reflect.Value
	for i, v := range vars {
		if cell.Reused(i) != nil {
			continue
		}
		o, ok := e.Scope().Lookup(v.Name())
		if ok && o.Obj == types.Object(v) {
			e.SetValue(o, boxes[i])
			s.tiers.bound[o] = true
			continue
		}
		// The statement declaring it did not run: gomacro goes back to
		// the session's variable of that name, if any.
		if ok {
			if val, has := e.Value(o); has {
				if lost == nil {
					lost = map[string]reflect.Value{}
				}
				lost[v.Name()] = val
			}
		}
	}
	if lost != nil {
		s.bindGomacro(lost)
	}
	s.syncImports()
	return res, true
}

// bindGomacro declares values in gomacro under names, through a package
// imported with a dot: variables (addressable values) share storage.
func (s *Session) bindGomacro(binds map[string]reflect.Value) (err error) {
	s.bindings++
	path := fmt.Sprintf("boltzbook.session/%p/b%d", s, s.bindings)
	imports.Packages[path] = imports.Package{Name: "main", Binds: binds}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	s.ir.ImportPackage(".", path)
	return nil
}

var anyType = reflect.TypeOf((*any)(nil)).Elem()

// reflectType returns the run-time type of a checker type, for types
// made of basic types, session types and types of packages gomacro has
// bindings for.
func (s *Session) reflectType(t types.Type) (reflect.Type, bool) {
	switch t := t.(type) {
	case *types.Basic:
		rt, ok := basicReflect[t.Kind()]
		return rt, ok
	case *types.Named:
		if t.TypeArgs().Len() > 0 {
			return nil, false
		}
		obj := t.Obj()
		switch {
		case obj.Pkg() == nil:
			if obj.Name() == "error" {
				return reflect.TypeOf((*error)(nil)).Elem(), true
			}
			return nil, false
		case obj.Pkg().Path() == gocell.SessionPath:
			o, ok := s.tiers.engine.Scope().Origin(obj)
			if !ok {
				return nil, false
			}
			return s.tiers.engine.Type(o)
		}
		p, ok := imports.Packages[obj.Pkg().Path()]
		if !ok {
			return nil, false
		}
		rt, ok := p.Types[obj.Name()]
		return rt, ok && rt != nil
	case *types.Pointer:
		el, ok := s.reflectType(t.Elem())
		if !ok {
			return nil, false
		}
		return reflect.PointerTo(el), true
	case *types.Slice:
		el, ok := s.reflectType(t.Elem())
		if !ok {
			return nil, false
		}
		return reflect.SliceOf(el), true
	case *types.Array:
		el, ok := s.reflectType(t.Elem())
		if !ok {
			return nil, false
		}
		return reflect.ArrayOf(int(t.Len()), el), true
	case *types.Map:
		k, ok1 := s.reflectType(t.Key())
		el, ok2 := s.reflectType(t.Elem())
		if !ok1 || !ok2 || !k.Comparable() {
			return nil, false
		}
		return reflect.MapOf(k, el), true
	case *types.Chan:
		el, ok := s.reflectType(t.Elem())
		if !ok {
			return nil, false
		}
		dir := reflect.BothDir
		switch t.Dir() {
		case types.SendOnly:
			dir = reflect.SendDir
		case types.RecvOnly:
			dir = reflect.RecvDir
		}
		return reflect.ChanOf(dir, el), true
	case *types.Signature:
		if t.TypeParams().Len() > 0 || t.Recv() != nil {
			return nil, false
		}
		in, ok1 := s.reflectTuple(t.Params())
		out, ok2 := s.reflectTuple(t.Results())
		if !ok1 || !ok2 {
			return nil, false
		}
		return reflect.FuncOf(in, out, t.Variadic()), true
	case *types.Interface:
		if t.Empty() {
			return anyType, true
		}
	}
	return nil, false
}

func (s *Session) reflectTuple(t *types.Tuple) ([]reflect.Type, bool) {
	out := make([]reflect.Type, t.Len())
	for i := range out {
		rt, ok := s.reflectType(t.At(i).Type())
		if !ok {
			return nil, false
		}
		out[i] = rt
	}
	return out, true
}

var basicReflect = map[types.BasicKind]reflect.Type{
	types.Bool: reflect.TypeOf(false), types.Int: reflect.TypeOf(0), types.Int8: reflect.TypeOf(int8(0)),
	types.Int16: reflect.TypeOf(int16(0)), types.Int32: reflect.TypeOf(int32(0)), types.Int64: reflect.TypeOf(int64(0)),
	types.Uint: reflect.TypeOf(uint(0)), types.Uint8: reflect.TypeOf(uint8(0)), types.Uint16: reflect.TypeOf(uint16(0)),
	types.Uint32: reflect.TypeOf(uint32(0)), types.Uint64: reflect.TypeOf(uint64(0)), types.Uintptr: reflect.TypeOf(uintptr(0)),
	types.Float32: reflect.TypeOf(float32(0)), types.Float64: reflect.TypeOf(float64(0)),
	types.Complex64: reflect.TypeOf(complex64(0)), types.Complex128: reflect.TypeOf(complex128(0)),
	types.String: reflect.TypeOf(""),
}
