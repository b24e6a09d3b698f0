// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !cgo || purego

package fastvec

// Without cgo the kernels are their Go twins in kernels.go.

// ISA names the kernels in use: "Go" in this build.
func ISA() string { return "Go" }

func sigmoidBiasF32(x []float32, rows, cols, stride int, bias []float32) {
	goSigmoidBias(x, rows, cols, stride, bias)
}

func sigmoidBiasF64(x []float64, rows, cols, stride int, bias []float64) {
	goSigmoidBias(x, rows, cols, stride, bias)
}

func bernoulliF32(dst []float32, dstStride int, p []float32, pStride, rows, cols int, s *Stream) {
	goBernoulliF32(dst, dstStride, p, pStride, rows, cols, s)
}

func bernoulliF64(dst []float64, dstStride int, p []float64, pStride, rows, cols int, s *Stream) {
	goBernoulliF64(dst, dstStride, p, pStride, rows, cols, s)
}

func momentumStepF32(w, inc []float32, momentum, decay float32) {
	goMomentumStep(w, inc, momentum, decay)
}

func momentumStepF64(w, inc []float64, momentum, decay float64) {
	goMomentumStep(w, inc, momentum, decay)
}

func biasStepF32(inc []float32, momentum, a float32, pos []float32, posStride, posRows int, b float32, neg []float32, negStride, negRows int) {
	goBiasStep(inc, momentum, a, pos, posStride, posRows, b, neg, negStride, negRows)
}

func biasStepF64(inc []float64, momentum, a float64, pos []float64, posStride, posRows int, b float64, neg []float64, negStride, negRows int) {
	goBiasStep(inc, momentum, a, pos, posStride, posRows, b, neg, negStride, negRows)
}

func loadRowsF32(dst []float32, dstStride int, src []float64, srcStride int, rows []int, cols int) {
	goLoadRows(dst, dstStride, src, srcStride, rows, cols)
}

func loadRowsF64(dst []float64, dstStride int, src []float64, srcStride int, rows []int, cols int) {
	goLoadRows(dst, dstStride, src, srcStride, rows, cols)
}

func sgdStepF64(p, v, g []float64, scale, lr, mom, decay float64) {
	goSGDStep(p, v, g, scale, lr, mom, decay)
}

func sumSqDiffF32(a []float32, aStride int, b []float32, bStride, rows, cols int) float64 {
	return goSumSqDiff(a, aStride, b, bStride, rows, cols)
}

func sumSqDiffF64(a []float64, aStride int, b []float64, bStride, rows, cols int) float64 {
	return goSumSqDiff(a, aStride, b, bStride, rows, cols)
}

func aisHidden(x []float64, rows, cols, stride int, c []float64, beta, prev float64, h []float64, hStride int, dlogw []float64, s *Stream) {
	goAISHidden(x, rows, cols, stride, c, beta, prev, h, hStride, dlogw, s)
}

func aisVisible(v []float64, rows, cols, stride int, base, b []float64, beta float64, s *Stream) {
	goAISVisible(v, rows, cols, stride, base, b, beta, s)
}

func dotRows(x []float64, rows, cols, stride int, y, out []float64) {
	goDotRows(x, rows, cols, stride, y, out)
}
