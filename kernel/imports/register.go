// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package imports

import (
	gomacro "github.com/cosmos72/gomacro/imports"
)

// Package is the shape gomacro expects for one package's bindings; the
// generated files fill it.
type Package = gomacro.PackageUnderlying

// register adds one generated package to gomacro's table, which is where
// gomacro looks first when a cell imports a path.
func register(path string, pkg Package) {
	gomacro.Packages.MergePackage(path, pkg)
}
