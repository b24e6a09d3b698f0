// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package openblas is a small cgo binding to OpenBLAS that implements
// gonum's blas.Float64 interface. It embeds gonum's pure-Go
// implementation and replaces the routines on the hot paths of bm's
// trainers (Dgemm, Dgemv, Dger) with OpenBLAS's cblas calls, so
// blas64.Use(openblas.Implementation{}) makes every gonum matrix
// product run on OpenBLAS.
//
// The binding is compiled only with the build tag openblas and needs
// the OpenBLAS library and headers (Debian: libopenblas-dev) and
// CGO_LDFLAGS=-lopenblas; the repository's Makefile sets both when the
// library links. Without the tag this package is empty.
package openblas
