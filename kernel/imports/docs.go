// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package imports

import (
	"sort"
	"strings"
	"sync"
)

// DocEntry describes one exported identifier of a preloaded package.
type DocEntry struct {
	Package string // import path
	// Name is the identifier; methods and struct fields are
	// qualified by their type: "Dense.At", "Progress.Epoch".
	Name string
	// Kind is one of "const", "var", "func", "type", "method", "field",
	// or "package" for the entry of the package itself (Name "").
	Kind string
	// Signature is the gofmt'd declaration, without its doc comment:
	// "func NewDense(r, c int, data []float64) *Dense".
	Signature string
	Doc       string // doc comment text, without comment markers
}

// Kinds of DocEntry.
const (
	kindConst   = "const"
	kindVar     = "var"
	kindFunc    = "func"
	kindType    = "type"
	kindMethod  = "method"
	kindField   = "field"
	kindPackage = "package"
)

// docEntry is the generated form of a DocEntry; tables are sorted by name.
type docEntry struct {
	name, kind, sig, doc string
}

type docTable struct {
	path    string
	entries []docEntry
}

var (
	docTables []docTable // appended to by the generated init functions
	sortOnce  sync.Once
)

// registerDocs is called by each generated file's init.
func registerDocs(path string, entries []docEntry) {
	docTables = append(docTables, docTable{path: path, entries: entries})
}

func tables() []docTable {
	sortOnce.Do(func() {
		sort.Slice(docTables, func(i, j int) bool { return docTables[i].path < docTables[j].path })
	})
	return docTables
}

func table(pkgPath string) *docTable {
	t := tables()
	i := sort.Search(len(t), func(i int) bool { return t[i].path >= pkgPath })
	if i < len(t) && t[i].path == pkgPath {
		return &t[i]
	}
	return nil
}

// Doc returns the declaration and doc comment of name in the package with
// import path pkgPath. Methods and fields are named "Type.Method"; the
// empty name gives the package clause and the package's doc comment.
func Doc(pkgPath, name string) (DocEntry, bool) {
	t := table(pkgPath)
	if t == nil {
		return DocEntry{}, false
	}
	e := t.entries
	i := sort.Search(len(e), func(i int) bool { return e[i].name >= name })
	if i == len(e) || e[i].name != name {
		return DocEntry{}, false
	}
	return DocEntry{Package: pkgPath, Name: name, Kind: e[i].kind, Signature: e[i].sig, Doc: e[i].doc}, true
}

// Packages returns the sorted import paths bound by this package, which
// are those with doc tables. gomacro's table,
// github.com/cosmos72/gomacro/imports.Packages, lists every importable
// path, the rest of the standard library included.
func Packages() []string {
	t := tables()
	out := make([]string, len(t))
	for i := range t {
		out[i] = t[i].path
	}
	return out
}

// Names returns the sorted exported package-level names of pkgPath (no
// methods or fields), or nil if it has no doc table.
func Names(pkgPath string) []string {
	return members(pkgPath, "")
}

// Members returns the sorted names of the documented methods and fields of
// type typeName in pkgPath, without the "Type." prefix.
func Members(pkgPath, typeName string) []string {
	return members(pkgPath, typeName+".")
}

func members(pkgPath, prefix string) []string {
	t := table(pkgPath)
	if t == nil {
		return nil
	}
	e := t.entries
	var out []string
	for i := sort.Search(len(e), func(i int) bool { return e[i].name >= prefix }); i < len(e); i++ {
		name, ok := strings.CutPrefix(e[i].name, prefix)
		if !ok {
			break
		}
		if name != "" && !strings.Contains(name, ".") {
			out = append(out, name)
		}
	}
	return out
}
