// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/mat"
)

// thinnedLoss is an independent implementation of the mean
// cross-entropy of m on (x, labels) with fixed dropout masks (masks[l]/keep[l]
// multiplies layer l's activities; no data for none): plain loops, no BLAS.
func thinnedLoss(m *MLP, x *mat.Dense, labels []int, masks []cdMat[float64], keep []float64) float64 {
	r, _ := x.Dims()
	var loss float64
	for i := 0; i < r; i++ {
		a := mat.Row(nil, i, x)
		for l, w := range m.Weights {
			if masks[l].data != nil {
				for j := range a {
					a[j] *= masks[l].row(i)[j] / keep[l]
				}
			}
			nIn, nOut := w.Dims()
			z := make([]float64, nOut)
			for k := range z {
				z[k] = m.Biases[l].AtVec(k)
				for j := 0; j < nIn; j++ {
					z[k] += a[j] * w.At(j, k)
				}
			}
			if l+1 < len(m.Weights) {
				for k := range z {
					z[k] = Sigmoid(z[k])
				}
			} else {
				mlpSoftmaxInPlace(z)
			}
			a = z
		}
		loss -= math.Log(a[labels[i]])
	}
	return loss / float64(r)
}

// TestMLPDropoutGradientFiniteDifferences checks the trainer's backward
// pass through the masks it drew against central finite differences of
// the loss of the same thinned net, computed independently
// (thinnedLoss), for every weight and bias (truncation error O(h²) ≈
// 1e-10 relative).
func TestMLPDropoutGradientFiniteDifferences(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	m, x, labels := mlpSmallTestNet(rnd)
	tr := newMLPTrainerOf[float64](m, mlpSettings{inDrop: 0.3, hidDrop: 0.5}, 7, rnd)
	defer tr.close()
	tr.gradient(x, labels)
	// The masks must really drop and keep something, or the test
	// would not exercise them.
	for l, mk := range tr.drop {
		var zeros, kept int
		for _, v := range mk.data {
			if v == 0 {
				zeros++
			} else if v == 1 {
				kept++
			} else {
				t.Fatalf("mask %d holds %v, want 0 or 1", l, v)
			}
		}
		if zeros == 0 || kept == 0 {
			t.Fatalf("mask %d has %d zeros and %d kept units; pick another seed", l, zeros, kept)
		}
	}
	lossOf := func() float64 { return thinnedLoss(m, x, labels, tr.drop, tr.keep) }
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
	for l, wt := range m.Weights {
		raw := wt.RawMatrix()
		for i := 0; i < raw.Rows; i++ {
			for j := 0; j < raw.Cols; j++ {
				want := numeric(&raw.Data[i*raw.Stride+j])
				got := tr.vel[l].row(i)[j]
				if !scalar.EqualWithinAbsOrRel(got, want, 1e-10, 1e-6) {
					t.Errorf("dW[%d][%d,%d] = %.12g, finite difference %.12g", l, i, j, got, want)
				}
			}
		}
		braw := m.Biases[l].RawVector()
		for j := 0; j < m.Biases[l].Len(); j++ {
			want := numeric(&braw.Data[j*braw.Inc])
			got := tr.velB[l][j]
			if !scalar.EqualWithinAbsOrRel(got, want, 1e-10, 1e-6) {
				t.Errorf("dB[%d][%d] = %.12g, finite difference %.12g", l, j, got, want)
			}
		}
	}
	// Sanity: the thinned net's gradient is not the full net's.
	_, full, _ := m.Gradient(x, labels)
	if mat.EqualApprox(full[0], mat.NewDense(5, 4, tr.vel[0].data), 1e-9) {
		t.Error("gradient with dropout masks equals the gradient without them")
	}
}

// TestMLPDropoutAllOnesMasksAreExact checks that the dropout code path
// with keep = 1 (masks of all ones) gives bit for bit the forward pass
// and gradient of the code path without dropout.
func TestMLPDropoutAllOnesMasksAreExact(t *testing.T) {
	rnd := rand.New(rand.NewPCG(13, 14))
	m, x, labels := mlpSmallTestNet(rnd)
	plain := newMLPTrainerOf[float64](m, mlpSettings{}, 7, nil)
	defer plain.close()
	plain.gradient(x, labels)

	ones := newMLPTrainerOf[float64](m, mlpSettings{inDrop: 0.5, hidDrop: 0.5}, 7, rnd)
	defer ones.close()
	for l := range ones.keep {
		ones.keep[l] = 1
		for i := range ones.keepP[l].data {
			ones.keepP[l].data[i] = 1
		}
	}
	ones.gradient(x, labels)
	for l := range m.Weights {
		for i, mk := range ones.drop[l].data {
			if mk != 1 {
				t.Fatalf("mask %d element %d is %v, want 1", l, i, mk)
			}
		}
		if !slices.Equal(plain.act[l+1].data, ones.act[l+1].data) {
			t.Errorf("layer %d activities differ", l+1)
		}
		if !slices.Equal(plain.vel[l].data, ones.vel[l].data) || !slices.Equal(plain.velB[l], ones.velB[l]) {
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

// TestMLPDropoutMaskStatistics checks the drop frequency of the masks
// the trainer draws, in float64 and float32: each unit is dropped with
// its layer's rate (binomial tolerance, 6σ), and a kept unit's activity
// is scaled by 1/(1−rate).
func TestMLPDropoutMaskStatistics(t *testing.T) {
	rnd := rand.New(rand.NewPCG(19, 20))
	m := NewMLP([]int{200, 300, 2}, rnd)
	x, y := mlpTestBlobs(100, 200, 2, rnd)
	for _, f32 := range []bool{false, true} {
		var drop [][]float64
		var in, kept float64 // an input pixel and its activity
		if f32 {
			tr := newMLPTrainerOf[float32](m, mlpSettings{inDrop: 0.2, hidDrop: 0.5}, 100, rnd)
			tr.gradient(x, y)
			for _, mk := range tr.drop {
				d := make([]float64, len(mk.data))
				for i, v := range mk.data {
					d[i] = float64(v)
				}
				drop = append(drop, d)
			}
			in, kept = x.At(0, 0), float64(tr.act[0].data[0])*float64(tr.drop[0].data[0])
			tr.close()
		} else {
			tr := newMLPTrainerOf[float64](m, mlpSettings{inDrop: 0.2, hidDrop: 0.5}, 100, rnd)
			tr.gradient(x, y)
			drop = [][]float64{tr.drop[0].data, tr.drop[1].data}
			in, kept = x.At(0, 0), tr.act[0].data[0]*tr.drop[0].data[0]
			tr.close()
		}
		if kept != 0 && !scalar.EqualWithinRel(kept, in/0.8, 1e-6) {
			t.Errorf("float32 %v: a kept input %v became %v, want %v", f32, in, kept, in/0.8)
		}
		for l, rate := range []float64{0.2, 0.5} {
			n := float64(len(drop[l]))
			var zeros float64
			for _, v := range drop[l] {
				if v == 0 {
					zeros++
				}
			}
			sd := math.Sqrt(rate * (1 - rate) / n)
			if f := zeros / n; math.Abs(f-rate) > 6*sd {
				t.Errorf("float32 %v, layer %d: dropped fraction %.4f, want %.2f ± %.4f", f32, l, f, rate, 6*sd)
			}
		}
	}
}
