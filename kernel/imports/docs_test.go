// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package imports_test

import (
	"bytes"
	"go/doc"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gomacro "github.com/cosmos72/gomacro/imports"

	"github.com/boltzbook/boltzbook/kernel/imports"
)

const module = "github.com/boltzbook/boltzbook/"

// required are the packages issue 8 asks to preload. Those of this module
// are only required once they exist.
var required = []string{
	module + "bm",
	module + "datasets",
	module + "kernel/display",
	module + "plots",
	"gonum.org/v1/gonum/floats",
	"gonum.org/v1/gonum/mat",
	"gonum.org/v1/gonum/optimize",
	"gonum.org/v1/gonum/stat",
	"gonum.org/v1/gonum/stat/distuv",
	"gonum.org/v1/plot",
	"gonum.org/v1/plot/palette",
	"gonum.org/v1/plot/plotter",
	"gonum.org/v1/plot/plotutil",
	"gonum.org/v1/plot/vg",
	"gonum.org/v1/plot/vg/draw",
	"math/rand/v2",
	"strings",
	"fmt",
}

// exists reports whether a package of this module has Go files yet.
func exists(t *testing.T, path string) bool {
	rel, ok := strings.CutPrefix(path, module)
	if !ok {
		return true
	}
	files, err := filepath.Glob(filepath.Join("..", "..", rel, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	return len(files) > 0
}

func TestPackages(t *testing.T) {
	got := imports.Packages()
	if !slices.IsSorted(got) {
		t.Errorf("Packages() not sorted: %v", got)
	}
	for _, path := range required {
		if !exists(t, path) {
			t.Logf("%s does not exist yet", path)
			continue
		}
		if !slices.Contains(got, path) {
			t.Errorf("Packages() lacks %s", path)
		}
		if _, ok := gomacro.Packages[path]; !ok {
			t.Errorf("%s is not in gomacro's imports.Packages", path)
		}
	}
}

func TestDocGonum(t *testing.T) {
	e, ok := imports.Doc("gonum.org/v1/gonum/mat", "NewDense")
	if !ok {
		t.Fatal("no doc for mat.NewDense")
	}
	if want := "func NewDense(r, c int, data []float64) *Dense"; e.Signature != want {
		t.Errorf("mat.NewDense signature %q, want %q", e.Signature, want)
	}
	// The first sentence of gonum's doc comment.
	if want := "NewDense creates a new Dense matrix with r rows and c columns."; !strings.HasPrefix(e.Doc, want) {
		t.Errorf("mat.NewDense doc %q, want prefix %q", e.Doc, want)
	}
	if e.Kind != "func" || e.Package != "gonum.org/v1/gonum/mat" || e.Name != "NewDense" {
		t.Errorf("mat.NewDense entry %+v", e)
	}

	pkg, ok := imports.Doc("gonum.org/v1/gonum/mat", "")
	if !ok || pkg.Kind != "package" || !strings.HasPrefix(pkg.Doc, "Package mat provides") ||
		pkg.Signature != `package mat // import "gonum.org/v1/gonum/mat"` {
		t.Errorf("mat package entry %+v, %v", pkg, ok)
	}

	m, ok := imports.Doc("gonum.org/v1/gonum/mat", "Dense.At")
	if !ok || m.Kind != "method" || !strings.HasPrefix(m.Signature, "func (m *Dense) At(i, j int) float64") {
		t.Errorf("mat Dense.At entry %+v, %v", m, ok)
	}
	if _, ok := imports.Doc("gonum.org/v1/gonum/mat", "newDense"); ok {
		t.Error("Doc returned an unexported name")
	}
	if _, ok := imports.Doc("no/such/package", "X"); ok {
		t.Error("Doc returned an entry for an unknown package")
	}

	names := imports.Names("gonum.org/v1/gonum/mat")
	if !slices.IsSorted(names) || !slices.Contains(names, "NewDense") || !slices.Contains(names, "Dense") {
		t.Errorf("Names(mat) unsorted or incomplete: %d names", len(names))
	}
	for _, n := range names {
		if n == "" || strings.Contains(n, ".") {
			t.Errorf("Names(mat) contains member %q", n)
		}
	}
	members := imports.Members("gonum.org/v1/gonum/mat", "Dense")
	if !slices.Contains(members, "At") || !slices.Contains(members, "Mul") {
		t.Errorf("Members(mat, Dense) lacks At or Mul: %v", members)
	}
}

// TestDocBM compares the doc table of bm with the doc comments go/doc reads
// from bm's sources now: every exported function must be there, with the
// same text. It fails when the generated files are stale.
func TestDocBM(t *testing.T) {
	const path = module + "bm"
	fset := token.NewFileSet()
	dir := filepath.Join("..", "..", "bm")
	pkgs, err := parser.ParseDir(fset, dir, func(fi os.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	p := doc.New(pkgs["bm"], path, 0)
	var funcs []*doc.Func
	funcs = append(funcs, p.Funcs...)
	for _, typ := range p.Types {
		funcs = append(funcs, typ.Funcs...)
	}
	if len(funcs) == 0 {
		t.Fatal("bm has no exported functions")
	}
	for _, f := range funcs {
		if f.Decl.Type.TypeParams != nil {
			continue
		}
		e, ok := imports.Doc(path, f.Name)
		if !ok {
			t.Errorf("no doc for bm.%s (regenerate: go generate ./kernel/...)", f.Name)
			continue
		}
		if want := strings.TrimSpace(f.Doc); e.Doc != want {
			t.Errorf("bm.%s doc %q, want %q", f.Name, e.Doc, want)
		}
	}
	e, ok := imports.Doc(path, "Sigmoid")
	if !ok || e.Signature != "func Sigmoid(x float64) float64" || !strings.Contains(e.Doc, "Sigmoid") {
		t.Errorf("bm.Sigmoid entry %+v, %v", e, ok)
	}
	if e, ok := imports.Doc(path, "Monitor.Report"); !ok || e.Kind != "method" {
		t.Errorf("bm Monitor.Report entry %+v, %v", e, ok)
	}
	if e, ok := imports.Doc(path, "Progress.Epoch"); !ok || e.Kind != "field" || e.Signature != "Epoch int" {
		t.Errorf("bm Progress.Epoch entry %+v, %v", e, ok)
	}
}

// TestGeneratedFiles checks the promises CI relies on: every generated
// file is gofmt'd and says so in its first line.
func TestGeneratedFiles(t *testing.T) {
	files, err := filepath.Glob("x_*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated files: %v", err)
	}
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(src, []byte("// Code generated by genimports. DO NOT EDIT.\n")) {
			t.Errorf("%s lacks the generated-code header", name)
		}
		if out, err := format.Source(src); err != nil || !bytes.Equal(out, src) {
			t.Errorf("%s is not gofmt'd (%v)", name, err)
		}
	}
}
