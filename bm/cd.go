// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"time"
	"unsafe"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
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
	// FinalMomentum after them. Defaults 0.5, 0.9 and 5, the practical
	// guide's schedule; setting Momentum alone keeps it for the whole
	// run. A negative value means no momentum.
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

	// Float32 trains with single-precision matrix products and
	// buffers: about twice as fast with OpenBLAS, at the precision
	// PyTorch uses by default. The model itself stays float64 and is
	// written back after every epoch (and when training stops).
	Float32 bool

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
	k, chains, batch, epochs, switchEpoch  int
	lr, mom0, mom1, decay                  float64
	sparse, sparseCost, sparseDecay        float64
	persistent, shuffle, dataInit, float32 bool
	seed                                   uint64
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
	final := c.FinalMomentum
	if final == 0 && c.Momentum != 0 {
		final = c.Momentum
	}
	s := cdSettings{
		k:           pickInt(c.K, 1),
		batch:       pickInt(c.BatchSize, 100),
		epochs:      pickInt(c.Epochs, 10),
		switchEpoch: pickInt(c.MomentumSwitchEpoch, 5),
		lr:          pick(c.LearningRate, 0.1),
		mom0:        pick(c.Momentum, 0.5),
		mom1:        pick(final, 0.9),
		decay:       pick(c.WeightDecay, 0.0002),
		sparse:      math.Max(c.SparsityTarget, 0),
		sparseCost:  pick(c.SparsityCost, 0.01),
		sparseDecay: pick(c.SparsityDecay, 0.95),
		persistent:  c.Persistent,
		shuffle:     !c.NoShuffle,
		dataInit:    !c.NoDataInit,
		float32:     c.Float32,
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
//
// Train works on its own copy of the parameters and writes them back
// to r at the end of every epoch and when it stops, so reports within
// an epoch see the weights as they were at the start of the epoch.
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
	if ctx.Err() != nil {
		return interrupted(ctx, task, 1, 0)
	}

	if s.dataInit && mat.Norm(r.VisBias, math.Inf(1)) == 0 {
		initVisBiasFromData(r.VisBias, data)
	}

	rnd := rand.New(rand.NewPCG(s.seed, 0x5eed_cd))
	t := newCDTrainer(r, s, rnd)
	defer t.close()
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
		if epoch > s.switchEpoch {
			t.setMomentum(s.mom1)
		} else {
			t.setMomentum(s.mom0)
		}
		var recon float64
		for b := 0; b < batches; b++ {
			if ctx.Err() != nil {
				t.sync()
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
		t.sync()
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

// cdMat is a row-major matrix of float32 or float64 for the trainer's
// buffers; a short last minibatch uses fewer rows of the same storage.
type cdMat[T float32 | float64] struct {
	rows, cols, stride int
	data               []T
}

func newCDMat[T float32 | float64](r, c int) cdMat[T] {
	return cdMat[T]{rows: r, cols: c, stride: c, data: make([]T, r*c)}
}

func (m cdMat[T]) row(i int) []T { return m.data[i*m.stride : i*m.stride+m.cols] }

// colsOf returns the block of columns [lo, hi) of m.
func (m cdMat[T]) colsOf(lo, hi int) cdMat[T] {
	return cdMat[T]{rows: m.rows, cols: hi - lo, stride: m.stride, data: m.data[lo:]}
}

// cdGemm is the BLAS matrix product for T (Dgemm or Sgemm of the BLAS
// in use when training starts).
type cdGemm[T float32 | float64] func(tA, tB blas.Transpose, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int)

// gemmFor returns the BLAS product for T.
func gemmFor[T float32 | float64]() cdGemm[T] {
	var zero T
	switch any(zero).(type) {
	case float32:
		return any(cdGemm[float32](blas32.Implementation().Sgemm)).(cdGemm[T])
	default:
		return any(cdGemm[float64](blas64.Implementation().Dgemm)).(cdGemm[T])
	}
}

// mul sets dst = alpha·op(a)·op(b) + beta·dst.
func (g cdGemm[T]) mul(tA, tB blas.Transpose, alpha T, a, b cdMat[T], beta T, dst cdMat[T]) {
	k := a.cols
	if tA == blas.Trans {
		k = a.rows
	}
	g(tA, tB, dst.rows, dst.cols, k, alpha, a.data, a.stride, b.data, b.stride, beta, dst.data, dst.stride)
}

// cdStepper is one training run's state: a cdTrainer of float32 or
// float64.
type cdStepper interface {
	loadBatch(data *mat.Dense, rows []int)
	step() float64
	initChains(data *mat.Dense)
	setMomentum(m float64)
	sync()
	close()
}

// cdTrainer holds the buffers of one training run, so that a
// minibatch step allocates nothing. It trains its own copy of the
// parameters in T and writes them back to the RBM with sync.
type cdTrainer[T float32 | float64] struct {
	r    *RBM
	s    cdSettings
	rnd  *rand.Rand
	gemm cdGemm[T]

	w, wInc        cdMat[T] // nv×nh
	b, c           []T
	visInc, hidInc []T
	v0, vk         cdMat[T] // batch×nv
	h0, hs, hk     cdMat[T] // batch×nh (hs, hk: chains×nh for PCD)
	chains         cdMat[T] // PCD fantasy particles, chains×nv
	q              []T      // running mean hidden activation (sparsity)
	meanV0         []T
	momentum       T
	bufNeg         int

	// Every pass is split into cdSplits parts by units (columns of
	// the products), each doing its share of the matrix product with
	// a single-threaded BLAS and then its elementwise work while the
	// block is in cache; a small pool runs the parts on as many cores.
	// The job fields say what the parts are to do.
	pool                        *cdPool
	rnds                        [cdSplits]cdRand
	jobDst, jobSrc, jobSampleTo cdMat[T]
	jobBias                     []T
	jobSample, jobRecon         bool
	reconParts                  [cdSplits]float64
	upFn, downFn, gradFn, wFn   func(part int)
	restoreThreads              func()
}

// cdSplits is the fixed number of parts each pass of the trainer is
// split into. Each part has its own random stream, so results do not
// depend on how many cores share the work.
const cdSplits = 2

func newCDTrainer(r *RBM, s cdSettings, rnd *rand.Rand) cdStepper {
	if s.float32 {
		return newCDTrainerOf[float32](r, s, rnd)
	}
	return newCDTrainerOf[float64](r, s, rnd)
}

func newCDTrainerOf[T float32 | float64](r *RBM, s cdSettings, rnd *rand.Rand) *cdTrainer[T] {
	nv, nh := r.NumVisible(), r.NumHidden()
	neg := s.batch
	if s.persistent {
		neg = s.chains
	}
	t := &cdTrainer[T]{
		r: r, s: s, rnd: rnd,
		gemm:   gemmFor[T](),
		w:      newCDMat[T](nv, nh),
		wInc:   newCDMat[T](nv, nh),
		b:      make([]T, nv),
		c:      make([]T, nh),
		visInc: make([]T, nv),
		hidInc: make([]T, nh),
		v0:     newCDMat[T](s.batch, nv),
		h0:     newCDMat[T](s.batch, nh),
		vk:     newCDMat[T](s.batch, nv),
		hs:     newCDMat[T](neg, nh),
		hk:     newCDMat[T](neg, nh),
		meanV0: make([]T, nv),
		bufNeg: neg,
	}
	for i := 0; i < nv; i++ {
		for j, x := range r.W.RawRowView(i) {
			t.w.data[i*nh+j] = T(x)
		}
		t.b[i] = T(r.VisBias.AtVec(i))
	}
	for j := range t.c {
		t.c[j] = T(r.HidBias.AtVec(j))
	}
	if s.sparse > 0 {
		t.q = make([]T, nh)
		for j := range t.q {
			t.q[j] = T(s.sparse)
		}
	}
	for p := range t.rnds {
		t.rnds[p].seed(rnd)
	}
	t.pool = newCDPoolOf(cdSplits, cdHelpers())
	t.restoreThreads = useSingleThreadedBLAS(t.pool.helpers)
	t.upFn = t.upPart
	t.downFn = t.downPart
	t.gradFn = t.gradPart
	t.wFn = t.updateWPart
	return t
}

// close stops the trainer's worker goroutines.
func (t *cdTrainer[T]) close() {
	t.pool.close()
	t.restoreThreads()
}

// cdHelpers returns how many goroutines help the trainer's caller:
// one per extra core, but no more than a threaded BLAS was told to use
// (SetBLASThreads(1) means training on one core).
func cdHelpers() int {
	n := cdWorkers
	if n < 0 {
		n = runtime.GOMAXPROCS(0) - 1
		if blasThreads != nil {
			n = min(n, blasThreads()-1)
		}
	}
	return max(n, 0)
}

// useSingleThreadedBLAS makes a threaded BLAS use one thread while
// helpers goroutines call it concurrently (their threads would only
// compete for the same cores) and returns the function that restores
// the previous setting.
func useSingleThreadedBLAS(helpers int) (restore func()) {
	if helpers == 0 || blasThreads == nil || blasSetThreads == nil {
		return func() {}
	}
	old := blasThreads()
	blasSetThreads(1)
	return func() { blasSetThreads(old) }
}

// sync writes the trainer's parameters back to the RBM.
func (t *cdTrainer[T]) sync() {
	r := t.r
	for i := 0; i < t.w.rows; i++ {
		dst := r.W.RawRowView(i)
		for j, x := range t.w.row(i) {
			dst[j] = float64(x)
		}
		r.VisBias.SetVec(i, float64(t.b[i]))
	}
	for j, x := range t.c {
		r.HidBias.SetVec(j, float64(x))
	}
}

func (t *cdTrainer[T]) setMomentum(m float64) { t.momentum = T(m) }

// initChains starts the persistent chains at random training examples.
func (t *cdTrainer[T]) initChains(data *mat.Dense) {
	n, _ := data.Dims()
	t.chains = newCDMat[T](t.s.chains, t.r.NumVisible())
	for c := 0; c < t.s.chains; c++ {
		row := t.chains.row(c)
		for i, x := range data.RawRowView(t.rnd.IntN(n)) {
			row[i] = T(x)
		}
	}
	sampleBernoulliT(t.chains, t.chains, t.rnd)
}

// loadBatch copies the given rows of data into v0.
func (t *cdTrainer[T]) loadBatch(data *mat.Dense, rows []int) {
	t.v0.rows = len(rows)
	t.h0.rows = len(rows)
	loadRows(t.v0, data, rows)
}

// affine sets dst = σ(x·op(w) + bias), replaced by a binary sample
// of those probabilities if sample is true. With tw == NoTrans it is
// an up pass (dst holds hidden units), otherwise a down pass.
func (t *cdTrainer[T]) affine(dst, x cdMat[T], tw blas.Transpose, bias []T, sample bool) {
	t.jobDst, t.jobSrc, t.jobBias, t.jobSample = dst, x, bias, sample
	t.jobSampleTo, t.jobRecon = cdMat[T]{}, false
	if tw == blas.NoTrans {
		t.pool.run(t.upFn)
	} else {
		t.pool.run(t.downFn)
	}
}

// upSample sets probs = σ(x·W + c) and sample to a binary sample of
// probs, in one up pass.
func (t *cdTrainer[T]) upSample(probs, sample, x cdMat[T]) {
	t.jobDst, t.jobSrc, t.jobBias, t.jobSample = probs, x, t.c, false
	t.jobSampleTo, t.jobRecon = sample, false
	t.pool.run(t.upFn)
}

// downRecon is the down pass affine(dst, h, Trans, b, sample) that also
// returns the summed squared difference between v0 and dst.
func (t *cdTrainer[T]) downRecon(dst, h cdMat[T], sample bool) float64 {
	t.jobDst, t.jobSrc, t.jobBias, t.jobSample = dst, h, t.b, sample
	t.jobSampleTo, t.jobRecon = cdMat[T]{}, true
	t.pool.run(t.downFn)
	var s float64
	for _, x := range t.reconParts {
		s += x
	}
	return s
}

// partRows returns the rows of block part of an n-row matrix.
func partRows(n, part int) (lo, hi int) {
	return n * part / cdParts, n * (part + 1) / cdParts
}

// cdSplit returns part's share [lo, hi) of n units. The boundary is
// a multiple of 16 so that each part's matrix products stay on
// OpenBLAS's fast, aligned kernels.
func cdSplit(n, part int) (lo, hi int) {
	mid := n / 2
	if n >= 64 {
		mid = (mid + 8) &^ 15
	}
	if part == 0 {
		return 0, mid
	}
	return mid, n
}

// upPart computes the job's up pass for its share of the hidden units:
// the product with those columns of W, then the sigmoid and sampling
// while the block is still in cache.
func (t *cdTrainer[T]) upPart(part int) {
	dst, x, w := t.jobDst, t.jobSrc, t.w
	lo, hi := cdSplit(w.cols, part)
	if lo == hi {
		return
	}
	t.gemm(blas.NoTrans, blas.NoTrans, x.rows, hi-lo, x.cols, 1, x.data, x.stride,
		w.data[lo:], w.stride, 0, dst.data[lo:], dst.stride)
	t.finishPart(part, lo, hi)
}

// downPart computes the job's down pass for its share of the visible
// units (those rows of W).
func (t *cdTrainer[T]) downPart(part int) {
	dst, h, w := t.jobDst, t.jobSrc, t.w
	lo, hi := cdSplit(w.rows, part)
	t.reconParts[part] = 0
	if lo == hi {
		return
	}
	t.gemm(blas.NoTrans, blas.Trans, h.rows, hi-lo, h.cols, 1, h.data, h.stride,
		w.data[lo*w.stride:], w.stride, 0, dst.data[lo:], dst.stride)
	t.finishPart(part, lo, hi)
}

// finishPart applies the bias and sigmoid to columns [lo, hi) of the
// job's destination and samples them as asked.
func (t *cdTrainer[T]) finishPart(part, lo, hi int) {
	blk := t.jobDst.colsOf(lo, hi)
	sigmoidRows(blk, t.jobBias[lo:hi])
	rnd := &t.rnds[part]
	if t.jobSample {
		sampleRows(blk, blk, rnd)
	}
	if to := t.jobSampleTo; to.rows > 0 {
		sampleRows(to.colsOf(lo, hi), blk, rnd)
	}
	if t.jobRecon {
		t.reconParts[part] = squaredDiff(t.v0.colsOf(lo, hi), blk)
	}
}

// gradPart sets the increments of its share of the visible units (rows
// of W, visible biases) and of the hidden biases: inc = momentum·inc +
// lr·(⟨v h⟩data − ⟨v h⟩model), and then, unless a sparsity penalty
// must first adjust them, applies them.
func (t *cdTrainer[T]) gradPart(part int) {
	w, inc, pos, hPos, neg, hNeg := t.w, t.wInc, t.v0, t.h0, t.jobSrc, t.hk
	lo, hi := cdSplit(w.rows, part)
	lr := T(t.s.lr)
	if lo < hi {
		t.gemm(blas.Trans, blas.NoTrans, hi-lo, w.cols, pos.rows, lr/T(pos.rows), pos.data[lo:], pos.stride,
			hPos.data, hPos.stride, t.momentum, inc.data[lo*inc.stride:], inc.stride)
		t.gemm(blas.Trans, blas.NoTrans, hi-lo, w.cols, neg.rows, -lr/T(neg.rows), neg.data[lo:], neg.stride,
			hNeg.data, hNeg.stride, 1, inc.data[lo*inc.stride:], inc.stride)
	}
	biasStep(t.visInc[lo:hi], t.momentum, lr, pos.colsOf(lo, hi), neg.colsOf(lo, hi))
	hlo, hhi := cdSplit(w.cols, part)
	biasStep(t.hidInc[hlo:hhi], t.momentum, lr, hPos.colsOf(hlo, hhi), hNeg.colsOf(hlo, hhi))
	if t.q == nil {
		t.updateWPart(part)
	}
}

// updateWPart applies the increments (with weight decay) to its share
// of W's rows and of the biases.
func (t *cdTrainer[T]) updateWPart(part int) {
	lo, hi := cdSplit(t.w.rows, part)
	t.updateWRows(lo, hi)
	for i := lo; i < hi; i++ {
		t.b[i] += t.visInc[i]
	}
	lo, hi = cdSplit(t.w.cols, part)
	for j := lo; j < hi; j++ {
		t.c[j] += t.hidInc[j]
	}
}

func (t *cdTrainer[T]) updateWRows(lo, hi int) {
	decay := T(t.s.lr) * T(t.s.decay)
	w := t.w.data[lo*t.w.stride : hi*t.w.stride]
	inc := t.wInc.data[lo*t.wInc.stride : hi*t.wInc.stride]
	momentumStep(w, inc, decay)
}

// step performs one CD update on the minibatch in v0 and returns the
// minibatch's summed squared reconstruction error.
func (t *cdTrainer[T]) step() float64 {
	b, c := t.b, t.c

	// Positive (wake) phase: hidden probabilities given the data, and
	// for CD the sample that starts the negative phase.
	if t.s.persistent {
		t.affine(t.h0, t.v0, blas.NoTrans, c, false)
	} else {
		t.hs.rows = t.v0.rows
		t.upSample(t.h0, t.hs, t.v0)
	}

	// Negative (sleep) phase.
	var recon float64
	neg := t.vk
	if t.s.persistent {
		// Reconstruction error for the report: one down pass from the
		// data's hidden probabilities, in vk's storage.
		t.vk.rows = t.v0.rows
		recon = t.downRecon(t.vk, t.h0, false)
		t.hs.rows, t.hk.rows = t.bufNeg, t.bufNeg
		for k := 0; k < t.s.k; k++ {
			t.affine(t.hs, t.chains, blas.NoTrans, c, true)
			t.affine(t.chains, t.hs, blas.Trans, b, true)
		}
		neg = t.chains
	} else {
		rows := t.v0.rows
		t.vk.rows, t.hs.rows, t.hk.rows = rows, rows, rows
		for k := 1; ; k++ {
			// Intermediate steps sample both layers; the last
			// visible state stays a probability (less noise).
			if k == 1 {
				recon = t.downRecon(t.vk, t.hs, k < t.s.k)
			} else {
				t.affine(t.vk, t.hs, blas.Trans, b, k < t.s.k)
			}
			if k == t.s.k {
				break
			}
			t.affine(t.hs, t.vk, blas.NoTrans, c, true)
		}
		neg = t.vk
	}
	t.affine(t.hk, neg, blas.NoTrans, c, false)

	// Update: inc = momentum·inc + lr·(⟨v h⟩data − ⟨v h⟩model − decay·W).
	t.jobSrc = neg
	t.pool.run(t.gradFn)
	if t.q != nil {
		t.applySparsity()
		t.pool.run(t.wFn)
	}
	return recon
}

// applySparsity nudges every hidden unit's mean activation towards the
// target (practical guide, section 11): q is a running estimate of the
// unit's activation and the penalty's gradient with respect to its
// total input is q − target.
func (t *cdTrainer[T]) applySparsity() {
	rows := t.h0.rows
	decay, target := T(t.s.sparseDecay), T(t.s.sparse)
	for j := range t.q {
		var m T
		for k := 0; k < rows; k++ {
			m += t.h0.data[k*t.h0.stride+j]
		}
		t.q[j] = decay*t.q[j] + (1-decay)*m/T(rows)
	}
	colMeansT(t.meanV0, t.v0)
	g := T(t.s.lr * t.s.sparseCost)
	for j := range t.q {
		t.hidInc[j] -= g * (t.q[j] - target)
	}
	for i, vi := range t.meanV0 {
		row := t.wInc.row(i)
		for j := range row {
			row[j] -= g * vi * (t.q[j] - target)
		}
	}
}

// cdParts is the fixed number of row blocks that the trainer's
// elementwise work is split into. Each block has its own random
// stream, so results do not depend on how many cores share the work.
const cdParts = 4

// addBiasSigmoidT sets every row of m to σ(row + bias). In float32 it
// uses sigmoid32, whose error is far below float32's resolution.
func addBiasSigmoidT[T float32 | float64](m cdMat[T], bias []T) {
	var zero T
	single := unsafe.Sizeof(zero) == 4
	for i := 0; i < m.rows; i++ {
		row := m.row(i)
		bias := bias[:len(row)]
		if single {
			for j, x := range row {
				row[j] = T(sigmoid32(float64(x + bias[j])))
			}
			continue
		}
		for j, x := range row {
			row[j] = T(sigmoidFast(float64(x + bias[j])))
		}
	}
}

// sigmoid32 is σ(x) to a relative error below 1e-8 (float32 resolves
// 6e-8), with exp computed as 2^n·e^g, |g| ≤ ln2/2, by a degree-7
// Taylor polynomial: several times faster than math.Exp. Adding and
// subtracting 1.5·2⁵² rounds to the nearest integer n and leaves n in
// the low bits of the sum, from which 2^n is built.
func sigmoid32(x float64) float64 {
	const shifter = 0x1.8p52
	y := -x * math.Log2E
	if y > 86 {
		y = 86
	} else if y < -86 {
		y = -86
	}
	k := y + shifter
	n := k - shifter
	g := (y - n) * math.Ln2
	// Estrin's scheme: shorter dependency chains than Horner's, so
	// the CPU overlaps more of neighbouring elements' work.
	g2 := g * g
	g4 := g2 * g2
	p := (1 + g) + g2*(1.0/2+g*(1.0/6)) + g4*((1.0/24+g*(1.0/120))+g2*(1.0/720+g*(1.0/5040)))
	e := p * math.Float64frombits((math.Float64bits(k)+1023)<<52)
	return 1 / (1 + e)
}

// sampleBernoulliT sets dst to a 0/1 sample of the probabilities in
// probs (dst may be probs). Each Uint64 gives two 32-bit uniforms,
// (k+½)/2³², fine enough for any probability a float32 holds.
func sampleBernoulliT[T float32 | float64](dst, probs cdMat[T], rnd *rand.Rand) {
	const scale = 1.0 / (1 << 32)
	for i := 0; i < probs.rows; i++ {
		d, row := dst.row(i), probs.row(i)
		d = d[:len(row)]
		j := 0
		for ; j+1 < len(row); j += 2 {
			u := rnd.Uint64()
			d[j] = bernoulliT[T](row[j], (float64(uint32(u))+0.5)*scale)
			d[j+1] = bernoulliT[T](row[j+1], (float64(u>>32)+0.5)*scale)
		}
		if j < len(row) {
			d[j] = bernoulliT[T](row[j], (float64(uint32(rnd.Uint64()))+0.5)*scale)
		}
	}
}

func bernoulliT[T float32 | float64](p T, u float64) T {
	if u < float64(p) {
		return 1
	}
	return 0
}

// updateBiasIncT sets inc = momentum·inc + lr·(mean of pos rows − mean of neg rows).
func updateBiasIncT[T float32 | float64](inc []T, momentum, lr T, pos, neg cdMat[T]) {
	for j := range inc {
		inc[j] *= momentum
	}
	a, bb := lr/T(pos.rows), lr/T(neg.rows)
	for k := 0; k < pos.rows; k++ {
		for j, x := range pos.row(k) {
			inc[j] += a * x
		}
	}
	for k := 0; k < neg.rows; k++ {
		for j, x := range neg.row(k) {
			inc[j] -= bb * x
		}
	}
}

func colMeansT[T float32 | float64](dst []T, m cdMat[T]) {
	for j := range dst {
		dst[j] = 0
	}
	for k := 0; k < m.rows; k++ {
		for j, x := range m.row(k) {
			dst[j] += x
		}
	}
	for j := range dst {
		dst[j] /= T(m.rows)
	}
}

func sumSquaredDiffT[T float32 | float64](a, b cdMat[T]) float64 {
	var s float64
	for k := 0; k < a.rows; k++ {
		rb := b.row(k)
		for j, x := range a.row(k) {
			d := float64(x - rb[j])
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
