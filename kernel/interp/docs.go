// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

// docEntry is the documentation of one exported identifier, as
// kernel/imports extracts it from the sources at generate time.
type docEntry struct {
	Package, Name, Kind, Signature, Doc string
}

// lookupDoc finds the documentation of name ("Func", "Type" or
// "Type.Method") in the package at pkgPath. It is wired to kernel/imports
// when that package is linked (see docs_imports.go); without it,
// inspection falls back to signatures from reflection.
var lookupDoc = func(pkgPath, name string) (docEntry, bool) { return docEntry{}, false }
