// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// What RBM.Train measures and prepares besides the CD steps: the data
// check, the visible biases from the data, and the per-epoch
// statistics.

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
