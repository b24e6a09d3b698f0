// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package compiled runs notebook cells compiled by the real Go
// toolchain: the compiled tier of the kernel.
//
// An Engine keeps a session's scope (kernel/gocell), builds each cell it
// is given into a plugin (kernel/toolchain), loads it, connects it to
// what earlier cells declared and runs it. Every top-level variable of a
// session lives in the package of the cell that declared it; later cells
// reach it through a pointer slot, functions through a function slot,
// types and constants through exported aliases.
//
// Redefinition binds early, as compiled Go does: a cell that declares a
// name again makes a new variable, function or type, which the cells run
// after it see; functions compiled earlier keep the declarations they
// were compiled against (run their cells again to use the new one).
package compiled
