// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/internal/fastvec"
)

// The backprop trainer: the MLP's parameters and every buffer of a
// minibatch step in float32 or float64, and the split of every pass
// into parts that run on the cores in parallel, as in the CD trainer
// (cdtrainer.go).
//
// Measured on MNIST with a 784-500-500-2000-10 net and minibatches of
// 50 (OpenBLAS, 2 cores), the step it replaced spent its time so: the
// products ≈ 55 %, OpenBLAS's second thread yielding while the caller
// did the elementwise work alone ≈ 25 %, and the separate SGD pass over
// parameters, velocities and gradients (five 13 MB arrays) ≈ 10–14 %.
// Here every part does its share of a product with a single-threaded
// BLAS and then its elementwise work while the block is in cache; the
// gradient goes straight into the velocities (the product's β is the
// momentum) and each part updates its rows of W as soon as they are
// no longer needed, so no gradient array exists at all.
//
// Each pass is split by units: the up pass of layer l by the units of
// layer l+1 (columns of W_l), the down pass by the units of layer l
// (rows of W_l), so that a part's error signals δ_l, its gradient rows
// and its weight update all touch the same rows of W_l. The softmax
// layer's up pass, a few columns, runs on the caller.

// mlpStepper is one training run's state: an mlpTrainer of float32 or
// float64.
type mlpStepper interface {
	// step trains on the rows idx of x and returns the summed
	// cross-entropy of the minibatch before the update.
	step(x *mat.Dense, labels []int, idx []int) float64
	setRate(lr, momentum float64, from int)
	// score returns the error rate and mean cross-entropy on
	// (x, labels) of the trainer's current parameters.
	score(x *mat.Dense, labels []int) (errRate, loss float64)
	sync()
	close()
}

// mlpTrainer holds the parameters in T and the buffers of one training
// run, so that a minibatch step allocates nothing. It writes the
// parameters back to the MLP with sync.
type mlpTrainer[T float32 | float64] struct {
	m    *MLP
	gemm cdGemm[T]

	w, vel  []cdMat[T] // w[l] is n_l × n_{l+1}, as MLP.Weights[l]
	b, velB [][]T
	conn    []cdMat[T] // connectivity masks (MLP.Masks); rows 0 if none
	act     []cdMat[T] // act[0] the input rows, act[l] layer l: rows × n_l
	delta   []cdMat[T] // delta[l] = ∂loss/∂(total input of layer l), l ≥ 1
	// drop[l] is the dropout mask of layer l (0 or 1), rows 0 where
	// that layer has no dropout, and keepP[l] as large and all keep[l],
	// the probabilities it is sampled from; see mlp_dropout.go.
	drop, keepP []cdMat[T]
	keep        []T
	hasDropout  bool
	dropout     bool // draw masks in this step (training, not scoring)
	labels      []int
	evalIdx     []int

	lr, momentum, decay T
	from                int  // the lowest layer that learns
	apply               bool // update the parameters (false: only the gradient, into vel)

	pool           *cdPool
	streams        [cdSplits]partStream // the parts' dropout streams
	jobLayer       int
	jobX           *mat.Dense
	jobIdx         []int
	loadFn         func(part int)
	upFn, downFn   func(part int)
	restoreThreads func()
}

func newMLPTrainer(m *MLP, s mlpSettings, batch int, rnd *rand.Rand) mlpStepper {
	if s.float32Precision {
		return newMLPTrainerOf[float32](m, s, batch, rnd)
	}
	return newMLPTrainerOf[float64](m, s, batch, rnd)
}

// newMLPTrainerOf returns a trainer for minibatches of up to batch rows
// with dropout as s says. Its dropout streams are seeded from rnd only
// with dropout, so that other runs draw from rnd exactly as before.
func newMLPTrainerOf[T float32 | float64](m *MLP, s mlpSettings, batch int, rnd *rand.Rand) *mlpTrainer[T] {
	sizes := m.Sizes()
	L := len(m.Weights)
	t := &mlpTrainer[T]{
		m: m, gemm: gemmFor[T](), apply: true,
		act:     make([]cdMat[T], L+1),
		delta:   make([]cdMat[T], L+1),
		drop:    make([]cdMat[T], L),
		keepP:   make([]cdMat[T], L),
		keep:    make([]T, L),
		labels:  make([]int, batch),
		evalIdx: make([]int, batch),
		decay:   T(s.decay),
	}
	for l := 0; l < L; l++ {
		t.w = append(t.w, cdMatOf[T](m.Weights[l]))
		t.vel = append(t.vel, newCDMat[T](sizes[l], sizes[l+1]))
		t.b = append(t.b, toT[T](m.Biases[l].RawVector().Data, m.Biases[l].Len(), m.Biases[l].RawVector().Inc))
		t.velB = append(t.velB, make([]T, sizes[l+1]))
		var c cdMat[T]
		if mk := m.mask(l); mk != nil {
			c = cdMatOf[T](mk)
		}
		t.conn = append(t.conn, c)
	}
	for l := 0; l <= L; l++ {
		t.act[l] = newCDMat[T](batch, sizes[l])
		if l > 0 {
			t.delta[l] = newCDMat[T](batch, sizes[l])
		}
	}
	if s.inDrop > 0 || s.hidDrop > 0 {
		for l := 0; l < L; l++ {
			rate := s.hidDrop
			if l == 0 {
				rate = s.inDrop
			}
			t.keep[l] = T(1 - rate)
			if rate > 0 {
				t.drop[l] = newCDMat[T](batch, sizes[l])
				t.keepP[l] = newCDMat[T](batch, sizes[l])
				for i := range t.keepP[l].data {
					t.keepP[l].data[i] = t.keep[l]
				}
			}
		}
		t.hasDropout = true
		for p := range t.streams {
			t.streams[p].seed(rnd)
		}
	}
	t.pool = newCDPoolOf(cdSplits, cdHelpers())
	t.restoreThreads = useSingleThreadedBLAS(t.pool.helpers)
	t.loadFn, t.upFn, t.downFn = t.loadPart, t.upPart, t.downPart
	return t
}

// cdMatOf returns a copy of a in T.
func cdMatOf[T float32 | float64](a *mat.Dense) cdMat[T] {
	r, c := a.Dims()
	d := newCDMat[T](r, c)
	for i := 0; i < r; i++ {
		for j, x := range a.RawRowView(i) {
			d.data[i*c+j] = T(x)
		}
	}
	return d
}

// toT returns the n elements of a strided float64 vector in T.
func toT[T float32 | float64](x []float64, n, inc int) []T {
	d := make([]T, n)
	for i := range d {
		d[i] = T(x[i*inc])
	}
	return d
}

func (t *mlpTrainer[T]) close() {
	t.pool.close()
	t.restoreThreads()
}

// sync writes the trainer's parameters back to the MLP.
func (t *mlpTrainer[T]) sync() {
	for l, w := range t.w {
		dst := t.m.Weights[l]
		for i := 0; i < w.rows; i++ {
			row := dst.RawRowView(i)
			for j, x := range w.row(i) {
				row[j] = float64(x)
			}
		}
		for j, x := range t.b[l] {
			t.m.Biases[l].SetVec(j, float64(x))
		}
	}
}

// setRate sets the learning rate and momentum of the next steps and
// the lowest layer that learns (from > 0 freezes the layers below).
func (t *mlpTrainer[T]) setRate(lr, momentum float64, from int) {
	t.lr, t.momentum, t.from = T(lr), T(momentum), from
}

// setRows makes every buffer hold n rows (a short last minibatch or
// scoring chunk uses fewer rows of the same storage).
func (t *mlpTrainer[T]) setRows(n int) {
	for l := range t.act {
		t.act[l].rows = n
		t.delta[l].rows = n
		if l < len(t.drop) && t.drop[l].data != nil {
			t.drop[l].rows = n
			t.keepP[l].rows = n
		}
	}
}

// step is forward, the loss, and backward with the update.
func (t *mlpTrainer[T]) step(x *mat.Dense, labels []int, idx []int) float64 {
	t.load(x, idx, true)
	t.forward()
	for i, r := range idx {
		t.labels[i] = labels[r]
	}
	ys := t.labels[:len(idx)]
	loss := t.loss(ys)
	t.backward(ys)
	return loss
}

// load copies the rows idx of x into act[0] (with the input layer's
// dropout if dropout) and sets every buffer to that many rows.
func (t *mlpTrainer[T]) load(x *mat.Dense, idx []int, dropout bool) {
	t.setRows(len(idx))
	t.dropout = dropout && t.hasDropout
	t.jobX, t.jobIdx = x, idx
	t.pool.run(t.loadFn)
}

// loadPart gathers its share of the input columns.
func (t *mlpTrainer[T]) loadPart(part int) {
	in := t.act[0]
	lo, hi := cdSplit(in.cols, part)
	if lo == hi {
		return
	}
	raw := t.jobX.RawMatrix()
	fastvec.LoadRows(in.data[lo:], in.stride, raw.Data[lo:], raw.Stride, t.jobIdx, hi-lo)
	t.dropPart(0, part, lo, hi)
}

// forward propagates act[0] up the net: sigmoid hidden layers, softmax
// output.
func (t *mlpTrainer[T]) forward() {
	L := len(t.w)
	for l := 0; l+1 < L; l++ {
		t.jobLayer = l
		t.pool.run(t.upFn)
	}
	// The softmax layer has few units: the caller does it whole.
	x, w, out := t.act[L-1], t.w[L-1], t.act[L]
	t.gemm(blas.NoTrans, blas.NoTrans, x.rows, w.cols, x.cols, 1, x.data, x.stride, w.data, w.stride, 0, out.data, out.stride)
	b := t.b[L-1]
	for i := 0; i < out.rows; i++ {
		row := out.row(i)
		for j := range row {
			row[j] += b[j]
		}
		mlpSoftmaxInPlace(row)
	}
}

// upPart computes its share of the units of layer jobLayer+1: the
// product with those columns of W, then the bias, the sigmoid and the
// dropout mask while the block is in cache.
func (t *mlpTrainer[T]) upPart(part int) {
	l := t.jobLayer
	x, w, z := t.act[l], t.w[l], t.act[l+1]
	lo, hi := cdSplit(w.cols, part)
	if lo == hi {
		return
	}
	t.gemm(blas.NoTrans, blas.NoTrans, x.rows, hi-lo, x.cols, 1, x.data, x.stride,
		w.data[lo:], w.stride, 0, z.data[lo:], z.stride)
	blk := z.colsOf(lo, hi)
	sigmoidRows(blk.data, blk.rows, blk.cols, blk.stride, t.b[l][lo:hi])
	t.dropPart(l+1, part, lo, hi)
}

// loss returns the summed cross-entropy −Σ log p(label) of the rows
// forward last computed.
func (t *mlpTrainer[T]) loss(labels []int) float64 {
	out := t.act[len(t.act)-1]
	var s float64
	for i, y := range labels {
		s -= math.Log(math.Max(float64(out.data[i*out.stride+y]), mlpTinyProb))
	}
	return s
}

// backward computes the gradient of the mean cross-entropy after
// forward and, layer by layer from the top, folds it into the
// velocities and (if apply) steps the parameters of layers from..L-1.
func (t *mlpTrainer[T]) backward(labels []int) {
	L := len(t.w)
	// Softmax with cross-entropy: ∂loss/∂z = (p − onehot(y)) / rows.
	out, d := t.act[L], t.delta[L]
	inv := 1 / T(len(labels))
	for i, y := range labels {
		prow, drow := out.row(i), d.row(i)
		for j, p := range prow {
			drow[j] = p * inv
		}
		drow[y] -= inv
	}
	for l := L - 1; l >= t.from; l-- {
		t.jobLayer = l
		t.pool.run(t.downFn)
	}
}

// downPart does layer jobLayer's backward step for its share of the
// units of that layer (rows of W_l) and of the layer above (biases):
//
//	δ_l = (δ_{l+1}·W_lᵀ) ⊙ σ'(z_l)    unless l is the lowest layer that learns,
//	V_l = μ·V_l − η·act_lᵀ·δ_{l+1},   W_l += V_l − ηλ·W_l (weight decay folded into V_l),
//	v_l = μ·v_l − η·Σ_rows δ_{l+1},    b_l += v_l.
//
// δ_l is computed first, from the W_l rows that the update then
// changes.
func (t *mlpTrainer[T]) downPart(part int) {
	l := t.jobLayer
	a, w, v, dUp := t.act[l], t.w[l], t.vel[l], t.delta[l+1]
	lo, hi := cdSplit(w.rows, part)
	if lo < hi {
		if l > t.from {
			dl := t.delta[l]
			t.gemm(blas.NoTrans, blas.Trans, dUp.rows, hi-lo, dUp.cols, 1, dUp.data, dUp.stride,
				w.data[lo*w.stride:], w.stride, 0, dl.data[lo:], dl.stride)
			sigmoidDerivRows(dl.colsOf(lo, hi), a.colsOf(lo, hi), t.keepOf(l))
		}
		// With momentum, the product adds −(η/μ)·gradient to V
		// (β = 1) and the update multiplies by μ: OpenBLAS would
		// otherwise scale V by β in a pass of its own, 6 % of a step.
		// A tiny μ would blow η/μ up; it takes the plain route.
		scaled := t.apply && t.momentum >= mlpMinScaledMomentum
		alpha, beta := -t.lr, t.momentum
		if scaled {
			alpha, beta = -t.lr/t.momentum, 1
		}
		t.gemm(blas.Trans, blas.NoTrans, hi-lo, w.cols, a.rows, alpha, a.data[lo:], a.stride,
			dUp.data, dUp.stride, beta, v.data[lo*v.stride:], v.stride)
		vr := v.data[lo*v.stride : hi*v.stride]
		if c := t.conn[l]; c.data != nil {
			// A masked weight is zero and its velocity stays zero.
			for i, keep := range c.data[lo*c.stride : hi*c.stride] {
				if keep == 0 {
					vr[i] = 0
				}
			}
		}
		switch {
		case scaled:
			momentumStepScaled(w.data[lo*w.stride:hi*w.stride], vr, t.momentum, t.lr*t.decay)
		case t.apply:
			momentumStep(w.data[lo*w.stride:hi*w.stride], vr, t.lr*t.decay)
		}
	}
	lo, hi = cdSplit(w.cols, part)
	vb, b := t.velB[l][lo:hi], t.b[l][lo:hi]
	for j := range vb {
		vb[j] *= t.momentum
	}
	for i := 0; i < dUp.rows; i++ {
		for j, x := range dUp.row(i)[lo:hi] {
			vb[j] -= t.lr * x
		}
	}
	if t.apply {
		for j, x := range vb {
			b[j] += x
		}
	}
}

// mlpMinScaledMomentum is the smallest momentum for which downPart
// folds the momentum into the weight update rather than the product.
const mlpMinScaledMomentum = 0.01

// keepOf returns the keep probability of layer l's units in this step:
// 1 without dropout there.
func (t *mlpTrainer[T]) keepOf(l int) T {
	if !t.dropout || t.drop[l].data == nil {
		return 1
	}
	return t.keep[l]
}

// sigmoidDerivRows multiplies d by the derivative of the activities a
// with respect to their total input: a·(1 − keep·a) for a = σ(z)/keep
// (or 0, dropped), which is σ'(z)/keep, or σ'(z) = a·(1−a) for keep 1.
func sigmoidDerivRows[T float32 | float64](d, a cdMat[T], keep T) {
	for i := 0; i < d.rows; i++ {
		drow, arow := d.row(i), a.row(i)
		arow = arow[:len(drow)]
		for j, s := range arow {
			drow[j] *= s * (1 - keep*s)
		}
	}
}

// mlpSoftmaxInPlace replaces z by softmax(z), subtracting the maximum
// first so that large inputs do not overflow.
func mlpSoftmaxInPlace[T float32 | float64](z []T) {
	max := math.Inf(-1)
	for _, v := range z {
		if float64(v) > max {
			max = float64(v)
		}
	}
	var sum float64
	for j, v := range z {
		e := math.Exp(float64(v) - max)
		z[j] = T(e)
		sum += e
	}
	for j := range z {
		z[j] = T(float64(z[j]) / sum)
	}
}

// gradient runs forward and backward on all rows of x without updating
// the parameters and returns the summed cross-entropy; the gradient of
// the mean cross-entropy is then in vel and velB (a step with learning
// rate −1 and no momentum). With dropout, the masks are in drop.
func (t *mlpTrainer[T]) gradient(x *mat.Dense, labels []int) float64 {
	n, _ := x.Dims()
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	t.apply = false
	t.setRate(-1, 0, 0)
	return t.step(x, labels, idx)
}

// score runs the trainer's forward pass, without dropout, over x in
// chunks of its minibatch size.
func (t *mlpTrainer[T]) score(x *mat.Dense, labels []int) (errRate, loss float64) {
	n, _ := x.Dims()
	out := t.act[len(t.act)-1]
	wrong := 0
	for start := 0; start < n; start += len(t.evalIdx) {
		idx := t.evalIdx[:min(len(t.evalIdx), n-start)]
		for i := range idx {
			idx[i] = start + i
		}
		t.load(x, idx, false)
		t.forward()
		ys := labels[start : start+len(idx)]
		loss += t.loss(ys)
		for i, y := range ys {
			if mlpArgmax(out.row(i)) != y {
				wrong++
			}
		}
	}
	return float64(wrong) / float64(n), loss / float64(n)
}

func mlpArgmax[T float32 | float64](p []T) int {
	best := 0
	for j, v := range p {
		if v > p[best] {
			best = j
		}
	}
	return best
}
