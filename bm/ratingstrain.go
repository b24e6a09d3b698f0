// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// RatingsConfig configures RatingsRBM.Train. The zero value (or a nil
// pointer) means the documented defaults; the fields shared with the
// other trainers' configs have the same names and defaults there (see
// the package doc's table).
type RatingsConfig struct {
	// K is the number of Gibbs steps of CD-K; 0 means 1.
	K int
	// Each minibatch of users moves the weights and biases by
	// LearningRate (0: 0.1) times the users' mean CD estimate, and
	// LearningRateDecay (0 or Off: 1) shrinks the rate after each epoch.
	LearningRate, LearningRateDecay float64
	// Momentum for the first MomentumSwitchEpoch epochs, FinalMomentum
	// after (0: 0.5, 0.9 and 5; Momentum alone holds throughout; Off:
	// none); WeightDecay is the L2 penalty on W only (0: 0.0002; Off:
	// none).
	Momentum, FinalMomentum, WeightDecay float64
	MomentumSwitchEpoch                  int
	// Epochs (0: 10) pass over the users in minibatches of BatchSize
	// users (0: 100), in a fresh random order each unless NoShuffle.
	BatchSize, Epochs int
	NoShuffle         bool
	// Seed seeds shuffling and sampling.
	Seed uint64
	// NoDataInit leaves the visible biases alone. By default, when they
	// are all zero (a fresh model), Train first sets them from the
	// rating frequencies (SetVisibleBiasesFromData).
	NoDataInit bool
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
	// Task names the run in reports; "" means e.g. "RatingsRBM 1682×5-100 CD-1".
	Task string
}

// ratingsSettings is a RatingsConfig checked and with the defaults filled in.
type ratingsSettings struct {
	sgdSettings
	k int
}

func (c *RatingsConfig) settings() (ratingsSettings, error) {
	if c == nil {
		c = &RatingsConfig{}
	}
	chk := fieldCheck{config: "RatingsConfig"}
	s := ratingsSettings{
		sgdSettings: chk.sgd(sgdFields{c.LearningRate, c.LearningRateDecay, c.Momentum, c.FinalMomentum, c.WeightDecay,
			c.MomentumSwitchEpoch, c.BatchSize, c.Epochs, c.NoShuffle, c.Seed}),
		k: chk.count("K", c.K, 1, false),
	}
	return s, chk.err
}

// Train fits r to the ratings by contrastive divergence, one user per
// training case and minibatches of users. Unless cfg.NoDataInit, if
// the visible biases are all zero it first sets them from the rating
// frequencies. It returns a *ConfigError for a config value it cannot
// use, an error for ratings outside the model, and an error wrapping
// the context's error when cancelled (the model keeps its last
// completed minibatch).
func (r *RatingsRBM) Train(ratings []Rating, cfg *RatingsConfig) error {
	s, err := cfg.settings()
	if err != nil {
		return err
	}
	if cfg == nil {
		cfg = &RatingsConfig{}
	}
	if err := r.checkRatings(ratings, "training"); err != nil {
		return err
	}
	if err := r.checkRatings(cfg.Validation, "validation"); err != nil {
		return err
	}
	if len(ratings) == 0 {
		return fmt.Errorf("bm: RatingsRBM.Train: no ratings")
	}
	_, groups := ratingsByUser(ratings)
	task := cfg.Task
	if task == "" {
		task = fmt.Sprintf("%s CD-%d", r, s.k)
	}
	run := newRun(task, len(groups), s.sgdSettings, 0x72617465, cfg.Monitor, cfg.Context)
	return run.train(&ratingsRun{r: r, s: s, run: run, ratings: ratings, groups: groups, cfg: cfg})
}

// ratingsRun is RatingsRBM.Train's stepper.
type ratingsRun struct {
	r       *RatingsRBM
	s       ratingsSettings
	run     *run
	ratings []Rating
	groups  [][]Rating // the ratings of each user
	cfg     *RatingsConfig
	work    *ratingsWork
	gW, vW  *mat.Dense // gradient and velocity of W
	gb, vb  []float64
	gc, vc  []float64
	lr, mom float64
	reconSq float64
}

// ratingsWork holds one user's CD buffers.
type ratingsWork struct {
	x, ph, h, xNeg []float64
	p              []float64
	neg            []int // sampled rating per known movie
}

func (t *ratingsRun) begin() error {
	r := t.r
	if !t.cfg.NoDataInit && mat.Norm(r.VisBias, math.Inf(1)) == 0 {
		if err := r.SetVisibleBiasesFromData(t.ratings); err != nil {
			return err
		}
	}
	nh, nv := r.NumHidden(), r.W.RawMatrix().Rows
	t.gW, t.vW = mat.NewDense(nv, nh, nil), mat.NewDense(nv, nh, nil)
	t.gb, t.vb = make([]float64, nv), make([]float64, nv)
	t.gc, t.vc = make([]float64, nh), make([]float64, nh)
	maxKnown := 0
	for _, g := range t.groups {
		maxKnown = max(maxKnown, len(g))
	}
	t.work = &ratingsWork{x: make([]float64, nh), ph: make([]float64, nh), h: make([]float64, nh),
		xNeg: make([]float64, nh), p: make([]float64, r.levels), neg: make([]int, maxKnown)}
	return nil
}

func (t *ratingsRun) startEpoch(_ int, lr, momentum float64) {
	t.lr, t.mom, t.reconSq = lr, momentum, 0
}

func (t *ratingsRun) step(users []int) error {
	r := t.r
	t.gW.Zero()
	clear(t.gb)
	clear(t.gc)
	for _, u := range users {
		t.reconSq += r.cdUser(t.work, t.groups[u], t.s.k, t.gW, t.gb, t.gc, t.run.rnd)
	}
	// Ascent on the mean of the users' gradient estimates (sgd.go).
	scale := 1 / float64(len(users))
	sgdStep(r.W.RawMatrix().Data, t.vW.RawMatrix().Data, t.gW.RawMatrix().Data, scale, t.lr, t.mom, t.s.decay)
	sgdStep(r.VisBias.RawVector().Data, t.vb, t.gb, scale, t.lr, t.mom, 0)
	sgdStep(r.HidBias.RawVector().Data, t.vc, t.gc, scale, t.lr, t.mom, 0)
	return nil
}

func (t *ratingsRun) endEpoch(epoch int) ([]Stat, error) {
	if !allFinite(t.r.W.RawMatrix().Data) {
		return nil, t.run.diverged(epoch, "the weights are no longer finite")
	}
	stats := []Stat{{Name: "recon", Value: math.Sqrt(t.reconSq / float64(len(t.ratings)))}}
	if len(t.cfg.Validation) > 0 {
		stats = append(stats, Stat{Name: "rmse", Value: t.r.RMSE(t.ratings, t.cfg.Validation)})
	}
	return stats, nil
}

func (t *ratingsRun) end() {}

// cdUser adds one user's CD-K gradient estimate to (gW, gb, gc) and
// returns the squared error of the first mean-field reconstruction of
// the user's ratings.
func (r *RatingsRBM) cdUser(w *ratingsWork, known []Rating, k int, gW *mat.Dense, gb, gc []float64, rnd *rand.Rand) float64 {
	// Positive phase: hidden probabilities with the ratings clamped.
	r.hiddenInput(w.x, known)
	for j, x := range w.x {
		w.ph[j] = Sigmoid(x)
		w.h[j] = bernoulli(rnd, w.ph[j])
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
				w.h[j] = bernoulli(rnd, p)
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
