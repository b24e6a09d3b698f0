// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

// Dropout (Srivastava et al. 2014): during training every input and
// hidden unit is zeroed independently with its layer's rate, and the
// units that survive are scaled by 1/(1−rate) ("inverted" dropout), so
// the expected input to the layer above is the same as without dropout
// and prediction uses the full net unchanged.
//
// The trainer (mlptrainer.go) draws the masks per minibatch into
// preallocated buffers, each part of a pass for its own units from its
// own random stream (so the masks do not depend on how many cores share
// the work), and applies them at once, while the block is in cache.
//
// The gradient flows through the mask: a dropped unit passes no
// gradient, and a kept hidden unit with activity a = σ(z)/keep has
// ∂a/∂z = σ(z)(1−σ(z))/keep = a·(1 − keep·a).

// dropPart draws the dropout mask of layer l's units [lo, hi) for this
// step, if the layer has dropout, from the part's stream (fastvec's
// vectorised generators: drawing 32-bit uniforms one by one from
// math/rand cost 6 % of a step) and multiplies their activities by it
// and by 1/keep.
func (t *mlpTrainer[T]) dropPart(l, part, lo, hi int) {
	if !t.dropout || t.drop[l].data == nil {
		return
	}
	mk, p := t.drop[l].colsOf(lo, hi), t.keepP[l].colsOf(lo, hi)
	sampleRows(mk.data, mk.stride, p.data, p.stride, mk.rows, mk.cols, &t.streams[part])
	scale := 1 / t.keep[l]
	a := t.act[l].colsOf(lo, hi)
	for i := 0; i < a.rows; i++ {
		arow, mrow := a.row(i), mk.row(i)
		mrow = mrow[:len(arow)]
		for j, v := range mrow {
			arow[j] *= v * scale
		}
	}
}
