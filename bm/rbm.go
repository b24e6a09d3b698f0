// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// RBM is a restricted Boltzmann machine with binary (Bernoulli) visible
// and hidden units: a Boltzmann machine whose only connections run
// between one visible and one hidden layer. Its energy is
//
//	E(v, h) = −vᵀWh − bᵀv − cᵀh
//
// with b = VisBias and c = HidBias. Because no hidden unit talks to
// another, the hidden units are independent given v (and the visible
// units given h), so the wake phase of learning settles in one step:
// p(h_j = 1 | v) = σ(c_j + Σ_i v_i W_ij).
//
// All minibatch methods take rows as examples, like the rest of bm.
type RBM struct {
	// W holds the weights, nVis × nHid: W[i][j] joins visible unit i
	// to hidden unit j.
	W *mat.Dense
	// VisBias holds the visible biases b (length nVis).
	VisBias *mat.VecDense
	// HidBias holds the hidden biases c (length nHid).
	HidBias *mat.VecDense
}

// NewRBM returns an RBM with nVis visible and nHid hidden units, small
// Gaussian weights (standard deviation 0.01, as the practical guide
// recommends) drawn from rnd, and zero biases. Train can then set the
// visible biases from the data.
func NewRBM(nVis, nHid int, rnd *rand.Rand) *RBM {
	if nVis <= 0 || nHid <= 0 {
		panic(fmt.Sprintf("bm: NewRBM(%d, %d): layer sizes must be positive", nVis, nHid))
	}
	if rnd == nil {
		panic("bm: NewRBM needs a *rand.Rand")
	}
	w := make([]float64, nVis*nHid)
	for i := range w {
		w[i] = 0.01 * rnd.NormFloat64()
	}
	return &RBM{
		W:       mat.NewDense(nVis, nHid, w),
		VisBias: mat.NewVecDense(nVis, nil),
		HidBias: mat.NewVecDense(nHid, nil),
	}
}

// NumVisible returns the number of visible units.
func (r *RBM) NumVisible() int { n, _ := r.W.Dims(); return n }

// NumHidden returns the number of hidden units.
func (r *RBM) NumHidden() int { _, n := r.W.Dims(); return n }

// String returns a short description such as "RBM 784-500".
func (r *RBM) String() string {
	return fmt.Sprintf("RBM %d-%d", r.NumVisible(), r.NumHidden())
}

// Clone returns a deep copy of r.
func (r *RBM) Clone() *RBM {
	return &RBM{
		W:       mat.DenseCopyOf(r.W),
		VisBias: mat.VecDenseCopyOf(r.VisBias),
		HidBias: mat.VecDenseCopyOf(r.HidBias),
	}
}

// Energy returns E(v, h) = −vᵀWh − bᵀv − cᵀh of one joint configuration.
func (r *RBM) Energy(v, h []float64) float64 {
	r.checkVis(len(v))
	r.checkHid(len(h))
	nh := r.NumHidden()
	var e float64
	for i, vi := range v {
		if vi == 0 {
			continue
		}
		row := r.W.RawRowView(i)
		var s float64
		for j := 0; j < nh; j++ {
			s += row[j] * h[j]
		}
		e -= vi * (s + r.VisBias.AtVec(i))
	}
	for j := 0; j < nh; j++ {
		e -= h[j] * r.HidBias.AtVec(j)
	}
	return e
}

// FreeEnergy returns F(v) = −log Σ_h exp(−E(v, h))
// = −bᵀv − Σ_j softplus(c_j + vᵀW_j), so that p(v) = exp(−F(v))/Z.
func (r *RBM) FreeEnergy(v []float64) float64 {
	r.checkVis(len(v))
	nh := r.NumHidden()
	x := make([]float64, nh)
	for j := range x {
		x[j] = r.HidBias.AtVec(j)
	}
	var f float64
	for i, vi := range v {
		if vi == 0 {
			continue
		}
		f -= vi * r.VisBias.AtVec(i)
		row := r.W.RawRowView(i)
		for j := range x {
			x[j] += vi * row[j]
		}
	}
	for _, xj := range x {
		f -= softplus(xj)
	}
	return f
}

// FreeEnergies puts F(v) of every row of v into dst, resized if empty,
// and returns it. It uses one matrix product, so it is the fast way to
// score a data set.
func (r *RBM) FreeEnergies(dst *mat.VecDense, v *mat.Dense) *mat.VecDense {
	n, nv := v.Dims()
	r.checkVis(nv)
	if dst == nil {
		dst = mat.NewVecDense(n, nil)
	} else if dst.IsEmpty() {
		dst.ReuseAsVec(n)
	} else if dst.Len() != n {
		panic("bm: FreeEnergies destination length mismatch")
	}
	var x mat.Dense
	x.Mul(v, r.W)
	c := r.HidBias.RawVector()
	b := r.VisBias.RawVector()
	for k := 0; k < n; k++ {
		row := x.RawRowView(k)
		var f float64
		for j, xj := range row {
			f -= softplus(xj + c.Data[j*c.Inc])
		}
		vr := v.RawRowView(k)
		for i, vi := range vr {
			f -= vi * b.Data[i*b.Inc]
		}
		dst.SetVec(k, f)
	}
	return dst
}

// HiddenProbs puts p(h_j = 1 | v) for every row of v into dst, resizing
// dst if it is empty.
func (r *RBM) HiddenProbs(dst, v *mat.Dense) {
	n, nv := v.Dims()
	r.checkVis(nv)
	reuseDense(dst, n, r.NumHidden(), "HiddenProbs")
	affineSigmoid(dst.RawMatrix(), v.RawMatrix(), r.W.RawMatrix(), blas.NoTrans, r.HidBias.RawVector())
}

// VisibleProbs puts p(v_i = 1 | h) for every row of h into dst,
// resizing dst if it is empty.
func (r *RBM) VisibleProbs(dst, h *mat.Dense) {
	n, nh := h.Dims()
	r.checkHid(nh)
	reuseDense(dst, n, r.NumVisible(), "VisibleProbs")
	affineSigmoid(dst.RawMatrix(), h.RawMatrix(), r.W.RawMatrix(), blas.Trans, r.VisBias.RawVector())
}

// SampleHidden puts a binary sample of h given each row of v into dst,
// resizing dst if it is empty.
func (r *RBM) SampleHidden(dst, v *mat.Dense, rnd *rand.Rand) {
	r.HiddenProbs(dst, v)
	sampleBernoulli(dst.RawMatrix(), rnd)
}

// SampleVisible puts a binary sample of v given each row of h into dst,
// resizing dst if it is empty.
func (r *RBM) SampleVisible(dst, h *mat.Dense, rnd *rand.Rand) {
	r.VisibleProbs(dst, h)
	sampleBernoulli(dst.RawMatrix(), rnd)
}

// Reconstruct puts the mean-field reconstruction p(v | E[h | v]) of
// every row of v into dst, resizing dst if it is empty. The squared
// difference between v and its reconstruction is the "reconstruction
// error" that trainers report.
func (r *RBM) Reconstruct(dst, v *mat.Dense) {
	var h mat.Dense
	r.HiddenProbs(&h, v)
	r.VisibleProbs(dst, &h)
}

// Gibbs runs k steps of alternating Gibbs sampling (v → h → v) from
// every row of v, in place, so that each row becomes a sample after k
// steps. The visible rows must hold binary states.
func (r *RBM) Gibbs(v *mat.Dense, k int, rnd *rand.Rand) {
	r.GibbsClamped(v, nil, k, rnd)
}

// GibbsClamped is Gibbs with the visible units i where clamp[i] is
// true held at their values in v: the chain then samples the other
// units given those, e.g. the missing half of a digit. A nil clamp
// clamps nothing.
func (r *RBM) GibbsClamped(v *mat.Dense, clamp []bool, k int, rnd *rand.Rand) {
	n, nv := v.Dims()
	r.checkVis(nv)
	if clamp != nil && len(clamp) != nv {
		panic("bm: GibbsClamped clamp length does not match the visible layer")
	}
	var h, nv2 mat.Dense
	h.ReuseAs(n, r.NumHidden())
	nv2.ReuseAs(n, nv)
	for step := 0; step < k; step++ {
		r.SampleHidden(&h, v, rnd)
		r.SampleVisible(&nv2, &h, rnd)
		for row := 0; row < n; row++ {
			dst, src := v.RawRowView(row), nv2.RawRowView(row)
			for i := range dst {
				if clamp == nil || !clamp[i] {
					dst[i] = src[i]
				}
			}
		}
	}
}

// Fantasies returns n samples from the model ("fantasies"): n chains
// started from uniformly random visible states and run for k Gibbs
// steps. The last step returns visible probabilities rather than
// binary states, which look smoother as images.
func (r *RBM) Fantasies(n, k int, rnd *rand.Rand) *mat.Dense {
	return r.FantasiesFrom(randomStates(n, r.NumVisible(), rnd), k, rnd)
}

// FantasiesFrom runs k Gibbs steps from the rows of start (left
// unchanged) and returns the visible probabilities after the last
// hidden sample.
func (r *RBM) FantasiesFrom(start *mat.Dense, k int, rnd *rand.Rand) *mat.Dense {
	v := mat.DenseCopyOf(start)
	if k > 1 {
		r.Gibbs(v, k-1, rnd)
	}
	var h mat.Dense
	r.SampleHidden(&h, v, rnd)
	r.VisibleProbs(v, &h)
	return v
}

// FillIn completes partly known visible vectors: units where known[i]
// is true keep their values from v, the others are sampled by k steps
// of clamped Gibbs sampling started from v, and the returned matrix
// holds the final visible probabilities of the unknown units (and the
// known values elsewhere).
func (r *RBM) FillIn(v *mat.Dense, known []bool, k int, rnd *rand.Rand) *mat.Dense {
	s := mat.DenseCopyOf(v)
	if k > 1 {
		r.GibbsClamped(s, known, k-1, rnd)
	}
	var h, p mat.Dense
	r.SampleHidden(&h, s, rnd)
	r.VisibleProbs(&p, &h)
	n, nv := s.Dims()
	for row := 0; row < n; row++ {
		pr, sr := p.RawRowView(row), s.RawRowView(row)
		for i := 0; i < nv; i++ {
			if known[i] {
				pr[i] = sr[i]
			}
		}
	}
	return &p
}

func (r *RBM) checkVis(n int) {
	if n != r.NumVisible() {
		panic(fmt.Sprintf("bm: %d visible values for an RBM with %d visible units", n, r.NumVisible()))
	}
}

func (r *RBM) checkHid(n int) {
	if n != r.NumHidden() {
		panic(fmt.Sprintf("bm: %d hidden values for an RBM with %d hidden units", n, r.NumHidden()))
	}
}

// reuseDense resizes an empty dst to r×c or checks its shape.
func reuseDense(dst *mat.Dense, r, c int, op string) {
	if dst.IsEmpty() {
		dst.ReuseAs(r, c)
		return
	}
	if dr, dc := dst.Dims(); dr != r || dc != c {
		panic(fmt.Sprintf("bm: %s destination is %d×%d, want %d×%d", op, dr, dc, r, c))
	}
}

// affineSigmoid sets dst = σ(x·op(w) + bias) with bias added to every
// row, where op(w) is w or wᵀ. It allocates nothing.
func affineSigmoid(dst, x, w blas64.General, tw blas.Transpose, bias blas64.Vector) {
	blas64.Gemm(blas.NoTrans, tw, 1, x, w, 0, dst)
	addBiasSigmoid(dst, bias)
}
