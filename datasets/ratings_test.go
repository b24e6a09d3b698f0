// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestSyntheticRatings(t *testing.T) {
	r := SyntheticRatings(&RatingsConfig{Seed: 42})
	users, movies := r.Train.Dims()
	if users != 500 || movies != 200 {
		t.Fatalf("%d×%d ratings, want the default 500×200", users, movies)
	}
	if ug, mg := r.UserTastes.RawMatrix().Cols, r.MovieGenres.RawMatrix().Cols; ug != 5 || mg != 5 {
		t.Fatalf("%d, %d genres", ug, mg)
	}
	train, test := 0, 0
	for u := 0; u < users; u++ {
		nu := 0
		for m := 0; m < movies; m++ {
			a, b := r.Train.At(u, m), r.Test.At(u, m)
			for _, v := range []float64{a, b} {
				if v != 0 && (v < 1 || v > 5 || v != math.Round(v)) {
					t.Fatalf("rating %v is not 1–5 stars", v)
				}
			}
			if a != 0 && b != 0 {
				t.Fatalf("(%d, %d) is in both train and test", u, m)
			}
			if a != 0 {
				train++
				nu++
			}
			if b != 0 {
				test++
			}
		}
		if nu == 0 {
			t.Fatalf("user %d has no training rating", u)
		}
	}
	// Observed ≈ 0.1 of 100 000 pairs (binomial sd ≈ 95), held out ≈ 0.2.
	if obs := train + test; math.Abs(float64(obs)-10000) > 500 {
		t.Errorf("%d ratings, expected ≈ 10000", obs)
	}
	if frac := float64(test) / float64(train+test); math.Abs(frac-0.2) > 0.02 {
		t.Errorf("held-out fraction %.3f, want ≈ 0.2", frac)
	}
	for m := 0; m < movies; m++ {
		if g := floats(r.MovieGenres.RawRowView(m)); g < 1 || g > 2 {
			t.Fatalf("movie %d has %v genres", m, g)
		}
	}
	// The planted structure predicts the held-out stars far better
	// than the training mean does (noise sd 0.5 of a score unit =
	// 0.75 stars bounds the achievable RMSE from below).
	mean := mat.Sum(r.Train) / float64(train)
	flat := mat.NewDense(users, movies, nil)
	for u := 0; u < users; u++ {
		for m := 0; m < movies; m++ {
			flat.Set(u, m, mean)
		}
	}
	planted, baseline := RMSE(r.Expected(), r.Test), RMSE(flat, r.Test)
	if !(planted < 0.7*baseline) {
		t.Errorf("planted RMSE %.3f, baseline %.3f: structure too weak", planted, baseline)
	}
	t.Logf("held-out RMSE: planted %.3f, global mean %.3f", planted, baseline)

	// Same seed, same data; another seed, other data; no noise means
	// the ratings are exactly the expected stars.
	if again := SyntheticRatings(&RatingsConfig{Seed: 42}); !mat.Equal(again.Train, r.Train) || !mat.Equal(again.Test, r.Test) {
		t.Error("same seed gave different ratings")
	}
	if other := SyntheticRatings(&RatingsConfig{Seed: 43}); mat.Equal(other.Train, r.Train) {
		t.Error("different seeds gave the same ratings")
	}
	clean := SyntheticRatings(&RatingsConfig{Users: 50, Movies: 40, Noise: off, Seed: 1})
	if e := RMSE(clean.Expected(), clean.Train); e != 0 {
		t.Errorf("noise-free ratings differ from Expected: RMSE %v", e)
	}
}

func TestSyntheticRatingsRejectsBadConfig(t *testing.T) {
	for _, c := range []RatingsConfig{{Noise: -0.5}, {Users: -3}, {Observed: 1.5}, {HeldOut: 1}} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.HasPrefix(fmt.Sprint(r), "datasets: ") {
					t.Errorf("%+v: recovered %v, want a datasets: panic", c, r)
				}
			}()
			SyntheticRatings(&c)
		}()
	}
}
