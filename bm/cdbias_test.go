// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// exactFlat returns r's exact log-likelihood gradient on data,
// flattened as (W, VisBias, HidBias).
func exactFlat(t *testing.T, r *RBM, data *mat.Dense) []float64 {
	dW, dVis, dHid, err := r.ExactGradient(data)
	if err != nil {
		t.Fatal(err)
	}
	g := append([]float64(nil), dW.RawMatrix().Data...)
	g = append(g, dVis.RawVector().Data...)
	return append(g, dHid.RawVector().Data...)
}

// TestCDSampleLastVisible checks CDConfig.SampleLastVisible: with the
// last visible state sampled, CD-K's update tends to the exact
// log-likelihood gradient as K grows (1 − cosine falls to the sampling
// noise of 20000 examples), while the default, which keeps it as
// probabilities, stays biased at any K. The model is an 8×4 RBM with
// weights N(0, 1.5²), as in the probe that found the bias; the data are
// samples of another RBM.
func TestCDSampleLastVisible(t *testing.T) {
	for seed := uint64(1); seed <= 2; seed++ {
		r := randomRBM(8, 4, 1.5, 500+seed)
		teacher := randomRBM(8, 4, 1, 900+seed)
		data := teacher.Fantasies(20000, 30, rand.New(rand.NewPCG(seed, 3)))
		for i, x := range data.RawMatrix().Data {
			data.RawMatrix().Data[i] = math.Round(x)
		}
		exact := exactFlat(t, r, data)
		gap := func(cfg CDConfig) float64 {
			cfg.Seed = seed
			return 1 - cosine(cdGradient(r, data, cfg), exact)
		}
		s1, s10, s100 := gap(CDConfig{K: 1, SampleLastVisible: true}), gap(CDConfig{K: 10, SampleLastVisible: true}),
			gap(CDConfig{K: 100, SampleLastVisible: true})
		p100 := gap(CDConfig{K: 100})
		t.Logf("seed %d: 1 − cos with the exact gradient, sampled: K=1 %.2g, K=10 %.2g, K=100 %.2g; probabilities: K=100 %.2g",
			seed, s1, s10, s100, p100)
		if !(s100 < s1/10 && s100 < 2e-4) {
			t.Errorf("seed %d: sampling the last visible state, 1 − cos went from %.2g (K=1) to %.2g (K=100), want below 2e-4 and 10× smaller",
				seed, s1, s100)
		}
		if !(p100 > 5*s100) {
			t.Errorf("seed %d: at K=100 probabilities give 1 − cos %.2g, sampling %.2g: the bias of the default has vanished?", seed, p100, s100)
		}
	}
}

// TestCDSampleData checks CDConfig.SampleData: trained on grey values
// read as probabilities, CD's update is the log-likelihood gradient of
// their binary samples (here the exact gradient on another sample of
// them, up to the sampling noise of 20000 examples), while using the
// grey values as they are gives another update.
func TestCDSampleData(t *testing.T) {
	for seed := uint64(1); seed <= 2; seed++ {
		r := randomRBM(8, 4, 1, 700+seed)
		teacher := randomRBM(8, 4, 1, 300+seed)
		grey := teacher.Fantasies(20000, 30, rand.New(rand.NewPCG(seed, 5)))
		sample := mat.DenseCopyOf(grey)
		rnd := rand.New(rand.NewPCG(seed, 6))
		for i, x := range sample.RawMatrix().Data {
			sample.RawMatrix().Data[i] = bernoulli(rnd, x)
		}
		exact := exactFlat(t, r, sample)
		gap := func(cfg CDConfig) float64 {
			cfg.K, cfg.SampleLastVisible, cfg.Seed = 100, true, seed
			return 1 - cosine(cdGradient(r, grey, cfg), exact)
		}
		sampled, asGiven := gap(CDConfig{SampleData: true}), gap(CDConfig{})
		t.Logf("seed %d: 1 − cos with the exact gradient of binary samples: SampleData %.2g, grey values as given %.2g", seed, sampled, asGiven)
		if !(sampled < 5e-4 && asGiven > 5*sampled) {
			t.Errorf("seed %d: 1 − cos %.2g with SampleData (want < 5e-4), %.2g with the grey values (want 5× more)", seed, sampled, asGiven)
		}
	}
}
