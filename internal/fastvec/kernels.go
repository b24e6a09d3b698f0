// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package fastvec

import "math"

// The Go twins of the C kernels, compiled into every build: a build
// without cgo runs them (purego.go), and the tests of a cgo build
// check that the C kernels compute the same numbers. Each follows its C
// function (named in its comment) operation by operation, so keep the
// two in step.

// sigmoid32 is vec.h's sigmoid_f32: 1/(1+e^-x) to within a few float32
// ulps, with e^-x = 2^n·e^g, |g| ≤ ln2/2, and a degree-7 polynomial.
func sigmoid32(x float32) float32 {
	y := -x * 1.44269504088896341 // -x·log2(e)
	if y > 126 {
		y = 126
	}
	if y < -126 {
		y = -126
	}
	const shifter = 12582912 // 1.5·2^23: y+shifter rounds y to an integer
	n := (y + shifter) - shifter
	// g = -x - n·ln2 with ln2 split in two (Cody & Waite).
	g := (-x - n*0.693145751953125) - n*1.428606765330187045e-6
	g2 := g * g
	g4 := g2 * g2
	p := (1 + g) + g2*(0.5+g*(1.0/6)) +
		g4*((1.0/24+g*(1.0/120))+g2*(1.0/720+g*(1.0/5040)))
	scale := math.Float32frombits(uint32((int32(n) + 127) << 23))
	return 1 / (1 + p*scale)
}

// exp64 is vec.h's exp_f64: e^z to a relative error of about 1e-15 for
// |z| ≤ 708, saturating near 2^±1022 beyond.
func exp64(z float64) float64 {
	y := z * 1.4426950408889634074
	if y > 1022 {
		y = 1022
	}
	if y < -1022 {
		y = -1022
	}
	const shifter = 6755399441055744.0 // 1.5·2^52
	n := (y + shifter) - shifter
	g := (z - n*6.93147180369123816490e-01) - n*1.90821492927058770002e-10
	g2 := g * g
	g4 := g2 * g2
	g8 := g4 * g4
	p := ((1 + g) + g2*(1.0/2+g*(1.0/6))) +
		g4*((1.0/24+g*(1.0/120))+g2*(1.0/720+g*(1.0/5040))) +
		g8*((1.0/40320+g*(1.0/362880))+g2*(1.0/3628800+g*(1.0/39916800))+
			g4*(1.0/479001600))
	scale := math.Float64frombits(uint64(int64(int32(n))+1023) << 52)
	return p * scale
}

// sigmoid64 is vec.h's sigmoid_f64: 1/(1+e^-x) to about 1e-14 relative.
func sigmoid64(x float64) float64 { return 1 / (1 + exp64(-x)) }

// uniforms is vec.h's uniform: it advances every lane's xoshiro128+
// generator and sets u to their top 24 bits as uniforms (k+½)/2^24.
func (s *Stream) uniforms(u *[Lanes]float32) {
	s0, s1, s2, s3 := &s.s[0], &s.s[1], &s.s[2], &s.s[3]
	for l := 0; l < Lanes; l++ {
		r := s0[l] + s3[l]
		t := s1[l] << 9
		s2[l] ^= s0[l]
		s3[l] ^= s1[l]
		s1[l] ^= s2[l]
		s0[l] ^= s3[l]
		s2[l] ^= t
		s3[l] = s3[l]<<11 | s3[l]>>21
		u[l] = (float32(int32(r>>8)) + 0.5) * 0x1p-24
	}
}

// goSigmoidBias is fastvec_sigmoid_bias_f32 and _f64.
func goSigmoidBias[T Float](x []T, rows, cols, stride int, bias []T) {
	bias = bias[:cols]
	for r := 0; r < rows; r++ {
		row := x[r*stride : r*stride+cols]
		for j, v := range row {
			row[j] = sigmoidOf(v + bias[j])
		}
	}
}

// sigmoidOf is sigmoid32 or sigmoid64, by the precision of T.
func sigmoidOf[T Float](x T) T {
	if is32[T]() {
		return T(sigmoid32(float32(x)))
	}
	return T(sigmoid64(float64(x)))
}

// goBernoulliF32 is fastvec_bernoulli_f32: one draw of the lanes per
// Lanes columns of a row, the last draw of a row partly unused.
func goBernoulliF32(dst []float32, dstStride int, p []float32, pStride, rows, cols int, s *Stream) {
	var u [Lanes]float32
	for r := 0; r < rows; r++ {
		d, q := dst[r*dstStride:r*dstStride+cols], p[r*pStride:r*pStride+cols]
		for j := 0; j < cols; j += Lanes {
			s.uniforms(&u)
			for l := 0; l < Lanes && j+l < cols; l++ {
				d[j+l] = 0
				if u[l] < q[j+l] {
					d[j+l] = 1
				}
			}
		}
	}
}

// goBernoulliF64 is fastvec_bernoulli_f64 (vec.h's bernoulli_row_f64
// for every row).
func goBernoulliF64(dst []float64, dstStride int, p []float64, pStride, rows, cols int, s *Stream) {
	for r := 0; r < rows; r++ {
		bernoulliRow64(dst[r*dstStride:r*dstStride+cols], p[r*pStride:r*pStride+cols], s)
	}
}

// bernoulliRow64 is vec.h's bernoulli_row_f64: d[j] = 1 with
// probability q[j], else 0 (d may be q).
func bernoulliRow64(d, q []float64, s *Stream) {
	var u [Lanes]float32
	for j := 0; j < len(q); j += Lanes {
		s.uniforms(&u)
		for l := 0; l < Lanes && j+l < len(q); l++ {
			if float64(u[l]) < q[j+l] {
				d[j+l] = 1
			} else {
				d[j+l] = 0
			}
		}
	}
}

// goMomentumStep is fastvec_momentum_step_f32 and _f64.
func goMomentumStep[T Float](w, inc []T, momentum, decay T) {
	inc = inc[:len(w)]
	for i, x := range w {
		d := momentum*inc[i] - decay*x
		inc[i] = d
		w[i] = x + d
	}
}

// goBiasStep is fastvec_bias_step_f32 and _f64.
func goBiasStep[T Float](inc []T, momentum, a T, pos []T, posStride, posRows int, b T, neg []T, negStride, negRows int) {
	n := len(inc)
	for j := range inc {
		inc[j] *= momentum
	}
	for r := 0; r < posRows; r++ {
		for j, x := range pos[r*posStride : r*posStride+n] {
			inc[j] += a * x
		}
	}
	for r := 0; r < negRows; r++ {
		for j, x := range neg[r*negStride : r*negStride+n] {
			inc[j] -= b * x
		}
	}
}

// goLoadRows is fastvec_load_rows_f32 and _f64.
func goLoadRows[T Float](dst []T, dstStride int, src []float64, srcStride int, rows []int, cols int) {
	for k, i := range rows {
		d := dst[k*dstStride : k*dstStride+cols]
		for j, x := range src[i*srcStride : i*srcStride+cols] {
			d[j] = T(x)
		}
	}
}

// goSGDStep is fastvec_sgd_step_f64.
func goSGDStep(p, v, g []float64, scale, lr, mom, decay float64) {
	v, g = v[:len(p)], g[:len(p)]
	for i := range p {
		vi := mom*v[i] + lr*(scale*g[i]-decay*p[i])
		v[i] = vi
		p[i] += vi
	}
}

// goSumSqDiff is fastvec_sum_sq_diff_f32 and _f64: per row, Lanes
// partial sums in T over the whole blocks, added up in float64 with the
// tail.
func goSumSqDiff[T Float](a []T, aStride int, b []T, bStride, rows, cols int) float64 {
	var total float64
	for r := 0; r < rows; r++ {
		x, y := a[r*aStride:r*aStride+cols], b[r*bStride:r*bStride+cols]
		var acc [Lanes]T
		j := 0
		for ; j+Lanes <= cols; j += Lanes {
			for l := range acc {
				d := x[j+l] - y[j+l]
				acc[l] += d * d
			}
		}
		var s float64
		for _, v := range acc {
			s += float64(v)
		}
		for ; j < cols; j++ {
			d := float64(x[j]) - float64(y[j])
			s += d * d
		}
		total += s
	}
	return total
}

// log1pUnit is ais.c's log1p_unit: log(1+t) for t ∈ [0, 1] as
// 2(s + s³/3 + s⁵/5 + …) with s = t/(2+t) ≤ 1/3.
func log1pUnit(t float64) float64 {
	s := t / (2 + t)
	s2 := s * s
	q := 1.0 / 35
	for _, k := range [...]float64{33, 31, 29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1} {
		q = q*s2 + 1/k
	}
	return 2 * s * q
}

// softplusFrom is ais.c's softplus: log(1+e^z) from z and e = e^−|z|.
func softplusFrom(z, e float64) float64 {
	if z > 0 {
		return z + log1pUnit(e)
	}
	return 0 + log1pUnit(e)
}

// goAISHidden is fastvec_ais_hidden.
func goAISHidden(x []float64, rows, cols, stride int, c []float64, beta, prev float64, h []float64, hStride int, dlogw []float64, st *Stream) {
	for r := 0; r < rows; r++ {
		xr := x[r*stride : r*stride+cols]
		var hr []float64
		if h != nil {
			hr = h[r*hStride : r*hStride+cols]
		}
		var acc [Lanes]float64
		var s float64
		j := 0
		for ; j+Lanes <= cols; j += Lanes {
			for l := range acc {
				z := xr[j+l] + c[j+l]
				zb, zp := beta*z, prev*z
				eb, ep := exp64(-math.Abs(zb)), exp64(-math.Abs(zp))
				acc[l] += softplusFrom(zb, eb) - softplusFrom(zp, ep)
				if hr != nil {
					rb := 1 / (1 + eb) // σ(|zb|)
					if zb < 0 {
						rb = eb * rb
					}
					hr[j+l] = rb
				}
			}
		}
		for ; j < cols; j++ {
			z := xr[j] + c[j]
			zb, zp := beta*z, prev*z
			eb, ep := exp64(-math.Abs(zb)), exp64(-math.Abs(zp))
			s += softplusFrom(zb, eb) - softplusFrom(zp, ep)
			if hr != nil {
				hr[j] = sigmoid64(zb)
			}
		}
		for _, v := range acc {
			s += v
		}
		dlogw[r] = s
		if hr != nil {
			bernoulliRow64(hr, hr, st)
		}
	}
}

// goAISVisible is fastvec_ais_visible.
func goAISVisible(v []float64, rows, cols, stride int, base, b []float64, beta float64, s *Stream) {
	for r := 0; r < rows; r++ {
		vr := v[r*stride : r*stride+cols]
		for j, a := range vr {
			vr[j] = sigmoid64((1-beta)*base[j] + beta*(a+b[j]))
		}
		bernoulliRow64(vr, vr, s)
	}
}

// goDotRows is fastvec_dot_rows.
func goDotRows(x []float64, rows, cols, stride int, y, out []float64) {
	for r := 0; r < rows; r++ {
		xr := x[r*stride : r*stride+cols]
		var acc [Lanes]float64
		var s float64
		j := 0
		for ; j+Lanes <= cols; j += Lanes {
			for l := range acc {
				acc[l] += xr[j+l] * y[j+l]
			}
		}
		for ; j < cols; j++ {
			s += xr[j] * y[j]
		}
		for _, v := range acc {
			s += v
		}
		out[r] = s
	}
}
