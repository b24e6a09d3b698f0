// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// mlpParams returns every weight and bias of m, flattened.
func mlpParams(m *MLP) []float64 {
	var p []float64
	for l, w := range m.Weights {
		p = append(p, w.RawMatrix().Data...)
		p = append(p, m.Biases[l].RawVector().Data...)
	}
	return p
}

// TestMLPSameOnAnyCores checks that training gives bit-for-bit the same
// net whether the trainer's parts run on the caller alone or on a
// helper goroutine too: the split does not depend on the number of
// cores and each part draws its dropout masks from its own stream. The
// layers are wide enough (100, 70) that the split falls on a multiple
// of 16.
func TestMLPSameOnAnyCores(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	x, y := mlpTestBlobs(230, 40, 4, rnd)
	for _, cfg := range []MLPConfig{
		{Epochs: 2, BatchSize: 30, Seed: 7},
		{Epochs: 2, BatchSize: 30, Seed: 7, InputDropout: 0.1, HiddenDropout: 0.3},
		{Epochs: 2, BatchSize: 30, Seed: 7, InputDropout: 0.1, HiddenDropout: 0.3, Float32: true, FreezeEpochs: 1},
	} {
		var got [2]*MLP
		for i, workers := range []int{0, 1} {
			func() {
				defer func(w int) { cdWorkers = w }(cdWorkers)
				cdWorkers = workers
				m := NewMLP([]int{40, 100, 70, 4}, rand.New(rand.NewPCG(1, 2)))
				c := cfg
				c.Monitor = Quiet
				if err := m.Train(x, y, &c); err != nil {
					t.Fatal(err)
				}
				got[i] = m
			}()
		}
		a, b := mlpParams(got[0]), mlpParams(got[1])
		for i := range a {
			if a[i] != b[i] {
				t.Errorf("%+v: serial and parallel training differ at parameter %d: %v, %v", cfg, i, a[i], b[i])
				break
			}
		}
	}
}

// TestMLPFloat32AgreesWithFloat64 trains the same net with the same
// seed in float64 and float32: same minibatches, same dropout masks
// (drawn from the same streams; a rate's threshold in float32 differs
// from float64's by under 2⁻²⁴, so a mask could flip only for a uniform
// that close to it), so the two nets differ only by float32 rounding:
// 4·10⁻⁷ of a parameter after four epochs when this test was written.
func TestMLPFloat32AgreesWithFloat64(t *testing.T) {
	rnd := rand.New(rand.NewPCG(8, 9))
	x, y := mlpTestBlobs(300, 30, 3, rnd)
	start := NewMLP([]int{30, 40, 20, 3}, rnd)
	for _, dropout := range []float64{0, 0.2} {
		var got [2]*MLP
		var loss [2][]float64
		for i, f32 := range []bool{false, true} {
			m := start.Clone()
			var h History
			c := MLPConfig{Epochs: 4, BatchSize: 25, Seed: 3, Float32: f32, Momentum: 0.9, InputDropout: dropout, HiddenDropout: dropout,
				WeightDecay: 1e-3, Validation: x, ValidationLabels: y, Monitor: &h}
			if err := m.Train(x, y, &c); err != nil {
				t.Fatal(err)
			}
			got[i], loss[i] = m, h.Series("valloss")
		}
		a, b := mlpParams(got[0]), mlpParams(got[1])
		var worst float64
		for i := range a {
			worst = math.Max(worst, math.Abs(a[i]-b[i])/(1+math.Abs(a[i])))
		}
		t.Logf("dropout %v: largest relative difference of a parameter %.2g", dropout, worst)
		if worst > 1e-5 || worst == 0 {
			t.Errorf("dropout %v: float32 and float64 nets differ by up to %.2g, want (0, 1e-5]", dropout, worst)
		}
		for e := range loss[0] {
			if !scalar.EqualWithinRel(loss[0][e], loss[1][e], 1e-4) {
				t.Errorf("dropout %v, epoch %d: validation loss %v (float64), %v (float32)", dropout, e+1, loss[0][e], loss[1][e])
			}
		}
	}
}

// TestMLPFloat32Gradient checks the float32 trainer's gradient against
// the float64 one (whose finite-difference check is
// TestMLPGradientFiniteDifferences) to float32 precision.
func TestMLPFloat32Gradient(t *testing.T) {
	m, x, labels := mlpSmallTestNet(rand.New(rand.NewPCG(21, 22)))
	_, dW, dB := m.Gradient(x, labels)
	r, _ := x.Dims()
	tr := newMLPTrainerOf[float32](m, mlpSettings{}, r, nil)
	defer tr.close()
	tr.gradient(x, labels)
	for l := range m.Weights {
		for i, g := range dW[l].RawMatrix().Data {
			if got := float64(tr.vel[l].data[i]); !scalar.EqualWithinAbsOrRel(got, g, 1e-6, 1e-4) {
				t.Errorf("dW[%d] element %d: float32 %v, float64 %v", l, i, got, g)
			}
		}
		for j, g := range dB[l].RawVector().Data {
			if got := float64(tr.velB[l][j]); !scalar.EqualWithinAbsOrRel(got, g, 1e-6, 1e-4) {
				t.Errorf("dB[%d][%d]: float32 %v, float64 %v", l, j, got, g)
			}
		}
	}
}

// TestMLPTrainerScoreMatchesModel checks that the validation score the
// trainer computes with its own parameters is the model's (the float64
// trainer's forward pass is the model's, so they agree to rounding).
func TestMLPTrainerScoreMatchesModel(t *testing.T) {
	rnd := rand.New(rand.NewPCG(23, 24))
	x, y := mlpTestBlobs(137, 12, 3, rnd)
	m := NewMLP([]int{12, 20, 3}, rnd)
	tr := newMLPTrainerOf[float64](m, mlpSettings{}, 25, nil)
	defer tr.close()
	errRate, loss := tr.score(x, y)
	if want := m.ErrorRate(x, y); errRate != want {
		t.Errorf("trainer's error rate %v, model's %v", errRate, want)
	}
	if want := m.Loss(x, y); !scalar.EqualWithinRel(loss, want, 1e-12) {
		t.Errorf("trainer's loss %v, model's %v", loss, want)
	}
}
