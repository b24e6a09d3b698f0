// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gocell

import (
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"sort"
	"strings"
)

// SessionPath is the import path of the package every cell is checked
// in. The type checker sees the whole session as one package, so a cell
// may use the unexported fields and methods of types declared in earlier
// cells, as code in one Go package may.
const SessionPath = "main"

// Scope is what earlier cells declared and imported: the package scope
// and the imports that a new cell is checked against. A Scope is not
// safe for concurrent use.
type Scope struct {
	fset     *token.FileSet
	importer types.ImporterFrom
	pkg      *types.Package // the session package: its scope holds the objects

	objects map[string]*Object       // the latest declaration of each name
	origin  map[types.Object]*Object // every session object ever declared
	imports map[string]string        // import name → path; "." names dot imports by path
	dots    []string                 // paths imported with a dot
	blanks  []string                 // paths imported for their side effects
}

// Object is a declaration made at top level by an earlier cell.
type Object struct {
	Obj  types.Object // as the checker saw it
	Cell int          // serial of the declaring cell
	Pkg  string       // import path of the declaring cell's compiled package
}

// Generic reports whether the object is a generic function or type.
func (o *Object) Generic() bool { return isGeneric(o.Obj) }

func isGeneric(obj types.Object) bool {
	switch o := obj.(type) {
	case *types.Func:
		return o.Type().(*types.Signature).TypeParams().Len() > 0
	case *types.TypeName:
		if n, ok := o.Type().(*types.Named); ok {
			return n.TypeParams().Len() > 0
		}
	}
	return false
}

// NewScope returns an empty scope whose packages come from export data:
// lookup opens the export data (a compiled archive) of an import path.
func NewScope(lookup func(path string) (io.ReadCloser, error)) *Scope {
	fset := token.NewFileSet()
	return &Scope{
		fset:     fset,
		importer: importer.ForCompiler(fset, "gc", lookup).(types.ImporterFrom),
		pkg:      types.NewPackage(SessionPath, "main"),
		objects:  map[string]*Object{},
		origin:   map[types.Object]*Object{},
		imports:  map[string]string{},
	}
}

// Lookup returns the session's object of that name.
func (s *Scope) Lookup(name string) (*Object, bool) {
	o, ok := s.objects[name]
	return o, ok
}

// Origin returns the session object obj, if it is one.
func (s *Scope) Origin(obj types.Object) (*Object, bool) {
	o, ok := s.origin[obj]
	return o, ok
}

// Names returns the names of the session's objects, sorted.
func (s *Scope) Names() []string {
	names := make([]string, 0, len(s.objects))
	for n := range s.objects {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Imports returns the session's imports: name → path.
func (s *Scope) Imports() map[string]string {
	m := make(map[string]string, len(s.imports))
	for k, v := range s.imports {
		m[k] = v
	}
	return m
}

// Package returns the imported package for a path (nil, err when its
// export data cannot be read).
func (s *Scope) Package(path string) (*types.Package, error) {
	return s.importer.ImportFrom(path, "", 0)
}

// declare records a session object, replacing an earlier one of the
// same name.
func (s *Scope) declare(o *Object) {
	s.objects[o.Obj.Name()] = o
	s.origin[o.Obj] = o
	removeName(s.pkg.Scope(), o.Obj.Name())
	s.pkg.Scope().Insert(o.Obj)
}

// addImport records a cell's import for later cells.
func (s *Scope) addImport(spec ImportSpec) {
	switch spec.Name {
	case "_":
		if !contains(s.blanks, spec.Path) {
			s.blanks = append(s.blanks, spec.Path)
		}
	case ".":
		if !contains(s.dots, spec.Path) {
			s.dots = append(s.dots, spec.Path)
		}
	default:
		s.imports[spec.Name] = spec.Path
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// cellOf returns the serial of the cell a position belongs to, from the
// file name its //line directive gave ("cell12" → 12), or 0.
func (s *Scope) cellOf(pos token.Pos) int {
	if !pos.IsValid() {
		return 0
	}
	return CellSerial(s.fset.Position(pos).Filename)
}

// CellFile is the file name positions in a cell carry.
func CellFile(serial int) string { return "cell" + itoa(serial) }

// CellSerial parses a CellFile name; it returns 0 for other names.
func CellSerial(file string) int {
	if !strings.HasPrefix(file, "cell") || len(file) == 4 {
		return 0
	}
	n := 0
	for _, r := range file[4:] {
		if r < '0' || r > '9' {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// DeclareVar declares a variable of the host program in the session, as
// if an earlier cell (number 0) had declared it.
func (s *Scope) DeclareVar(name string, t types.Type) *Object {
	o := &Object{Obj: types.NewVar(token.NoPos, s.pkg, name, t)}
	s.declare(o)
	return o
}
