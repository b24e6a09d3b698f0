// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gocell

import (
	"go/types"
	"reflect"
	"unsafe"
)

// The session is one types.Package whose scope holds what earlier cells
// declared; each pass of a new cell is checked in it. go/types has no
// way to take a name out of a scope, which a cell declaring a name again
// needs, nor to forget the file scopes a check adds below the package
// scope. These functions do both by reaching into types.Scope; a test
// (TestScopeInternals) fails when a Go release changes its fields.

type scopeFields struct {
	elems    *map[string]types.Object
	children *[]*types.Scope
}

var (
	elemsType    = reflect.TypeOf(map[string]types.Object(nil))
	childrenType = reflect.TypeOf([]*types.Scope(nil))
)

func fieldsOf(s *types.Scope) (scopeFields, bool) {
	v := reflect.ValueOf(s).Elem()
	e, c := v.FieldByName("elems"), v.FieldByName("children")
	if !e.IsValid() || !c.IsValid() || e.Type() != elemsType || c.Type() != childrenType {
		return scopeFields{}, false
	}
	return scopeFields{
		elems:    (*map[string]types.Object)(unsafe.Pointer(e.UnsafeAddr())),
		children: (*[]*types.Scope)(unsafe.Pointer(c.UnsafeAddr())),
	}, true
}

func mustFields(s *types.Scope) scopeFields {
	f, ok := fieldsOf(s)
	if !ok {
		panic("gocell: go/types.Scope changed its fields (elems, children); update pkgscope.go for this Go release")
	}
	return f
}

// scopeState is a saved state of a scope.
type scopeState struct {
	elems    map[string]types.Object
	children int
}

func saveScope(s *types.Scope) scopeState {
	f := mustFields(s)
	m := make(map[string]types.Object, len(*f.elems))
	for k, v := range *f.elems {
		m[k] = v
	}
	return scopeState{elems: m, children: len(*f.children)}
}

// restoreScope puts a scope back as it was saved, dropping the file
// scopes added since.
func restoreScope(s *types.Scope, st scopeState) {
	f := mustFields(s)
	*f.elems = st.elems
	kids := *f.children
	for i := st.children; i < len(kids); i++ {
		kids[i] = nil
	}
	*f.children = kids[:st.children]
}

// removeName takes a name out of a scope.
func removeName(s *types.Scope, name string) {
	f := mustFields(s)
	delete(*f.elems, name)
}
