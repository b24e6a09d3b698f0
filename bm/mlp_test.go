// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/mat"
)

// mlpSmallTestNet returns a small net with random biases and a
// minibatch of 7 Gaussian inputs with labels.
func mlpSmallTestNet(rnd *rand.Rand) (*MLP, *mat.Dense, []int) {
	m := NewMLP([]int{5, 4, 3, 3}, rnd)
	for _, b := range m.Biases {
		for i := 0; i < b.Len(); i++ {
			b.SetVec(i, rnd.NormFloat64())
		}
	}
	x := mat.NewDense(7, 5, nil)
	labels := make([]int, 7)
	for i := range labels {
		labels[i] = rnd.IntN(3)
		for j := 0; j < 5; j++ {
			x.Set(i, j, rnd.NormFloat64())
		}
	}
	return m, x, labels
}

// TestMLPGradientFiniteDifferences compares every analytic partial
// derivative of the mean cross-entropy with a central finite difference
// (f(θ+h) − f(θ−h)) / 2h, whose truncation error is O(h²) ≈ 1e-12 here.
func TestMLPGradientFiniteDifferences(t *testing.T) {
	m, x, labels := mlpSmallTestNet(rand.New(rand.NewPCG(1, 2)))
	_, dW, dB := m.Gradient(x, labels)
	const h = 1e-5
	numeric := func(p *float64) float64 {
		orig := *p
		*p = orig + h
		up := m.Loss(x, labels)
		*p = orig - h
		down := m.Loss(x, labels)
		*p = orig
		return (up - down) / (2 * h)
	}
	checked := 0
	for l, w := range m.Weights {
		raw := w.RawMatrix()
		for i := 0; i < raw.Rows; i++ {
			for j := 0; j < raw.Cols; j++ {
				want := numeric(&raw.Data[i*raw.Stride+j])
				got := dW[l].At(i, j)
				if !scalar.EqualWithinAbsOrRel(got, want, 1e-10, 1e-6) {
					t.Errorf("dW[%d][%d,%d] = %.12g, finite difference %.12g", l, i, j, got, want)
				}
				checked++
			}
		}
		braw := m.Biases[l].RawVector()
		for j := 0; j < m.Biases[l].Len(); j++ {
			want := numeric(&braw.Data[j*braw.Inc])
			got := dB[l].AtVec(j)
			if !scalar.EqualWithinAbsOrRel(got, want, 1e-10, 1e-6) {
				t.Errorf("dB[%d][%d] = %.12g, finite difference %.12g", l, j, got, want)
			}
			checked++
		}
	}
	if want := 5*4 + 4 + 4*3 + 3 + 3*3 + 3; checked != want {
		t.Fatalf("checked %d parameters, want %d", checked, want)
	}
}

// mlpTestBlobs returns n points in d dimensions from k Gaussian blobs
// with well separated means, labelled by blob.
func mlpTestBlobs(n, d, k int, rnd *rand.Rand) (*mat.Dense, []int) {
	means := mat.NewDense(k, d, nil)
	for i := 0; i < k; i++ {
		for j := 0; j < d; j++ {
			means.Set(i, j, 3*rnd.NormFloat64())
		}
	}
	x := mat.NewDense(n, d, nil)
	y := make([]int, n)
	for i := 0; i < n; i++ {
		y[i] = rnd.IntN(k)
		for j := 0; j < d; j++ {
			x.Set(i, j, means.At(y[i], j)+rnd.NormFloat64())
		}
	}
	return x, y
}

func TestMLPTrainLearnsBlobs(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	x, y := mlpTestBlobs(600, 8, 4, rnd)
	vx, vy := x.Slice(500, 600, 0, 8).(*mat.Dense), y[500:]
	tx, ty := x.Slice(0, 500, 0, 8).(*mat.Dense), y[:500]
	m := NewMLP([]int{8, 16, 4}, rnd)
	before := m.Loss(tx, ty)
	var h History
	err := m.Train(tx, ty, &MLPConfig{Epochs: 20, BatchSize: 32, WeightDecay: 1e-4, Seed: 5,
		Validation: vx, ValidationLabels: vy, Monitor: &h})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Epochs) != 20 {
		t.Fatalf("monitor saw %d epochs, want 20", len(h.Epochs))
	}
	loss := h.Series("loss")
	if !(loss[19] < loss[0] && loss[0] < before) {
		t.Errorf("training loss did not fall: before %.4g, epochs %v", before, loss)
	}
	if e := h.Series("valerr")[19]; e > 0.05 {
		t.Errorf("validation error %.3f on separable blobs, want ≤ 0.05", e)
	}
	if acc := m.Accuracy(vx, vy); math.Abs(acc-(1-h.Series("valerr")[19])) > 1e-12 {
		t.Errorf("Accuracy %.4f disagrees with reported valerr", acc)
	}
	cm := m.ConfusionMatrix(vx, vy)
	var total, diag float64
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			total += cm.At(i, j)
		}
		diag += cm.At(i, i)
	}
	if total != 100 || math.Abs(diag/total-m.Accuracy(vx, vy)) > 1e-12 {
		t.Errorf("confusion matrix total %v, trace %v inconsistent with accuracy", total, diag)
	}
}

func TestMLPFreezeKeepsHiddenLayers(t *testing.T) {
	rnd := rand.New(rand.NewPCG(6, 7))
	x, y := mlpTestBlobs(200, 6, 3, rnd)
	m := NewMLP([]int{6, 5, 4, 3}, rnd)
	w0, w1, w2 := mat.DenseCopyOf(m.Weights[0]), mat.DenseCopyOf(m.Weights[1]), mat.DenseCopyOf(m.Weights[2])
	if err := m.Train(x, y, &MLPConfig{Epochs: 2, FreezeEpochs: 2, Monitor: Quiet}); err != nil {
		t.Fatal(err)
	}
	if !mat.Equal(w0, m.Weights[0]) || !mat.Equal(w1, m.Weights[1]) {
		t.Error("frozen hidden layers changed")
	}
	if mat.Equal(w2, m.Weights[2]) {
		t.Error("output layer did not learn while hidden layers were frozen")
	}
	if err := m.Train(x, y, &MLPConfig{Epochs: 1, FreezeEpochs: 0, Monitor: Quiet}); err != nil {
		t.Fatal(err)
	}
	if mat.Equal(w0, m.Weights[0]) {
		t.Error("first layer did not learn after unfreezing")
	}
}

func TestMLPTrainCancelled(t *testing.T) {
	rnd := rand.New(rand.NewPCG(8, 9))
	x, y := mlpTestBlobs(300, 4, 2, rnd)
	m := NewMLP([]int{4, 3, 2}, rnd)
	ctx, cancel := context.WithCancel(context.Background())
	batches := 0
	mon := MonitorFunc(func(p Progress) {
		if !p.EpochDone {
			batches++
		}
		if p.Epoch == 2 {
			cancel()
		}
	})
	err := m.Train(x, y, &MLPConfig{Epochs: 5, BatchSize: 10, Monitor: mon, Context: ctx})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Train returned %v, want an error wrapping context.Canceled", err)
	}
	for _, w := range m.Weights {
		for _, v := range w.RawMatrix().Data {
			if math.IsNaN(v) {
				t.Fatal("weights hold NaN after cancellation")
			}
		}
	}
}

func TestMLPTrainRejectsBadLabels(t *testing.T) {
	m := NewMLP([]int{2, 2}, rand.New(rand.NewPCG(1, 1)))
	x := mat.NewDense(2, 2, []float64{0, 1, 1, 0})
	if err := m.Train(x, []int{0, 2}, &MLPConfig{Monitor: Quiet}); err == nil {
		t.Error("label 2 for a 2-class MLP was accepted")
	}
}

func BenchmarkMLPTrainEpoch(b *testing.B) {
	for _, bc := range []struct {
		name          string
		input, hidden float64
	}{{"plain", 0, 0}, {"dropout", 0.2, 0.5}} {
		b.Run(bc.name, func(b *testing.B) {
			rnd := rand.New(rand.NewPCG(1, 2))
			x, y := mlpTestBlobs(1000, 784, 10, rnd)
			m := NewMLP([]int{784, 256, 10}, rnd)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := m.Train(x, y, &MLPConfig{Epochs: 1, Monitor: Quiet, LearningRate: 0.01,
					InputDropout: bc.input, HiddenDropout: bc.hidden}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestMLPMinibatchAllocatesNothing checks the step Train runs for
// every minibatch: gather, forward, backward and the momentum steps
// reuse their buffers. With dropout the masks are drawn into
// preallocated buffers as well.
func TestMLPMinibatchAllocatesNothing(t *testing.T) {
	for _, dropout := range []bool{false, true} {
		rnd := rand.New(rand.NewPCG(2, 3))
		x, y := mlpTestBlobs(64, 20, 5, rnd)
		m := NewMLP([]int{20, 16, 12, 5}, rnd)
		cfg := &MLPConfig{BatchSize: 16, WeightDecay: 1e-4}
		if dropout {
			cfg.InputDropout, cfg.HiddenDropout = 0.2, 0.5
		}
		s, err := cfg.settings()
		if err != nil {
			t.Fatal(err)
		}
		run := newRun("test", 64, s.sgdSettings, 1, Quiet, nil)
		tr := &mlpRun{m: m, s: s, run: run, x: x, labels: y, cfg: cfg}
		if err := tr.begin(); err != nil {
			t.Fatal(err)
		}
		tr.startEpoch(1, 0.1, 0.9)
		idx := []int{3, 1, 4, 15, 9, 26, 5, 35, 8, 9, 7, 32, 38, 46, 2, 6}
		allocs := testing.AllocsPerRun(20, func() {
			if err := tr.step(idx); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 0 {
			t.Errorf("a minibatch step (dropout %v) allocates %v times", dropout, allocs)
		}
	}
}
