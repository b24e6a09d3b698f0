// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// DBNBoundConfig configures DBN.LogProbBound. The zero value (or a nil
// pointer) draws 10 samples per image with the exact entropy term.
type DBNBoundConfig struct {
	// Samples is the number of samples of the hidden layers drawn from
	// the approximate posterior per image; 0 means 10. At least 2 are
	// needed for a Monte Carlo error bar (DBNBound.MCStdErr).
	Samples int
	// SampledEntropy estimates the entropy of the approximate posterior
	// from the samples, as −log q(h|x) of each, instead of using its
	// exact value. Both estimates are unbiased. The sampled one makes
	// each sample's term log p(x, h) − log q(h|x), which does not vary
	// at all when q is the model's true posterior (a top RBM that is the
	// transpose of the one below) and varies little when q is close to
	// it; the exact one keeps the spread of log p(x, h) under q.
	SampledEntropy bool
	// Seed seeds the samples. Image i draws from its own stream
	// (PCG(Seed, i)), so its estimate does not depend on the other rows.
	Seed uint64
	// Context stops the estimate early with an error; nil means
	// DefaultContext.
	Context context.Context
}

// DBNBound is an estimate of the variational lower bound on the mean
// log p(v) of a DBN's data (DBN.LogProbBound). Bound = LogCond +
// LogTop + Entropy − LogZ.
type DBNBound struct {
	// Bound is the mean over the images of the estimated bound, in nats.
	Bound float64
	// LogZ is the top RBM's log partition function Bound was given.
	LogZ float64
	// MCStdErr is the Monte Carlo standard error of Bound that comes
	// from sampling the hidden layers (the within-image spread of the
	// samples' terms, pooled): the error of Bound as an estimate of the
	// exact bound of these images. NaN with one sample per image.
	MCStdErr float64
	// StdErr is the standard error of Bound as an estimate of the
	// expected bound over the data distribution: the spread of the
	// per-image estimates over √n. It includes the Monte Carlo noise
	// and is usually much larger than MCStdErr.
	StdErr float64
	// LogCond is the mean over images and samples of Σ_l log p_l(x_l|h),
	// the directed layers' log-probabilities of the layer below.
	LogCond float64
	// LogTop is the mean of log p*_top(h) = −F_top(h), the top RBM's
	// unnormalised log marginal of its visible layer.
	LogTop float64
	// Entropy is the mean entropy of the approximate posterior (exact, or
	// sampled with DBNBoundConfig.SampledEntropy).
	Entropy float64
	// Images holds the estimated bound of every image (row of data).
	Images []float64
	// Samples is the number of samples per image.
	Samples int
}

// WithLogZ returns the bound with logZ in place of b.LogZ, e.g. at the
// ends of an AIS estimate's ±3σ interval: b.WithLogZ(ais.LogZHigh) is the
// lower end of the bound's interval, since a larger log Z lowers it.
func (b DBNBound) WithLogZ(logZ float64) float64 { return b.Bound + b.LogZ - logZ }

// String formats the estimate, e.g.
// "bound −86.22 nats (MC s.e. 0.01, s.e. over images 0.25; log Z 450.12, 10 samples)".
func (b DBNBound) String() string {
	return fmt.Sprintf("bound %.4f nats (MC s.e. %.4f, s.e. over images %.4f; log Z %.4f, %d samples)",
		b.Bound, b.MCStdErr, b.StdErr, b.LogZ, b.Samples)
}

// dbnBoundChunk is the number of rows (images × samples) that
// LogProbBound handles at once: enough for efficient matrix products,
// small enough to keep a 2000-unit layer of them in a few MB.
const dbnBoundChunk = 2048

// LogProbBound estimates the variational lower bound on the mean
// log-probability of the rows of data (binary) under the DBN, given the
// top RBM's log partition function logZ (from AIS or, for small top
// layers, ExactLogZ): Salakhutdinov & Murray's bound for DBNs ("On the
// quantitative analysis of deep belief networks", ICML 2008). It is the
// bound that ExactLowerBound computes by enumeration, estimated by
// sampling so that it works for MNIST-sized layers. For two layers,
//
//	log p(v) ≥ Σ_h q(h|v) [log p(v|h) − F_2(h)] + H(q(·|v)) − log Z_2
//
// where q(h|v) = Π_j σ(c_j + vᵀW_j) is the first RBM's factorial
// posterior, p(v|h) its conditional of the data, F_2 the top RBM's free
// energy and H the entropy. Deeper stacks chain the layers as
// ExactLowerBound's doc says. The expectation is estimated from
// cfg.Samples joint samples h ~ q per image, drawn up the stack; the
// entropy is exact (factorial) unless cfg.SampledEntropy. With one RBM
// it is that RBM's log p(v) = −F(v) − logZ, without sampling.
//
// The bound inherits log Z's error: AIS that underestimates log Z
// overestimates the bound. It returns an error if data is not binary or
// logZ is not finite, a *ConfigError for a negative cfg.Samples, and an
// error wrapping the context's error if cfg.Context is cancelled.
func (d *DBN) LogProbBound(data *mat.Dense, logZ float64, cfg *DBNBoundConfig) (DBNBound, error) {
	var c DBNBoundConfig
	if cfg != nil {
		c = *cfg
	}
	if len(d.Layers) == 0 {
		panic("bm: DBN has no layers")
	}
	n, nv := data.Dims()
	if nv != d.Layers[0].NumVisible() {
		panic(fmt.Sprintf("bm: DBN has %d visible units, data has %d columns", d.Layers[0].NumVisible(), nv))
	}
	chk := fieldCheck{config: "DBNBoundConfig"}
	S := chk.count("Samples", c.Samples, 10, false)
	if chk.err != nil {
		return DBNBound{}, chk.err
	}
	if math.IsNaN(logZ) || math.IsInf(logZ, 0) {
		return DBNBound{}, fmt.Errorf("bm: LogProbBound needs a finite log Z of the top RBM, got %g", logZ)
	}
	for i := 0; i < n; i++ {
		for j, x := range data.RawRowView(i) {
			if x != 0 && x != 1 {
				return DBNBound{}, fmt.Errorf("bm: LogProbBound needs binary data; data[%d][%d] = %g", i, j, x)
			}
		}
	}
	ctx := contextOr(c.Context)
	if len(d.Layers) == 1 {
		S = 1 // nothing to sample
	}

	res := DBNBound{LogZ: logZ, Samples: S, Images: make([]float64, n)}
	var within float64 // Σ_i var_s(f_i,s)/S, for MCStdErr
	imgs := max(dbnBoundChunk/S, 1)
	var terms dbnBoundTerms
	for lo := 0; lo < n; lo += imgs {
		if err := ctx.Err(); err != nil {
			return DBNBound{}, fmt.Errorf("bm: LogProbBound interrupted at image %d of %d: %w", lo, n, err)
		}
		hi := min(lo+imgs, n)
		d.boundTerms(&terms, data.Slice(lo, hi, 0, nv).(*mat.Dense), lo, S, c)
		for i := lo; i < hi; i++ {
			var mean, sq float64
			for s := 0; s < S; s++ {
				k := (i-lo)*S + s
				f := terms.cond[k] + terms.top[k] + terms.entropy[k]
				res.LogCond += terms.cond[k]
				res.LogTop += terms.top[k]
				res.Entropy += terms.entropy[k]
				mean += f
				sq += f * f
			}
			mean /= float64(S)
			res.Images[i] = mean - logZ
			if S > 1 {
				within += math.Max(sq/float64(S)-mean*mean, 0) * float64(S) / float64(S-1) / float64(S)
			}
		}
	}
	total := float64(n * S)
	res.LogCond /= total
	res.LogTop /= total
	res.Entropy /= total
	var sum, sq float64
	for _, b := range res.Images {
		sum += b
	}
	res.Bound = sum / float64(n)
	for _, b := range res.Images {
		sq += (b - res.Bound) * (b - res.Bound)
	}
	res.StdErr = math.NaN()
	if n > 1 {
		res.StdErr = math.Sqrt(sq / float64(n-1) / float64(n))
	}
	res.MCStdErr = math.NaN()
	switch {
	case len(d.Layers) == 1:
		res.MCStdErr = 0 // exact given log Z
	case S > 1:
		res.MCStdErr = math.Sqrt(within) / float64(n)
	}
	return res, nil
}

// dbnBoundTerms holds the three terms of every sample of a chunk, row
// (image − first)·S + s.
type dbnBoundTerms struct {
	cond, top, entropy []float64
}

// boundTerms fills t for the images x (rows first, first+1, …, of the
// data) with S samples each: every image is repeated S times and the
// samples go up the stack, layer by layer.
func (d *DBN) boundTerms(t *dbnBoundTerms, x *mat.Dense, first, S int, c DBNBoundConfig) {
	m, nv := x.Dims()
	rows := m * S
	t.cond = resetFloats(t.cond, rows)
	t.top = resetFloats(t.top, rows)
	t.entropy = resetFloats(t.entropy, rows)
	cur := mat.NewDense(rows, nv, nil)
	for i := 0; i < m; i++ {
		for s := 0; s < S; s++ {
			copy(cur.RawRowView(i*S+s), x.RawRowView(i))
		}
	}
	rnds := make([]*rand.Rand, m)
	for i := range rnds {
		rnds[i] = rand.New(rand.NewPCG(c.Seed, uint64(first+i)))
	}
	L := len(d.Layers)
	for l := 0; l < L-1; l++ {
		r := d.Layers[l]
		nh := r.NumHidden()
		// a = x W + c: the hidden units' total inputs; h ~ σ(a).
		a := mat.NewDense(rows, nh, nil)
		affineRows(a.RawMatrix(), cur.RawMatrix(), r.W.RawMatrix(), blas.NoTrans, r.HidBias)
		h := mat.NewDense(rows, nh, nil)
		for k := 0; k < rows; k++ {
			rnd := rnds[k/S]
			ar, hr := a.RawRowView(k), h.RawRowView(k)
			var ent float64
			for j, aj := range ar {
				p := Sigmoid(aj)
				if rnd.Float64() < p {
					hr[j] = 1
				}
				// −log q(h_j) = h_j softplus(−a_j) + (1−h_j) softplus(a_j);
				// its mean under q (p in place of h_j) is the entropy.
				w := p
				if c.SampledEntropy {
					w = hr[j]
				}
				ent += w*softplus(-aj) + (1-w)*softplus(aj)
			}
			t.entropy[k] += ent
		}
		// log p(x|h) = Σ_i x_i z_i − softplus(z_i), z = h Wᵀ + b.
		z := mat.NewDense(rows, r.NumVisible(), nil)
		affineRows(z.RawMatrix(), h.RawMatrix(), r.W.RawMatrix(), blas.Trans, r.VisBias)
		for k := 0; k < rows; k++ {
			xr := cur.RawRowView(k)
			var lp float64
			for i, zi := range z.RawRowView(k) {
				lp += xr[i]*zi - softplus(zi)
			}
			t.cond[k] += lp
		}
		cur = h
	}
	f := d.Layers[L-1].FreeEnergies(nil, cur)
	for k := 0; k < rows; k++ {
		t.top[k] = -f.AtVec(k)
	}
}

// affineRows sets dst = x·op(w) + bias, bias added to every row.
func affineRows(dst, x, w blas64.General, tw blas.Transpose, bias *mat.VecDense) {
	blas64.Gemm(blas.NoTrans, tw, 1, x, w, 0, dst)
	for k := 0; k < dst.Rows; k++ {
		row := dst.Data[k*dst.Stride : k*dst.Stride+dst.Cols]
		for j := range row {
			row[j] += bias.AtVec(j)
		}
	}
}

// resetFloats returns s resized to n zeros.
func resetFloats(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	s = s[:n]
	clear(s)
	return s
}
