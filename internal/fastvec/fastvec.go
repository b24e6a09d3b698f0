// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build openblas

package fastvec

/*
// -Wno-psabi: the vector types of fastvec.c only cross calls that
// are inlined, so the ABI note GCC gives about them does not apply.
#cgo CFLAGS: -O3 -Wno-psabi
#include "fastvec.h"
*/
import "C"

import (
	"math/rand/v2"
	"unsafe"
)

// Available reports whether the kernels were compiled in.
const Available = true

// ISA names the instruction set of the kernels in use: "AVX-512",
// "AVX2" or "SSE2".
func ISA() string { return C.GoString(C.fastvec_isa()) }

// Stream is the state of FASTVEC_LANES random number generators, one
// per vector lane. The zero value is not usable; call Seed.
type Stream struct {
	s C.fastvec_stream
}

// Seed sets the generators' state from rnd.
func (s *Stream) Seed(rnd *rand.Rand) {
	for i := range s.s.s {
		for l := range s.s.s[i] {
			s.s.s[i][l] = C.uint32_t(rnd.Uint32())
		}
	}
	// xoshiro's state must not be all zero.
	for l := range s.s.s[0] {
		if s.s.s[0][l]|s.s.s[1][l]|s.s.s[2][l]|s.s.s[3][l] == 0 {
			s.s.s[0][l] = 1
		}
	}
}

// Float is float32 or float64.
type Float interface{ ~float32 | ~float64 }

// check panics unless a rows×cols matrix with the given stride fits in n elements.
func check(n, rows, cols, stride int) {
	if rows < 0 || cols < 0 || cols > stride && rows > 1 {
		panic("fastvec: bad shape")
	}
	if rows > 0 && cols > 0 && (rows-1)*stride+cols > n {
		panic("fastvec: matrix does not fit its slice")
	}
}

func is32[T Float]() bool {
	var zero T
	return unsafe.Sizeof(zero) == 4
}

// SigmoidBias sets every row x_r of the rows×cols matrix x (row stride
// stride) to σ(x_r + bias).
func SigmoidBias[T Float](x []T, rows, cols, stride int, bias []T) {
	check(len(x), rows, cols, stride)
	if rows == 0 || cols == 0 {
		return
	}
	if len(bias) < cols {
		panic("fastvec: bias shorter than a row")
	}
	if is32[T]() {
		C.fastvec_sigmoid_bias_f32((*C.float)(unsafe.Pointer(&x[0])), C.int(rows), C.int(cols), C.int(stride), (*C.float)(unsafe.Pointer(&bias[0])))
		return
	}
	C.fastvec_sigmoid_bias_f64((*C.double)(unsafe.Pointer(&x[0])), C.int(rows), C.int(cols), C.int(stride), (*C.double)(unsafe.Pointer(&bias[0])))
}

// Bernoulli sets dst to a 0/1 sample of the probabilities in p, both
// rows×cols with their own strides; dst may be p.
func Bernoulli[T Float](dst []T, dstStride int, p []T, pStride, rows, cols int, s *Stream) {
	check(len(dst), rows, cols, dstStride)
	check(len(p), rows, cols, pStride)
	if rows == 0 || cols == 0 {
		return
	}
	if is32[T]() {
		C.fastvec_bernoulli_f32((*C.float)(unsafe.Pointer(&dst[0])), C.int(dstStride), (*C.float)(unsafe.Pointer(&p[0])), C.int(pStride), C.int(rows), C.int(cols), &s.s)
		return
	}
	C.fastvec_bernoulli_f64((*C.double)(unsafe.Pointer(&dst[0])), C.int(dstStride), (*C.double)(unsafe.Pointer(&p[0])), C.int(pStride), C.int(rows), C.int(cols), &s.s)
}

// MomentumStep applies a momentum increment with weight decay:
// inc -= decay·w, then w += inc, elementwise.
func MomentumStep[T Float](w, inc []T, decay T) {
	if len(inc) < len(w) {
		panic("fastvec: increments shorter than weights")
	}
	if len(w) == 0 {
		return
	}
	if is32[T]() {
		C.fastvec_momentum_step_f32((*C.float)(unsafe.Pointer(&w[0])), (*C.float)(unsafe.Pointer(&inc[0])), C.long(len(w)), C.float(decay))
		return
	}
	C.fastvec_momentum_step_f64((*C.double)(unsafe.Pointer(&w[0])), (*C.double)(unsafe.Pointer(&inc[0])), C.long(len(w)), C.double(decay))
}

// BiasStep sets inc = momentum·inc + a·Σ_r pos_r − b·Σ_r neg_r, where
// pos and neg are matrices of len(inc) columns with posRows and negRows
// rows.
func BiasStep[T Float](inc []T, momentum, a T, pos []T, posStride, posRows int, b T, neg []T, negStride, negRows int) {
	n := len(inc)
	check(len(pos), posRows, n, posStride)
	check(len(neg), negRows, n, negStride)
	if n == 0 {
		return
	}
	if posRows == 0 {
		pos = inc // never read; any valid pointer
	}
	if negRows == 0 {
		neg = inc
	}
	if is32[T]() {
		C.fastvec_bias_step_f32((*C.float)(unsafe.Pointer(&inc[0])), C.int(n), C.float(momentum), C.float(a),
			(*C.float)(unsafe.Pointer(&pos[0])), C.int(posStride), C.int(posRows),
			C.float(b), (*C.float)(unsafe.Pointer(&neg[0])), C.int(negStride), C.int(negRows))
		return
	}
	C.fastvec_bias_step_f64((*C.double)(unsafe.Pointer(&inc[0])), C.int(n), C.double(momentum), C.double(a),
		(*C.double)(unsafe.Pointer(&pos[0])), C.int(posStride), C.int(posRows),
		C.double(b), (*C.double)(unsafe.Pointer(&neg[0])), C.int(negStride), C.int(negRows))
}

// LoadRows copies rows rows[0], rows[1], … of the float64 matrix src
// (cols columns, row stride srcStride) into consecutive rows of dst,
// converting to T.
func LoadRows[T Float](dst []T, dstStride int, src []float64, srcStride int, rows []int, cols int) {
	check(len(dst), len(rows), cols, dstStride)
	if len(rows) == 0 || cols == 0 {
		return
	}
	srcRows := (len(src)-cols)/srcStride + 1
	for _, i := range rows {
		if i < 0 || i >= srcRows {
			panic("fastvec: row index out of range")
		}
	}
	if unsafe.Sizeof(rows[0]) != unsafe.Sizeof(C.long(0)) {
		panic("fastvec: int and C long differ in size")
	}
	idx := (*C.long)(unsafe.Pointer(&rows[0]))
	if is32[T]() {
		C.fastvec_load_rows_f32((*C.float)(unsafe.Pointer(&dst[0])), C.int(dstStride), (*C.double)(unsafe.Pointer(&src[0])), C.long(srcStride), idx, C.int(len(rows)), C.int(cols))
		return
	}
	C.fastvec_load_rows_f64((*C.double)(unsafe.Pointer(&dst[0])), C.int(dstStride), (*C.double)(unsafe.Pointer(&src[0])), C.long(srcStride), idx, C.int(len(rows)), C.int(cols))
}

// SGDStep applies one step of SGD with momentum and L2 weight decay to
// the parameters p with velocities v and gradient g:
// v = mom·v − lr·(g + decay·p), then p += v, elementwise.
func SGDStep(p, v, g []float64, lr, mom, decay float64) {
	if len(v) < len(p) || len(g) < len(p) {
		panic("fastvec: SGDStep: velocities or gradient shorter than the parameters")
	}
	if len(p) == 0 {
		return
	}
	C.fastvec_sgd_step_f64((*C.double)(unsafe.Pointer(&p[0])), (*C.double)(unsafe.Pointer(&v[0])), (*C.double)(unsafe.Pointer(&g[0])),
		C.long(len(p)), C.double(lr), C.double(mom), C.double(decay))
}

// SumSquaredDiff returns Σ (a−b)² over two rows×cols matrices, summed
// in float64.
func SumSquaredDiff[T Float](a []T, aStride int, b []T, bStride, rows, cols int) float64 {
	check(len(a), rows, cols, aStride)
	check(len(b), rows, cols, bStride)
	if rows == 0 || cols == 0 {
		return 0
	}
	if is32[T]() {
		return float64(C.fastvec_sum_sq_diff_f32((*C.float)(unsafe.Pointer(&a[0])), C.int(aStride), (*C.float)(unsafe.Pointer(&b[0])), C.int(bStride), C.int(rows), C.int(cols)))
	}
	return float64(C.fastvec_sum_sq_diff_f64((*C.double)(unsafe.Pointer(&a[0])), C.int(aStride), (*C.double)(unsafe.Pointer(&b[0])), C.int(bStride), C.int(rows), C.int(cols)))
}
