// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import "math/rand/v2"

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
// step, if the layer has dropout, and multiplies their activities by it.
func (t *mlpTrainer[T]) dropPart(l, part, lo, hi int) {
	if !t.dropout || t.drop[l].data == nil {
		return
	}
	mk := t.drop[l].colsOf(lo, hi)
	drawDropout(mk, t.keep[l], t.rnds[part])
	a := t.act[l].colsOf(lo, hi)
	for i := 0; i < a.rows; i++ {
		arow, mrow := a.row(i), mk.row(i)
		mrow = mrow[:len(arow)]
		for j, v := range mrow {
			arow[j] *= v
		}
	}
}

// drawDropout fills mk: each entry is 0 with probability 1−keep and
// 1/keep otherwise. Each 64-bit draw gives two 32-bit uniforms, and the
// comparison is branch-free (a kept/dropped branch mispredicts half
// the time at rate 0.5).
func drawDropout[T float32 | float64](mk cdMat[T], keep T, rnd *rand.Rand) {
	scale := 1 / keep
	// u < thr with probability keep for u uniform on [0, 2³²).
	thr := uint64(float64(keep) * (1 << 32))
	for i := 0; i < mk.rows; i++ {
		row := mk.row(i)
		for j := 0; j < len(row); j += 2 {
			r := rnd.Uint64()
			// (u − thr) >> 63 is 1 exactly when u < thr (both < 2⁶³).
			row[j] = scale * T((r&0xffffffff-thr)>>63)
			if j+1 < len(row) {
				row[j+1] = scale * T((r>>32-thr)>>63)
			}
		}
	}
}
