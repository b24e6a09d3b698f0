// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// DBN is a deep belief net: a stack of RBMs in which the hidden layer
// of each is the visible layer of the next. Trained greedily (Train),
// each RBM models the hidden activities the one below produces from the
// data. As a generative model the top RBM is an undirected associative
// memory and the layers below are directed, top-down: generating means
// Gibbs sampling in the top RBM, then one down pass (Generate).
//
// Layer 0 is the data; layer l ≥ 1 is the hidden layer of Layers[l−1].
type DBN struct {
	// Layers[l] is the RBM between layer l and layer l+1.
	Layers []*RBM
}

// NewDBN returns an untrained DBN with the given layer sizes (data
// first), each RBM initialised by NewRBM. It panics if there are fewer
// than two sizes.
func NewDBN(sizes []int, rnd *rand.Rand) *DBN {
	if len(sizes) < 2 {
		panic("bm: NewDBN needs at least a visible and a hidden layer size")
	}
	d := &DBN{}
	for l := 0; l+1 < len(sizes); l++ {
		d.Layers = append(d.Layers, NewRBM(sizes[l], sizes[l+1], rnd))
	}
	return d
}

// AddLayer puts r on top of the stack. It panics if r's visible layer
// does not match the current top hidden layer.
func (d *DBN) AddLayer(r *RBM) {
	if n := len(d.Layers); n > 0 && d.Layers[n-1].NumHidden() != r.NumVisible() {
		panic(fmt.Sprintf("bm: AddLayer: %v cannot sit on a top layer of %d units", r, d.Layers[n-1].NumHidden()))
	}
	d.Layers = append(d.Layers, r)
}

// Sizes returns the number of units in every layer, data first.
func (d *DBN) Sizes() []int {
	if len(d.Layers) == 0 {
		return nil
	}
	s := []int{d.Layers[0].NumVisible()}
	for _, r := range d.Layers {
		s = append(s, r.NumHidden())
	}
	return s
}

// String describes the DBN, e.g. "DBN 784-500-500-2000".
func (d *DBN) String() string {
	parts := make([]string, 0, len(d.Layers)+1)
	for _, n := range d.Sizes() {
		parts = append(parts, fmt.Sprint(n))
	}
	return "DBN " + strings.Join(parts, "-")
}

// Clone returns a deep copy of d.
func (d *DBN) Clone() *DBN {
	c := &DBN{}
	for _, r := range d.Layers {
		c.Layers = append(c.Layers, r.Clone())
	}
	return c
}

// DBNConfig configures DBN.Train. The zero value (or a nil pointer)
// trains every layer with the CDConfig defaults on hidden probabilities.
type DBNConfig struct {
	// Layers[l] configures the training of RBM l; a missing or nil
	// entry means CDConfig defaults. A layer whose Monitor, Context
	// or Validation is nil takes the DBN's (Validation after the up
	// pass to that layer).
	Layers []*CDConfig
	// SampleHidden trains each RBM above the first on binary samples
	// of the hidden units below (one sample per example, drawn once)
	// instead of their probabilities.
	SampleHidden bool
	// From is the first RBM to train; the ones below are kept as they
	// are. Use it to add a layer to a trained stack.
	From int
	// Seed seeds the hidden samples of SampleHidden.
	Seed uint64
	// Validation, if set, is held-out data passed up to every layer.
	Validation *mat.Dense
	// Monitor and Context are the defaults for the layers (nil means
	// DefaultMonitor and DefaultContext). Reports are tagged with the
	// layer, e.g. "DBN layer 2/3: RBM 500-500 CD-1".
	Monitor Monitor
	Context context.Context
}

// Train fits the DBN greedily: RBM From is trained on the data passed
// up through the RBMs below it, then RBM From+1 on its hidden
// activities, and so on to the top, each by RBM.Train. It returns a
// *ConfigError for a From outside the stack and the first layer's
// error, wrapped with the layer's index; on cancellation the trained
// layers keep their weights and the interrupted layer its last
// minibatch.
func (d *DBN) Train(data *mat.Dense, cfg *DBNConfig) error {
	var c DBNConfig
	if cfg != nil {
		c = *cfg
	}
	if len(d.Layers) == 0 {
		panic("bm: DBN has no layers")
	}
	if _, nv := data.Dims(); nv != d.Layers[0].NumVisible() {
		panic(fmt.Sprintf("bm: DBN has %d visible units, data has %d columns", d.Layers[0].NumVisible(), nv))
	}
	if c.From < 0 || c.From >= len(d.Layers) {
		return &ConfigError{Field: "DBNConfig.From", Value: fmt.Sprint(c.From),
			Want: fmt.Sprintf("a layer index in [0, %d)", len(d.Layers))}
	}
	rnd := rand.New(rand.NewPCG(c.Seed, 0xdb1))
	x, val := d.dbnUp(data, c.From, c.SampleHidden, rnd), (*mat.Dense)(nil)
	if c.Validation != nil {
		val = d.Features(c.From, c.Validation)
	}
	mon := monitorOr(c.Monitor)
	for l := c.From; l < len(d.Layers); l++ {
		var lc CDConfig
		if l < len(c.Layers) && c.Layers[l] != nil {
			lc = *c.Layers[l]
		}
		layerMon := mon
		if lc.Monitor != nil {
			layerMon = lc.Monitor
		}
		prefix := fmt.Sprintf("DBN layer %d/%d: ", l+1, len(d.Layers))
		lc.Monitor = MonitorFunc(func(p Progress) {
			p.Task = prefix + p.Task
			layerMon.Report(p)
		})
		if lc.Context == nil {
			lc.Context = c.Context
		}
		if lc.Validation == nil {
			lc.Validation = val
		}
		if err := d.Layers[l].Train(x, &lc); err != nil {
			return fmt.Errorf("bm: training DBN layer %d: %w", l+1, err)
		}
		if l+1 < len(d.Layers) {
			x = dbnUpOne(d.Layers[l], x, c.SampleHidden, rnd)
			if val != nil {
				val = dbnUpOne(d.Layers[l], val, false, nil)
			}
		}
	}
	return nil
}

// dbnUpOne returns the hidden probabilities of r given the rows of x,
// or a binary sample of them when sample is set.
func dbnUpOne(r *RBM, x *mat.Dense, sample bool, rnd *rand.Rand) *mat.Dense {
	var h mat.Dense
	if sample {
		r.SampleHidden(&h, x, rnd)
	} else {
		r.HiddenProbs(&h, x)
	}
	return &h
}

// dbnUp passes data up to layer, sampling between layers if asked.
func (d *DBN) dbnUp(data *mat.Dense, layer int, sample bool, rnd *rand.Rand) *mat.Dense {
	x := data
	for l := 0; l < layer; l++ {
		x = dbnUpOne(d.Layers[l], x, sample, rnd)
	}
	return x
}

// Features returns the up-pass activities of layer for every row of
// data: layer 0 is the data itself, layer l ≥ 1 the hidden probabilities
// of Layers[l−1] given the probabilities of the layer below. These are
// the features a classifier built with ToMLP sees.
func (d *DBN) Features(layer int, data *mat.Dense) *mat.Dense {
	if layer < 0 || layer > len(d.Layers) {
		panic(fmt.Sprintf("bm: DBN layer %d out of range [0, %d]", layer, len(d.Layers)))
	}
	if _, nv := data.Dims(); nv != d.Layers[0].NumVisible() {
		panic(fmt.Sprintf("bm: DBN has %d visible units, data has %d columns", d.Layers[0].NumVisible(), nv))
	}
	if layer == 0 {
		return mat.DenseCopyOf(data)
	}
	return d.dbnUp(data, layer, false, nil)
}

// Generate returns n samples of the data layer: chains in the top RBM
// start from random binary states of its visible layer, run k steps of
// alternating Gibbs sampling, and the result goes down through the
// lower RBMs (binary samples between hidden layers, probabilities at
// the data layer).
func (d *DBN) Generate(n, k int, rnd *rand.Rand) *mat.Dense {
	top := d.Layers[len(d.Layers)-1]
	return d.dbnDown(randomStates(n, top.NumVisible(), rnd), k, rnd)
}

// GenerateFrom is Generate with the top chains started from the data
// rows of start passed up (sampled) to the top RBM, so that the samples
// show what the DBN makes of (and drifts away from) those examples.
func (d *DBN) GenerateFrom(start *mat.Dense, k int, rnd *rand.Rand) *mat.Dense {
	return d.dbnDown(d.dbnUp(start, len(d.Layers)-1, true, rnd), k, rnd)
}

// dbnDown runs k Gibbs steps in the top RBM from the binary states v of
// its visible layer, then a down pass to the data layer.
func (d *DBN) dbnDown(v *mat.Dense, k int, rnd *rand.Rand) *mat.Dense {
	L := len(d.Layers)
	top := d.Layers[L-1]
	if k > 0 {
		top.Gibbs(v, k, rnd)
	}
	if L == 1 {
		var p mat.Dense
		var h mat.Dense
		top.SampleHidden(&h, v, rnd)
		top.VisibleProbs(&p, &h)
		return &p
	}
	h := v
	for l := L - 2; l >= 0; l-- {
		var below mat.Dense
		if l > 0 {
			d.Layers[l].SampleVisible(&below, h, rnd)
		} else {
			d.Layers[l].VisibleProbs(&below, h)
		}
		h = &below
	}
	return h
}

// ToMLP returns a classifier with the DBN's architecture plus a softmax
// output layer of nClasses units: hidden layer l of the MLP starts with
// the weights and hidden biases of Layers[l−1] (so its activations equal
// Features(l, ·)), and the output layer is new and random, drawn as in
// NewMLP. The DBN's visible biases have no place in a feed-forward net
// and are dropped.
func (d *DBN) ToMLP(nClasses int, rnd *rand.Rand) *MLP {
	m := d.RandomMLP(nClasses, rnd)
	for l, r := range d.Layers {
		m.Weights[l].Copy(r.W)
		m.Biases[l].CopyVec(r.HidBias)
	}
	return m
}

// RandomMLP returns an MLP with the same architecture as ToMLP but all
// weights random (NewMLP): the baseline that shows what pretraining buys.
func (d *DBN) RandomMLP(nClasses int, rnd *rand.Rand) *MLP {
	return NewMLP(append(d.Sizes(), nClasses), rnd)
}

// ExactLowerBound returns the mean over the rows of data (binary) of
// the variational lower bound on log p(v) that greedy training
// improves, computed exactly by enumeration. For a DBN of one RBM it is
// that RBM's exact log p(v). With more layers, writing q_l(h | x) for the
// factorial posterior of RBM l (its hidden probabilities given x) and
// p_l(x | h) for its conditional of the layer below,
//
//	B_top(x) = log p_top(x)   (the top RBM's marginal of its visible layer)
//	B_l(x)   = Σ_h q_l(h | x) [log p_l(x | h) − log q_l(h | x) + B_{l+1}(h)]
//
// and the result is B_0(v) ≤ log p(v). If the top RBM is the transpose
// of the one below it, p_top is exactly that RBM's marginal of its
// hidden layer and the bound is tight. It returns an error if data is
// not binary, and one wrapping ErrTooManyUnits if a hidden layer has
// more than MaxExactUnits units (the enumeration would not finish).
func (d *DBN) ExactLowerBound(data *mat.Dense) (float64, error) {
	n, nv := data.Dims()
	if nv != d.Layers[0].NumVisible() {
		panic(fmt.Sprintf("bm: DBN has %d visible units, data has %d columns", d.Layers[0].NumVisible(), nv))
	}
	for i := 0; i < n; i++ {
		for j, x := range data.RawRowView(i) {
			if x != 0 && x != 1 {
				return 0, fmt.Errorf("bm: ExactLowerBound needs binary data; data[%d][%d] = %g", i, j, x)
			}
		}
	}
	sizes := d.Sizes()
	for l := 1; l < len(sizes)-1; l++ {
		if sizes[l] > MaxExactUnits {
			return 0, tooManyUnits(fmt.Sprintf("ExactLowerBound (layer %d)", l), sizes[l])
		}
	}
	L := len(d.Layers)
	top := d.Layers[L-1]
	logZ, err := dbnExactLogZ(top)
	if err != nil {
		return 0, err
	}
	// tables[l][s] = B_l(state s) for 1 ≤ l ≤ L−1, built top down.
	tables := make([][]float64, L)
	if L > 1 {
		states := 1 << sizes[L-1]
		t := make([]float64, states)
		x := make([]float64, sizes[L-1])
		for s := range t {
			dbnBits(x, s)
			t[s] = -top.FreeEnergy(x) - logZ
		}
		tables[L-1] = t
		for l := L - 2; l >= 1; l-- {
			t := make([]float64, 1<<sizes[l])
			x := make([]float64, sizes[l])
			for s := range t {
				dbnBits(x, s)
				t[s] = dbnBoundStep(d.Layers[l], x, tables[l+1])
			}
			tables[l] = t
		}
	}
	var sum float64
	for i := 0; i < n; i++ {
		v := data.RawRowView(i)
		if L == 1 {
			sum += -top.FreeEnergy(v) - logZ
		} else {
			sum += dbnBoundStep(d.Layers[0], v, tables[1])
		}
	}
	return sum / float64(n), nil
}

// dbnBoundStep returns Σ_h q(h|x)[log p(x|h) − log q(h|x) + above[h]]
// for RBM r, enumerating its hidden states h (indexed as in dbnBits).
func dbnBoundStep(r *RBM, x []float64, above []float64) float64 {
	nv, nh := r.NumVisible(), r.NumHidden()
	// a_j: total input of hidden unit j given x.
	a := make([]float64, nh)
	for j := range a {
		a[j] = r.HidBias.AtVec(j)
		for i, xi := range x {
			a[j] += xi * r.W.At(i, j)
		}
	}
	h := make([]float64, nh)
	var total float64
	for s := 0; s < 1<<nh; s++ {
		dbnBits(h, s)
		// log q(h|x) = Σ_j log σ(±a_j), with log σ(z) = −softplus(−z).
		var logQ float64
		for j, hj := range h {
			if hj == 1 {
				logQ -= softplus(-a[j])
			} else {
				logQ -= softplus(a[j])
			}
		}
		q := math.Exp(logQ)
		if q == 0 {
			continue
		}
		// log p(x|h) = Σ_i log σ(±(b_i + Σ_j W_ij h_j)).
		var logP float64
		for i := 0; i < nv; i++ {
			z := r.VisBias.AtVec(i)
			row := r.W.RawRowView(i)
			for j, hj := range h {
				z += row[j] * hj
			}
			if x[i] == 1 {
				logP -= softplus(-z)
			} else {
				logP -= softplus(z)
			}
		}
		total += q * (logP - logQ + above[s])
	}
	return total
}

// dbnBits sets x to the binary digits of s, unit j = bit j.
func dbnBits(x []float64, s int) {
	for j := range x {
		x[j] = float64(s >> j & 1)
	}
}

// dbnExactLogZ returns log Z of r by enumerating its smaller layer. It
// is kept apart from RBM.ExactLogZ so that the tests can compare the two.
func dbnExactLogZ(r *RBM) (float64, error) {
	nv, nh := r.NumVisible(), r.NumHidden()
	if min(nv, nh) > MaxExactUnits {
		return 0, tooManyUnits(fmt.Sprintf("exact log Z of %v", r), min(nv, nh))
	}
	if nv <= nh {
		terms := make([]float64, 1<<nv)
		v := make([]float64, nv)
		for s := range terms {
			dbnBits(v, s)
			terms[s] = -r.FreeEnergy(v)
		}
		return LogSumExp(terms), nil
	}
	// Sum over h: log Σ_v exp(−E) = cᵀh + Σ_i softplus(b_i + (Wh)_i).
	terms := make([]float64, 1<<nh)
	h := make([]float64, nh)
	for s := range terms {
		dbnBits(h, s)
		var t float64
		for j, hj := range h {
			t += hj * r.HidBias.AtVec(j)
		}
		for i := 0; i < nv; i++ {
			z := r.VisBias.AtVec(i)
			row := r.W.RawRowView(i)
			for j, hj := range h {
				z += row[j] * hj
			}
			t += softplus(z)
		}
		terms[s] = t
	}
	return LogSumExp(terms), nil
}

// AddTransposedLayer stacks a new RBM on top of the DBN: a copy of the
// top RBM with visible and hidden layers swapped (weights Wᵀ, visible
// biases c, hidden biases b). It starts as a model of the top hidden
// layer identical to the top RBM's own, so the DBN's variational bound
// (ExactLowerBound) is then tight and equal to the old top RBM's
// log-likelihood. Training the new layer (Train with From set to it)
// raises the bound as far as it raises the new RBM's log-likelihood of
// samples of the hidden activities below — the lecture's "each added
// layer improves the bound".
func (d *DBN) AddTransposedLayer() {
	if len(d.Layers) == 0 {
		panic("bm: AddTransposedLayer on a DBN without layers")
	}
	r := d.Layers[len(d.Layers)-1]
	d.AddLayer(&RBM{
		W:       mat.DenseCopyOf(r.W.T()),
		VisBias: mat.VecDenseCopyOf(r.HidBias),
		HidBias: mat.VecDenseCopyOf(r.VisBias),
	})
}
