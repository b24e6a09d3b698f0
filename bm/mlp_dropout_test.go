// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/mat"
)

// TestMLPDropoutGradientFiniteDifferences checks backward through fixed
// dropout masks against central finite differences of the loss of the
// same thinned net, for every weight and bias (as the test without
// dropout does; truncation error O(h²) ≈ 1e-10 relative).
func TestMLPDropoutGradientFiniteDifferences(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	m, x, labels := mlpSmallTestNet(rnd)
	w := newMLPWork(m, 7, true)
	w.enableDropout(m, 0.3, 0.5)
	w.drawDropout(rnd)
	// The masks must really drop and keep something, or the test
	// would not exercise them.
	for l, mk := range w.drop {
		var zeros, kept int
		for _, v := range mk.RawMatrix().Data {
			if v == 0 {
				zeros++
			} else if v == 1/w.keep[l] {
				kept++
			} else {
				t.Fatalf("mask %d holds %v, want 0 or %v", l, v, 1/w.keep[l])
			}
		}
		if zeros == 0 || kept == 0 {
			t.Fatalf("mask %d has %d zeros and %d kept units; pick another seed", l, zeros, kept)
		}
	}
	m.forward(w, x)
	m.backward(w, labels, 0)

	// A second work sharing the masks computes the thinned net's loss.
	lw := newMLPWork(m, 7, true)
	lw.drop, lw.keep = w.drop, w.keep
	lossOf := func() float64 {
		m.forward(lw, x)
		return lw.loss(labels) / 7
	}
	const h = 1e-5
	numeric := func(p *float64) float64 {
		orig := *p
		*p = orig + h
		up := lossOf()
		*p = orig - h
		down := lossOf()
		*p = orig
		return (up - down) / (2 * h)
	}
	var zeroGrads int
	for l, wt := range m.Weights {
		raw := wt.RawMatrix()
		for i := 0; i < raw.Rows; i++ {
			for j := 0; j < raw.Cols; j++ {
				want := numeric(&raw.Data[i*raw.Stride+j])
				got := w.gradW[l].At(i, j)
				if !scalar.EqualWithinAbsOrRel(got, want, 1e-10, 1e-6) {
					t.Errorf("dW[%d][%d,%d] = %.12g, finite difference %.12g", l, i, j, got, want)
				}
				if got == 0 {
					zeroGrads++
				}
			}
		}
		braw := m.Biases[l].RawVector()
		for j := 0; j < m.Biases[l].Len(); j++ {
			want := numeric(&braw.Data[j*braw.Inc])
			got := w.gradB[l].AtVec(j)
			if !scalar.EqualWithinAbsOrRel(got, want, 1e-10, 1e-6) {
				t.Errorf("dB[%d][%d] = %.12g, finite difference %.12g", l, j, got, want)
			}
		}
	}
	// Sanity: the thinned net's gradient is not the full net's.
	_, full, _ := m.Gradient(x, labels)
	if mat.EqualApprox(full[0], w.gradW[0], 1e-9) {
		t.Error("gradient with dropout masks equals the gradient without them")
	}
}

// TestMLPDropoutAllOnesMasksAreExact checks that the dropout code path
// with masks of all ones (keep = 1) gives bit for bit the forward pass
// and gradient of the code path without dropout.
func TestMLPDropoutAllOnesMasksAreExact(t *testing.T) {
	rnd := rand.New(rand.NewPCG(13, 14))
	m, x, labels := mlpSmallTestNet(rnd)
	plain := newMLPWork(m, 7, true)
	m.forward(plain, x)
	m.backward(plain, labels, 0)

	ones := newMLPWork(m, 7, true)
	ones.enableDropout(m, 0.5, 0.5)
	for l, mk := range ones.drop {
		ones.keep[l] = 1
		for i := range mk.RawMatrix().Data {
			mk.RawMatrix().Data[i] = 1
		}
	}
	m.forward(ones, x)
	m.backward(ones, labels, 0)
	for l := range m.Weights {
		if !mat.Equal(plain.act[l+1], ones.act[l+1]) {
			t.Errorf("layer %d activities differ", l+1)
		}
		if !mat.Equal(plain.gradW[l], ones.gradW[l]) || !mat.Equal(plain.gradB[l], ones.gradB[l]) {
			t.Errorf("layer %d gradients differ", l)
		}
	}
}

// TestMLPDropoutZeroIsDefault checks that explicit zero rates train
// exactly as a config without dropout fields (no masks, no RNG draws),
// and that a non-zero rate does change training.
func TestMLPDropoutZeroIsDefault(t *testing.T) {
	rnd := rand.New(rand.NewPCG(15, 16))
	x, y := mlpTestBlobs(130, 6, 3, rnd)
	base := NewMLP([]int{6, 8, 5, 3}, rnd)
	train := func(c MLPConfig) *MLP {
		m := base.Clone()
		c.Epochs, c.BatchSize, c.Seed, c.Monitor = 3, 20, 7, Quiet
		if err := m.Train(x, y, &c); err != nil {
			t.Fatal(err)
		}
		return m
	}
	a := train(MLPConfig{})
	b := train(MLPConfig{InputDropout: 0, HiddenDropout: 0})
	for l := range a.Weights {
		if !mat.Equal(a.Weights[l], b.Weights[l]) || !mat.Equal(a.Biases[l], b.Biases[l]) {
			t.Fatalf("layer %d differs with explicit zero dropout", l)
		}
	}
	for _, c := range []MLPConfig{{InputDropout: 0.2}, {HiddenDropout: 0.5}} {
		d := train(c)
		if mat.Equal(a.Weights[0], d.Weights[0]) {
			t.Errorf("%+v trained exactly as without dropout", c)
		}
	}
}

// TestMLPDropoutMasksAreApplied would fail if Train ignored its masks:
// with hidden dropout 1−ε nearly every hidden unit is silent, so the
// training loss of the first epoch (at a negligible learning rate) is
// that of a net that sees almost nothing, far above the full net's.
func TestMLPDropoutMasksAreApplied(t *testing.T) {
	rnd := rand.New(rand.NewPCG(17, 18))
	x, y := mlpTestBlobs(400, 6, 3, rnd)
	m := NewMLP([]int{6, 12, 3}, rnd)
	// Train a little first, so that the full net is good.
	if err := m.Train(x, y, &MLPConfig{Epochs: 10, BatchSize: 20, Monitor: Quiet}); err != nil {
		t.Fatal(err)
	}
	full := m.Loss(x, y)
	firstLoss := func(c MLPConfig) float64 {
		var h History
		c.Epochs, c.LearningRate, c.Momentum, c.Monitor = 1, 1e-12, -1, &h
		if err := m.Clone().Train(x, y, &c); err != nil {
			t.Fatal(err)
		}
		return h.Series("loss")[0]
	}
	if l := firstLoss(MLPConfig{}); math.Abs(l-full) > 1e-6 {
		t.Fatalf("first-epoch loss without dropout %.6g, full net's loss %.6g", l, full)
	}
	// With every hidden unit silent the output is softmax(bias); its
	// loss is what a nearly fully dropped net must approach.
	silent := m.Clone()
	silent.Weights[1].Zero()
	biasOnly := silent.Loss(x, y)
	if !(biasOnly > full+0.5) {
		t.Fatalf("test setup: bias-only loss %.4g not clearly above full loss %.4g", biasOnly, full)
	}
	l := firstLoss(MLPConfig{HiddenDropout: 1 - 1e-4})
	if l < full+0.5 {
		t.Errorf("loss with hidden dropout 1−1e-4 is %.4g, close to the full net's %.4g: masks not applied?", l, full)
	}
	l = firstLoss(MLPConfig{InputDropout: 1 - 1e-4})
	if l < full+0.5 {
		t.Errorf("loss with input dropout 1−1e-4 is %.4g, close to the full net's %.4g: masks not applied?", l, full)
	}
}

// TestMLPDropoutMaskStatistics checks the drop frequency and the
// inverted scaling: each mask entry is 0 with probability rate and
// 1/(1−rate) otherwise, so its mean is 1 (binomial tolerance, 6σ).
func TestMLPDropoutMaskStatistics(t *testing.T) {
	m := NewMLP([]int{200, 300, 2}, rand.New(rand.NewPCG(1, 1)))
	w := newMLPWork(m, 100, true)
	w.enableDropout(m, 0.2, 0.5)
	w.drawDropout(rand.New(rand.NewPCG(19, 20)))
	for l, rate := range []float64{0.2, 0.5} {
		data := w.drop[l].RawMatrix().Data
		n := float64(len(data))
		var zeros, sum float64
		for _, v := range data {
			if v == 0 {
				zeros++
			}
			sum += v
		}
		sd := math.Sqrt(rate * (1 - rate) / n)
		if f := zeros / n; math.Abs(f-rate) > 6*sd {
			t.Errorf("layer %d: dropped fraction %.4f, want %.2f ± %.4f", l, f, rate, 6*sd)
		}
		if mean := sum / n; math.Abs(mean-1) > 6*sd/(1-rate) {
			t.Errorf("layer %d: mask mean %.4f, want 1", l, mean)
		}
	}
}
