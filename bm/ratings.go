// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

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

// RatingsConfig configures RatingsRBM.Train. The zero value (or a nil
// pointer) means the documented defaults.
type RatingsConfig struct {
	// K is the number of Gibbs steps of CD-K; 0 means 1.
	K int
	// LearningRate is the step size per minibatch of users; 0 means 0.05.
	LearningRate float64
	// Momentum is in [0, 1); 0 means 0.9, negative turns it off.
	Momentum float64
	// WeightDecay is the L2 coefficient on W; 0 means 0.001, negative none.
	WeightDecay float64
	// BatchSize is the number of users per minibatch; 0 means 20.
	BatchSize int
	// Epochs is the number of passes over the users; 0 means 20.
	Epochs int
	// Seed seeds shuffling and sampling.
	Seed uint64
	// Validation, if set, holds held-out ratings of the training users
	// whose RMSE (predicted from the training ratings) is reported as
	// "rmse" after every epoch.
	Validation []Rating
	// Monitor receives per-epoch "recon" (RMSE of the mean-field
	// reconstruction of the training ratings) and "rmse"; nil means
	// DefaultMonitor.
	Monitor Monitor
	// Context stops training between minibatches; nil means DefaultContext.
	Context context.Context
	// Task names the run in reports; "" means the model's String.
	Task string
}

func (c *RatingsConfig) withDefaults() RatingsConfig {
	var d RatingsConfig
	if c != nil {
		d = *c
	}
	if d.K == 0 {
		d.K = 1
	}
	if d.LearningRate == 0 {
		d.LearningRate = 0.05
	}
	if d.Momentum == 0 {
		d.Momentum = 0.9
	} else if d.Momentum < 0 {
		d.Momentum = 0
	}
	if d.WeightDecay == 0 {
		d.WeightDecay = 0.001
	} else if d.WeightDecay < 0 {
		d.WeightDecay = 0
	}
	if d.BatchSize == 0 {
		d.BatchSize = 20
	}
	if d.Epochs == 0 {
		d.Epochs = 20
	}
	return d
}

// ratingsWork holds one user's CD buffers.
type ratingsWork struct {
	x, ph, h, xNeg []float64
	p              []float64
	neg            []int // sampled rating per known movie
}

// Train fits r to the ratings by contrastive divergence, one user per
// training case and minibatches of users. If the visible biases are all
// zero it first sets them from the rating frequencies. It returns an error
// for ratings outside the model and an error wrapping the context's error
// when cancelled (the model keeps its last completed minibatch).
func (r *RatingsRBM) Train(ratings []Rating, cfg *RatingsConfig) error {
	c := cfg.withDefaults()
	if err := r.checkRatings(ratings, "training"); err != nil {
		return err
	}
	if err := r.checkRatings(c.Validation, "validation"); err != nil {
		return err
	}
	if len(ratings) == 0 {
		return fmt.Errorf("bm: RatingsRBM.Train: no ratings")
	}
	if mat.Norm(r.VisBias, math.Inf(1)) == 0 {
		if err := r.SetVisibleBiasesFromData(ratings); err != nil {
			return err
		}
	}
	_, groups := ratingsByUser(ratings)
	mon := monitorOr(c.Monitor)
	ctx := contextOr(c.Context)
	task := c.Task
	if task == "" {
		task = fmt.Sprintf("%s CD-%d", r, c.K)
	}
	rnd := rand.New(rand.NewPCG(c.Seed, 0x72617465))
	nh, nv := r.NumHidden(), r.W.RawMatrix().Rows
	gW := mat.NewDense(nv, nh, nil)
	vW := mat.NewDense(nv, nh, nil)
	gb, vb := make([]float64, nv), make([]float64, nv)
	gc, vc := make([]float64, nh), make([]float64, nh)
	maxKnown := 0
	for _, g := range groups {
		maxKnown = max(maxKnown, len(g))
	}
	work := &ratingsWork{x: make([]float64, nh), ph: make([]float64, nh), h: make([]float64, nh),
		xNeg: make([]float64, nh), p: make([]float64, r.levels), neg: make([]int, maxKnown)}
	order := make([]int, len(groups))
	for i := range order {
		order[i] = i
	}
	bs := min(c.BatchSize, len(groups))
	batches := (len(groups) + bs - 1) / bs
	var tick ticker
	for epoch := 1; epoch <= c.Epochs; epoch++ {
		start := time.Now()
		rnd.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var reconSq float64
		for b := 0; b < batches; b++ {
			if ctx.Err() != nil {
				return interrupted(ctx, task, epoch, b)
			}
			gW.Zero()
			clear(gb)
			clear(gc)
			users := order[b*bs : min((b+1)*bs, len(order))]
			for _, u := range users {
				reconSq += r.cdUser(work, groups[u], c.K, gW, gb, gc, rnd)
			}
			scale := 1 / float64(len(users))
			ratingsStep(r.W.RawMatrix().Data, vW.RawMatrix().Data, gW.RawMatrix().Data, scale, c.LearningRate, c.Momentum, c.WeightDecay)
			ratingsStep(r.VisBias.RawVector().Data, vb, gb, scale, c.LearningRate, c.Momentum, 0)
			ratingsStep(r.HidBias.RawVector().Data, vc, gc, scale, c.LearningRate, c.Momentum, 0)
			if now := time.Now(); tick.due(now) {
				mon.Report(Progress{Task: task, Epoch: epoch, Epochs: c.Epochs, Batch: b + 1, Batches: batches,
					Examples: min((b+1)*bs, len(order)), Elapsed: now.Sub(start)})
			}
		}
		stats := []Stat{{Name: "recon", Value: math.Sqrt(reconSq / float64(len(ratings)))}}
		if len(c.Validation) > 0 {
			stats = append(stats, Stat{Name: "rmse", Value: r.RMSE(ratings, c.Validation)})
		}
		mon.Report(Progress{Task: task, Epoch: epoch, Epochs: c.Epochs, Batch: batches, Batches: batches,
			Examples: len(order), Elapsed: time.Since(start), EpochDone: true, Stats: stats})
	}
	return nil
}

// cdUser adds one user's CD-K gradient estimate to (gW, gb, gc) and
// returns the squared error of the first mean-field reconstruction of
// the user's ratings.
func (r *RatingsRBM) cdUser(w *ratingsWork, known []Rating, k int, gW *mat.Dense, gb, gc []float64, rnd *rand.Rand) float64 {
	// Positive phase: hidden probabilities with the ratings clamped.
	r.hiddenInput(w.x, known)
	for j, x := range w.x {
		w.ph[j] = Sigmoid(x)
		w.h[j] = ratingsBernoulli(w.ph[j], rnd)
	}
	graw := gW.RawMatrix()
	for _, kn := range known {
		i := kn.Movie*r.levels + kn.Value - 1
		row := graw.Data[i*graw.Stride : i*graw.Stride+graw.Cols]
		for j, p := range w.ph {
			row[j] += p
		}
		gb[i]++
	}
	for j, p := range w.ph {
		gc[j] += p
	}
	// Negative phase: K alternating updates of the rated movies'
	// softmax units and the hidden units.
	var sq float64
	neg := w.neg[:len(known)]
	for step := 0; step < k; step++ {
		for n, kn := range known {
			for v := 1; v <= r.levels; v++ {
				s := r.visBias(kn.Movie, v)
				for j, wt := range r.row(kn.Movie, v) {
					s += wt * w.h[j]
				}
				w.p[v-1] = s
			}
			mlpSoftmaxInPlace(w.p)
			if step == 0 {
				var e float64
				for v, p := range w.p {
					e += float64(v+1) * p
				}
				d := e - float64(kn.Value)
				sq += d * d
			}
			neg[n] = ratingsSampleCategorical(w.p, rnd) + 1
		}
		for j := range w.xNeg {
			w.xNeg[j] = r.HidBias.AtVec(j)
		}
		for n, kn := range known {
			for j, wt := range r.row(kn.Movie, neg[n]) {
				w.xNeg[j] += wt
			}
		}
		for j, x := range w.xNeg {
			p := Sigmoid(x)
			if step == k-1 {
				w.xNeg[j] = p // final step: keep probabilities for the statistics
			} else {
				w.h[j] = ratingsBernoulli(p, rnd)
			}
		}
	}
	for n, kn := range known {
		i := kn.Movie*r.levels + neg[n] - 1
		row := graw.Data[i*graw.Stride : i*graw.Stride+graw.Cols]
		for j, p := range w.xNeg {
			row[j] -= p
		}
		gb[i]--
	}
	for j, p := range w.xNeg {
		gc[j] -= p
	}
	return sq
}

func ratingsBernoulli(p float64, rnd *rand.Rand) float64 {
	if rnd.Float64() < p {
		return 1
	}
	return 0
}

// ratingsSampleCategorical draws an index with probabilities p.
func ratingsSampleCategorical(p []float64, rnd *rand.Rand) int {
	u := rnd.Float64()
	for i, pi := range p {
		u -= pi
		if u < 0 {
			return i
		}
	}
	return len(p) - 1
}

// ratingsStep applies v ← μv + η(scale·g − λp); p ← p + v (gradient ascent
// on the log-likelihood estimate g).
func ratingsStep(p, v, g []float64, scale, lr, mom, decay float64) {
	for i := range p {
		v[i] = mom*v[i] + lr*(scale*g[i]-decay*p[i])
		p[i] += v[i]
	}
}

// Save writes r as a model file of kind "ratings-rbm" (see SaveFile),
// with the tensors "W", "VisBias", "HidBias" and the attribute "levels".
func (r *RatingsRBM) Save(w io.Writer) error {
	return writeModel(w, "ratings-rbm", []modelAttr{{Key: "levels", Value: strconv.Itoa(r.levels)}}, []modelTensor{
		denseTensor("W", r.W),
		vecTensor("VisBias", r.VisBias),
		vecTensor("HidBias", r.HidBias),
	})
}

// LoadRatingsRBM reads a ratings RBM written by (*RatingsRBM).Save.
func LoadRatingsRBM(rd io.Reader) (*RatingsRBM, error) {
	f, err := readModel(rd, "ratings-rbm")
	if err != nil {
		return nil, err
	}
	return ratingsFromModel(f)
}

// LoadRatingsRBMFile reads a ratings RBM from a file written by SaveFile.
func LoadRatingsRBMFile(path string) (*RatingsRBM, error) {
	f, err := readModelFile(path, "ratings-rbm")
	if err != nil {
		return nil, err
	}
	r, err := ratingsFromModel(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

func ratingsFromModel(f *modelFile) (*RatingsRBM, error) {
	s, _ := f.attr("levels")
	levels, err := strconv.Atoi(s)
	if err != nil || levels < 2 {
		return nil, fmt.Errorf("%w: ratings RBM has %q rating levels", ErrModelCorrupt, s)
	}
	w, err := f.dense("W")
	if err != nil {
		return nil, err
	}
	b, err := f.vec("VisBias")
	if err != nil {
		return nil, err
	}
	c, err := f.vec("HidBias")
	if err != nil {
		return nil, err
	}
	rows, cols := w.Dims()
	if rows%levels != 0 || b.Len() != rows || c.Len() != cols {
		return nil, fmt.Errorf("%w: ratings RBM weights are %d×%d with %d levels, biases have lengths %d and %d", ErrModelCorrupt, rows, cols, levels, b.Len(), c.Len())
	}
	return &RatingsRBM{W: w, VisBias: b, HidBias: c, levels: levels}, nil
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
