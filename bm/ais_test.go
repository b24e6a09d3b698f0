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

// prototypeData returns n binary vectors of length nv, each a copy of
// one of k random prototypes with every bit flipped with probability
// noise: a small data set with clusters, which an RBM learns into
// sizeable weights (a harder target for AIS than a random RBM).
func prototypeData(n, nv, k int, noise float64, seed uint64) *mat.Dense {
	rnd := rand.New(rand.NewPCG(seed, 5))
	protos := make([][]float64, k)
	for p := range protos {
		protos[p] = make([]float64, nv)
		for i := range protos[p] {
			protos[p][i] = float64(rnd.IntN(2))
		}
	}
	d := mat.NewDense(n, nv, nil)
	for r := 0; r < n; r++ {
		row := d.RawRowView(r)
		copy(row, protos[rnd.IntN(k)])
		for i := range row {
			if rnd.Float64() < noise {
				row[i] = 1 - row[i]
			}
		}
	}
	return d
}

func TestAISMatchesExactLogZ(t *testing.T) {
	data := prototypeData(1000, 64, 6, 0.05, 1)
	r := NewRBM(64, 16, rand.New(rand.NewPCG(2, 2)))
	if err := r.Train(data, &CDConfig{Epochs: 30, LearningRate: 0.1, Monitor: Quiet}); err != nil {
		t.Fatal(err)
	}
	exact := must(r.ExactLogZ())
	// The reference: exact log Z by enumerating the 2^16 hidden states.
	// Full test: the paper's 14500-step schedule must land within 0.1
	// nats. Under -short: 1500 steps, within 0.3 nats.
	steps, tol := 14500, 0.1
	if testing.Short() {
		steps, tol = 1500, 0.3
	}
	res, err := r.AIS(&AISConfig{Steps: steps, Runs: 100, BaseData: data, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("exact log Z = %.4f, AIS %v (base log Z_A = %.2f)", exact, res, res.BaseLogZ)
	if d := math.Abs(res.LogZ - exact); d > tol {
		t.Errorf("AIS log Z = %.4f, exact %.4f: off by %.3f nats (tolerance %g)", res.LogZ, exact, d, tol)
	}
	if !(res.LogZLow <= res.LogZ && res.LogZ <= res.LogZHigh) {
		t.Errorf("bounds %v do not bracket the estimate", res)
	}
	// Sanity: the trained model is far from the base model, so this
	// test would catch an AIS that just returned log Z_A.
	if math.Abs(exact-res.BaseLogZ) < 5 {
		t.Errorf("exact log Z %.2f is within 5 nats of the base model's %.2f: test too easy", exact, res.BaseLogZ)
	}
	ll := r.LogLikelihood(data, res.LogZ)
	if want := must(r.ExactLogLikelihood(data)); math.Abs(ll-want) > tol {
		t.Errorf("AIS log-likelihood %.4f, exact %.4f", ll, want)
	}
}

func TestAISCancelAndSchedule(t *testing.T) {
	r := randomRBM(6, 4, 1, 9)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.AIS(&AISConfig{Steps: 100, Context: ctx}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled AIS returned %v", err)
	}
	betas := AISSchedule(14500)
	if betas[0] != 0 || betas[len(betas)-1] != 1 || len(betas) < 14500 {
		t.Errorf("schedule has %d values from %g to %g", len(betas), betas[0], betas[len(betas)-1])
	}
	for i := 1; i < len(betas); i++ {
		if betas[i] <= betas[i-1] {
			t.Fatalf("schedule not increasing at %d: %g, %g", i, betas[i-1], betas[i])
		}
	}
}
