// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	bbimports "github.com/boltzbook/boltzbook/kernel/imports"
)

// docEntry is the documentation of one exported identifier, as
// kernel/imports extracts it from the sources at generate time.
type docEntry = bbimports.DocEntry

// lookupDoc finds the documentation of name ("Func", "Type",
// "Type.Method", or "" for the package) in the package at pkgPath. A
// variable so that tests can substitute their own table.
var lookupDoc = bbimports.Doc
