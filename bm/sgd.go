// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/internal/fastvec"
)

// Every parameter update in bm is one rule: gradient ascent on the
// log-likelihood (or descent on a loss) with momentum μ and L2 weight
// decay λ on the weights, at learning rate η,
//
//	v ← μ·v + η·(g − λ·w),   w ← w + v,
//
// with g the gradient estimate of the minibatch (⟨s_i s_j⟩ wake minus
// sleep for the Boltzmann machines, minus the loss gradient for the
// MLP). Biases take the same step without weight decay. The elementwise
// work runs in internal/fastvec.

// sgdStep applies the rule to the parameters p with velocities v and
// gradient scale·g (scale −1 descends a loss whose gradient g is).
func sgdStep(p, v, g []float64, scale, lr, mom, decay float64) {
	fastvec.SGDStep(p, v, g, scale, lr, mom, decay)
}

// sgdStepDense applies the rule to every row of the matrices p, v, g
// (alike in shape).
func sgdStepDense(p, v, g *mat.Dense, scale, lr, mom, decay float64) {
	pr, vr, gr := p.RawMatrix(), v.RawMatrix(), g.RawMatrix()
	if pr.Stride == pr.Cols && vr.Stride == vr.Cols && gr.Stride == gr.Cols {
		n := pr.Rows * pr.Cols
		sgdStep(pr.Data[:n], vr.Data[:n], gr.Data[:n], scale, lr, mom, decay)
		return
	}
	for i := 0; i < pr.Rows; i++ {
		sgdStep(p.RawRowView(i), v.RawRowView(i), g.RawRowView(i), scale, lr, mom, decay)
	}
}

// sgdStepVec applies the rule, without decay, to the vector p with
// velocities v and gradient scale·g.
func sgdStepVec(p, v, g *mat.VecDense, scale, lr, mom float64) {
	n := p.Len()
	pv, vv, gv := p.RawVector(), v.RawVector(), g.RawVector()
	if pv.Inc == 1 && vv.Inc == 1 && gv.Inc == 1 {
		sgdStep(pv.Data[:n], vv.Data[:n], gv.Data[:n], scale, lr, mom, 0)
		return
	}
	// Strided views (a column of a matrix): step a contiguous copy.
	pc, vc, gc := mat.Col(nil, 0, p), mat.Col(nil, 0, v), mat.Col(nil, 0, g)
	sgdStep(pc, vc, gc, scale, lr, mom, 0)
	for i := range pc {
		p.SetVec(i, pc[i])
		v.SetVec(i, vc[i])
	}
}

// The CD trainer computes μ·inc + η·g for the whole weight matrix in
// its matrix products (the increments inc are its velocities) and then
// finishes the rule with these two kernels.

// momentumStep finishes the rule for weights w whose increments inc
// hold μ·inc + η·g: inc −= ηλ·w (decay = ηλ), then w += inc.
func momentumStep[T float32 | float64](w, inc []T, decay T) {
	fastvec.MomentumStep(w, inc, 1, decay)
}

// momentumStepScaled finishes the rule for weights w whose increments
// inc hold inc + (η/μ)·g: inc = μ·inc − ηλ·w, then w += inc. (The MLP
// trainer's product adds to inc without scaling it first, which saves
// OpenBLAS a pass over inc.)
func momentumStepScaled[T float32 | float64](w, inc []T, momentum, decay T) {
	fastvec.MomentumStep(w, inc, momentum, decay)
}

// biasStep sets a bias's increments to inc = μ·inc + η·(mean of the pos
// rows − mean of the neg rows), the rule's velocity without decay.
func biasStep[T float32 | float64](inc []T, momentum, lr T, pos, neg cdMat[T]) {
	fastvec.BiasStep(inc, momentum, lr/T(pos.rows), pos.data, pos.stride, pos.rows, lr/T(neg.rows), neg.data, neg.stride, neg.rows)
}
