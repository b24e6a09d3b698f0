// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// RatingsConfig sets up SyntheticRatings. Zero fields take the
// defaults in brackets; a nil config means all defaults.
type RatingsConfig struct {
	Users  int // number of users [500]
	Movies int // number of movies [200]
	Genres int // number of planted genres [5]
	// Observed is the fraction of (user, movie) pairs rated [0.1].
	Observed float64
	// HeldOut is the fraction of each user's ratings moved to the test
	// set [0.2]; every user keeps at least one training rating.
	HeldOut float64
	// Noise is the standard deviation of the noise added to the
	// planted score before it is rounded to stars [0.5]; bm.Off means
	// no noise.
	Noise float64
	// Seed makes the data reproducible [0 is a valid seed].
	Seed uint64
}

// Ratings is a synthetic movie-rating matrix in the spirit of the
// Netflix data the lecture mentions (RBMs for collaborative filtering,
// Salakhutdinov, Mnih & Hinton 2007): users × movies, 1–5 stars, most
// entries missing.
//
// The planted model: each movie belongs to one or two of the genres
// (MovieGenres, 0/1), each user has a taste for every genre
// (UserTastes, standard normal). The score of a user for a movie is
// the mean of the user's tastes over the movie's genres plus noise,
// and stars = 3 + 1.5·score rounded and clamped to 1 … 5. Expected
// gives the noise-free stars, the best any predictor can do.
type Ratings struct {
	// Train and Test hold stars 1–5 with 0 for missing; they never
	// rate the same (user, movie) pair.
	Train, Test *mat.Dense
	// UserTastes is users × genres, MovieGenres movies × genres.
	UserTastes, MovieGenres *mat.Dense
}

// SyntheticRatings draws a rating matrix from the planted model.
func SyntheticRatings(cfg *RatingsConfig) *Ratings {
	if cfg == nil {
		cfg = &RatingsConfig{}
	}
	c := RatingsConfig{
		Users:    orDefault(cfg.Users, 500),
		Movies:   orDefault(cfg.Movies, 200),
		Genres:   orDefault(cfg.Genres, 5),
		Observed: orDefault(cfg.Observed, 0.1),
		HeldOut:  orDefault(cfg.HeldOut, 0.2),
		Noise:    orDefault(cfg.Noise, 0.5),
		Seed:     cfg.Seed,
	}
	if c.Noise == off {
		c.Noise = 0
	}
	if c.Users < 1 || c.Movies < 2 || c.Genres < 1 || !(c.Observed > 0 && c.Observed <= 1) || !(c.HeldOut >= 0 && c.HeldOut < 1) ||
		!(c.Noise >= 0 && !math.IsInf(c.Noise, 1)) {
		panic(fmt.Sprintf("datasets: SyntheticRatings: bad config %+v (counts ≥ 1, 2 movies; Observed in (0, 1]; HeldOut in [0, 1); Noise ≥ 0 or bm.Off)", *cfg))
	}
	rnd := rand.New(rand.NewPCG(c.Seed, 0x5eed))
	r := &Ratings{
		Train:       mat.NewDense(c.Users, c.Movies, nil),
		Test:        mat.NewDense(c.Users, c.Movies, nil),
		UserTastes:  mat.NewDense(c.Users, c.Genres, nil),
		MovieGenres: mat.NewDense(c.Movies, c.Genres, nil),
	}
	for m := 0; m < c.Movies; m++ {
		g := rnd.IntN(c.Genres)
		r.MovieGenres.Set(m, g, 1)
		if c.Genres > 1 && rnd.IntN(2) == 1 {
			r.MovieGenres.Set(m, (g+1+rnd.IntN(c.Genres-1))%c.Genres, 1)
		}
	}
	for u := 0; u < c.Users; u++ {
		for g := 0; g < c.Genres; g++ {
			r.UserTastes.Set(u, g, rnd.NormFloat64())
		}
	}
	for u := 0; u < c.Users; u++ {
		var rated []int
		for m := 0; m < c.Movies; m++ {
			if rnd.Float64() < c.Observed {
				rated = append(rated, m)
			}
		}
		for len(rated) < 2 { // every user gets a training and usually a test rating
			if m := rnd.IntN(c.Movies); !containsInt(rated, m) {
				rated = append(rated, m)
			}
		}
		rnd.Shuffle(len(rated), func(i, j int) { rated[i], rated[j] = rated[j], rated[i] })
		nTest := min(int(math.Round(c.HeldOut*float64(len(rated)))), len(rated)-1)
		for k, m := range rated {
			stars := r.stars(u, m, c.Noise*rnd.NormFloat64())
			if k < nTest {
				r.Test.Set(u, m, stars)
			} else {
				r.Train.Set(u, m, stars)
			}
		}
	}
	return r
}

// stars turns the planted score of user u for movie m plus noise into
// 1–5 stars.
func (r *Ratings) stars(u, m int, noise float64) float64 {
	_, genres := r.MovieGenres.Dims()
	sum, n := 0.0, 0.0
	for g := 0; g < genres; g++ {
		if r.MovieGenres.At(m, g) != 0 {
			sum += r.UserTastes.At(u, g)
			n++
		}
	}
	return math.Max(1, math.Min(5, math.Round(3+1.5*(sum/n+noise))))
}

// Expected returns the noise-free stars of every user for every movie.
func (r *Ratings) Expected() *mat.Dense {
	users, movies := r.Train.Dims()
	e := mat.NewDense(users, movies, nil)
	for u := 0; u < users; u++ {
		for m := 0; m < movies; m++ {
			e.Set(u, m, r.stars(u, m, 0))
		}
	}
	return e
}

// RMSE returns the root-mean-square error of pred against the rated
// (non-zero) entries of target, e.g. RMSE(pred, r.Test).
func RMSE(pred, target *mat.Dense) float64 {
	pr, pc := pred.Dims()
	tr, tc := target.Dims()
	if pr != tr || pc != tc {
		panic(fmt.Sprintf("datasets: RMSE: %d×%d prediction for %d×%d target", pr, pc, tr, tc))
	}
	sum, n := 0.0, 0
	for i := 0; i < tr; i++ {
		for j, t := range target.RawRowView(i) {
			if t != 0 {
				d := pred.At(i, j) - t
				sum += d * d
				n++
			}
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return math.Sqrt(sum / float64(n))
}

func containsInt(s []int, x int) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}
