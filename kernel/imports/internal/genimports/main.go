// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Command genimports writes the gomacro bindings and the doc table of the
// packages that boltzbook preloads into its kernel.
//
// It is run by `go generate ./kernel/...` from kernel/imports. For each
// bound package it writes x_<path>.go, which registers the package's
// functions, variables, constants, types, untyped constants, wrapper
// methods and interface proxies in gomacro's imports.Packages table (the
// same shape as gomacro's own `gomacro -g` output), and a table of doc
// comments and signatures used for completion and inspection. A listed
// package that does not exist yet is skipped with a notice; one that exists
// but does not type-check is an error.
//
// Usage:
//
//	go run ./internal/genimports [-dir DIR] [-pkg PATH,...] [-v]
//
// -pkg replaces the built-in list (for tests).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"golang.org/x/tools/go/packages"
)

// bound lists the packages that cells can import without a plugin build,
// besides the standard library (see stdlib). Add a path here to preload
// another package.
var bound = []string{
	"github.com/boltzbook/boltzbook/bm",
	"github.com/boltzbook/boltzbook/check",
	"github.com/boltzbook/boltzbook/datasets",
	"github.com/boltzbook/boltzbook/kernel/comm",
	"github.com/boltzbook/boltzbook/kernel/display",
	"github.com/boltzbook/boltzbook/kernel/widgets",
	"github.com/boltzbook/boltzbook/plots",
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
}

// stdlib are standard packages bound here as well as by gomacro, whose
// own bindings were generated for an older Go: math/rand/v2 (where bm
// takes its randomness from) is missing there, and strings.CutPrefix,
// slices-era additions and the like are missing from the others. Merged
// over gomacro's table, these bring the most used packages up to the Go
// that builds the kernel, with their doc comments.
var stdlib = []string{
	"bufio",
	"bytes",
	"context",
	"errors",
	"fmt",
	"image",
	"image/color",
	"io",
	"math",
	"math/rand",
	"math/rand/v2",
	"os",
	"sort",
	"strconv",
	"strings",
	"sync",
	"time",
}

func main() {
	dir := flag.String("dir", ".", "output directory (kernel/imports)")
	verbose := flag.Bool("v", false, "print what is written")
	only := flag.String("pkg", "", "comma-separated import paths to bind instead of the built-in list")
	flag.Parse()
	start := time.Now()
	paths := append(append([]string(nil), bound...), stdlib...)
	if *only != "" {
		paths = strings.Split(*only, ",")
	}
	if err := run(*dir, paths, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "genimports:", err)
		os.Exit(1)
	}
	if *verbose {
		fmt.Fprintf(os.Stderr, "genimports: done in %v\n", time.Since(start).Round(time.Millisecond))
	}
}

func run(dir string, paths []string, verbose bool) error {
	pkgs, err := load(dir, paths)
	if err != nil {
		return err
	}

	var written []string
	for _, path := range paths {
		pkg := pkgs[path]
		if pkg == nil {
			fmt.Fprintf(os.Stderr, "genimports: notice: package %s does not exist, skipped\n", path)
			continue
		}
		docs, err := extractDocs(pkg)
		if err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		file := "x_" + sanitize(shortPath(path)) + ".go"
		if slices.Contains(written, file) {
			return fmt.Errorf("%s: file name %s already used by another package", path, file)
		}
		src, err := writeBindFile(pkg, docs)
		if err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		if err := writeIfChanged(filepath.Join(dir, file), src); err != nil {
			return err
		}
		written = append(written, file)
		if verbose {
			fmt.Fprintf(os.Stderr, "genimports: %s: %d bytes, %d doc entries\n", file, len(src), len(docs))
		}
	}
	return removeStale(dir, written, verbose)
}

// load type-checks the packages from source, with their comments. Missing
// packages are left out of the result; broken ones are an error.
func load(dir string, paths []string) (map[string]*packages.Package, error) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedTypes |
			packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedImports,
		Dir:   dir,
		Tests: false,
	}
	list, err := packages.Load(cfg, paths...)
	if err != nil {
		return nil, err
	}
	want := make(map[string]bool)
	for _, p := range paths {
		want[p] = true
	}
	out := make(map[string]*packages.Package)
	var broken []string
	for _, pkg := range list {
		if !want[pkg.PkgPath] {
			continue
		}
		if len(pkg.Errors) > 0 {
			if len(pkg.GoFiles) == 0 {
				continue // does not exist (yet)
			}
			for _, e := range pkg.Errors {
				broken = append(broken, e.Error())
			}
			continue
		}
		out[pkg.PkgPath] = pkg
	}
	if len(broken) > 0 {
		sort.Strings(broken)
		return nil, fmt.Errorf("packages do not type-check:\n\t%s", strings.Join(broken, "\n\t"))
	}
	return out, nil
}

func writeIfChanged(name string, src []byte) error {
	if old, err := os.ReadFile(name); err == nil && string(old) == string(src) {
		return nil
	}
	return os.WriteFile(name, src, 0o644)
}

// removeStale deletes generated files of packages no longer bound.
func removeStale(dir string, keep []string, verbose bool) error {
	names, err := filepath.Glob(filepath.Join(dir, "x_*.go"))
	if err != nil {
		return err
	}
	kept := make(map[string]bool)
	for _, k := range keep {
		kept[k] = true
	}
	for _, name := range names {
		if kept[filepath.Base(name)] {
			continue
		}
		head, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if !strings.Contains(string(head), generatedHeader) {
			continue // not ours
		}
		if verbose {
			fmt.Fprintf(os.Stderr, "genimports: removing stale %s\n", name)
		}
		if err := os.Remove(name); err != nil {
			return err
		}
	}
	return nil
}

// shortPath drops the prefixes every bound path shares, for file names:
// gonum.org/v1/gonum/mat → gonum/mat, github.com/boltzbook/boltzbook/bm → bm.
func shortPath(path string) string {
	for _, prefix := range []string{"github.com/boltzbook/boltzbook/", "gonum.org/v1/"} {
		if rest, ok := strings.CutPrefix(path, prefix); ok {
			return rest
		}
	}
	return path
}

// sanitize turns an import path into an identifier fragment:
// gonum.org/v1/gonum/stat/distuv → gonum_org_v1_gonum_stat_distuv.
func sanitize(path string) string {
	b := []byte(path)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			b[i] = '_'
		}
	}
	return string(b)
}
