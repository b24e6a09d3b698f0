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
// Declaring a name again, as notebooks do when a cell is edited and run
// again:
//
//   - a function: every call of a top-level function (but a function's
//     calls of itself) goes through a slot, and the engine points the
//     slots of that name and signature at the new function, so functions
//     declared before call the new one;
//   - a variable with the same type: the declaration assigns the
//     existing variable, so functions declared before see the new value;
//   - a variable with another type, a type, a constant: a new one, which
//     the cells run after it see; code compiled before keeps the old one.
package compiled
