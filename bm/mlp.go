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
	"strings"
	"time"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/internal/fastvec"
)

// MLP is a feed-forward classifier trained by backpropagation: layers of
// logistic (sigmoid) hidden units and a softmax output layer, with the
// cross-entropy loss. It is the network a DBN initialises (see DBN.ToMLP).
//
// Layer 0 is the input; layer l (1 ≤ l < NumLayers()) is the l-th hidden
// layer; the last layer holds the class probabilities.
type MLP struct {
	// Weights[l] connects layer l to layer l+1 and is n_l × n_{l+1},
	// so a minibatch X (rows = examples) goes up as X·Weights[l], the
	// same orientation as RBM.W.
	Weights []*mat.Dense
	// Biases[l] is the bias of layer l+1 (length n_{l+1}).
	Biases []*mat.VecDense
	// Masks, if set, restricts connectivity: Masks[l] is shaped like
	// Weights[l], 0 where there is no connection and 1 where there is.
	// A nil slice or nil entry means fully connected. Train and
	// Gradient zero the masked weights, which then stay zero.
	Masks []*mat.Dense
}

// NewMLP returns an MLP with the given layer sizes (input first, number
// of classes last) and random weights: uniform in ±4·√(6/(n_in+n_out))
// for sigmoid layers and ±√(6/(n_in+n_out)) for the softmax layer
// (Glorot & Bengio 2010), zero biases. It panics if there are fewer than
// two sizes or a size is not positive.
func NewMLP(sizes []int, rnd *rand.Rand) *MLP {
	if len(sizes) < 2 {
		panic("bm: NewMLP needs at least an input and an output size")
	}
	for _, n := range sizes {
		if n <= 0 {
			panic(fmt.Sprintf("bm: NewMLP layer sizes must be positive, got %v", sizes))
		}
	}
	m := &MLP{}
	for l := 0; l+1 < len(sizes); l++ {
		w := mat.NewDense(sizes[l], sizes[l+1], nil)
		scale := math.Sqrt(6 / float64(sizes[l]+sizes[l+1]))
		if l+2 < len(sizes) {
			scale *= 4
		}
		mlpFillUniform(w, scale, rnd)
		m.Weights = append(m.Weights, w)
		m.Biases = append(m.Biases, mat.NewVecDense(sizes[l+1], nil))
	}
	return m
}

// mlpFillUniform fills w with independent draws from U(-scale, scale).
func mlpFillUniform(w *mat.Dense, scale float64, rnd *rand.Rand) {
	raw := w.RawMatrix()
	for i := 0; i < raw.Rows; i++ {
		row := raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]
		for j := range row {
			row[j] = scale * (2*rnd.Float64() - 1)
		}
	}
}

// Sizes returns the number of units in every layer, input first.
func (m *MLP) Sizes() []int {
	s := []int{m.Weights[0].RawMatrix().Rows}
	for _, w := range m.Weights {
		s = append(s, w.RawMatrix().Cols)
	}
	return s
}

// NumLayers returns the number of layers including input and output.
func (m *MLP) NumLayers() int { return len(m.Weights) + 1 }

// NumInputs returns the size of the input layer.
func (m *MLP) NumInputs() int { return m.Weights[0].RawMatrix().Rows }

// NumClasses returns the size of the softmax output layer.
func (m *MLP) NumClasses() int { return m.Weights[len(m.Weights)-1].RawMatrix().Cols }

// String describes the architecture, e.g. "MLP 784-500-10".
func (m *MLP) String() string {
	s := m.Sizes()
	parts := make([]string, len(s))
	for i, n := range s {
		parts[i] = fmt.Sprint(n)
	}
	return "MLP " + strings.Join(parts, "-")
}

// Clone returns a deep copy of m.
func (m *MLP) Clone() *MLP {
	c := &MLP{}
	for l := range m.Weights {
		c.Weights = append(c.Weights, mat.DenseCopyOf(m.Weights[l]))
		c.Biases = append(c.Biases, mat.VecDenseCopyOf(m.Biases[l]))
	}
	for _, mk := range m.Masks {
		if mk != nil {
			mk = mat.DenseCopyOf(mk)
		}
		c.Masks = append(c.Masks, mk)
	}
	return c
}

// mlpWork holds every buffer one forward/backward pass over a
// minibatch of a fixed number of rows needs, so that training
// allocates nothing per minibatch.
type mlpWork struct {
	rows   int
	in     *mat.Dense   // gathered input rows (training only)
	labels []int        // gathered labels (training only)
	act    []*mat.Dense // act[0] is the input, act[l] layer l's activities
	delta  []*mat.Dense // delta[l] = ∂loss/∂(total input of layer l), l ≥ 1
	gradW  []*mat.Dense
	gradB  []*mat.VecDense
	// drop[l], if not nil, is the dropout mask of layer l (0 or
	// 1/keep[l] per unit), applied by forward; see mlp_dropout.go.
	drop []*mat.Dense
	keep []float64
}

func newMLPWork(m *MLP, rows int, training bool) *mlpWork {
	sizes := m.Sizes()
	w := &mlpWork{rows: rows, act: make([]*mat.Dense, len(sizes))}
	for l := 1; l < len(sizes); l++ {
		w.act[l] = mat.NewDense(rows, sizes[l], nil)
	}
	if !training {
		return w
	}
	w.in = mat.NewDense(rows, sizes[0], nil)
	w.labels = make([]int, rows)
	w.delta = make([]*mat.Dense, len(sizes))
	for l := 1; l < len(sizes); l++ {
		w.delta[l] = mat.NewDense(rows, sizes[l], nil)
		w.gradW = append(w.gradW, mat.NewDense(sizes[l-1], sizes[l], nil))
		w.gradB = append(w.gradB, mat.NewVecDense(sizes[l], nil))
	}
	return w
}

// forward propagates x (w.rows × n_0) up the net: sigmoid hidden
// layers, softmax output. The class probabilities end up in the last
// entry of w.act.
func (m *MLP) forward(w *mlpWork, x *mat.Dense) {
	w.act[0] = x
	if mk := w.dropoutMask(0); mk != nil {
		if x != w.in {
			w.in.Copy(x)
		}
		mulInPlace(w.in, mk)
		w.act[0] = w.in
	}
	last := len(m.Weights) - 1
	for l, wt := range m.Weights {
		z := w.act[l+1]
		// Total input from below; blas64 directly, since mat's Mul
		// would allocate for the transposes used in backward.
		blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, w.act[l].RawMatrix(), wt.RawMatrix(), 0, z.RawMatrix())
		raw := z.RawMatrix()
		b := m.Biases[l].RawVector()
		if l < last && fastvec.Available && b.Inc == 1 {
			// σ(z + b) in vectorised C (cgo builds).
			fastvec.SigmoidBias(raw.Data, raw.Rows, raw.Cols, raw.Stride, b.Data)
		} else {
			mlpAffineOut(raw, b, l < last)
		}
		if mk := w.dropoutMask(l + 1); mk != nil {
			mulInPlace(z, mk)
		}
	}
}

// mlpAffineOut adds the bias b to every row of z and applies the
// logistic function (hidden) or the softmax (output).
func mlpAffineOut(raw blas64.General, b blas64.Vector, hidden bool) {
	for i := 0; i < raw.Rows; i++ {
		row := raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]
		for j := range row {
			row[j] += b.Data[j*b.Inc]
		}
		if hidden {
			for j, v := range row {
				row[j] = Sigmoid(v)
			}
		} else {
			mlpSoftmaxInPlace(row)
		}
	}
}

// mlpSoftmaxInPlace replaces z by softmax(z), subtracting the maximum
// first so that large inputs do not overflow.
func mlpSoftmaxInPlace(z []float64) {
	max := math.Inf(-1)
	for _, v := range z {
		if v > max {
			max = v
		}
	}
	var sum float64
	for j, v := range z {
		e := math.Exp(v - max)
		z[j] = e
		sum += e
	}
	for j := range z {
		z[j] /= sum
	}
}

// mlpTinyProb keeps the log of a vanishing probability finite.
const mlpTinyProb = 1e-300

// loss returns the summed cross-entropy −Σ log p(label) of the rows
// forward last computed.
func (w *mlpWork) loss(labels []int) float64 {
	out := w.act[len(w.act)-1].RawMatrix()
	var s float64
	for i, y := range labels {
		s -= math.Log(math.Max(out.Data[i*out.Stride+y], mlpTinyProb))
	}
	return s
}

// backward computes the gradient of the mean cross-entropy over the
// minibatch with respect to the weights and biases of layers
// from..L-1 (from > 0 freezes the layers below), after forward.
// Each step is the derivative of the matching step of forward.
func (m *MLP) backward(w *mlpWork, labels []int, from int) {
	L := len(m.Weights)
	inv := 1 / float64(w.rows)
	// Softmax with cross-entropy: ∂loss/∂z = (p − onehot(y)) / rows.
	out, d := w.act[L].RawMatrix(), w.delta[L].RawMatrix()
	for i, y := range labels {
		prow := out.Data[i*out.Stride : i*out.Stride+out.Cols]
		drow := d.Data[i*d.Stride : i*d.Stride+d.Cols]
		for j, p := range prow {
			drow[j] = p * inv
		}
		drow[y] -= inv
	}
	for l := L - 1; l >= from; l-- {
		// z_{l+1} = act_l·W_l + b_l: ∂/∂W_l = act_lᵀ·δ_{l+1}, ∂/∂b_l = Σ_rows δ_{l+1}.
		blas64.Gemm(blas.Trans, blas.NoTrans, 1, w.act[l].RawMatrix(), w.delta[l+1].RawMatrix(), 0, w.gradW[l].RawMatrix())
		mlpColumnSums(w.gradB[l], w.delta[l+1])
		if l == from || l == 0 {
			break
		}
		// act_l = σ(z_l): δ_l = (δ_{l+1}·W_lᵀ) ⊙ act_l ⊙ (1 − act_l).
		blas64.Gemm(blas.NoTrans, blas.Trans, 1, w.delta[l+1].RawMatrix(), m.Weights[l].RawMatrix(), 0, w.delta[l].RawMatrix())
		a, dl := w.act[l].RawMatrix(), w.delta[l].RawMatrix()
		if w.dropoutMask(l) != nil {
			// Through the dropout mask (see mlp_dropout.go): a dropped
			// unit has act 0 and so passes no gradient.
			keep := w.keep[l]
			for i := 0; i < a.Rows; i++ {
				arow := a.Data[i*a.Stride : i*a.Stride+a.Cols]
				drow := dl.Data[i*dl.Stride : i*dl.Stride+dl.Cols]
				for j, s := range arow {
					drow[j] *= s * (1 - keep*s)
				}
			}
			continue
		}
		for i := 0; i < a.Rows; i++ {
			arow := a.Data[i*a.Stride : i*a.Stride+a.Cols]
			drow := dl.Data[i*dl.Stride : i*dl.Stride+dl.Cols]
			for j, s := range arow {
				drow[j] *= s * (1 - s)
			}
		}
	}
}

// mlpColumnSums sets dst to the column sums of a.
func mlpColumnSums(dst *mat.VecDense, a *mat.Dense) {
	raw := a.RawMatrix()
	out := dst.RawVector()
	for j := 0; j < raw.Cols; j++ {
		out.Data[j*out.Inc] = 0
	}
	for i := 0; i < raw.Rows; i++ {
		row := raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]
		for j, v := range row {
			out.Data[j*out.Inc] += v
		}
	}
}

// mlpEvalRows is the chunk size for evaluating large data sets.
const mlpEvalRows = 500

// eachChunk runs forward on x in chunks of at most mlpEvalRows rows and
// calls f with the first row index and the chunk's work.
func (m *MLP) eachChunk(x *mat.Dense, f func(start int, w *mlpWork)) {
	r, c := x.Dims()
	if c != m.NumInputs() {
		panic(fmt.Sprintf("bm: MLP has %d inputs, data has %d columns", m.NumInputs(), c))
	}
	var full, tail *mlpWork
	for start := 0; start < r; start += mlpEvalRows {
		end := min(start+mlpEvalRows, r)
		var w *mlpWork
		if end-start == mlpEvalRows {
			if full == nil {
				full = newMLPWork(m, mlpEvalRows, false)
			}
			w = full
		} else {
			if tail == nil {
				tail = newMLPWork(m, end-start, false)
			}
			w = tail
		}
		m.forward(w, x.Slice(start, end, 0, c).(*mat.Dense))
		f(start, w)
	}
}

// Forward returns the class probabilities of every row of x
// (rows = examples, one column per class).
func (m *MLP) Forward(x *mat.Dense) *mat.Dense {
	return m.Activations(m.NumLayers()-1, x)
}

// Activations returns the activities of layer (1 ≤ layer < NumLayers())
// for every row of x: hidden-unit probabilities for a hidden layer,
// class probabilities for the last layer.
func (m *MLP) Activations(layer int, x *mat.Dense) *mat.Dense {
	if layer < 1 || layer >= m.NumLayers() {
		panic(fmt.Sprintf("bm: MLP layer %d out of range [1, %d)", layer, m.NumLayers()))
	}
	r, _ := x.Dims()
	out := mat.NewDense(r, m.Sizes()[layer], nil)
	m.eachChunk(x, func(start int, w *mlpWork) {
		a := w.act[layer]
		out.Slice(start, start+w.rows, 0, a.RawMatrix().Cols).(*mat.Dense).Copy(a)
	})
	return out
}

// Predict returns the most probable class of every row of x.
func (m *MLP) Predict(x *mat.Dense) []int {
	r, _ := x.Dims()
	pred := make([]int, r)
	m.eachChunk(x, func(start int, w *mlpWork) {
		out := w.act[len(w.act)-1].RawMatrix()
		for i := 0; i < out.Rows; i++ {
			pred[start+i] = mlpArgmax(out.Data[i*out.Stride : i*out.Stride+out.Cols])
		}
	})
	return pred
}

func mlpArgmax(p []float64) int {
	best := 0
	for j, v := range p {
		if v > p[best] {
			best = j
		}
	}
	return best
}

// Loss returns the mean cross-entropy −(1/n) Σ log p(label | x) over the
// rows of x. It panics if labels has the wrong length or a label is out
// of range.
func (m *MLP) Loss(x *mat.Dense, labels []int) float64 {
	m.checkLabels(x, labels)
	var s float64
	m.eachChunk(x, func(start int, w *mlpWork) {
		s += w.loss(labels[start : start+w.rows])
	})
	return s / float64(len(labels))
}

// mlpScore returns the error rate and mean cross-entropy on (x, labels)
// in one forward pass.
func (m *MLP) mlpScore(x *mat.Dense, labels []int) (errRate, loss float64) {
	wrong := 0
	m.eachChunk(x, func(start int, w *mlpWork) {
		ys := labels[start : start+w.rows]
		loss += w.loss(ys)
		out := w.act[len(w.act)-1].RawMatrix()
		for i, y := range ys {
			if mlpArgmax(out.Data[i*out.Stride:i*out.Stride+out.Cols]) != y {
				wrong++
			}
		}
	})
	n := float64(len(labels))
	return float64(wrong) / n, loss / n
}

// Accuracy returns the fraction of rows of x whose predicted class is
// their label.
func (m *MLP) Accuracy(x *mat.Dense, labels []int) float64 {
	m.checkLabels(x, labels)
	pred := m.Predict(x)
	correct := 0
	for i, y := range labels {
		if pred[i] == y {
			correct++
		}
	}
	return float64(correct) / float64(len(labels))
}

// ErrorRate returns 1 − Accuracy(x, labels).
func (m *MLP) ErrorRate(x *mat.Dense, labels []int) float64 {
	return 1 - m.Accuracy(x, labels)
}

// ConfusionMatrix returns the NumClasses × NumClasses matrix whose
// element (i, j) counts the rows of x with label i predicted as j.
func (m *MLP) ConfusionMatrix(x *mat.Dense, labels []int) *mat.Dense {
	m.checkLabels(x, labels)
	k := m.NumClasses()
	c := mat.NewDense(k, k, nil)
	for i, p := range m.Predict(x) {
		c.Set(labels[i], p, c.At(labels[i], p)+1)
	}
	return c
}

func (m *MLP) checkLabels(x *mat.Dense, labels []int) {
	r, _ := x.Dims()
	if len(labels) != r {
		panic(fmt.Sprintf("bm: %d labels for %d rows", len(labels), r))
	}
	k := m.NumClasses()
	for i, y := range labels {
		if y < 0 || y >= k {
			panic(fmt.Sprintf("bm: label %d of row %d out of range [0, %d)", y, i, k))
		}
	}
}

// Gradient returns the mean cross-entropy of m on (x, labels) and its
// gradient with respect to every weight and bias, shaped like m.Weights
// and m.Biases. Train uses the same code; Gradient is exported for
// inspection and gradient checks.
func (m *MLP) Gradient(x *mat.Dense, labels []int) (loss float64, dWeights []*mat.Dense, dBiases []*mat.VecDense) {
	m.checkLabels(x, labels)
	r, _ := x.Dims()
	m.checkMasks()
	m.applyMasks()
	w := newMLPWork(m, r, true)
	m.forward(w, x)
	m.backward(w, labels, 0)
	m.maskGradients(w.gradW, 0)
	return w.loss(labels) / float64(r), w.gradW, w.gradB
}

// MLPConfig configures MLP.Train. The zero value (or a nil pointer)
// means the documented defaults.
type MLPConfig struct {
	// LearningRate is the SGD step size; 0 means 0.1.
	LearningRate float64
	// Momentum is the momentum coefficient in [0, 1); 0 means 0.9 and
	// a negative value turns momentum off.
	Momentum float64
	// LearningRateDecay multiplies the learning rate after every epoch
	// (annealing, which lets the last epochs settle); 0 means 1, i.e.
	// a constant learning rate.
	LearningRateDecay float64
	// WeightDecay is the L2 penalty coefficient λ: the loss gains
	// (λ/2)·Σ w² over all weights (not biases). 0 means none.
	WeightDecay float64
	// BatchSize is the number of examples per minibatch; 0 means 100.
	BatchSize int
	// Epochs is the number of passes over the training set; 0 means 10.
	Epochs int
	// InputDropout is the dropout rate of the input units, in [0, 1)
	// (Srivastava et al. 2014): in every training minibatch each input
	// unit is zeroed independently with this probability and the
	// surviving units are scaled by 1/(1−rate), so prediction (Forward,
	// Predict, the validation score) uses the whole net unchanged. The
	// masks come from the Seed-ed RNG that also shuffles the
	// minibatches. 0 means no dropout; Srivastava et al. use 0.2 for
	// inputs and 0.5 for hidden units, with more epochs than without.
	InputDropout float64
	// HiddenDropout is the dropout rate of the units of every hidden
	// layer, in [0, 1), applied like InputDropout; 0 means none.
	HiddenDropout float64
	// FreezeEpochs is the number of initial epochs during which only
	// the output layer learns and the (pretrained) hidden layers stay
	// fixed, as in Hinton & Salakhutdinov's fine-tuning code.
	FreezeEpochs int
	// Seed seeds the minibatch shuffling.
	Seed uint64
	// Validation and ValidationLabels, if set, are scored at the end
	// of every epoch ("valerr", "valloss").
	Validation       *mat.Dense
	ValidationLabels []int
	// Monitor receives per-epoch statistics: "loss" (mean training
	// cross-entropy over the epoch's minibatches, measured before each
	// step; with dropout, that of the thinned nets) and, with a validation set, "valerr" and "valloss".
	// nil means DefaultMonitor.
	Monitor Monitor
	// Context stops training between minibatches when cancelled; nil
	// means DefaultContext.
	Context context.Context
	// Task names the run in progress reports; "" means m.String().
	Task string
}

func (c *MLPConfig) withDefaults() MLPConfig {
	var d MLPConfig
	if c != nil {
		d = *c
	}
	if d.LearningRate == 0 {
		d.LearningRate = 0.1
	}
	if d.LearningRateDecay == 0 {
		d.LearningRateDecay = 1
	}
	if d.Momentum == 0 {
		d.Momentum = 0.9
	} else if d.Momentum < 0 {
		d.Momentum = 0
	}
	if d.BatchSize == 0 {
		d.BatchSize = 100
	}
	if d.Epochs == 0 {
		d.Epochs = 10
	}
	return d
}

// Train fits m to (x, labels) by minibatch SGD with momentum, weight
// decay and optional dropout on the mean cross-entropy. It returns an error for bad labels
// or a non-finite loss, and an error wrapping the context's error when
// cancelled, leaving m at its last completed minibatch.
func (m *MLP) Train(x *mat.Dense, labels []int, cfg *MLPConfig) error {
	c := cfg.withDefaults()
	n, cols := x.Dims()
	if cols != m.NumInputs() {
		panic(fmt.Sprintf("bm: MLP has %d inputs, data has %d columns", m.NumInputs(), cols))
	}
	if len(labels) != n {
		panic(fmt.Sprintf("bm: %d labels for %d rows", len(labels), n))
	}
	if n == 0 {
		return fmt.Errorf("bm: MLP.Train: no training examples")
	}
	k := m.NumClasses()
	for i, y := range labels {
		if y < 0 || y >= k {
			return fmt.Errorf("bm: MLP.Train: label %d of row %d is outside [0, %d); relabel the data or build the MLP with more classes", y, i, k)
		}
	}
	if c.Validation != nil {
		m.checkLabels(c.Validation, c.ValidationLabels)
	}
	m.checkMasks()
	m.applyMasks()
	if c.BatchSize < 0 || c.Epochs < 0 || c.FreezeEpochs < 0 {
		panic("bm: MLPConfig BatchSize, Epochs and FreezeEpochs must not be negative")
	}
	bs := min(c.BatchSize, n)
	inDrop, hidDrop := c.mlpDropoutRates()
	dropout := inDrop > 0 || hidDrop > 0
	mon := monitorOr(c.Monitor)
	ctx := contextOr(c.Context)
	task := c.Task
	if task == "" {
		task = m.String()
	}
	rnd := rand.New(rand.NewPCG(c.Seed, 0x6d6c70))
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	full := newMLPWork(m, bs, true)
	var tail *mlpWork
	if n%bs != 0 {
		tail = newMLPWork(m, n%bs, true)
	}
	if dropout {
		full.enableDropout(m, inDrop, hidDrop)
		if tail != nil {
			tail.enableDropout(m, inDrop, hidDrop)
		}
	}
	vel := make([]*mat.Dense, len(m.Weights))
	velB := make([]*mat.VecDense, len(m.Biases))
	for l := range m.Weights {
		r, cc := m.Weights[l].Dims()
		vel[l] = mat.NewDense(r, cc, nil)
		velB[l] = mat.NewVecDense(cc, nil)
	}
	batches := (n + bs - 1) / bs
	var tick ticker
	lr := c.LearningRate
	for epoch := 1; epoch <= c.Epochs; epoch++ {
		if epoch > 1 {
			lr *= c.LearningRateDecay
		}
		start := time.Now()
		rnd.Shuffle(n, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		from := 0
		if epoch <= c.FreezeEpochs {
			from = len(m.Weights) - 1
		}
		var lossSum float64
		for b := 0; b < batches; b++ {
			if ctx.Err() != nil {
				return interrupted(ctx, task, epoch, b)
			}
			idx := perm[b*bs : min((b+1)*bs, n)]
			w := full
			if len(idx) != bs {
				w = tail
			}
			mlpGather(w, x, labels, idx)
			if dropout {
				w.drawDropout(rnd)
			}
			m.forward(w, w.in)
			bl := w.loss(w.labels)
			if math.IsNaN(bl) || math.IsInf(bl, 0) {
				return fmt.Errorf("bm: %s: loss became %v in epoch %d; lower the learning rate", task, bl, epoch)
			}
			lossSum += bl
			m.backward(w, w.labels, from)
			m.maskGradients(w.gradW, from)
			for l := from; l < len(m.Weights); l++ {
				mlpStep(m.Weights[l], vel[l], w.gradW[l], lr, c.Momentum, c.WeightDecay)
				mlpStepVec(m.Biases[l], velB[l], w.gradB[l], lr, c.Momentum)
			}
			if now := time.Now(); tick.due(now) {
				mon.Report(Progress{Task: task, Epoch: epoch, Epochs: c.Epochs, Batch: b + 1, Batches: batches,
					Examples: min((b+1)*bs, n), Elapsed: now.Sub(start)})
			}
		}
		stats := []Stat{{Name: "loss", Value: lossSum / float64(n)}}
		if c.Validation != nil {
			verr, vloss := m.mlpScore(c.Validation, c.ValidationLabels)
			stats = append(stats, Stat{Name: "valerr", Value: verr}, Stat{Name: "valloss", Value: vloss})
		}
		mon.Report(Progress{Task: task, Epoch: epoch, Epochs: c.Epochs, Batch: batches, Batches: batches,
			Examples: n, Elapsed: time.Since(start), EpochDone: true, Stats: stats})
	}
	return nil
}

// mlpGather copies the rows idx of x and their labels into w.
func mlpGather(w *mlpWork, x *mat.Dense, labels []int, idx []int) {
	src, dst := x.RawMatrix(), w.in.RawMatrix()
	for i, r := range idx {
		copy(dst.Data[i*dst.Stride:i*dst.Stride+dst.Cols], src.Data[r*src.Stride:r*src.Stride+src.Cols])
		w.labels[i] = labels[r]
	}
}

// mlpStep applies one momentum step: v ← μv − η(g + λp); p ← p + v.
func mlpStep(p, v, g *mat.Dense, lr, mom, decay float64) {
	pr, vr, gr := p.RawMatrix(), v.RawMatrix(), g.RawMatrix()
	if fastvec.Available && pr.Stride == pr.Cols && vr.Stride == vr.Cols && gr.Stride == gr.Cols {
		n := pr.Rows * pr.Cols
		fastvec.SGDStep(pr.Data[:n], vr.Data[:n], gr.Data[:n], lr, mom, decay)
		return
	}
	for i := 0; i < pr.Rows; i++ {
		prow := pr.Data[i*pr.Stride : i*pr.Stride+pr.Cols]
		vrow := vr.Data[i*vr.Stride : i*vr.Stride+vr.Cols]
		grow := gr.Data[i*gr.Stride : i*gr.Stride+gr.Cols]
		for j := range prow {
			vrow[j] = mom*vrow[j] - lr*(grow[j]+decay*prow[j])
			prow[j] += vrow[j]
		}
	}
}

// mlpStepVec is mlpStep for a bias vector, without weight decay.
func mlpStepVec(p, v, g *mat.VecDense, lr, mom float64) {
	for i := 0; i < p.Len(); i++ {
		vi := mom*v.AtVec(i) - lr*g.AtVec(i)
		v.SetVec(i, vi)
		p.SetVec(i, p.AtVec(i)+vi)
	}
}

// Save writes m as a model file of kind "mlp" (see SaveFile), with the
// tensors "W1", "b1", "W2", "b2", … (Weights[0] is "W1") and "M1", …
// for the layers that have a mask.
func (m *MLP) Save(w io.Writer) error {
	var ts []modelTensor
	for l := range m.Weights {
		ts = append(ts, denseTensor(fmt.Sprintf("W%d", l+1), m.Weights[l]), vecTensor(fmt.Sprintf("b%d", l+1), m.Biases[l]))
		if mk := m.mask(l); mk != nil {
			ts = append(ts, denseTensor(fmt.Sprintf("M%d", l+1), mk))
		}
	}
	return writeModel(w, "mlp", []modelAttr{{Key: "layers", Value: strconv.Itoa(len(m.Weights))}}, ts)
}

// LoadMLP reads an MLP written by (*MLP).Save.
func LoadMLP(rd io.Reader) (*MLP, error) {
	f, err := readModel(rd, "mlp")
	if err != nil {
		return nil, err
	}
	return mlpFromModel(f)
}

// LoadMLPFile reads an MLP from a file written by SaveFile.
func LoadMLPFile(path string) (*MLP, error) {
	f, err := readModelFile(path, "mlp")
	if err != nil {
		return nil, err
	}
	m, err := mlpFromModel(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

func mlpFromModel(f *modelFile) (*MLP, error) {
	n, err := modelLayerCount(f)
	if err != nil {
		return nil, err
	}
	m := &MLP{}
	for l := 1; l <= n; l++ {
		w, err := f.dense(fmt.Sprintf("W%d", l))
		if err != nil {
			return nil, err
		}
		b, err := f.vec(fmt.Sprintf("b%d", l))
		if err != nil {
			return nil, err
		}
		r, c := w.Dims()
		if b.Len() != c {
			return nil, fmt.Errorf("%w: MLP layer %d has %d outputs but %d biases", ErrModelCorrupt, l, c, b.Len())
		}
		if l > 1 {
			if _, pc := m.Weights[l-2].Dims(); pc != r {
				return nil, fmt.Errorf("%w: MLP layer %d has %d inputs, layer %d below it %d outputs", ErrModelCorrupt, l, r, l-1, pc)
			}
		}
		m.Weights = append(m.Weights, w)
		m.Biases = append(m.Biases, b)
		m.Masks = append(m.Masks, nil)
		if _, err := f.tensor(fmt.Sprintf("M%d", l)); err == nil {
			mk, err := f.dense(fmt.Sprintf("M%d", l))
			if err != nil {
				return nil, err
			}
			if mr, mc := mk.Dims(); mr != r || mc != c {
				return nil, fmt.Errorf("%w: MLP mask %d is %d×%d, its weights %d×%d", ErrModelCorrupt, l, mr, mc, r, c)
			}
			m.Masks[l-1] = mk
		}
	}
	if !slices.ContainsFunc(m.Masks, func(mk *mat.Dense) bool { return mk != nil }) {
		m.Masks = nil
	}
	return m, nil
}
