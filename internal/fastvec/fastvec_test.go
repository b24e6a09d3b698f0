// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package fastvec

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestSigmoidBias(t *testing.T) {
	// Rows of 37 columns in a stride of 40: every vector width's tail
	// is exercised and the 3 columns between rows must stay untouched.
	const rows, cols, stride = 5, 37, 40
	rnd := rand.New(rand.NewPCG(1, 2))
	x64 := make([]float64, rows*stride)
	for i := range x64 {
		x64[i] = 40 * (rnd.Float64() - 0.5)
	}
	x64[0], x64[1], x64[2], x64[3] = 0, 1000, -1000, -88
	bias := make([]float64, cols)
	for j := range bias {
		bias[j] = rnd.NormFloat64()
	}
	want := func(x, b float64) float64 { return 1 / (1 + math.Exp(-(x + b))) }

	got64 := append([]float64(nil), x64...)
	SigmoidBias(got64, rows, cols, stride, bias)
	x32, bias32 := make([]float32, len(x64)), make([]float32, cols)
	for i, x := range x64 {
		x32[i] = float32(x)
	}
	for j, b := range bias {
		bias32[j] = float32(b)
	}
	got32 := append([]float32(nil), x32...)
	SigmoidBias(got32, rows, cols, stride, bias32)

	for r := 0; r < rows; r++ {
		for j := 0; j < stride; j++ {
			i := r*stride + j
			if j >= cols {
				if got64[i] != x64[i] || got32[i] != x32[i] {
					t.Fatalf("element %d outside the %d columns was changed", i, cols)
				}
				continue
			}
			w := want(x64[i], bias[j])
			if d := math.Abs(got64[i]-w) / w; d > 1e-13 && math.Abs(got64[i]-w) > 1e-300 {
				t.Errorf("float64 σ(%g) = %g, want %g (rel. error %.2g)", x64[i]+bias[j], got64[i], w, d)
			}
			// The kernel adds in float32; compare σ of that sum.
			w32 := want(float64(x32[i]+bias32[j]), 0)
			if d := math.Abs(float64(got32[i])-w32) / w32; d > 4e-7 && w32 > 1e-37 {
				t.Errorf("float32 σ(%g) = %g, want %g (rel. error %.2g)", x32[i]+bias32[j], got32[i], w32, d)
			}
		}
	}
}

func TestBernoulli(t *testing.T) {
	const rows, cols, stride = 400, 50, 53
	probs := make([]float32, rows*stride)
	for r := 0; r < rows; r++ {
		for j := 0; j < cols; j++ {
			probs[r*stride+j] = float32(j) / (cols - 1) // 0 … 1 by column
		}
	}
	var s Stream
	s.Seed(rand.New(rand.NewPCG(3, 4)))
	dst := make([]float32, rows*cols)
	Bernoulli(dst, cols, probs, stride, rows, cols, &s)
	for j := 0; j < cols; j++ {
		var ones float64
		for r := 0; r < rows; r++ {
			v := dst[r*cols+j]
			if v != 0 && v != 1 {
				t.Fatalf("sample %g is not 0 or 1", v)
			}
			ones += float64(v)
		}
		p := float64(j) / (cols - 1)
		// 5 binomial standard deviations; p = 0 and 1 must be exact.
		if sd := math.Sqrt(rows * p * (1 - p)); math.Abs(ones-rows*p) > 5*sd {
			t.Errorf("column %d (p = %.3f): %g ones in %d, want %.1f ± %.1f", j, p, ones, rows, rows*p, 5*sd)
		}
	}

	// Same seed, same samples; float64 in place agrees in distribution.
	var a, b Stream
	a.Seed(rand.New(rand.NewPCG(5, 6)))
	b.Seed(rand.New(rand.NewPCG(5, 6)))
	p64 := make([]float64, 1000)
	for i := range p64 {
		p64[i] = 0.3
	}
	q64 := append([]float64(nil), p64...)
	Bernoulli(p64, 1000, p64, 1000, 1, 1000, &a)
	Bernoulli(q64, 1000, q64, 1000, 1, 1000, &b)
	var ones float64
	for i := range p64 {
		if p64[i] != q64[i] {
			t.Fatal("two streams seeded alike gave different samples")
		}
		ones += p64[i]
	}
	if math.Abs(ones-300) > 5*math.Sqrt(1000*0.3*0.7) {
		t.Errorf("float64: %g ones in 1000 at p = 0.3", ones)
	}
}

func TestMomentumStepAndSumSquaredDiff(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	const n = 1003
	w, inc := make([]float32, n), make([]float32, n)
	for i := range w {
		w[i], inc[i] = float32(rnd.NormFloat64()), float32(rnd.NormFloat64())
	}
	wantW, wantInc := append([]float32(nil), w...), append([]float32(nil), inc...)
	for i := range wantW {
		d := 0.9*wantInc[i] - 0.01*wantW[i]
		wantInc[i], wantW[i] = d, wantW[i]+d
	}
	MomentumStep(w, inc, 0.9, 0.01)
	for i := range w {
		if math.Abs(float64(w[i]-wantW[i])) > 1e-6 || math.Abs(float64(inc[i]-wantInc[i])) > 1e-6 {
			t.Fatalf("element %d: w %g inc %g, want %g %g", i, w[i], inc[i], wantW[i], wantInc[i])
		}
	}

	a, b := make([]float64, 7*30), make([]float64, 7*20)
	for i := range a {
		a[i] = rnd.Float64()
	}
	for i := range b {
		b[i] = rnd.Float64()
	}
	var want float64
	for r := 0; r < 7; r++ {
		for j := 0; j < 19; j++ {
			d := a[r*30+j] - b[r*20+j]
			want += d * d
		}
	}
	if got := SumSquaredDiff(a, 30, b, 20, 7, 19); math.Abs(got-want) > 1e-12*want {
		t.Errorf("SumSquaredDiff = %v, want %v", got, want)
	}
	a32, b32 := make([]float32, len(a)), make([]float32, len(b))
	for i := range a {
		a32[i] = float32(a[i])
	}
	for i := range b {
		b32[i] = float32(b[i])
	}
	if got := SumSquaredDiff(a32, 30, b32, 20, 7, 19); math.Abs(got-want) > 1e-5*want {
		t.Errorf("float32 SumSquaredDiff = %v, want %v", got, want)
	}
}

func TestShapeChecks(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a matrix that does not fit its slice did not panic")
		}
	}()
	SigmoidBias(make([]float32, 10), 2, 6, 6, make([]float32, 6))
}

func BenchmarkSigmoidBias(b *testing.B) {
	x, bias := make([]float32, 100*500), make([]float32, 500)
	for b.Loop() {
		SigmoidBias(x, 100, 500, 500, bias)
	}
}

func BenchmarkBernoulli(b *testing.B) {
	x := make([]float32, 100*500)
	var s Stream
	s.Seed(rand.New(rand.NewPCG(1, 1)))
	for b.Loop() {
		Bernoulli(x, 500, x, 500, 100, 500, &s)
	}
}

func BenchmarkMomentumStep(b *testing.B) {
	w, inc := make([]float32, 784*500), make([]float32, 784*500)
	for b.Loop() {
		MomentumStep(w, inc, 0.9, 1e-5)
	}
}

func TestBiasStep(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	const n, stride = 21, 25
	pos, neg := make([]float64, 3*stride), make([]float64, 5*stride)
	for i := range pos {
		pos[i] = rnd.Float64()
	}
	for i := range neg {
		neg[i] = rnd.Float64()
	}
	inc := make([]float64, n)
	want := make([]float64, n)
	for j := range inc {
		inc[j] = rnd.NormFloat64()
		want[j] = 0.9 * inc[j]
		for r := 0; r < 3; r++ {
			want[j] += 0.2 * pos[r*stride+j]
		}
		for r := 0; r < 5; r++ {
			want[j] -= 0.3 * neg[r*stride+j]
		}
	}
	BiasStep(inc, 0.9, 0.2, pos, stride, 3, 0.3, neg, stride, 5)
	for j := range inc {
		if math.Abs(inc[j]-want[j]) > 1e-12 {
			t.Errorf("inc[%d] = %g, want %g", j, inc[j], want[j])
		}
	}
}

func TestLoadRows(t *testing.T) {
	const rows, cols, stride = 9, 13, 15
	src := make([]float64, (rows-1)*stride+cols) // like a gonum slice view
	for i := range src {
		src[i] = float64(i) / 7
	}
	idx := []int{8, 0, 3, 3}
	d32, d64 := make([]float32, 4*cols), make([]float64, 4*cols)
	LoadRows(d32, cols, src, stride, idx, cols)
	LoadRows(d64, cols, src, stride, idx, cols)
	for k, i := range idx {
		for j := 0; j < cols; j++ {
			want := src[i*stride+j]
			if d64[k*cols+j] != want || d32[k*cols+j] != float32(want) {
				t.Fatalf("row %d (source row %d) column %d: %g and %g, want %g", k, i, j, d64[k*cols+j], d32[k*cols+j], want)
			}
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("a row index past the end did not panic")
		}
	}()
	LoadRows(d32, cols, src, stride, []int{rows}, cols)
}

func TestSGDStep(t *testing.T) {
	rnd := rand.New(rand.NewPCG(13, 14))
	const n = 101
	p, v, g := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range p {
		p[i], v[i], g[i] = rnd.NormFloat64(), rnd.NormFloat64(), rnd.NormFloat64()
	}
	wp, wv := append([]float64(nil), p...), append([]float64(nil), v...)
	// Descent (scale −1) on a loss with gradient g.
	for i := range wp {
		wv[i] = 0.9*wv[i] - 0.1*(g[i]+0.001*wp[i])
		wp[i] += wv[i]
	}
	SGDStep(p, v, g, -1, 0.1, 0.9, 0.001)
	for i := range p {
		if math.Abs(p[i]-wp[i]) > 1e-15 || math.Abs(v[i]-wv[i]) > 1e-15 {
			t.Fatalf("element %d: p %g v %g, want %g %g", i, p[i], v[i], wp[i], wv[i])
		}
	}
}
