// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"math/rand/v2"
	"runtime"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/internal/fastvec"
)

// The CD trainer: its buffers, one CD step on a minibatch, and the
// split of every pass into parts that run on the cores in parallel.

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

// cdStepper is one training run's state: a cdTrainer of float32 or
// float64.
type cdStepper interface {
	loadBatch(data *mat.Dense, rows []int)
	step() float64
	initChains(data *mat.Dense)
	setRate(lr, momentum float64, k int)
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
	lr, momentum   T
	k              int // Gibbs steps of the negative phase
	bufNeg         int

	// Every pass is split into cdSplits parts by units (columns of
	// the products), each doing its share of the matrix product with
	// a single-threaded BLAS and then its elementwise work while the
	// block is in cache; a small pool runs the parts on as many cores.
	// The job fields say what the parts are to do.
	pool                        *cdPool
	rnds                        [cdSplits]partStream
	dataRnd                     partStream // SampleData's draws
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
	if s.float32Precision {
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
		lr:     T(s.lr),
		k:      s.k,
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
	if s.sampleData {
		// Seeded only when used, so that the streams of every other
		// configuration stay as they were.
		t.dataRnd.seed(rnd)
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

// setRate sets the learning rate, momentum and Gibbs steps of the next
// minibatches.
func (t *cdTrainer[T]) setRate(lr, momentum float64, k int) {
	t.lr, t.momentum, t.k = T(lr), T(momentum), k
}

// initChains starts the persistent chains at random training examples.
func (t *cdTrainer[T]) initChains(data *mat.Dense) {
	n, _ := data.Dims()
	t.chains = newCDMat[T](t.s.chains, t.r.NumVisible())
	for c := 0; c < t.s.chains; c++ {
		row := t.chains.row(c)
		for i, x := range data.RawRowView(t.rnd.IntN(n)) {
			row[i] = T(bernoulli(t.rnd, x))
		}
	}
}

// loadBatch copies the given rows of data into v0, replaced by a
// binary sample of them with SampleData.
func (t *cdTrainer[T]) loadBatch(data *mat.Dense, rows []int) {
	t.v0.rows = len(rows)
	t.h0.rows = len(rows)
	raw := data.RawMatrix()
	fastvec.LoadRows(t.v0.data, t.v0.stride, raw.Data, raw.Stride, rows, raw.Cols)
	if t.s.sampleData {
		sampleRows(t.v0.data, t.v0.stride, t.v0.data, t.v0.stride, t.v0.rows, t.v0.cols, &t.dataRnd)
	}
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
// job's destination, measures the reconstruction error if asked (of
// the probabilities) and samples them as asked.
func (t *cdTrainer[T]) finishPart(part, lo, hi int) {
	blk := t.jobDst.colsOf(lo, hi)
	sigmoidRows(blk.data, blk.rows, blk.cols, blk.stride, t.jobBias[lo:hi])
	if t.jobRecon {
		v0 := t.v0.colsOf(lo, hi)
		t.reconParts[part] = fastvec.SumSquaredDiff(v0.data, v0.stride, blk.data, blk.stride, blk.rows, blk.cols)
	}
	s := &t.rnds[part]
	if t.jobSample {
		sampleRows(blk.data, blk.stride, blk.data, blk.stride, blk.rows, blk.cols, s)
	}
	if t.jobSampleTo.rows > 0 {
		to := t.jobSampleTo.colsOf(lo, hi)
		sampleRows(to.data, to.stride, blk.data, blk.stride, blk.rows, blk.cols, s)
	}
}

// gradPart sets the increments of its share of the visible units (rows
// of W, visible biases) and of the hidden biases: inc = momentum·inc +
// lr·(⟨v h⟩data − ⟨v h⟩model), and then, unless a sparsity penalty
// must first adjust them, applies them.
func (t *cdTrainer[T]) gradPart(part int) {
	w, inc, pos, hPos, neg, hNeg := t.w, t.wInc, t.v0, t.h0, t.jobSrc, t.hk
	lo, hi := cdSplit(w.rows, part)
	lr := t.lr
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
	decay := t.lr * T(t.s.decay)
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
		for k := 0; k < t.k; k++ {
			t.affine(t.hs, t.chains, blas.NoTrans, c, true)
			t.affine(t.chains, t.hs, blas.Trans, b, true)
		}
		neg = t.chains
	} else {
		rows := t.v0.rows
		t.vk.rows, t.hs.rows, t.hk.rows = rows, rows, rows
		for k := 1; ; k++ {
			// Intermediate steps sample both layers; the last
			// visible state stays a probability (less noise, some
			// bias) unless SampleLastVisible.
			sample := k < t.k || t.s.sampleLast
			if k == 1 {
				recon = t.downRecon(t.vk, t.hs, sample)
			} else {
				t.affine(t.vk, t.hs, blas.Trans, b, sample)
			}
			if k == t.k {
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
	colMeans(t.meanV0, t.v0)
	g := t.lr * T(t.s.sparseCost)
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

func colMeans[T float32 | float64](dst []T, m cdMat[T]) {
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
