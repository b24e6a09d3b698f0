// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package compiled

import (
	"context"
	"go/token"
	"go/types"
	"reflect"
)

// Declare makes a value of the host program a variable of the session,
// which cells can read and assign. Its type is v's type where the type
// checker can name it (every type it is built from comes from an
// prepared package), and any otherwise. It returns the variable's
// storage, shared by both tiers.
func (e *Engine) Declare(ctx context.Context, name string, v any) (reflect.Value, error) {
	rt := reflect.TypeOf(v)
	var t types.Type = types.NewInterfaceType(nil, nil)
	if rt != nil {
		if ct, ok := e.typeOf(ctx, rt); ok {
			t = ct
		} else {
			rt = reflect.TypeOf((*any)(nil)).Elem()
		}
	} else {
		rt = reflect.TypeOf((*any)(nil)).Elem()
	}
	box := reflect.New(rt).Elem()
	if v != nil {
		box.Set(reflect.ValueOf(v))
	}
	o := e.scope.DeclareVar(name, t)
	e.values[o] = box
	return box, nil
}

// typeOf converts a run-time type to the type checker's, preparing the
// packages of its named types.
func (e *Engine) typeOf(ctx context.Context, rt reflect.Type) (types.Type, bool) {
	if rt.Name() != "" {
		if rt.PkgPath() == "" {
			if b := basicTypes[rt.Kind()]; b != nil && rt.Name() == b.Name() {
				return b, true
			}
			if rt == reflect.TypeOf((*error)(nil)).Elem() {
				return types.Universe.Lookup("error").Type(), true
			}
			return nil, false
		}
		if !e.tc.Prepared(rt.PkgPath()) {
			return nil, false // preparing a package can take minutes: not for this
		}
		pkg, err := e.scope.Package(rt.PkgPath())
		if err != nil {
			return nil, false
		}
		obj, ok := pkg.Scope().Lookup(rt.Name()).(*types.TypeName)
		if !ok {
			return nil, false
		}
		return obj.Type(), true
	}
	switch rt.Kind() {
	case reflect.Pointer:
		el, ok := e.typeOf(ctx, rt.Elem())
		return types.NewPointer(el), ok
	case reflect.Slice:
		el, ok := e.typeOf(ctx, rt.Elem())
		return types.NewSlice(el), ok
	case reflect.Array:
		el, ok := e.typeOf(ctx, rt.Elem())
		return types.NewArray(el, int64(rt.Len())), ok
	case reflect.Map:
		k, ok1 := e.typeOf(ctx, rt.Key())
		el, ok2 := e.typeOf(ctx, rt.Elem())
		return types.NewMap(k, el), ok1 && ok2
	case reflect.Chan:
		el, ok := e.typeOf(ctx, rt.Elem())
		dir := types.SendRecv
		switch rt.ChanDir() {
		case reflect.SendDir:
			dir = types.SendOnly
		case reflect.RecvDir:
			dir = types.RecvOnly
		}
		return types.NewChan(dir, el), ok
	case reflect.Func:
		params, ok1 := e.tuple(ctx, rt.NumIn(), rt.In)
		results, ok2 := e.tuple(ctx, rt.NumOut(), rt.Out)
		return types.NewSignatureType(nil, nil, nil, params, results, rt.IsVariadic()), ok1 && ok2
	case reflect.Interface:
		if rt.NumMethod() == 0 {
			return types.NewInterfaceType(nil, nil), true
		}
	}
	return nil, false
}

func (e *Engine) tuple(ctx context.Context, n int, at func(int) reflect.Type) (*types.Tuple, bool) {
	vars := make([]*types.Var, n)
	for i := range vars {
		t, ok := e.typeOf(ctx, at(i))
		if !ok {
			return nil, false
		}
		vars[i] = types.NewParam(token.NoPos, nil, "", t)
	}
	return types.NewTuple(vars...), true
}

var basicTypes = map[reflect.Kind]*types.Basic{
	reflect.Bool: types.Typ[types.Bool], reflect.Int: types.Typ[types.Int], reflect.Int8: types.Typ[types.Int8],
	reflect.Int16: types.Typ[types.Int16], reflect.Int32: types.Typ[types.Int32], reflect.Int64: types.Typ[types.Int64],
	reflect.Uint: types.Typ[types.Uint], reflect.Uint8: types.Typ[types.Uint8], reflect.Uint16: types.Typ[types.Uint16],
	reflect.Uint32: types.Typ[types.Uint32], reflect.Uint64: types.Typ[types.Uint64], reflect.Uintptr: types.Typ[types.Uintptr],
	reflect.Float32: types.Typ[types.Float32], reflect.Float64: types.Typ[types.Float64],
	reflect.Complex64: types.Typ[types.Complex64], reflect.Complex128: types.Typ[types.Complex128],
	reflect.String: types.Typ[types.String], reflect.UnsafePointer: types.Typ[types.UnsafePointer],
}
