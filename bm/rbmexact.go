// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// rbmEnumView sees an RBM from its smaller layer, the one that is
// enumerated: w is nE×nO row-major (W or Wᵀ), a holds the enumerated
// layer's biases and bo the other layer's. Summing the other layer out
// analytically gives log p*(s) = aᵀs + Σ_o softplus(bo_o + (sᵀw)_o).
type rbmEnumView struct {
	w          []float64
	a, bo      []float64
	nE, nO     int
	enumHidden bool
}

func (r *RBM) enumView() rbmEnumView {
	nv, nh := r.NumVisible(), r.NumHidden()
	b := mat.Col(nil, 0, r.VisBias)
	c := mat.Col(nil, 0, r.HidBias)
	if nv <= nh {
		w := make([]float64, 0, nv*nh)
		for i := 0; i < nv; i++ {
			w = append(w, r.W.RawRowView(i)...)
		}
		return rbmEnumView{w: w, a: b, bo: c, nE: nv, nO: nh}
	}
	w := make([]float64, nh*nv)
	for i := 0; i < nv; i++ {
		for j, x := range r.W.RawRowView(i) {
			w[j*nv+i] = x
		}
	}
	return rbmEnumView{w: w, a: c, bo: b, nE: nh, nO: nv, enumHidden: true}
}

// enumerate calls visit for every state s of the enumerated layer whose
// top prefixBits bits equal prefix, in Gray-code order, with the
// unnormalised log-probability and the other layer's total inputs x
// (valid only during the call).
func (e rbmEnumView) enumerate(prefix uint64, prefixBits int, visit func(s []float64, logp float64, x []float64)) {
	low := e.nE - prefixBits
	s := make([]float64, e.nE)
	x := make([]float64, e.nO)
	copy(x, e.bo)
	var lin float64
	for k := 0; k < prefixBits; k++ {
		if prefix>>k&1 == 1 {
			u := low + k
			s[u] = 1
			lin += e.a[u]
			row := e.w[u*e.nO : (u+1)*e.nO]
			for o := range x {
				x[o] += row[o]
			}
		}
	}
	logp := func() float64 {
		l := lin
		for _, xo := range x {
			l += softplus(xo)
		}
		return l
	}
	visit(s, logp(), x)
	for i := uint64(1); i < 1<<low; i++ {
		u := bits.TrailingZeros64(i)
		sign := 1.0
		if s[u] == 1 {
			sign = -1
		}
		s[u] += sign
		lin += sign * e.a[u]
		row := e.w[u*e.nO : (u+1)*e.nO]
		for o := range x {
			x[o] += sign * row[o]
		}
		visit(s, logp(), x)
	}
}

// ExactLogZ returns log Z, the log of the RBM's partition function,
// by summing over every state of its smaller layer with the other
// layer summed out in closed form. It returns an error wrapping
// ErrTooManyUnits if both layers have more than MaxExactUnits units
// (use AIS then).
func (r *RBM) ExactLogZ() (float64, error) {
	e := r.enumView()
	if e.nE > MaxExactUnits {
		return 0, tooManyUnits(fmt.Sprintf("ExactLogZ of %v", r), e.nE)
	}
	// Split the states into chunks by their top bits and share the
	// chunks among the cores; combine in a fixed order so the result
	// does not depend on scheduling.
	prefixBits := min(e.nE, 4)
	chunks := 1 << prefixBits
	part := make([]float64, chunks)
	var wg sync.WaitGroup
	next := make(chan int, chunks)
	for i := 0; i < chunks; i++ {
		next <- i
	}
	close(next)
	for w := 0; w < min(runtime.GOMAXPROCS(0), chunks); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ch := range next {
				m, s := math.Inf(-1), 0.0
				e.enumerate(uint64(ch), prefixBits, func(_ []float64, l float64, _ []float64) {
					if l > m {
						s = s*math.Exp(m-l) + 1
						m = l
					} else {
						s += math.Exp(l - m)
					}
				})
				part[ch] = m + math.Log(s)
			}
		}()
	}
	wg.Wait()
	return LogSumExp(part), nil
}

// ExactLogLikelihood returns the mean log-probability log p(v) of the
// rows of data under r, computed with ExactLogZ (and its error).
func (r *RBM) ExactLogLikelihood(data *mat.Dense) (float64, error) {
	logZ, err := r.ExactLogZ()
	if err != nil {
		return 0, err
	}
	return r.LogLikelihood(data, logZ), nil
}

// LogLikelihood returns the mean of log p(v) = −F(v) − logZ over the
// rows of data, for a given (exact or estimated) log partition function.
func (r *RBM) LogLikelihood(data *mat.Dense, logZ float64) float64 {
	n, _ := data.Dims()
	return -mat.Sum(r.FreeEnergies(nil, data))/float64(n) - logZ
}

// ExactGradient returns the gradient of the mean log-likelihood of
// the rows of data with respect to W, VisBias and HidBias: the
// difference between the data's (wake) and the model's (sleep)
// statistics, the latter computed exactly by enumeration. It is the
// quantity CD approximates: CD-K with CDConfig.SampleLastVisible tends
// to it as K grows, while CD with the last visible state kept as
// probabilities (the default) stays biased. It costs 2^n·n·m for
// layers of n ≤ m units, so it is for small RBMs: beyond MaxExactUnits
// it returns an error wrapping ErrTooManyUnits.
func (r *RBM) ExactGradient(data *mat.Dense) (dW *mat.Dense, dVis, dHid *mat.VecDense, err error) {
	n, nv := data.Dims()
	r.checkVis(nv)
	nh := r.NumHidden()
	e := r.enumView()
	logZ, err := r.ExactLogZ()
	if err != nil {
		return nil, nil, nil, err
	}

	// Data (wake) statistics with hidden probabilities.
	dW = mat.NewDense(nv, nh, nil)
	dVis = mat.NewVecDense(nv, nil)
	dHid = mat.NewVecDense(nh, nil)
	var hp mat.Dense
	r.HiddenProbs(&hp, data)
	dW.Mul(data.T(), &hp)
	dW.Scale(1/float64(n), dW)
	for k := 0; k < n; k++ {
		dVis.AddVec(dVis, mat.NewVecDense(nv, mat.Row(nil, k, data)))
		dHid.AddVec(dHid, mat.NewVecDense(nh, mat.Row(nil, k, &hp)))
	}
	dVis.ScaleVec(1/float64(n), dVis)
	dHid.ScaleVec(1/float64(n), dHid)

	// Model (sleep) statistics: E[s_e σ(x_o)], E[s_e], E[σ(x_o)].
	moment := make([]float64, e.nE*e.nO)
	meanE := make([]float64, e.nE)
	meanO := make([]float64, e.nO)
	sig := make([]float64, e.nO)
	e.enumerate(0, 0, func(s []float64, l float64, x []float64) {
		p := math.Exp(l - logZ)
		for o, xo := range x {
			sig[o] = Sigmoid(xo)
			meanO[o] += p * sig[o]
		}
		for u, su := range s {
			if su == 0 {
				continue
			}
			meanE[u] += p
			row := moment[u*e.nO : (u+1)*e.nO]
			for o := range row {
				row[o] += p * sig[o]
			}
		}
	})
	for u := 0; u < e.nE; u++ {
		for o := 0; o < e.nO; o++ {
			i, j := u, o
			if e.enumHidden {
				i, j = o, u
			}
			dW.Set(i, j, dW.At(i, j)-moment[u*e.nO+o])
		}
	}
	visMean, hidMean := meanE, meanO
	if e.enumHidden {
		visMean, hidMean = meanO, meanE
	}
	for i := 0; i < nv; i++ {
		dVis.SetVec(i, dVis.AtVec(i)-visMean[i])
	}
	for j := 0; j < nh; j++ {
		dHid.SetVec(j, dHid.AtVec(j)-hidMean[j])
	}
	return dW, dVis, dHid, nil
}
