// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Rating is one user's rating of one movie: Value is on the scale
// 1..Levels of the model (1 to 5 stars for Netflix). Users and movies are
// integer ids; movies index the model's visible groups, 0 ≤ Movie < movies.
type Rating struct {
	User, Movie, Value int
}

// RatingsRBM is the restricted Boltzmann machine for collaborative
// filtering of Salakhutdinov, Mnih & Hinton (2007). Every user is a
// training case. A movie is a group of Levels visible units of which
// exactly one is on (a softmax unit: the rating given); the movies a user
// did not rate are simply absent from that user's RBM. All users share
// the weights and biases of the movies they rated and the hidden biases,
// so the model is one RBM per user with tied parameters.
//
// The energy of a user's ratings v (v_ik = 1 if movie i got rating k)
// and binary hidden units h is
//
//	E(v, h) = −Σ_{i rated} Σ_k Σ_j v_ik W_ikj h_j − Σ_{i rated} Σ_k v_ik b_ik − Σ_j c_j h_j.
type RatingsRBM struct {
	// W has one row per (movie, rating) pair, row Movie·Levels + Value − 1,
	// and one column per hidden unit.
	W *mat.Dense
	// VisBias holds b_ik, indexed like the rows of W.
	VisBias *mat.VecDense
	// HidBias holds c_j.
	HidBias *mat.VecDense

	levels int
}

// NewRatingsRBM returns a ratings RBM for movies movies rated on the
// scale 1..levels, with hidden hidden units, small random weights
// (N(0, 0.01²)) and zero biases. Train sets the visible biases from the
// rating frequencies if they are still zero.
func NewRatingsRBM(movies, levels, hidden int, rnd *rand.Rand) *RatingsRBM {
	if movies <= 0 || levels < 2 || hidden <= 0 {
		panic(fmt.Sprintf("bm: NewRatingsRBM needs movies > 0, levels ≥ 2, hidden > 0; got %d, %d, %d", movies, levels, hidden))
	}
	w := mat.NewDense(movies*levels, hidden, nil)
	raw := w.RawMatrix()
	for i := range raw.Data {
		raw.Data[i] = 0.01 * rnd.NormFloat64()
	}
	return &RatingsRBM{
		W:       w,
		VisBias: mat.NewVecDense(movies*levels, nil),
		HidBias: mat.NewVecDense(hidden, nil),
		levels:  levels,
	}
}

// NumMovies returns the number of movies (softmax visible groups).
func (r *RatingsRBM) NumMovies() int { return r.W.RawMatrix().Rows / r.levels }

// NumLevels returns the number of rating values K.
func (r *RatingsRBM) NumLevels() int { return r.levels }

// NumHidden returns the number of hidden units.
func (r *RatingsRBM) NumHidden() int { return r.W.RawMatrix().Cols }

// String describes the model, e.g. "RatingsRBM 1682×5-100".
func (r *RatingsRBM) String() string {
	return fmt.Sprintf("RatingsRBM %d×%d-%d", r.NumMovies(), r.levels, r.NumHidden())
}

// row returns the weights from rating value (1-based) of movie to the
// hidden units.
func (r *RatingsRBM) row(movie, value int) []float64 {
	raw := r.W.RawMatrix()
	i := movie*r.levels + value - 1
	return raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]
}

func (r *RatingsRBM) visBias(movie, value int) float64 {
	return r.VisBias.AtVec(movie*r.levels + value - 1)
}

// hiddenInput sets x to the total input c + Σ_i W_{i,v_i} of the hidden
// units given a user's ratings.
func (r *RatingsRBM) hiddenInput(x []float64, known []Rating) {
	for j := range x {
		x[j] = r.HidBias.AtVec(j)
	}
	for _, k := range known {
		for j, w := range r.row(k.Movie, k.Value) {
			x[j] += w
		}
	}
}

// checkRatings returns an error naming the first rating outside the model.
func (r *RatingsRBM) checkRatings(rs []Rating, what string) error {
	movies := r.NumMovies()
	for i, k := range rs {
		if k.Movie < 0 || k.Movie >= movies {
			return fmt.Errorf("bm: %s rating %d has movie %d outside [0, %d); renumber the movies or build a larger model", what, i, k.Movie, movies)
		}
		if k.Value < 1 || k.Value > r.levels {
			return fmt.Errorf("bm: %s rating %d (user %d, movie %d) has value %d outside 1..%d", what, i, k.User, k.Movie, k.Value, r.levels)
		}
	}
	return nil
}

// ratingsByUser groups ratings by user, users in increasing id order.
func ratingsByUser(rs []Rating) (users []int, groups [][]Rating) {
	sorted := slices.Clone(rs)
	slices.SortStableFunc(sorted, func(a, b Rating) int { return a.User - b.User })
	for i := 0; i < len(sorted); {
		j := i
		for j < len(sorted) && sorted[j].User == sorted[i].User {
			j++
		}
		users = append(users, sorted[i].User)
		groups = append(groups, sorted[i:j:j])
		i = j
	}
	return users, groups
}

// SetVisibleBiasesFromData sets b_ik to the log of the frequency of
// rating k for movie i in rs (with one pseudo-count per value), so that
// before learning the model predicts each movie's rating histogram.
func (r *RatingsRBM) SetVisibleBiasesFromData(rs []Rating) error {
	if err := r.checkRatings(rs, "training"); err != nil {
		return err
	}
	counts := make([]float64, r.NumMovies()*r.levels)
	for i := range counts {
		counts[i] = 1
	}
	for _, k := range rs {
		counts[k.Movie*r.levels+k.Value-1]++
	}
	for m := 0; m < r.NumMovies(); m++ {
		var total float64
		for k := 0; k < r.levels; k++ {
			total += counts[m*r.levels+k]
		}
		for k := 0; k < r.levels; k++ {
			r.VisBias.SetVec(m*r.levels+k, math.Log(counts[m*r.levels+k]/total))
		}
	}
	return nil
}

// PredictDistribution returns p(rating of movie = k | known) in
// element k−1, for a user whose ratings are known (User fields are
// ignored). It is exact: summing out the hidden units,
//
//	log p(v_q = k | known) = b_qk + Σ_j softplus(c_j + Σ_{i∈known} W_{i,v_i,j} + W_qkj) + const.
func (r *RatingsRBM) PredictDistribution(known []Rating, movie int) []float64 {
	if err := r.checkRatings(known, "known"); err != nil {
		panic(err.Error())
	}
	x := make([]float64, r.NumHidden())
	r.hiddenInput(x, known)
	p := make([]float64, r.levels)
	r.predictFromInput(p, x, movie)
	return p
}

// HiddenProbs returns p(h_j = 1 | known) for every hidden unit j: the
// hidden units' activities for a user whose ratings are known (User
// fields are ignored), σ(c_j + Σ_{i∈known} W_{i,v_i,j}). They are the
// user's features, e.g. for finding which units track which tastes.
func (r *RatingsRBM) HiddenProbs(known []Rating) []float64 {
	if err := r.checkRatings(known, "known"); err != nil {
		panic(err.Error())
	}
	x := make([]float64, r.NumHidden())
	r.hiddenInput(x, known)
	for j, v := range x {
		x[j] = Sigmoid(v)
	}
	return x
}

// predictFromInput fills p with the rating distribution of movie given
// the hidden input x of the user's known ratings.
func (r *RatingsRBM) predictFromInput(p, x []float64, movie int) {
	for k := 1; k <= r.levels; k++ {
		s := r.visBias(movie, k)
		for j, w := range r.row(movie, k) {
			s += softplus(x[j] + w)
		}
		p[k-1] = s
	}
	lz := LogSumExp(p)
	for k := range p {
		p[k] = math.Exp(p[k] - lz)
	}
}

// Predict returns the expected rating Σ_k k·p(k | user's ratings in
// known) for every query (User and Movie; Value is ignored). Users with
// no known ratings get the prediction of an empty history.
func (r *RatingsRBM) Predict(known, queries []Rating) []float64 {
	if err := r.checkRatings(known, "known"); err != nil {
		panic(err.Error())
	}
	users, groups := ratingsByUser(known)
	byUser := make(map[int][]Rating, len(users))
	for i, u := range users {
		byUser[u] = groups[i]
	}
	out := make([]float64, len(queries))
	x := make([]float64, r.NumHidden())
	p := make([]float64, r.levels)
	last := 0
	for i, q := range queries {
		if q.Movie < 0 || q.Movie >= r.NumMovies() {
			panic(fmt.Sprintf("bm: query %d has movie %d outside [0, %d)", i, q.Movie, r.NumMovies()))
		}
		if i == 0 || q.User != last {
			r.hiddenInput(x, byUser[q.User])
			last = q.User
		}
		r.predictFromInput(p, x, q.Movie)
		var e float64
		for k, pk := range p {
			e += float64(k+1) * pk
		}
		out[i] = e
	}
	return out
}

// RMSE returns the root mean squared error of Predict(known, heldOut)
// against the held-out ratings.
func (r *RatingsRBM) RMSE(known, heldOut []Rating) float64 {
	return ratingsRMSE(r.Predict(known, heldOut), heldOut)
}

func ratingsRMSE(pred []float64, heldOut []Rating) float64 {
	if len(heldOut) == 0 {
		return math.NaN()
	}
	var s float64
	for i, k := range heldOut {
		d := pred[i] - float64(k.Value)
		s += d * d
	}
	return math.Sqrt(s / float64(len(heldOut)))
}

// MovieMeans returns the mean rating of each of movies movies in train;
// movies without ratings get the mean of all ratings.
func MovieMeans(train []Rating, movies int) []float64 {
	sum := make([]float64, movies)
	n := make([]float64, movies)
	var all float64
	for _, k := range train {
		sum[k.Movie] += float64(k.Value)
		n[k.Movie]++
		all += float64(k.Value)
	}
	global := all / math.Max(float64(len(train)), 1)
	for m := range sum {
		if n[m] > 0 {
			sum[m] /= n[m]
		} else {
			sum[m] = global
		}
	}
	return sum
}

// MovieMeanRMSE returns the RMSE on heldOut of predicting every rating by
// its movie's mean rating in train: the baseline a ratings model must beat.
func MovieMeanRMSE(train, heldOut []Rating) float64 {
	movies := 0
	for _, k := range slices.Concat(train, heldOut) {
		movies = max(movies, k.Movie+1)
	}
	means := MovieMeans(train, movies)
	pred := make([]float64, len(heldOut))
	for i, k := range heldOut {
		pred[i] = means[k.Movie]
	}
	return ratingsRMSE(pred, heldOut)
}

// RatingsFromMatrix lists the ratings held in a users × movies matrix
// (row = user, column = movie, entry = rating, 0 = not rated), such as
// the Train and Test matrices of datasets.SyntheticRatings. Entries are
// rounded to the nearest integer.
func RatingsFromMatrix(m mat.Matrix) []Rating {
	r, c := m.Dims()
	var out []Rating
	for u := 0; u < r; u++ {
		for i := 0; i < c; i++ {
			if v := math.Round(m.At(u, i)); v != 0 {
				out = append(out, Rating{User: u, Movie: i, Value: int(v)})
			}
		}
	}
	return out
}
