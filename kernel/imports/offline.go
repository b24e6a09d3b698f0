// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package imports

import (
	"go/build"
	"sync"

	"github.com/cosmos72/gomacro/fast"
	xr "github.com/cosmos72/gomacro/xreflect"
)

// By default gomacro completes the types of every imported compiled
// package with export data from go/importer, which runs
// `go list -export` with the Go toolchain found at build time
// (build.Default.GOROOT): 50 ms to 2 s per package on a busy machine, types
// compiled from whatever sources are on disk rather than those linked into
// the kernel, and nothing at all where Go is not installed. The bindings
// registered here are enough: gomacro falls back to reflection when the
// importer fails, which is what Offline and NewInterp arrange.

// Offline makes ir take the types of packages it imports from the
// registered bindings alone, never from the Go toolchain, so that
// `import "gonum.org/v1/gonum/mat"` takes about a millisecond. Call it
// right after creating ir, before its first import.
func Offline(ir *fast.Interp) {
	ir.Comp.Universe.Importer = &xr.Importer{} // no go/importer: lookups fail at once
}

var newMu sync.Mutex

// NewInterp returns fast.New() made Offline. fast.New itself imports
// package reflect through go/importer before Offline can be applied; to
// spare that toolchain call too, NewInterp hides the toolchain from
// go/importer (build.Default.GOROOT) while fast.New runs. Nothing else in
// the kernel reads build.Default.
func NewInterp() *fast.Interp {
	newMu.Lock()
	goroot := build.Default.GOROOT
	build.Default.GOROOT = "/nonexistent/boltzbook-no-toolchain"
	ir := func() *fast.Interp {
		defer func() { build.Default.GOROOT = goroot }()
		return fast.New()
	}()
	newMu.Unlock()
	Offline(ir)
	return ir
}
