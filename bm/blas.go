// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import "github.com/boltzbook/boltzbook/internal/fastvec"

// The matrix products of every trainer go through gonum's blas64,
// which is pure Go unless a build with the tag openblas (see
// blas_openblas.go) swaps in OpenBLAS at start-up.

// blasName is set by the OpenBLAS build; empty means pure Go.
var blasName string

// blasSetThreads and blasThreads are set by the OpenBLAS build.
var (
	blasSetThreads func(n int)
	blasThreads    func() int
)

// BLAS returns which BLAS the matrix products use and which build of
// the elementwise kernels (internal/fastvec) runs, e.g.
// "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64 via cgo;
// elementwise kernels in C (AVX2)", or "gonum (pure Go); elementwise
// kernels in Go" for a build without cgo.
func BLAS() string {
	name := blasName
	if name == "" {
		name = "gonum (pure Go)"
	}
	kernels := "Go"
	if isa := fastvec.ISA(); isa != "Go" {
		kernels = "C (" + isa + ")"
	}
	return name + "; elementwise kernels in " + kernels
}

// SetBLASThreads sets the number of threads of a threaded BLAS
// (OpenBLAS); it does nothing for pure Go. The default is one per core.
// RBM.Train uses up to that many cores (at most two) for its own
// split of the work, calling the BLAS single-threaded meanwhile.
func SetBLASThreads(n int) {
	if blasSetThreads != nil && n > 0 {
		blasSetThreads(n)
	}
}
