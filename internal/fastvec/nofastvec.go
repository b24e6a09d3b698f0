// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !openblas

package fastvec

import "math/rand/v2"

// Available reports whether the kernels were compiled in.
const Available = false

// ISA returns "": the kernels are not compiled in.
func ISA() string { return "" }

// Stream is the state of the kernels' random number generators.
type Stream struct{}

// Seed panics: the kernels are not compiled in.
func (s *Stream) Seed(*rand.Rand) { panic(unavailable) }

// Float is float32 or float64.
type Float interface{ ~float32 | ~float64 }

const unavailable = "fastvec: built without the openblas tag"

// SigmoidBias panics: the kernels are not compiled in.
func SigmoidBias[T Float](x []T, rows, cols, stride int, bias []T) { panic(unavailable) }

// Bernoulli panics: the kernels are not compiled in.
func Bernoulli[T Float](dst []T, dstStride int, p []T, pStride, rows, cols int, s *Stream) {
	panic(unavailable)
}

// MomentumStep panics: the kernels are not compiled in.
func MomentumStep[T Float](w, inc []T, decay T) { panic(unavailable) }

// BiasStep panics: the kernels are not compiled in.
func BiasStep[T Float](inc []T, momentum, a T, pos []T, posStride, posRows int, b T, neg []T, negStride, negRows int) {
	panic(unavailable)
}

// LoadRows panics: the kernels are not compiled in.
func LoadRows[T Float](dst []T, dstStride int, src []float64, srcStride int, rows []int, cols int) {
	panic(unavailable)
}

// SGDStep panics: the kernels are not compiled in.
func SGDStep(p, v, g []float64, lr, mom, decay float64) { panic(unavailable) }

// SumSquaredDiff panics: the kernels are not compiled in.
func SumSquaredDiff[T Float](a []T, aStride int, b []T, bStride, rows, cols int) float64 {
	panic(unavailable)
}

// AISHidden panics: the kernels are not compiled in.
func AISHidden(x []float64, rows, cols, stride int, c []float64, beta, prev float64, h []float64, hStride int, dlogw []float64, s *Stream) {
	panic(unavailable)
}

// AISVisible panics: the kernels are not compiled in.
func AISVisible(v []float64, rows, cols, stride int, base, b []float64, beta float64, s *Stream) {
	panic(unavailable)
}

// DotRows panics: the kernels are not compiled in.
func DotRows(x []float64, rows, cols, stride int, y, out []float64) { panic(unavailable) }
