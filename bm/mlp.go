// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
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

// mlpWork holds the activities of a forward pass over a fixed number
// of rows, for prediction (training has its own trainer, see
// mlptrainer.go).
type mlpWork struct {
	rows int
	act  []*mat.Dense // act[0] is the input, act[l] layer l's activities
}

func newMLPWork(m *MLP, rows int) *mlpWork {
	sizes := m.Sizes()
	w := &mlpWork{rows: rows, act: make([]*mat.Dense, len(sizes))}
	for l := 1; l < len(sizes); l++ {
		w.act[l] = mat.NewDense(rows, sizes[l], nil)
	}
	return w
}

// forward propagates x (w.rows × n_0) up the net: sigmoid hidden
// layers, softmax output. The class probabilities end up in the last
// entry of w.act.
func (m *MLP) forward(w *mlpWork, x *mat.Dense) {
	w.act[0] = x
	last := len(m.Weights) - 1
	for l, wt := range m.Weights {
		z := w.act[l+1]
		blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, w.act[l].RawMatrix(), wt.RawMatrix(), 0, z.RawMatrix())
		raw := z.RawMatrix()
		b := m.Biases[l].RawVector()
		if l < last {
			addBiasSigmoid(raw, b)
		} else {
			mlpAffineOut(raw, b)
		}
	}
}

// mlpAffineOut adds the bias b to every row of z and applies the
// softmax.
func mlpAffineOut(raw blas64.General, b blas64.Vector) {
	for i := 0; i < raw.Rows; i++ {
		row := raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]
		for j := range row {
			row[j] += b.Data[j*b.Inc]
		}
		mlpSoftmaxInPlace(row)
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
				full = newMLPWork(m, mlpEvalRows)
			}
			w = full
		} else {
			if tail == nil {
				tail = newMLPWork(m, end-start)
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
// and m.Biases. It runs the backward pass of Train (in float64, without
// dropout) and is exported for inspection and gradient checks.
func (m *MLP) Gradient(x *mat.Dense, labels []int) (loss float64, dWeights []*mat.Dense, dBiases []*mat.VecDense) {
	m.checkLabels(x, labels)
	m.checkMasks()
	m.applyMasks()
	r, _ := x.Dims()
	t := newMLPTrainerOf[float64](m, mlpSettings{}, r, nil)
	defer t.close()
	loss = t.gradient(x, labels) / float64(r)
	for l, v := range t.vel {
		dWeights = append(dWeights, mat.NewDense(v.rows, v.cols, v.data))
		dBiases = append(dBiases, mat.NewVecDense(len(t.velB[l]), t.velB[l]))
	}
	return loss, dWeights, dBiases
}
