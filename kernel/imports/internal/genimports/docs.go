// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/doc"
	"go/format"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"
)

// docEntry is one row of a generated doc table.
type docEntry struct {
	name, kind, sig, doc string
}

// Kinds of doc entries; the runtime package documents them.
const (
	kindConst   = "const"
	kindVar     = "var"
	kindFunc    = "func"
	kindType    = "type"
	kindMethod  = "method"
	kindField   = "field"
	kindPackage = "package"
)

// extractDocs collects, for every exported non-generic identifier of the
// package, its declaration and doc comment: package-level names, methods
// and interface methods as "Type.Method", struct fields as "Type.Field",
// and the package clause and doc under the empty name.
// It edits the package's syntax trees (go/doc drops unexported parts), so
// it must run after anything else that reads them.
func extractDocs(pkg *packages.Package) ([]docEntry, error) {
	dp, err := doc.NewFromFiles(pkg.Fset, pkg.Syntax, pkg.PkgPath)
	if err != nil {
		return nil, err
	}
	x := &docExtractor{fset: pkg.Fset, tpkg: pkg.Types}
	// The package itself, under the empty name (sorts first).
	x.add("", kindPackage, fmt.Sprintf("package %s // import %q", pkg.Name, pkg.PkgPath), dp.Doc)

	for _, v := range dp.Consts {
		x.values(v, kindConst)
	}
	for _, v := range dp.Vars {
		x.values(v, kindVar)
	}
	for _, f := range dp.Funcs {
		x.fn(f, "")
	}
	for _, t := range dp.Types {
		x.typ(t)
	}
	if x.err != nil {
		return nil, x.err
	}
	sort.Slice(x.entries, func(i, j int) bool { return x.entries[i].name < x.entries[j].name })
	// A name declared twice (build-tagged files) keeps its first entry.
	out := x.entries[:0]
	for i, e := range x.entries {
		if i == 0 || e.name != x.entries[i-1].name {
			out = append(out, e)
		}
	}
	return out, nil
}

type docExtractor struct {
	fset    *token.FileSet
	tpkg    *types.Package
	entries []docEntry
	err     error
}

func (x *docExtractor) add(name, kind, sig, text string) {
	x.entries = append(x.entries, docEntry{name: name, kind: kind, sig: sig, doc: strings.TrimSpace(text)})
}

// node prints an AST node as gofmt would, without comments.
func (x *docExtractor) node(n any) string {
	var b bytes.Buffer
	if err := format.Node(&b, x.fset, n); err != nil && x.err == nil {
		x.err = err
	}
	return b.String()
}

// values adds the constants or variables of one declaration group. The
// signature comes from the type checker ("const MaxIter int = 100"), so
// iota and implicit repetition are resolved; the doc is the spec's own
// comment or, failing that, the group's.
func (x *docExtractor) values(v *doc.Value, kind string) {
	qual := types.RelativeTo(x.tpkg)
	for _, spec := range v.Decl.Specs {
		vs := spec.(*ast.ValueSpec)
		text := v.Doc
		switch {
		case vs.Doc != nil:
			text = vs.Doc.Text()
		case vs.Comment != nil:
			text = vs.Comment.Text()
		}
		for _, id := range vs.Names {
			if !id.IsExported() {
				continue
			}
			obj := x.tpkg.Scope().Lookup(id.Name)
			if obj == nil {
				continue
			}
			var sig string
			switch obj := obj.(type) {
			case *types.Const:
				typ := ""
				if b, ok := obj.Type().(*types.Basic); !ok || b.Info()&types.IsUntyped == 0 {
					typ = " " + types.TypeString(obj.Type(), qual)
				}
				sig = fmt.Sprintf("const %s%s = %s", id.Name, typ, constString(obj))
			case *types.Var:
				if isGenericType(obj.Type()) {
					continue
				}
				sig = fmt.Sprintf("var %s %s", id.Name, types.TypeString(obj.Type(), qual))
			}
			x.add(id.Name, kind, sig, text)
		}
	}
}

// constString renders a constant's value briefly: exact for integers,
// booleans and short strings, rounded for floats.
func constString(c *types.Const) string {
	v := c.Val()
	switch v.Kind() {
	case 0: // unknown
		return "?"
	}
	s := v.String()
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

func (x *docExtractor) fn(f *doc.Func, recv string) {
	d := f.Decl
	if d.Type.TypeParams != nil || (d.Recv != nil && genericRecv(d.Recv)) {
		return
	}
	sig := x.node(&ast.FuncDecl{Recv: d.Recv, Name: d.Name, Type: d.Type})
	name, kind := f.Name, kindFunc
	if recv != "" {
		name, kind = recv+"."+f.Name, kindMethod
	}
	x.add(name, kind, sig, f.Doc)
}

// genericRecv reports whether a method's receiver is a generic type (T[P]).
func genericRecv(recv *ast.FieldList) bool {
	if len(recv.List) == 0 {
		return false
	}
	t := recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch t.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		return true
	}
	return false
}

func (x *docExtractor) typ(t *doc.Type) {
	// Constants, variables and constructors go/doc groups under the type
	// are package-level names all the same.
	for _, v := range t.Consts {
		x.values(v, kindConst)
	}
	for _, v := range t.Vars {
		x.values(v, kindVar)
	}
	for _, f := range t.Funcs {
		x.fn(f, "")
	}
	var spec *ast.TypeSpec
	for _, s := range t.Decl.Specs {
		if ts := s.(*ast.TypeSpec); ts.Name.Name == t.Name {
			spec = ts
		}
	}
	if spec == nil || spec.TypeParams != nil {
		return
	}
	if obj := x.tpkg.Scope().Lookup(t.Name); obj == nil || isGenericType(obj.Type()) {
		return
	}
	text := t.Doc
	if text == "" && spec.Doc != nil {
		text = spec.Doc.Text()
	}
	decl := &ast.GenDecl{Tok: token.TYPE, Specs: []ast.Spec{&ast.TypeSpec{
		Name: spec.Name, Assign: spec.Assign, Type: spec.Type,
	}}}
	x.add(t.Name, kindType, x.node(decl), text)

	for _, m := range t.Methods {
		x.fn(m, t.Name)
	}
	switch st := spec.Type.(type) {
	case *ast.StructType:
		for _, f := range st.Fields.List {
			text := fieldDoc(f)
			typ := x.node(f.Type)
			if len(f.Names) == 0 { // embedded
				name := embeddedName(f.Type)
				if ast.IsExported(name) {
					x.add(t.Name+"."+name, kindField, typ, text)
				}
				continue
			}
			for _, id := range f.Names {
				if id.IsExported() {
					x.add(t.Name+"."+id.Name, kindField, id.Name+" "+typ, text)
				}
			}
		}
	case *ast.InterfaceType:
		for _, f := range st.Methods.List {
			ft, ok := f.Type.(*ast.FuncType)
			if !ok || len(f.Names) == 0 || !f.Names[0].IsExported() {
				continue // embedded interfaces and unexported methods
			}
			name := f.Names[0].Name
			sig := "func (" + t.Name + ") " + name + strings.TrimPrefix(x.node(ft), "func")
			x.add(t.Name+"."+name, kindMethod, sig, fieldDoc(f))
		}
	}
}

func fieldDoc(f *ast.Field) string {
	switch {
	case f.Doc != nil:
		return f.Doc.Text()
	case f.Comment != nil:
		return f.Comment.Text()
	}
	return ""
}

func embeddedName(t ast.Expr) string {
	switch t := t.(type) {
	case *ast.StarExpr:
		return embeddedName(t.X)
	case *ast.SelectorExpr:
		return t.Sel.Name
	case *ast.Ident:
		return t.Name
	case *ast.IndexExpr:
		return embeddedName(t.X)
	case *ast.IndexListExpr:
		return embeddedName(t.X)
	}
	return ""
}

// docTableName is the variable holding a package's doc table.
func docTableName(path string) string {
	return "docs_" + sanitize(shortPath(path))
}

// writeDocTable writes the table as a slice literal of constants, which the
// linker lays out statically: it costs nothing at start-up.
func writeDocTable(out *bytes.Buffer, path string, docs []docEntry) {
	fmt.Fprintf(out, "\n// %s documents %q: name, kind, declaration, doc comment.\n", docTableName(path), path)
	fmt.Fprintf(out, "var %s = []docEntry{\n", docTableName(path))
	for _, e := range docs {
		fmt.Fprintf(out, "{%s, %s, %s, %s},\n", strconv.Quote(e.name), kindConstName(e.kind), strconv.Quote(e.sig), strconv.Quote(e.doc))
	}
	out.WriteString("}\n")
}

func kindConstName(kind string) string {
	return "kind" + strings.ToUpper(kind[:1]) + kind[1:]
}

func sortStrings(s []string) { sort.Strings(s) }
