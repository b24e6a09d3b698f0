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

// ratingsPlanted generates ratings with planted structure: every user
// belongs to one of types taste groups, each group has its own preferred
// rating of each movie (uniform on 1..5), and a user's rating is the
// group's preference plus N(0, noise²), rounded and clipped to 1..5. A
// user rates each movie with probability density. One rating of each user
// in five (at random) is held out.
func ratingsPlanted(users, movies, types int, density, noise float64, rnd *rand.Rand) (train, heldOut []Rating) {
	pref := make([][]float64, types)
	for g := range pref {
		pref[g] = make([]float64, movies)
		for m := range pref[g] {
			pref[g][m] = 1 + 4*rnd.Float64()
		}
	}
	for u := 0; u < users; u++ {
		g := rnd.IntN(types)
		for m := 0; m < movies; m++ {
			if rnd.Float64() >= density {
				continue
			}
			v := int(math.Round(pref[g][m] + noise*rnd.NormFloat64()))
			v = min(max(v, 1), 5)
			k := Rating{User: u, Movie: m, Value: v}
			if rnd.IntN(5) == 0 {
				heldOut = append(heldOut, k)
			} else {
				train = append(train, k)
			}
		}
	}
	return train, heldOut
}

// TestRatingsRBMBeatsMovieMeans checks that the RBM finds the planted
// taste groups: the per-movie mean cannot see them, so its RMSE is about
// the spread of the groups' preferences (≈1.1 here), while a model that
// infers a user's group from their other ratings approaches the rating
// noise (≈0.6).
func TestRatingsRBMBeatsMovieMeans(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	train, heldOut := ratingsPlanted(500, 40, 3, 0.5, 0.5, rnd)
	baseline := MovieMeanRMSE(train, heldOut)
	r := NewRatingsRBM(40, 5, 20, rnd)
	var h History
	if err := r.Train(train, &RatingsConfig{Epochs: 30, Seed: 13, Validation: heldOut, Monitor: &h}); err != nil {
		t.Fatal(err)
	}
	got := r.RMSE(train, heldOut)
	t.Logf("held-out RMSE: RBM %.4f, movie means %.4f (%d train, %d held out)", got, baseline, len(train), len(heldOut))
	if !(got < 0.8*baseline) {
		t.Errorf("RBM RMSE %.4f does not beat 0.8 × movie-mean RMSE %.4f", got, baseline)
	}
	if rm := h.Series("rmse"); len(rm) != 30 || math.Abs(rm[29]-got) > 1e-12 {
		t.Errorf("monitor rmse series %v does not end at %.6f", rm, got)
	}
	p := r.PredictDistribution(train[:5], 3)
	var sum float64
	for _, v := range p {
		if v < 0 {
			t.Errorf("negative probability in %v", p)
		}
		sum += v
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("predicted distribution sums to %v", sum)
	}
}

// TestRatingsPredictDistributionExact compares PredictDistribution with
// brute-force enumeration of the hidden states of a tiny model.
func TestRatingsPredictDistributionExact(t *testing.T) {
	rnd := rand.New(rand.NewPCG(21, 22))
	r := NewRatingsRBM(3, 3, 4, rnd)
	for i := range r.W.RawMatrix().Data {
		r.W.RawMatrix().Data[i] = rnd.NormFloat64()
	}
	for i := 0; i < r.VisBias.Len(); i++ {
		r.VisBias.SetVec(i, rnd.NormFloat64())
	}
	for j := 0; j < 4; j++ {
		r.HidBias.SetVec(j, rnd.NormFloat64())
	}
	known := []Rating{{Movie: 0, Value: 2}, {Movie: 2, Value: 3}}
	got := r.PredictDistribution(known, 1)
	// p(v_1 = k, known) ∝ Σ_h exp(−E): enumerate h ∈ {0,1}⁴.
	want := make([]float64, 3)
	for k := 1; k <= 3; k++ {
		all := append([]Rating{{Movie: 1, Value: k}}, known...)
		for h := 0; h < 16; h++ {
			var negE float64
			for j := 0; j < 4; j++ {
				if h>>j&1 == 0 {
					continue
				}
				negE += r.HidBias.AtVec(j)
				for _, kn := range all {
					negE += r.row(kn.Movie, kn.Value)[j]
				}
			}
			for _, kn := range all {
				negE += r.visBias(kn.Movie, kn.Value)
			}
			want[k-1] += math.Exp(negE)
		}
	}
	z := want[0] + want[1] + want[2]
	for k := range want {
		if math.Abs(got[k]-want[k]/z) > 1e-12 {
			t.Errorf("p(rating %d) = %.15g, enumeration gives %.15g", k+1, got[k], want[k]/z)
		}
	}
}

func TestRatingsHiddenProbsExact(t *testing.T) {
	rnd := rand.New(rand.NewPCG(23, 24))
	r := NewRatingsRBM(3, 3, 4, rnd)
	for i := range r.W.RawMatrix().Data {
		r.W.RawMatrix().Data[i] = rnd.NormFloat64()
	}
	for j := 0; j < 4; j++ {
		r.HidBias.SetVec(j, rnd.NormFloat64())
	}
	known := []Rating{{Movie: 0, Value: 3}, {Movie: 1, Value: 1}}
	got := r.HiddenProbs(known)
	// p(h_j = 1 | v) = Σ_{h: h_j=1} exp(−E) / Σ_h exp(−E), h ∈ {0,1}⁴
	// (the visible biases cancel).
	var z float64
	on := make([]float64, 4)
	for h := 0; h < 16; h++ {
		var negE float64
		for j := 0; j < 4; j++ {
			if h>>j&1 == 1 {
				negE += r.HidBias.AtVec(j) + r.row(0, 3)[j] + r.row(1, 1)[j]
			}
		}
		z += math.Exp(negE)
		for j := 0; j < 4; j++ {
			if h>>j&1 == 1 {
				on[j] += math.Exp(negE)
			}
		}
	}
	for j := range on {
		if math.Abs(got[j]-on[j]/z) > 1e-12 {
			t.Errorf("p(h_%d = 1) = %.15g, enumeration gives %.15g", j, got[j], on[j]/z)
		}
	}
}

func TestRatingsTrainErrors(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	r := NewRatingsRBM(2, 5, 3, rnd)
	if err := r.Train([]Rating{{Movie: 0, Value: 6}}, &RatingsConfig{Monitor: Quiet}); err == nil {
		t.Error("rating value 6 on a 5-level model was accepted")
	}
	if err := r.Train([]Rating{{Movie: 2, Value: 1}}, &RatingsConfig{Monitor: Quiet}); err == nil {
		t.Error("movie 2 of a 2-movie model was accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := r.Train([]Rating{{Movie: 0, Value: 1}}, &RatingsConfig{Monitor: Quiet, Context: ctx})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Train returned %v", err)
	}
}

func TestRatingsFromMatrix(t *testing.T) {
	m := mat.NewDense(2, 3, []float64{0, 5, 1, 3, 0, 0})
	got := RatingsFromMatrix(m)
	want := []Rating{{0, 1, 5}, {0, 2, 1}, {1, 0, 3}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("rating %d: got %v, want %v", i, got[i], want[i])
		}
	}
}
