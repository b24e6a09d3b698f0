// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/internal/fastvec"
)

// TestCDKernelsMatchGo checks that the C kernels used in cgo builds
// compute what the Go loops of pure-Go builds compute (the sampling
// kernels only in distribution: their generators differ). Without the
// C kernels it checks the Go loops against their definitions.
func TestCDKernelsMatchGo(t *testing.T) {
	rnd := rand.New(rand.NewPCG(31, 32))
	const rows, cols, stride = 7, 45, 50
	m := newCDMat[float32](rows, stride)
	m.cols = cols
	for i := range m.data {
		m.data[i] = float32(8 * rnd.NormFloat64())
	}
	bias := make([]float32, cols)
	for j := range bias {
		bias[j] = float32(rnd.NormFloat64())
	}

	// σ(x + bias): both within float32 rounding of the exact value.
	got := cdMat[float32]{rows: rows, cols: cols, stride: stride, data: append([]float32(nil), m.data...)}
	sigmoidRows(got, bias)
	want := cdMat[float32]{rows: rows, cols: cols, stride: stride, data: append([]float32(nil), m.data...)}
	addBiasSigmoidT(want, bias)
	for r := 0; r < rows; r++ {
		for j := 0; j < cols; j++ {
			x := float64(m.row(r)[j] + bias[j])
			exact := 1 / (1 + math.Exp(-x))
			for _, v := range []float32{got.row(r)[j], want.row(r)[j]} {
				if math.Abs(float64(v)-exact) > 3e-7*exact {
					t.Fatalf("σ(%g): kernel %g, Go %g, exact %g", x, got.row(r)[j], want.row(r)[j], exact)
				}
			}
		}
	}

	// Momentum and bias steps: the same arithmetic.
	w, inc := append([]float32(nil), m.data...), make([]float32, len(m.data))
	for i := range inc {
		inc[i] = float32(rnd.NormFloat64())
	}
	w2, inc2 := append([]float32(nil), w...), append([]float32(nil), inc...)
	momentumStep(w, inc, 0.003)
	for i := range w2 {
		d := inc2[i] - 0.003*w2[i]
		inc2[i], w2[i] = d, w2[i]+d
	}
	for i := range w {
		if math.Abs(float64(w[i]-w2[i])) > 1e-5 || math.Abs(float64(inc[i]-inc2[i])) > 1e-6 {
			t.Fatalf("momentum step element %d: %g %g, want %g %g", i, w[i], inc[i], w2[i], inc2[i])
		}
	}
	pos, neg := got, want
	biasA, biasB := append([]float32(nil), bias...), append([]float32(nil), bias...)
	biasStep(biasA, 0.5, 0.1, pos, neg)
	updateBiasIncT(biasB, 0.5, 0.1, pos, neg)
	for j := range biasA {
		if math.Abs(float64(biasA[j]-biasB[j])) > 1e-6 {
			t.Fatalf("bias step %d: %g, Go %g", j, biasA[j], biasB[j])
		}
	}
	if a, b := squaredDiff(pos, m), sumSquaredDiffT(pos, m); math.Abs(a-b) > 1e-5*b {
		t.Errorf("squared difference %g, Go %g", a, b)
	}

	// Sampling: both give each probability's frequency.
	p := newCDMat[float32](2000, 8)
	for i := range p.data {
		p.data[i] = float32(i%8) / 7
	}
	var cr cdRand
	cr.seed(rnd)
	for name, sample := range map[string]func(dst cdMat[float32]){
		"kernel": func(dst cdMat[float32]) { sampleRows(dst, p, &cr) },
		"Go":     func(dst cdMat[float32]) { sampleBernoulliT(dst, p, cr.rnd) },
	} {
		dst := newCDMat[float32](2000, 8)
		sample(dst)
		for j := 0; j < 8; j++ {
			var ones float64
			for r := 0; r < 2000; r++ {
				ones += float64(dst.row(r)[j])
			}
			q := float64(j) / 7
			if sd := math.Sqrt(2000 * q * (1 - q)); math.Abs(ones-2000*q) > 5*sd {
				t.Errorf("%s sampling: %g ones in 2000 at p = %.3f", name, ones, q)
			}
		}
	}
	// Loading a minibatch: the same copy.
	data := mat.NewDense(6, 5, nil)
	for i := range data.RawMatrix().Data {
		data.RawMatrix().Data[i] = rnd.Float64()
	}
	batch := newCDMat[float32](3, 5)
	loadRows(batch, data, []int{4, 1, 4})
	for k, i := range []int{4, 1, 4} {
		for j := 0; j < 5; j++ {
			if batch.row(k)[j] != float32(data.At(i, j)) {
				t.Fatalf("loaded row %d column %d: %g, want %g", k, j, batch.row(k)[j], data.At(i, j))
			}
		}
	}
	t.Logf("C kernels compiled in: %v", fastvec.Available)
}
