// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package fastvec

import (
	"math"
	"math/rand/v2"
	"testing"
)

func softplusRef(z float64) float64 {
	if z > 0 {
		return z + math.Log1p(math.Exp(-z))
	}
	return math.Log1p(math.Exp(z))
}

func TestAISHidden(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	const rows, cols, stride = 6, 37, 40
	x := make([]float64, rows*stride)
	for i := range x {
		x[i] = 6 * rnd.NormFloat64()
	}
	x[0], x[1], x[2], x[3] = 0, 800, -800, 1e-9
	c := make([]float64, cols)
	for j := range c {
		c[j] = rnd.NormFloat64()
	}
	for _, b := range [][2]float64{{0.5, 0.49}, {1, 0.999}, {1e-4, 0}} {
		beta, prev := b[0], b[1]
		dlogw := make([]float64, rows)
		h := make([]float64, rows*cols)
		var s Stream
		s.Seed(rand.New(rand.NewPCG(1, 1)))
		AISHidden(x, rows, cols, stride, c, beta, prev, h, cols, dlogw, &s)
		for r := 0; r < rows; r++ {
			var want, scale float64
			for j := 0; j < cols; j++ {
				z := x[r*stride+j] + c[j]
				want += softplusRef(beta*z) - softplusRef(prev*z)
				scale += softplusRef(beta*z) + softplusRef(prev*z)
			}
			if math.Abs(dlogw[r]-want) > 1e-14*scale+1e-300 {
				t.Errorf("β %g β' %g row %d: Σ softplus differences %.17g, want %.17g", beta, prev, r, dlogw[r], want)
			}
			for j := 0; j < cols; j++ {
				if v := h[r*cols+j]; v != 0 && v != 1 {
					t.Fatalf("hidden sample %g is not 0 or 1", v)
				}
			}
		}
		// Without h, the same weights.
		again := make([]float64, rows)
		AISHidden(x, rows, cols, stride, c, beta, prev, nil, 0, again, &s)
		for r := range again {
			if again[r] != dlogw[r] {
				t.Errorf("with and without sampling the weights differ: %g, %g", again[r], dlogw[r])
			}
		}
	}

	// The samples follow σ(β·z): one unit at z with σ = 0.3, many runs.
	const runs = 4000
	xs := make([]float64, runs)
	z := math.Log(0.3 / 0.7)
	for i := range xs {
		xs[i] = z
	}
	hs, dl := make([]float64, runs), make([]float64, runs)
	var s Stream
	s.Seed(rand.New(rand.NewPCG(2, 2)))
	AISHidden(xs, runs, 1, 1, []float64{0}, 1, 0.5, hs, 1, dl, &s)
	var ones float64
	for _, v := range hs {
		ones += v
	}
	if sd := math.Sqrt(runs * 0.3 * 0.7); math.Abs(ones-0.3*runs) > 5*sd {
		t.Errorf("%g of %d hidden samples on at σ = 0.3", ones, runs)
	}
}

func TestAISVisible(t *testing.T) {
	const runs, cols = 3000, 3
	v := make([]float64, runs*cols)
	for r := 0; r < runs; r++ {
		v[r*cols], v[r*cols+1], v[r*cols+2] = 1, -2, 0.5 // h·Wᵀ
	}
	base, b := []float64{0, 2, -1}, []float64{-1, 1, 0.5}
	var s Stream
	s.Seed(rand.New(rand.NewPCG(3, 3)))
	const beta = 0.7
	AISVisible(v, runs, cols, cols, base, b, beta, &s)
	for j := 0; j < cols; j++ {
		a := []float64{1, -2, 0.5}[j]
		p := 1 / (1 + math.Exp(-((1-beta)*base[j] + beta*(a+b[j]))))
		var ones float64
		for r := 0; r < runs; r++ {
			ones += v[r*cols+j]
		}
		if sd := math.Sqrt(runs * p * (1 - p)); math.Abs(ones-p*runs) > 5*sd {
			t.Errorf("unit %d: %g of %d on, want %.0f ± %.0f", j, ones, runs, p*runs, 5*sd)
		}
	}
}

func TestDotRows(t *testing.T) {
	rnd := rand.New(rand.NewPCG(4, 4))
	const rows, cols, stride = 3, 35, 36
	x, y := make([]float64, rows*stride), make([]float64, cols)
	for i := range x {
		x[i] = rnd.NormFloat64()
	}
	for i := range y {
		y[i] = rnd.NormFloat64()
	}
	out := make([]float64, rows)
	DotRows(x, rows, cols, stride, y, out)
	for r := 0; r < rows; r++ {
		var want float64
		for j := 0; j < cols; j++ {
			want += x[r*stride+j] * y[j]
		}
		if math.Abs(out[r]-want) > 1e-13 {
			t.Errorf("row %d: %g, want %g", r, out[r], want)
		}
	}
}
