// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// CDConfig configures contrastive-divergence training of an RBM. The
// zero value (or a nil *CDConfig) means CD-1 with the defaults of
// Hinton's "A Practical Guide to Training Restricted Boltzmann
// Machines" (2010), given for each field.
type CDConfig struct {
	// K is the number of Gibbs steps in the negative phase (CD-K).
	// Default 1.
	K int
	// Persistent selects persistent contrastive divergence (PCD): the
	// negative phase continues a set of fantasy chains from one
	// minibatch to the next instead of restarting at the data.
	Persistent bool
	// Chains is the number of persistent fantasy chains (PCD only).
	// Default: BatchSize.
	Chains int

	// LearningRate for weights and biases. Default 0.1.
	LearningRate float64
	// Momentum is used for the first MomentumSwitchEpoch epochs and
	// FinalMomentum after them. Defaults 0.5, 0.9 and 5. A negative
	// value means no momentum.
	Momentum, FinalMomentum float64
	MomentumSwitchEpoch     int
	// WeightDecay is the L2 penalty coefficient on the weights (not the
	// biases). Default 0.0002; a negative value means none.
	WeightDecay float64
	// SparsityTarget, if positive, is the desired mean activation of
	// each hidden unit; SparsityCost (default 0.01) weighs the penalty
	// and SparsityDecay (default 0.95) smooths the running estimate of
	// each unit's activation.
	SparsityTarget, SparsityCost, SparsityDecay float64

	// BatchSize is the number of examples per minibatch. Default 100.
	BatchSize int
	// Epochs is the number of passes over the data. Default 10.
	Epochs int
	// NoShuffle keeps the data in order; by default every epoch visits
	// the examples in a fresh random order.
	NoShuffle bool
	// Seed seeds the sampler and the shuffling.
	Seed uint64
	// NoDataInit leaves the visible biases alone. By default, when all
	// visible biases are zero (a fresh RBM), Train sets them to
	// log(p/(1−p)) of each unit's mean p in the data, as the practical
	// guide recommends.
	NoDataInit bool

	// Validation, if not nil, is held-out data: every epoch reports
	// the gap between its mean free energy and that of as many
	// training examples ("fegap"); a growing gap means overfitting.
	Validation *mat.Dense

	// Monitor receives per-epoch statistics: "recon" (mean squared
	// reconstruction error per example), "pll" (pseudo-log-likelihood
	// per example, estimated on up to 1000 training examples) and
	// "fegap". Default: DefaultMonitor.
	Monitor Monitor
	// Context stops training when cancelled. Default: DefaultContext.
	Context context.Context
}

// cdSettings is a CDConfig with the defaults filled in.
type cdSettings struct {
	k, chains, batch, epochs, switchEpoch int
	lr, mom0, mom1, decay                 float64
	sparse, sparseCost, sparseDecay       float64
	persistent, shuffle, dataInit         bool
	seed                                  uint64
}

func (c *CDConfig) settings() cdSettings {
	if c == nil {
		c = &CDConfig{}
	}
	pick := func(x, def float64) float64 {
		switch {
		case x == 0:
			return def
		case x < 0:
			return 0
		}
		return x
	}
	pickInt := func(x, def int) int {
		if x <= 0 {
			return def
		}
		return x
	}
	s := cdSettings{
		k:           pickInt(c.K, 1),
		batch:       pickInt(c.BatchSize, 100),
		epochs:      pickInt(c.Epochs, 10),
		switchEpoch: pickInt(c.MomentumSwitchEpoch, 5),
		lr:          pick(c.LearningRate, 0.1),
		mom0:        pick(c.Momentum, 0.5),
		mom1:        pick(c.FinalMomentum, 0.9),
		decay:       pick(c.WeightDecay, 0.0002),
		sparse:      math.Max(c.SparsityTarget, 0),
		sparseCost:  pick(c.SparsityCost, 0.01),
		sparseDecay: pick(c.SparsityDecay, 0.95),
		persistent:  c.Persistent,
		shuffle:     !c.NoShuffle,
		dataInit:    !c.NoDataInit,
		seed:        c.Seed,
	}
	s.chains = pickInt(c.Chains, s.batch)
	return s
}

// name returns "CD-1", "PCD-5" and so on.
func (s cdSettings) name() string {
	if s.persistent {
		return fmt.Sprintf("PCD-%d", s.k)
	}
	return fmt.Sprintf("CD-%d", s.k)
}

// Train fits r to the rows of data (values in [0, 1], one example per
// row) by contrastive divergence, as configured by cfg (nil means
// defaults). It reports to cfg.Monitor at the end of every epoch and
// checks cfg.Context before every minibatch; when the context is
// cancelled it returns an error wrapping ctx.Err() and leaves r as it
// was after the last completed minibatch.
func (r *RBM) Train(data *mat.Dense, cfg *CDConfig) error {
	if cfg == nil {
		cfg = &CDConfig{}
	}
	n, nv := data.Dims()
	r.checkVis(nv)
	if err := checkUnitInterval(data, "training data"); err != nil {
		return err
	}
	if cfg.Validation != nil {
		if _, vc := cfg.Validation.Dims(); vc != nv {
			panic(fmt.Sprintf("bm: validation data has %d columns, RBM has %d visible units", vc, nv))
		}
		if err := checkUnitInterval(cfg.Validation, "validation data"); err != nil {
			return err
		}
	}
	s := cfg.settings()
	mon := monitorOr(cfg.Monitor)
	ctx := contextOr(cfg.Context)
	task := fmt.Sprintf("%v %s", r, s.name())

	if s.dataInit && mat.Norm(r.VisBias, math.Inf(1)) == 0 {
		initVisBiasFromData(r.VisBias, data)
	}

	t := newCDTrainer(r, s)
	rnd := rand.New(rand.NewPCG(s.seed, 0x5eed_cd))
	t.rnd = rnd
	if s.persistent {
		t.initChains(data)
	}
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	batches := (n + s.batch - 1) / s.batch
	var tick ticker
	for epoch := 1; epoch <= s.epochs; epoch++ {
		start := time.Now()
		tick.last = start
		if s.shuffle {
			rnd.Shuffle(n, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		}
		t.momentum = s.mom0
		if epoch > s.switchEpoch {
			t.momentum = s.mom1
		}
		var recon float64
		for b := 0; b < batches; b++ {
			if ctx.Err() != nil {
				return interrupted(ctx, task, epoch, b)
			}
			lo, hi := b*s.batch, min((b+1)*s.batch, n)
			t.loadBatch(data, perm[lo:hi])
			recon += t.step()
			if now := time.Now(); tick.due(now) {
				mon.Report(Progress{Task: task, Epoch: epoch, Epochs: s.epochs,
					Batch: b + 1, Batches: batches, Examples: hi, Elapsed: now.Sub(start)})
			}
		}
		elapsed := time.Since(start)
		if !allFinite(r.W.RawMatrix().Data) {
			return fmt.Errorf("bm: %s diverged in epoch %d (weights are no longer finite); lower LearningRate (now %g)", task, epoch, s.lr)
		}
		stats := []Stat{
			{"recon", recon / float64(n)},
			{"pll", r.pseudoLogLikelihood(data, 1000, rnd)},
		}
		if cfg.Validation != nil {
			stats = append(stats, Stat{"fegap", r.freeEnergyGap(data, cfg.Validation)})
		}
		mon.Report(Progress{Task: task, Epoch: epoch, Epochs: s.epochs, Batch: batches, Batches: batches,
			Examples: n, Elapsed: elapsed, EpochDone: true, Stats: stats})
	}
	return nil
}

// cdTrainer holds the buffers of one training run, so that a
// minibatch step allocates nothing. All matrices are raw blas64
// views; a short last minibatch uses fewer rows of the same buffers.
type cdTrainer struct {
	r   *RBM
	s   cdSettings
	rnd *rand.Rand

	w, wInc          blas64.General // nv×nh
	visInc, hidInc   []float64
	v0, vk           blas64.General // batch×nv (vk: chains×nv for PCD)
	h0, hs, hk       blas64.General // batch×nh (hs, hk: chains×nh for PCD)
	chains           blas64.General // PCD fantasy particles, chains×nv
	q                []float64      // running mean hidden activation (sparsity)
	meanV0           []float64
	momentum         float64
	bufBatch, bufNeg int
}

func newDense(r, c int) blas64.General {
	return blas64.General{Rows: r, Cols: c, Stride: c, Data: make([]float64, r*c)}
}

func newCDTrainer(r *RBM, s cdSettings) *cdTrainer {
	nv, nh := r.NumVisible(), r.NumHidden()
	neg := s.batch
	if s.persistent {
		neg = s.chains
	}
	t := &cdTrainer{
		r: r, s: s,
		w:        r.W.RawMatrix(),
		wInc:     newDense(nv, nh),
		visInc:   make([]float64, nv),
		hidInc:   make([]float64, nh),
		v0:       newDense(s.batch, nv),
		h0:       newDense(s.batch, nh),
		vk:       newDense(s.batch, nv),
		hs:       newDense(neg, nh),
		hk:       newDense(neg, nh),
		meanV0:   make([]float64, nv),
		bufBatch: s.batch,
		bufNeg:   neg,
	}
	if s.sparse > 0 {
		t.q = make([]float64, nh)
		for j := range t.q {
			t.q[j] = s.sparse
		}
	}
	return t
}

// initChains starts the persistent chains at random training examples.
func (t *cdTrainer) initChains(data *mat.Dense) {
	n, _ := data.Dims()
	t.chains = newDense(t.s.chains, t.r.NumVisible())
	for c := 0; c < t.s.chains; c++ {
		copy(t.chains.Data[c*t.chains.Stride:], data.RawRowView(t.rnd.IntN(n)))
	}
	sampleBernoulli(t.chains, t.rnd)
}

// loadBatch copies the given rows of data into v0.
func (t *cdTrainer) loadBatch(data *mat.Dense, rows []int) {
	t.v0.Rows = len(rows)
	t.h0.Rows = len(rows)
	for k, i := range rows {
		copy(t.v0.Data[k*t.v0.Stride:k*t.v0.Stride+t.v0.Cols], data.RawRowView(i))
	}
}

// step performs one CD update on the minibatch in v0 and returns the
// minibatch's summed squared reconstruction error.
func (t *cdTrainer) step() float64 {
	r := t.r
	b := r.VisBias.RawVector()
	c := r.HidBias.RawVector()

	// Positive (wake) phase: hidden probabilities given the data.
	affineSigmoid(t.h0, t.v0, t.w, blas.NoTrans, c)

	// Negative (sleep) phase.
	var recon float64
	neg := t.vk
	if t.s.persistent {
		recon = t.reconError()
		t.hs.Rows, t.hk.Rows = t.bufNeg, t.bufNeg
		for k := 0; k < t.s.k; k++ {
			affineSigmoid(t.hs, t.chains, t.w, blas.NoTrans, c)
			sampleBernoulli(t.hs, t.rnd)
			affineSigmoid(t.chains, t.hs, t.w, blas.Trans, b)
			sampleBernoulli(t.chains, t.rnd)
		}
		neg = t.chains
	} else {
		rows := t.v0.Rows
		t.vk.Rows, t.hs.Rows, t.hk.Rows = rows, rows, rows
		copy(t.hs.Data[:rows*t.hs.Stride], t.h0.Data[:rows*t.h0.Stride])
		sampleBernoulli(t.hs, t.rnd)
		for k := 1; ; k++ {
			affineSigmoid(t.vk, t.hs, t.w, blas.Trans, b)
			if k == 1 {
				recon = sumSquaredDiff(t.v0, t.vk)
			}
			if k == t.s.k {
				break
			}
			// Intermediate steps sample both layers; the last
			// visible state stays a probability (less noise).
			sampleBernoulli(t.vk, t.rnd)
			affineSigmoid(t.hs, t.vk, t.w, blas.NoTrans, c)
			sampleBernoulli(t.hs, t.rnd)
		}
		neg = t.vk
	}
	affineSigmoid(t.hk, neg, t.w, blas.NoTrans, c)

	// Update: inc = momentum·inc + lr·(⟨v h⟩data − ⟨v h⟩model − decay·W).
	nPos, nNeg := float64(t.v0.Rows), float64(neg.Rows)
	lr := t.s.lr
	blas64.Gemm(blas.Trans, blas.NoTrans, lr/nPos, t.v0, t.h0, t.momentum, t.wInc)
	blas64.Gemm(blas.Trans, blas.NoTrans, -lr/nNeg, neg, t.hk, 1, t.wInc)
	colMeans(t.meanV0, t.v0)
	updateBiasInc(t.visInc, t.momentum, lr, t.v0, neg)
	updateBiasInc(t.hidInc, t.momentum, lr, t.h0, t.hk)
	if t.q != nil {
		t.applySparsity()
	}
	decay := lr * t.s.decay
	w, inc := t.w.Data, t.wInc.Data
	for i := 0; i < t.w.Rows; i++ {
		wr := w[i*t.w.Stride : i*t.w.Stride+t.w.Cols]
		ir := inc[i*t.wInc.Stride : i*t.wInc.Stride+t.wInc.Cols]
		for j := range wr {
			ir[j] -= decay * wr[j]
			wr[j] += ir[j]
		}
	}
	addTo(b, t.visInc)
	addTo(c, t.hidInc)
	return recon
}

// reconError is the PCD step's reconstruction error: it costs one
// extra down pass from the data's hidden probabilities.
func (t *cdTrainer) reconError() float64 {
	rows := t.v0.Rows
	scratch := blas64.General{Rows: rows, Cols: t.vk.Cols, Stride: t.vk.Stride, Data: t.vk.Data}
	affineSigmoid(scratch, t.h0, t.w, blas.Trans, t.r.VisBias.RawVector())
	return sumSquaredDiff(t.v0, scratch)
}

// applySparsity nudges every hidden unit's mean activation towards the
// target (practical guide, section 11): q is a running estimate of the
// unit's activation and the penalty's gradient with respect to its
// total input is q − target.
func (t *cdTrainer) applySparsity() {
	nh := len(t.q)
	rows := t.h0.Rows
	for j := 0; j < nh; j++ {
		var m float64
		for k := 0; k < rows; k++ {
			m += t.h0.Data[k*t.h0.Stride+j]
		}
		m /= float64(rows)
		t.q[j] = t.s.sparseDecay*t.q[j] + (1-t.s.sparseDecay)*m
	}
	g := t.s.lr * t.s.sparseCost
	for j := 0; j < nh; j++ {
		t.hidInc[j] -= g * (t.q[j] - t.s.sparse)
	}
	for i, vi := range t.meanV0 {
		row := t.wInc.Data[i*t.wInc.Stride : i*t.wInc.Stride+nh]
		for j := range row {
			row[j] -= g * vi * (t.q[j] - t.s.sparse)
		}
	}
}

// updateBiasInc sets inc = momentum·inc + lr·(mean of pos rows − mean of neg rows).
func updateBiasInc(inc []float64, momentum, lr float64, pos, neg blas64.General) {
	for j := range inc {
		inc[j] *= momentum
	}
	a, bb := lr/float64(pos.Rows), lr/float64(neg.Rows)
	for k := 0; k < pos.Rows; k++ {
		row := pos.Data[k*pos.Stride : k*pos.Stride+pos.Cols]
		for j, x := range row {
			inc[j] += a * x
		}
	}
	for k := 0; k < neg.Rows; k++ {
		row := neg.Data[k*neg.Stride : k*neg.Stride+neg.Cols]
		for j, x := range row {
			inc[j] -= bb * x
		}
	}
}

func colMeans(dst []float64, m blas64.General) {
	for j := range dst {
		dst[j] = 0
	}
	for k := 0; k < m.Rows; k++ {
		row := m.Data[k*m.Stride : k*m.Stride+m.Cols]
		for j, x := range row {
			dst[j] += x
		}
	}
	for j := range dst {
		dst[j] /= float64(m.Rows)
	}
}

func addTo(v blas64.Vector, d []float64) {
	for j, x := range d {
		v.Data[j*v.Inc] += x
	}
}

func sumSquaredDiff(a, b blas64.General) float64 {
	var s float64
	for k := 0; k < a.Rows; k++ {
		ra := a.Data[k*a.Stride : k*a.Stride+a.Cols]
		rb := b.Data[k*b.Stride : k*b.Stride+a.Cols]
		for j, x := range ra {
			d := x - rb[j]
			s += d * d
		}
	}
	return s
}

func allFinite(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// checkUnitInterval returns an error if m holds a value outside [0, 1].
func checkUnitInterval(m *mat.Dense, what string) error {
	r, c := m.Dims()
	if r == 0 {
		return fmt.Errorf("bm: %s is empty", what)
	}
	for i := 0; i < r; i++ {
		for j, x := range m.RawRowView(i) {
			if !(x >= 0 && x <= 1) {
				return fmt.Errorf("bm: %s[%d][%d] = %g: binary units need values in [0, 1] (scale pixels by 1/255)", what, i, j, x)
			}
		}
	}
	_ = c
	return nil
}

// initVisBiasFromData sets b_i = log(p_i/(1−p_i)) for each unit's mean
// p_i in data, clipped so that always-off pixels get a finite bias.
func initVisBiasFromData(b *mat.VecDense, data *mat.Dense) {
	n, nv := data.Dims()
	mean := make([]float64, nv)
	for k := 0; k < n; k++ {
		for i, x := range data.RawRowView(k) {
			mean[i] += x
		}
	}
	const eps = 1e-3
	for i, m := range mean {
		p := math.Min(math.Max(m/float64(n), eps), 1-eps)
		b.SetVec(i, math.Log(p/(1-p)))
	}
}

// pseudoLogLikelihood estimates the mean pseudo-log-likelihood
// Σ_i log p(v_i | v_−i) per example on up to max rows of data, with one
// randomly chosen unit per example standing in for the sum (scaled by
// the number of units), as scikit-learn does.
func (r *RBM) pseudoLogLikelihood(data *mat.Dense, max int, rnd *rand.Rand) float64 {
	n, nv := data.Dims()
	m := min(n, max)
	v := mat.NewDense(m, nv, nil)
	flip := mat.NewDense(m, nv, nil)
	for k := 0; k < m; k++ {
		row := data.RawRowView(rnd.IntN(n))
		vr, fr := v.RawRowView(k), flip.RawRowView(k)
		for i, x := range row {
			// Binarise so that flipping a unit is meaningful.
			if x > 0.5 {
				vr[i] = 1
			}
		}
		copy(fr, vr)
		i := rnd.IntN(nv)
		fr[i] = 1 - fr[i]
	}
	fv := r.FreeEnergies(nil, v)
	ff := r.FreeEnergies(nil, flip)
	var s float64
	for k := 0; k < m; k++ {
		// log σ(F(flip) − F(v)) = −softplus(F(v) − F(flip)).
		s -= softplus(fv.AtVec(k) - ff.AtVec(k))
	}
	return float64(nv) * s / float64(m)
}

// freeEnergyGap returns mean F(validation) − mean F(training subset),
// the subset being the first rows of train, as many as validation has.
func (r *RBM) freeEnergyGap(train, valid *mat.Dense) float64 {
	nVal, _ := valid.Dims()
	nTrain, nv := train.Dims()
	m := min(nVal, nTrain)
	sub := train.Slice(0, m, 0, nv).(*mat.Dense)
	return mat.Sum(r.FreeEnergies(nil, valid))/float64(nVal) - mat.Sum(r.FreeEnergies(nil, sub))/float64(m)
}
