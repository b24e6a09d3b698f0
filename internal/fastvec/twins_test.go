// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build cgo && !purego

package fastvec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// In a cgo build the exported functions run the C kernels; these tests
// run the Go twins that a build without cgo uses on the same inputs
// and demand the same numbers: samples equal to the bit, values equal
// to within a few units in the last place (to the bit on amd64, where
// neither side fuses multiply-adds).

// ulps returns how many values of T lie between a and b.
func ulps[T Float](a, b T) uint64 {
	if a == b {
		return 0
	}
	ia, ib := int64(math.Float64bits(float64(a))), int64(math.Float64bits(float64(b)))
	if is32[T]() {
		ia, ib = int64(int32(math.Float32bits(float32(a)))), int64(int32(math.Float32bits(float32(b))))
	}
	if (ia < 0) != (ib < 0) {
		return math.MaxUint64
	}
	d := ia - ib
	if d < 0 {
		d = -d
	}
	return uint64(d)
}

const maxULPs = 4

func sameFloats[T Float](t *testing.T, what string, c, g []T) {
	t.Helper()
	var worst uint64
	for i := range c {
		u := ulps(c[i], g[i])
		worst = max(worst, u)
		if u > maxULPs {
			t.Fatalf("%s: element %d: C %v, Go %v (%d ulps apart)", what, i, c[i], g[i], u)
		}
	}
	t.Logf("%s: C and Go at most %d ulps apart", what, worst)
}

func sameSamples[T Float](t *testing.T, what string, c, g []T) {
	t.Helper()
	for i := range c {
		if c[i] != g[i] {
			t.Fatalf("%s: sample %d: C %v, Go %v", what, i, c[i], g[i])
		}
	}
}

func randomInputs(rnd *rand.Rand, n int, scale float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = scale * rnd.NormFloat64()
	}
	return x
}

func to32(x []float64) []float32 {
	y := make([]float32, len(x))
	for i, v := range x {
		y[i] = float32(v)
	}
	return y
}

func TestTwinSigmoid(t *testing.T) {
	rnd := rand.New(rand.NewPCG(21, 22))
	const rows, cols, stride = 7, 45, 47
	x := randomInputs(rnd, rows*stride, 8)
	x[0], x[1], x[2], x[3] = 0, 1000, -1000, -700
	bias := randomInputs(rnd, cols, 1)
	c, g := append([]float64(nil), x...), append([]float64(nil), x...)
	SigmoidBias(c, rows, cols, stride, bias)
	goSigmoidBias(g, rows, cols, stride, bias)
	sameFloats(t, "σ float64", c, g)

	c32, g32 := to32(x), to32(x)
	SigmoidBias(c32, rows, cols, stride, to32(bias))
	goSigmoidBias(g32, rows, cols, stride, to32(bias))
	sameFloats(t, "σ float32", c32, g32)
}

func TestTwinStreams(t *testing.T) {
	const rows, cols, stride = 9, 37, 40 // a partial block of lanes at every row's end
	rnd := rand.New(rand.NewPCG(23, 24))
	p := make([]float64, rows*stride)
	for i := range p {
		p[i] = rnd.Float64()
	}
	var sc, sg Stream
	sc.Seed(rand.New(rand.NewPCG(1, 2)))
	sg = sc
	for round := 0; round < 3; round++ { // the streams must stay in step
		c, g := make([]float64, rows*cols), make([]float64, rows*cols)
		Bernoulli(c, cols, p, stride, rows, cols, &sc)
		goBernoulliF64(g, cols, p, stride, rows, cols, &sg)
		sameSamples(t, "Bernoulli float64", c, g)

		c32, g32 := make([]float32, rows*cols), make([]float32, rows*cols)
		p32 := to32(p)
		Bernoulli(c32, cols, p32, stride, rows, cols, &sc)
		goBernoulliF32(g32, cols, p32, stride, rows, cols, &sg)
		sameSamples(t, "Bernoulli float32", c32, g32)
	}
	if sc != sg {
		t.Error("after the same draws the C and Go streams differ")
	}
}

func TestTwinUpdates(t *testing.T) {
	rnd := rand.New(rand.NewPCG(25, 26))
	const n = 333
	w, inc := randomInputs(rnd, n, 1), randomInputs(rnd, n, 0.1)
	wc, ic := append([]float64(nil), w...), append([]float64(nil), inc...)
	MomentumStep(wc, ic, 0.9, 0.003)
	goMomentumStep(w, inc, 0.9, 0.003)
	sameFloats(t, "MomentumStep w", wc, w)
	sameFloats(t, "MomentumStep inc", ic, inc)

	p, v, g := randomInputs(rnd, n, 1), randomInputs(rnd, n, 0.1), randomInputs(rnd, n, 1)
	pc, vc := append([]float64(nil), p...), append([]float64(nil), v...)
	SGDStep(pc, vc, g, 0.25, 0.1, 0.9, 0.001)
	goSGDStep(p, v, g, 0.25, 0.1, 0.9, 0.001)
	sameFloats(t, "SGDStep p", pc, p)
	sameFloats(t, "SGDStep v", vc, v)

	const cols, stride = 29, 31
	pos, neg := randomInputs(rnd, 4*stride, 1), randomInputs(rnd, 6*stride, 1)
	bi := randomInputs(rnd, cols, 1)
	bc := append([]float64(nil), bi...)
	BiasStep(bc, 0.5, 0.01, pos, stride, 4, 0.02, neg, stride, 6)
	goBiasStep(bi, 0.5, 0.01, pos, stride, 4, 0.02, neg, stride, 6)
	sameFloats(t, "BiasStep", bc, bi)

	a, b := randomInputs(rnd, 5*stride, 1), randomInputs(rnd, 5*stride, 1)
	if c, g := SumSquaredDiff(a, stride, b, stride, 5, cols), goSumSqDiff(a, stride, b, stride, 5, cols); ulps(c, g) > maxULPs {
		t.Errorf("SumSquaredDiff: C %v, Go %v", c, g)
	}
	a32, b32 := to32(a), to32(b)
	if c, g := SumSquaredDiff(a32, stride, b32, stride, 5, cols), goSumSqDiff(a32, stride, b32, stride, 5, cols); ulps(c, g) > maxULPs {
		t.Errorf("float32 SumSquaredDiff: C %v, Go %v", c, g)
	}
}

func TestTwinAIS(t *testing.T) {
	rnd := rand.New(rand.NewPCG(27, 28))
	const rows, cols, stride = 6, 53, 55
	x := randomInputs(rnd, rows*stride, 5)
	c := randomInputs(rnd, cols, 1)
	var sc, sg Stream
	sc.Seed(rand.New(rand.NewPCG(3, 4)))
	sg = sc
	hc, hg := make([]float64, rows*cols), make([]float64, rows*cols)
	dc, dg := make([]float64, rows), make([]float64, rows)
	AISHidden(x, rows, cols, stride, c, 0.7, 0.69, hc, cols, dc, &sc)
	goAISHidden(x, rows, cols, stride, c, 0.7, 0.69, hg, cols, dg, &sg)
	sameSamples(t, "AISHidden samples", hc, hg)
	sameFloats(t, "AISHidden log weights", dc, dg)

	base, b := randomInputs(rnd, cols, 1), randomInputs(rnd, cols, 1)
	vc, vg := append([]float64(nil), x...), append([]float64(nil), x...)
	AISVisible(vc, rows, cols, stride, base, b, 0.3, &sc)
	goAISVisible(vg, rows, cols, stride, base, b, 0.3, &sg)
	sameSamples(t, "AISVisible samples", vc, vg)

	y := randomInputs(rnd, cols, 1)
	oc, og := make([]float64, rows), make([]float64, rows)
	DotRows(x, rows, cols, stride, y, oc)
	goDotRows(x, rows, cols, stride, y, og)
	sameFloats(t, "DotRows", oc, og)
}
