// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"fmt"
	"go/token"
	"go/types"
	"sort"
	"strings"
)

// importerPath is the package the generated files belong to: what they
// may import is decided relative to it.
const importerPath = "github.com/boltzbook/boltzbook/kernel/imports"

// proxyInterface returns the interface that obj declares if interpreted
// code can implement it through a proxy: a non-generic interface with at
// least one method, all of them exported, whose signatures only name types
// that the generated file can import. Otherwise it returns nil.
func proxyInterface(obj types.Object) *types.Interface {
	tn, ok := obj.(*types.TypeName)
	if !ok || !tn.Exported() || isGenericType(tn.Type()) {
		return nil
	}
	it, ok := tn.Type().Underlying().(*types.Interface)
	if !ok || it.NumMethods() == 0 || !interfaceNameable(it) || !proxyFieldsFree(it) {
		return nil
	}
	return it
}

// proxyFieldsFree reports whether the proxy's field names (Object and
// Method_ for each method) cannot clash with the interface's methods.
func proxyFieldsFree(it *types.Interface) bool {
	methods := make(map[string]bool)
	for i := 0; i < it.NumMethods(); i++ {
		methods[it.Method(i).Name()] = true
	}
	if methods["Object"] {
		return false
	}
	for name := range methods {
		if methods[name+"_"] {
			return false
		}
	}
	return true
}

// interfaceNameable reports whether every method is exported and every
// type in the method signatures can be written in another package.
func interfaceNameable(it *types.Interface) bool {
	for i := 0; i < it.NumMethods(); i++ {
		m := it.Method(i)
		if !m.Exported() || !signatureNameable(m.Type().(*types.Signature)) {
			return false
		}
	}
	return true
}

func signatureNameable(sig *types.Signature) bool {
	return tupleNameable(sig.Params()) && tupleNameable(sig.Results())
}

func tupleNameable(t *types.Tuple) bool {
	for i := 0; i < t.Len(); i++ {
		if !typeNameable(t.At(i).Type()) {
			return false
		}
	}
	return true
}

func typeNameable(t types.Type) bool {
	switch t := t.(type) {
	case *types.Basic:
		return true
	case *types.Named:
		obj := t.Obj()
		if obj.Pkg() == nil {
			return true // error, comparable
		}
		if !obj.Exported() || !importable(obj.Pkg().Path()) {
			return false
		}
		args := t.TypeArgs()
		for i := 0; i < args.Len(); i++ {
			if !typeNameable(args.At(i)) {
				return false
			}
		}
		return true
	case *types.Pointer:
		return typeNameable(t.Elem())
	case *types.Slice:
		return typeNameable(t.Elem())
	case *types.Array:
		return typeNameable(t.Elem())
	case *types.Chan:
		return typeNameable(t.Elem())
	case *types.Map:
		return typeNameable(t.Key()) && typeNameable(t.Elem())
	case *types.Signature:
		return signatureNameable(t)
	case *types.Interface:
		return interfaceNameable(t)
	case *types.Struct:
		for i := 0; i < t.NumFields(); i++ {
			if f := t.Field(i); !f.Exported() || !typeNameable(f.Type()) {
				return false
			}
		}
		return true
	}
	return false
}

// importable reports whether importerPath may import path (the internal
// package rule).
func importable(path string) bool {
	i := strings.LastIndex(path, "/internal/")
	switch {
	case i >= 0:
	case strings.HasSuffix(path, "/internal"):
		i = len(path) - len("/internal")
	case strings.HasPrefix(path, "internal/") || path == "internal":
		return false
	default:
		return true
	}
	parent := path[:i]
	return importerPath == parent || strings.HasPrefix(importerPath, parent+"/")
}

// reservedNames are the package-level names of kernel/imports that
// generated files use or could clash with: an import alias may not repeat
// them.
var reservedNames = []string{
	"docEntry", "docTable", "docTables", "members", "newMu", "register",
	"registerDocs", "sortOnce", "table", "tables",
}

// importSet gives each imported package a unique alias within a file.
type importSet struct {
	alias map[string]string // path → alias
}

func (s *importSet) paths() []string {
	var p []string
	for path := range s.alias {
		p = append(p, path)
	}
	sort.Strings(p)
	return p
}

func (s *importSet) qualifier(pkg *types.Package) string {
	return s.alias[pkg.Path()]
}

// collectImports returns the packages a binding file imports: the bound
// package and every package named in the signatures of its proxied
// interfaces. The bound package keeps its own name; the others get their
// name, or the name with a number when it is taken (image/draw vs
// gonum.org/v1/plot/vg/draw).
func collectImports(pkg *types.Package, proxied []string) *importSet {
	names := map[string]string{pkg.Path(): pkg.Name()}
	var visit func(t types.Type)
	seen := make(map[types.Type]bool)
	visit = func(t types.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Basic:
			if t.Kind() == types.UnsafePointer {
				names["unsafe"] = "unsafe"
			}
		case *types.Named:
			if p := t.Obj().Pkg(); p != nil {
				names[p.Path()] = p.Name()
			}
			args := t.TypeArgs()
			for i := 0; i < args.Len(); i++ {
				visit(args.At(i))
			}
		case *types.Pointer:
			visit(t.Elem())
		case *types.Slice:
			visit(t.Elem())
		case *types.Array:
			visit(t.Elem())
		case *types.Chan:
			visit(t.Elem())
		case *types.Map:
			visit(t.Key())
			visit(t.Elem())
		case *types.Signature:
			for _, tup := range []*types.Tuple{t.Params(), t.Results()} {
				for i := 0; i < tup.Len(); i++ {
					visit(tup.At(i).Type())
				}
			}
		case *types.Interface:
			for i := 0; i < t.NumMethods(); i++ {
				visit(t.Method(i).Type())
			}
		case *types.Struct:
			for i := 0; i < t.NumFields(); i++ {
				visit(t.Field(i).Type())
			}
		}
	}
	for _, name := range proxied {
		visit(pkg.Scope().Lookup(name).Type().Underlying())
	}

	taken := map[string]bool{reflectAlias: true}
	for _, name := range reservedNames {
		taken[name] = true
	}
	s := &importSet{alias: make(map[string]string)}
	assign := func(path string) {
		base := identifier(names[path])
		alias := base
		for i := 1; taken[alias]; i++ {
			alias = fmt.Sprintf("%s%d", base, i)
		}
		taken[alias] = true
		s.alias[path] = alias
	}
	assign(pkg.Path()) // the bound package first: it keeps its name
	var rest []string
	for path := range names {
		if path != pkg.Path() {
			rest = append(rest, path)
		}
	}
	sort.Strings(rest)
	for _, path := range rest {
		assign(path)
	}
	return s
}

// identifier makes a package name usable as an import alias.
func identifier(name string) string {
	if name == "" || token.Lookup(name).IsKeyword() {
		return name + "_"
	}
	return name
}

// writeInterfaceProxies writes, for each proxied interface, a struct with
// an Object field (the interpreted value) and one func field per method,
// and the methods that forward to those fields. gomacro fills the fields
// when an interpreted type is converted to the interface.
func (g *bindGen) writeInterfaceProxies() {
	q := g.imports.qualifier
	for _, name := range g.proxied() {
		it := proxyInterface(g.obj(name))
		proxy := g.proxyName(name)
		fmt.Fprintf(g.out, "\n// %s lets interpreted types implement %s.%s.\n", proxy, g.pkg.Name(), name)
		fmt.Fprintf(g.out, "type %s struct {\nObject any\n", proxy)
		for i := 0; i < it.NumMethods(); i++ {
			m := it.Method(i)
			sig := m.Type().(*types.Signature)
			fmt.Fprintf(g.out, "%s_ func(any%s)%s\n", m.Name(), params(sig, q, false), results(sig, q))
		}
		g.out.WriteString("}\n")
		for i := 0; i < it.NumMethods(); i++ {
			m := it.Method(i)
			sig := m.Type().(*types.Signature)
			ret := ""
			if sig.Results().Len() > 0 {
				ret = "return "
			}
			fmt.Fprintf(g.out, "\nfunc (p *%s) %s(%s)%s {\n%sp.%s_(p.Object%s)\n}\n",
				proxy, m.Name(), strings.TrimPrefix(params(sig, q, true), ", "), results(sig, q),
				ret, m.Name(), args(sig))
		}
	}
}

// params writes a parameter list: ", T1, T2" (for the func fields) or
// ", a0 T1, a1 ...T2" (for the forwarding methods).
func params(sig *types.Signature, q types.Qualifier, named bool) string {
	var b strings.Builder
	tup := sig.Params()
	for i := 0; i < tup.Len(); i++ {
		b.WriteString(", ")
		if named {
			fmt.Fprintf(&b, "a%d ", i)
		}
		t := tup.At(i).Type()
		if sig.Variadic() && i == tup.Len()-1 {
			b.WriteString("...")
			t = t.(*types.Slice).Elem()
		}
		b.WriteString(types.TypeString(t, q))
	}
	return b.String()
}

func args(sig *types.Signature) string {
	var b strings.Builder
	tup := sig.Params()
	for i := 0; i < tup.Len(); i++ {
		fmt.Fprintf(&b, ", a%d", i)
		if sig.Variadic() && i == tup.Len()-1 {
			b.WriteString("...")
		}
	}
	return b.String()
}

func results(sig *types.Signature, q types.Qualifier) string {
	tup := sig.Results()
	switch tup.Len() {
	case 0:
		return ""
	case 1:
		return " " + types.TypeString(tup.At(0).Type(), q)
	}
	var b strings.Builder
	b.WriteString(" (")
	for i := 0; i < tup.Len(); i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(types.TypeString(tup.At(i).Type(), q))
	}
	b.WriteString(")")
	return b.String()
}
