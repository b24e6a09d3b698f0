// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package fastvec

import (
	"math/rand/v2"
	"unsafe"
)

// Lanes is the number of independent generators in a Stream: one per
// float32 lane of an AVX-512 register.
const Lanes = 16

// Stream is the state of Lanes xoshiro128+ generators. Each call to a
// sampling kernel advances all of them once per Lanes columns of every
// row it samples, lane l giving the uniform of column j+l. The zero
// value is not usable; call Seed.
type Stream struct {
	s [4][Lanes]uint32 // laid out as the C struct fastvec_stream
}

// Seed sets the generators' state from rnd.
func (s *Stream) Seed(rnd *rand.Rand) {
	for i := range s.s {
		for l := range s.s[i] {
			s.s[i][l] = rnd.Uint32()
		}
	}
	// xoshiro's state must not be all zero.
	for l := range s.s[0] {
		if s.s[0][l]|s.s[1][l]|s.s[2][l]|s.s[3][l] == 0 {
			s.s[0][l] = 1
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

// f32 and f64 view a []T as the slice of its underlying type.
func f32[T Float](x []T) []float32 {
	return unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(x))), len(x))
}

func f64[T Float](x []T) []float64 {
	return unsafe.Slice((*float64)(unsafe.Pointer(unsafe.SliceData(x))), len(x))
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
		sigmoidBiasF32(f32(x), rows, cols, stride, f32(bias))
		return
	}
	sigmoidBiasF64(f64(x), rows, cols, stride, f64(bias))
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
		bernoulliF32(f32(dst), dstStride, f32(p), pStride, rows, cols, s)
		return
	}
	bernoulliF64(f64(dst), dstStride, f64(p), pStride, rows, cols, s)
}

// MomentumStep applies a momentum increment with weight decay:
// inc = momentum·inc − decay·w, then w += inc, elementwise. A caller
// whose increments hold momentum·inc already (a matrix product with
// β = momentum) passes momentum 1; one whose product added to inc
// itself (β = 1, cheaper: no separate pass to scale inc first) passes
// its momentum here.
func MomentumStep[T Float](w, inc []T, momentum, decay T) {
	if len(inc) < len(w) {
		panic("fastvec: increments shorter than weights")
	}
	if len(w) == 0 {
		return
	}
	if is32[T]() {
		momentumStepF32(f32(w), f32(inc), float32(momentum), float32(decay))
		return
	}
	momentumStepF64(f64(w), f64(inc), float64(momentum), float64(decay))
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
		biasStepF32(f32(inc), float32(momentum), float32(a), f32(pos), posStride, posRows, float32(b), f32(neg), negStride, negRows)
		return
	}
	biasStepF64(f64(inc), float64(momentum), float64(a), f64(pos), posStride, posRows, float64(b), f64(neg), negStride, negRows)
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
	if is32[T]() {
		loadRowsF32(f32(dst), dstStride, src, srcStride, rows, cols)
		return
	}
	loadRowsF64(f64(dst), dstStride, src, srcStride, rows, cols)
}

// SGDStep applies one step of gradient ascent with momentum and L2
// weight decay to the parameters p with velocities v and gradient g:
// v = mom·v + lr·(scale·g − decay·p), then p += v, elementwise. A
// scale of −1 descends a loss whose gradient g is.
func SGDStep(p, v, g []float64, scale, lr, mom, decay float64) {
	if len(v) < len(p) || len(g) < len(p) {
		panic("fastvec: SGDStep: velocities or gradient shorter than the parameters")
	}
	if len(p) == 0 {
		return
	}
	sgdStepF64(p, v, g, scale, lr, mom, decay)
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
		return sumSqDiffF32(f32(a), aStride, f32(b), bStride, rows, cols)
	}
	return sumSqDiffF64(f64(a), aStride, f64(b), bStride, rows, cols)
}

// AISHidden is one annealing step's hidden-unit work for rows runs of
// annealed importance sampling: with z = x_r + c for the rows×cols
// matrix x (row stride stride), it sets
//
//	dlogw[r] = Σ_j softplus(β·z_rj) − softplus(β'·z_rj)
//
// (β' = prev) and, unless h is nil, h to a sample of σ(β·z).
func AISHidden(x []float64, rows, cols, stride int, c []float64, beta, prev float64, h []float64, hStride int, dlogw []float64, s *Stream) {
	check(len(x), rows, cols, stride)
	if len(c) < cols || len(dlogw) < rows {
		panic("fastvec: AISHidden: c or dlogw too short")
	}
	if rows == 0 || cols == 0 {
		return
	}
	if h != nil {
		check(len(h), rows, cols, hStride)
	}
	aisHidden(x, rows, cols, stride, c, beta, prev, h, hStride, dlogw, s)
}

// AISVisible sets the rows×cols matrix v, which holds h·Wᵀ, to a sample
// of σ((1−β)·base + β·(v + b)), row by row.
func AISVisible(v []float64, rows, cols, stride int, base, b []float64, beta float64, s *Stream) {
	check(len(v), rows, cols, stride)
	if len(base) < cols || len(b) < cols {
		panic("fastvec: AISVisible: base or b too short")
	}
	if rows == 0 || cols == 0 {
		return
	}
	aisVisible(v, rows, cols, stride, base, b, beta, s)
}

// DotRows sets out[r] to the dot product of row r of the rows×cols
// matrix x with y.
func DotRows(x []float64, rows, cols, stride int, y, out []float64) {
	check(len(x), rows, cols, stride)
	if len(y) < cols || len(out) < rows {
		panic("fastvec: DotRows: y or out too short")
	}
	if rows == 0 || cols == 0 {
		return
	}
	dotRows(x, rows, cols, stride, y, out)
}
