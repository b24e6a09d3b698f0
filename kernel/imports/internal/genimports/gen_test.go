// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const fixture = "github.com/boltzbook/boltzbook/kernel/imports/internal/genimports/testdata/fixture"

// harness stands in for kernel/imports around the generated file.
const harness = `package imports

import gomacro "github.com/cosmos72/gomacro/imports"

type Package = gomacro.PackageUnderlying

func register(path string, pkg Package) { gomacro.Packages.MergePackage(path, pkg) }

type docEntry struct{ name, kind, sig, doc string }

var docs = map[string][]docEntry{}

func registerDocs(path string, entries []docEntry) { docs[path] = entries }

const (
	kindConst  = "const"
	kindVar    = "var"
	kindFunc   = "func"
	kindType   = "type"
	kindMethod = "method"
	kindField  = "field"
	kindPackage = "package"
)
`

// harnessTest runs inside the generated package: gomacro's own validation
// of the proxies happens when the init registers them.
const harnessTest = `package imports

import (
	"testing"

	"github.com/cosmos72/gomacro/fast"
	gomacro "github.com/cosmos72/gomacro/imports"
)

const path = "` + fixture + `"

func TestBindings(t *testing.T) {
	pkg := gomacro.Packages[path]
	for _, name := range []string{"Fancy"} {
		if pkg.Proxies[name] == nil {
			t.Errorf("no proxy for %s", name)
		}
	}
	for _, name := range []string{"Sealed", "Leaky", "Objecty", "Empty", "Number", "Base"} {
		if pkg.Proxies[name] != nil {
			t.Errorf("unexpected proxy for %s", name)
		}
	}
	for _, name := range []string{"Map", "Pair", "Number"} {
		if _, ok := pkg.Binds[name]; ok {
			t.Errorf("generic %s bound", name)
		}
		if _, ok := pkg.Types[name]; ok {
			t.Errorf("generic %s bound as a type", name)
		}
	}
	if got := pkg.Wrappers["Derived"]; len(got) != 1 || got[0] != "Inc" {
		t.Errorf("Derived wrappers %v, want [Inc]", got)
	}
	if pkg.Untypeds["Bigger"] == "" || pkg.Untypeds["Pi"] == "" {
		t.Errorf("untyped constants missing: %v", pkg.Untypeds)
	}
	for _, e := range docs[path] {
		if e.name == "Low" && (e.sig != "const Low Level = 0" || e.doc != "the lowest") {
			t.Errorf("Low documented as %+v", e)
		}
		if e.name == "High" && e.sig != "const High Level = 2" {
			t.Errorf("High documented as %+v", e)
		}
		if e.name == "Derived.Name" && e.doc != "Name is documented." {
			t.Errorf("Derived.Name documented as %+v", e)
		}
		if e.name == "Map" || e.name == "Pair" || strings.Contains(e.name, "hidden") {
			t.Errorf("%s documented", e.name)
		}
	}

	ir := fast.New()
	ir.Eval("import \"" + path + "\"")
	vals, _ := ir.Eval("d := fixture.Derived{Base: &fixture.Base{N: 1}}; d.Inc(); d.Value() + fixture.Answer")
	if got := vals[0].Interface(); got != 44 {
		t.Errorf("d.Value() + Answer = %v, want 44", got)
	}
	vals, _ = ir.Eval("fixture.Sum(1, 2, 3) * fixture.Pi")
	if got := vals[0].Interface().(float64); got < 18.84 || got > 18.85 {
		t.Errorf("Sum(1,2,3)*Pi = %v", got)
	}
}
`

// TestFixture generates bindings for a package with awkward API shapes
// (generics, unexported and internal types in interfaces, promoted
// methods, big constants, two packages named draw), then compiles, vets and
// tests them against the real gomacro.
func TestFixture(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a test package")
	}
	out := filepath.Join("testdata", "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(out)
	files := map[string]string{
		"harness.go":      harness,
		"harness_test.go": strings.Replace(harnessTest, `"testing"`, "\"strings\"\n\t\"testing\"", 1),
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(out, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := run(out, []string{fixture, "github.com/boltzbook/boltzbook/no/such/package"}, false); err != nil {
		t.Fatal(err)
	}
	gen := filepath.Join(out, "x_"+sanitize(shortPath(fixture))+".go")
	first, err := os.ReadFile(gen)
	if err != nil {
		t.Fatal(err)
	}
	if err := run(out, []string{fixture}, false); err != nil {
		t.Fatal(err)
	}
	second, err := os.ReadFile(gen)
	if err != nil {
		t.Fatal(err)
	}
	if string(first) != string(second) {
		t.Error("two runs generated different files")
	}
	for _, args := range [][]string{{"vet", "./" + out}, {"test", "-count=1", "./" + out}} {
		cmd := exec.Command("go", args...)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, b)
		}
	}
	if t.Failed() {
		t.Logf("generated file:\n%s", first)
	}
}
