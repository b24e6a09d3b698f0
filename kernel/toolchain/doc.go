// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package toolchain builds compiled notebook cells into Go plugins that
// load into the running kernel, with the real Go toolchain.
//
// A plugin shares every package it has in common with the kernel binary
// (runtime, fmt, gonum, bm, ...), and the Go runtime refuses to load one
// whose copy of such a package differs by a single byte of export data.
// So the packages are built exactly as the kernel was: the same Go
// release, the same module versions (a cell module whose go.mod pins
// every module of the kernel's build and replaces the kernel's own
// module by the source tree it was built from), the same build tags and
// cgo flags (read from the binary's build information).
//
// Find locates the go command and checks all that, or says clearly why
// compiled cells are unavailable. Prepare compiles the dependencies once
// in plugin mode with `go list -export` (the go command's build cache
// keeps them, so later kernels start warm) and records where their
// archives are. Build then runs the compiler and the linker directly on
// one generated package: a notebook cell's package is named main, like a
// program's (so %T prints main.T), which the go command would refuse to
// import from a later cell. Load opens the plugin. Workspace makes the
// directory a session's cell files go in; the first one of each process
// also removes, in the background, those that killed kernels left in the
// temporary directory.
//
// Get adds a module from the module proxy to the cell module, refusing
// versions that would change a module the kernel itself is built with.
package toolchain
