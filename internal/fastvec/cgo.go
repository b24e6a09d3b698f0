// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build cgo && !purego

package fastvec

/*
// -Wno-psabi: the vector types of fastvec.c only cross calls that
// are inlined, so the ABI note GCC gives about them does not apply.
#cgo CFLAGS: -O3 -Wno-psabi
#include "fastvec.h"
*/
import "C"

import "unsafe"

// The kernels in C (fastvec.c, ais.c); kernels.go has their Go twins.

// ISA names the kernels in use: "AVX-512", "AVX2" or "SSE2" (the
// clone of the C kernels the CPU runs), "portable C", or "Go".
func ISA() string { return C.GoString(C.fastvec_isa()) }

func fp(x []float32) *C.float  { return (*C.float)(unsafe.Pointer(unsafe.SliceData(x))) }
func dp(x []float64) *C.double { return (*C.double)(unsafe.Pointer(unsafe.SliceData(x))) }

func sp(s *Stream) *C.fastvec_stream { return (*C.fastvec_stream)(unsafe.Pointer(&s.s)) }

func sigmoidBiasF32(x []float32, rows, cols, stride int, bias []float32) {
	C.fastvec_sigmoid_bias_f32(fp(x), C.int(rows), C.int(cols), C.int(stride), fp(bias))
}

func sigmoidBiasF64(x []float64, rows, cols, stride int, bias []float64) {
	C.fastvec_sigmoid_bias_f64(dp(x), C.int(rows), C.int(cols), C.int(stride), dp(bias))
}

func bernoulliF32(dst []float32, dstStride int, p []float32, pStride, rows, cols int, s *Stream) {
	C.fastvec_bernoulli_f32(fp(dst), C.int(dstStride), fp(p), C.int(pStride), C.int(rows), C.int(cols), sp(s))
}

func bernoulliF64(dst []float64, dstStride int, p []float64, pStride, rows, cols int, s *Stream) {
	C.fastvec_bernoulli_f64(dp(dst), C.int(dstStride), dp(p), C.int(pStride), C.int(rows), C.int(cols), sp(s))
}

func momentumStepF32(w, inc []float32, momentum, decay float32) {
	C.fastvec_momentum_step_f32(fp(w), fp(inc), C.long(len(w)), C.float(momentum), C.float(decay))
}

func momentumStepF64(w, inc []float64, momentum, decay float64) {
	C.fastvec_momentum_step_f64(dp(w), dp(inc), C.long(len(w)), C.double(momentum), C.double(decay))
}

func biasStepF32(inc []float32, momentum, a float32, pos []float32, posStride, posRows int, b float32, neg []float32, negStride, negRows int) {
	C.fastvec_bias_step_f32(fp(inc), C.int(len(inc)), C.float(momentum), C.float(a), fp(pos), C.int(posStride), C.int(posRows),
		C.float(b), fp(neg), C.int(negStride), C.int(negRows))
}

func biasStepF64(inc []float64, momentum, a float64, pos []float64, posStride, posRows int, b float64, neg []float64, negStride, negRows int) {
	C.fastvec_bias_step_f64(dp(inc), C.int(len(inc)), C.double(momentum), C.double(a), dp(pos), C.int(posStride), C.int(posRows),
		C.double(b), dp(neg), C.int(negStride), C.int(negRows))
}

func rowIndex(rows []int) *C.long {
	if unsafe.Sizeof(rows[0]) != unsafe.Sizeof(C.long(0)) {
		panic("fastvec: int and C long differ in size")
	}
	return (*C.long)(unsafe.Pointer(unsafe.SliceData(rows)))
}

func loadRowsF32(dst []float32, dstStride int, src []float64, srcStride int, rows []int, cols int) {
	C.fastvec_load_rows_f32(fp(dst), C.int(dstStride), dp(src), C.long(srcStride), rowIndex(rows), C.int(len(rows)), C.int(cols))
}

func loadRowsF64(dst []float64, dstStride int, src []float64, srcStride int, rows []int, cols int) {
	C.fastvec_load_rows_f64(dp(dst), C.int(dstStride), dp(src), C.long(srcStride), rowIndex(rows), C.int(len(rows)), C.int(cols))
}

func sgdStepF64(p, v, g []float64, scale, lr, mom, decay float64) {
	C.fastvec_sgd_step_f64(dp(p), dp(v), dp(g), C.long(len(p)), C.double(scale), C.double(lr), C.double(mom), C.double(decay))
}

func sumSqDiffF32(a []float32, aStride int, b []float32, bStride, rows, cols int) float64 {
	return float64(C.fastvec_sum_sq_diff_f32(fp(a), C.int(aStride), fp(b), C.int(bStride), C.int(rows), C.int(cols)))
}

func sumSqDiffF64(a []float64, aStride int, b []float64, bStride, rows, cols int) float64 {
	return float64(C.fastvec_sum_sq_diff_f64(dp(a), C.int(aStride), dp(b), C.int(bStride), C.int(rows), C.int(cols)))
}

func aisHidden(x []float64, rows, cols, stride int, c []float64, beta, prev float64, h []float64, hStride int, dlogw []float64, s *Stream) {
	hp := (*C.double)(nil)
	if h != nil {
		hp = dp(h)
	}
	C.fastvec_ais_hidden(dp(x), C.int(rows), C.int(cols), C.int(stride), dp(c), C.double(beta), C.double(prev),
		hp, C.int(hStride), dp(dlogw), sp(s))
}

func aisVisible(v []float64, rows, cols, stride int, base, b []float64, beta float64, s *Stream) {
	C.fastvec_ais_visible(dp(v), C.int(rows), C.int(cols), C.int(stride), dp(base), dp(b), C.double(beta), sp(s))
}

func dotRows(x []float64, rows, cols, stride int, y, out []float64) {
	C.fastvec_dot_rows(dp(x), C.int(rows), C.int(cols), C.int(stride), dp(y), dp(out))
}
