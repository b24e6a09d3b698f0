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

	"gonum.org/v1/gonum/mat"
)

func machineRandomData(rows, cols int, rnd *rand.Rand) *mat.Dense {
	d := mat.NewDense(rows, cols, nil)
	for i := 0; i < rows; i++ {
		copy(d.RawRowView(i), hopfieldRandomState(cols, rnd))
	}
	return d
}

// machineRandom returns a machine with hidden–hidden links (and a mask
// that drops some pairs when sparse is true), random weights and biases.
func machineRandom(visible, hidden int, sparse bool, rnd *rand.Rand) *Machine {
	var mask *mat.SymDense
	if sparse {
		u := visible + hidden
		mask = mat.NewSymDense(u, nil)
		for i := 0; i < u; i++ {
			for j := i + 1; j < u; j++ {
				if rnd.Float64() < 0.6 {
					mask.SetSym(i, j, 1)
				}
			}
		}
		// Make sure at least one hidden–hidden link exists.
		mask.SetSym(visible, visible+1, 1)
	}
	m := NewMachine(visible, hidden, mask)
	m.Randomize(1, rnd)
	for i := range m.B {
		m.B[i] = 0.5 * rnd.NormFloat64()
	}
	return m
}

func TestExactGradientMatchesFiniteDifferences(t *testing.T) {
	rnd := hopfieldTestRand(30)
	const h = 1e-5
	for trial := 0; trial < 6; trial++ {
		m := machineRandom(3+rnd.IntN(2), 2+rnd.IntN(3), trial%2 == 1, rnd)
		data := machineRandomData(7, m.NumVisible(), rnd)
		g, err := m.ExactGradient(data)
		if err != nil {
			t.Fatal(err)
		}
		ll := func() float64 {
			v, err := m.ExactLogLikelihood(data)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		u := m.NumUnits()
		var worst float64
		for i := 0; i < u; i++ {
			old := m.B[i]
			m.B[i] = old + h
			up := ll()
			m.B[i] = old - h
			down := ll()
			m.B[i] = old
			worst = math.Max(worst, math.Abs((up-down)/(2*h)-g.B[i]))
			for j := i + 1; j < u; j++ {
				if !m.Connected(i, j) {
					if g.W.At(i, j) != 0 {
						t.Fatalf("gradient of masked pair (%d,%d) is %g", i, j, g.W.At(i, j))
					}
					continue
				}
				old := m.W.At(i, j)
				m.W.SetSym(i, j, old+h)
				up := ll()
				m.W.SetSym(i, j, old-h)
				down := ll()
				m.W.SetSym(i, j, old)
				worst = math.Max(worst, math.Abs((up-down)/(2*h)-g.W.At(i, j)))
			}
		}
		t.Logf("trial %d: %d visible, %d hidden, gradient norm %.3g, max error %.2g", trial, m.NumVisible(), m.NumHidden(), g.Norm(), worst)
		if worst > 1e-6 {
			t.Errorf("trial %d (%d visible, %d hidden): max |exact − finite difference| = %g, want ≤ 1e-6", trial, m.NumVisible(), m.NumHidden(), worst)
		}
	}
}

// machineGradientError is the largest absolute difference between two
// gradients over weights and biases.
func machineGradientError(a, b *MachineGradient) float64 {
	var worst float64
	u := len(a.B)
	for i := 0; i < u; i++ {
		worst = math.Max(worst, math.Abs(a.B[i]-b.B[i]))
		for j := i + 1; j < u; j++ {
			worst = math.Max(worst, math.Abs(a.W.At(i, j)-b.W.At(i, j)))
		}
	}
	return worst
}

func TestSampledGradientConverges(t *testing.T) {
	rnd := hopfieldTestRand(31)
	m := machineRandom(4, 3, false, rnd)
	data := machineRandomData(5, 4, rnd)
	exact, err := m.ExactGradient(data)
	if err != nil {
		t.Fatal(err)
	}
	// Root-mean-square error over repeats at a ladder of sample counts;
	// the error should shrink like 1/√samples: 16× the samples, ¼ the
	// error.
	counts := []int{250, 4000}
	if !testing.Short() {
		counts = append(counts, 64000)
	}
	const repeats = 6
	rms := make([]float64, len(counts))
	for c, n := range counts {
		var sq float64
		for r := 0; r < repeats; r++ {
			g := m.SampledGradient(data, &SampleConfig{BurnIn: 50, Samples: n}, rnd)
			e := machineGradientError(g, exact)
			sq += e * e
		}
		rms[c] = math.Sqrt(sq / repeats)
	}
	t.Logf("samples %v: rms max error %v", counts, rms)
	for c := 1; c < len(counts); c++ {
		ratio := rms[c-1] / rms[c]
		// Expected 4; allow a noisy estimate from few repeats.
		if ratio < 2.5 || ratio > 6.5 {
			t.Errorf("error fell by %.2f× from %d to %d samples, want ≈4×", ratio, counts[c-1], counts[c])
		}
	}
}

func TestMachineWithoutHidden(t *testing.T) {
	// With no hidden units the wake statistics are the data statistics,
	// sampled or not.
	rnd := hopfieldTestRand(32)
	m := machineRandom(4, 0, false, rnd)
	data := machineRandomData(6, 4, rnd)
	exact, err := m.ExactGradient(data)
	if err != nil {
		t.Fatal(err)
	}
	g := m.SampledGradient(data, &SampleConfig{Samples: 10}, rnd)
	for i := 0; i < 4; i++ {
		for j := i; j < 4; j++ {
			var want float64
			for r := 0; r < 6; r++ {
				want += data.At(r, i) * data.At(r, j) / 6
			}
			if math.Abs(exact.Wake.At(i, j)-want) > 1e-12 || math.Abs(g.Wake.At(i, j)-want) > 1e-12 {
				t.Fatalf("wake ⟨s%d s%d⟩: exact %g, sampled %g, data %g", i, j, exact.Wake.At(i, j), g.Wake.At(i, j), want)
			}
		}
	}
}

func TestMachineTrainImprovesLikelihood(t *testing.T) {
	rnd := hopfieldTestRand(33)
	m := machineRandom(4, 3, false, rnd)
	m.Randomize(0.1, rnd)
	// Data with structure: two prototypes.
	data := mat.NewDense(4, 4, []float64{1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1})
	before, _ := m.ExactLogLikelihood(data)
	var hist History
	err := m.Train(data, &MachineConfig{LearningRate: 0.5, Momentum: 0.5, WeightDecay: 1e-4, Epochs: 60, Seed: 1, Monitor: &hist})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := m.ExactLogLikelihood(data)
	if len(hist.Epochs) != 60 {
		t.Fatalf("monitor saw %d epochs, want 60", len(hist.Epochs))
	}
	ll := hist.Series("loglik")
	if math.Abs(ll[59]-after) > 1e-12 {
		t.Errorf("last reported loglik %g, actual %g", ll[59], after)
	}
	if gn := hist.Series("gradnorm"); math.IsNaN(gn[0]) || gn[0] <= 0 {
		t.Errorf("gradnorm not reported: %v", gn[0])
	}
	// The best possible mean log-likelihood is log ½ (two equally likely
	// vectors).
	t.Logf("loglik %g → %g (optimum %g)", before, after, math.Log(0.5))
	if after < before+0.5 || after > math.Log(0.5)+1e-9 {
		t.Errorf("loglik went from %g to %g", before, after)
	}

	// Sampled training also improves it, with minibatches.
	m2 := machineRandom(4, 3, false, rnd)
	m2.Randomize(0.1, rnd)
	before2, _ := m2.ExactLogLikelihood(data)
	err = m2.Train(data, &MachineConfig{LearningRate: 0.3, Epochs: 20, BatchSize: 2, Seed: 2, Gradient: GradientSampled,
		Sampling: &SampleConfig{BurnIn: 20, Samples: 200}, Monitor: Quiet})
	if err != nil {
		t.Fatal(err)
	}
	after2, _ := m2.ExactLogLikelihood(data)
	if after2 < before2+0.3 {
		t.Errorf("sampled training: loglik went from %g to %g", before2, after2)
	}
}

func TestMachineTrainCancels(t *testing.T) {
	rnd := hopfieldTestRand(34)
	m := machineRandom(3, 2, false, rnd)
	data := machineRandomData(4, 3, rnd)
	ctx, cancel := context.WithCancel(context.Background())
	var snapshot *Net
	mon := MonitorFunc(func(p Progress) {
		if p.EpochDone && p.Epoch == 3 {
			snapshot = m.Net.Clone()
			cancel()
		}
	})
	err := m.Train(data, &MachineConfig{Epochs: 10, Monitor: mon, Context: ctx})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want one wrapping context.Canceled", err)
	}
	if !mat.Equal(snapshot.W, m.W) || !mat.Equal(mat.NewVecDense(len(m.B), snapshot.B), mat.NewVecDense(len(m.B), m.B)) {
		t.Error("machine changed after the cancelled epoch")
	}
}

func TestMachineDream(t *testing.T) {
	rnd := hopfieldTestRand(35)
	m := machineRandom(3, 2, false, rnd)
	lp, err := m.VisibleLogProbs()
	if err != nil {
		t.Fatal(err)
	}
	dreams := m.Dream(20000, 30, rnd)
	h, _ := StateHistogram(dreams)
	p := make([]float64, len(lp))
	for k := range lp {
		p[k] = math.Exp(lp[k])
	}
	// 8 bins, 20000 samples: sampling noise in KL ≈ 7/40000.
	if kl := KLDivergence(h, p); kl > 0.003 {
		t.Errorf("dreams have KL %g from p(v), want ≤ 0.003", kl)
	}
}
