// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Dropout (Srivastava et al. 2014): during training every input and
// hidden unit is zeroed independently with its layer's rate, and the
// units that survive are scaled by 1/(1−rate) ("inverted" dropout), so
// the expected input to the layer above is the same as without dropout
// and prediction uses the full net unchanged. The masks are drawn per
// minibatch from the trainer's seeded RNG into preallocated buffers.
//
// The gradient flows through the mask: a dropped unit passes no
// gradient, and a kept hidden unit with activity a = σ(z)/keep has
// ∂a/∂z = σ(z)(1−σ(z))/keep = a·(1 − keep·a).

// enableDropout allocates the mask buffers of w for the given rates: a
// mask for the input layer if input > 0 and one for every hidden layer
// if hidden > 0. w must be a training work (it needs w.in).
func (w *mlpWork) enableDropout(m *MLP, input, hidden float64) {
	sizes := m.Sizes()
	L := len(sizes) - 1
	w.drop = make([]*mat.Dense, L)
	w.keep = make([]float64, L)
	for l := 0; l < L; l++ {
		rate := hidden
		if l == 0 {
			rate = input
		}
		w.keep[l] = 1 - rate
		if rate > 0 {
			w.drop[l] = mat.NewDense(w.rows, sizes[l], nil)
		}
	}
}

// drawDropout fills every mask of w: each entry is 0 with its layer's
// dropout rate and 1/keep otherwise. Each 64-bit draw gives two 32-bit
// uniforms, and the comparison is branch-free (a kept/dropped branch
// mispredicts half the time at rate 0.5): mask generation would
// otherwise cost a third of a small net's training time.
func (w *mlpWork) drawDropout(rnd *rand.Rand) {
	for l, mk := range w.drop {
		if mk == nil {
			continue
		}
		keep := w.keep[l]
		scale := 1 / keep
		// u < thr with probability keep for u uniform on [0, 2³²).
		thr := uint64(keep * (1 << 32))
		raw := mk.RawMatrix()
		for i := 0; i < raw.Rows; i++ {
			row := raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]
			for j := 0; j < len(row); j += 2 {
				r := rnd.Uint64()
				// (u − thr) >> 63 is 1 exactly when u < thr (both < 2⁶³).
				row[j] = scale * float64((r&0xffffffff-thr)>>63)
				if j+1 < len(row) {
					row[j+1] = scale * float64((r>>32-thr)>>63)
				}
			}
		}
	}
}

// dropoutMask returns the mask of layer l of w, or nil without dropout there.
func (w *mlpWork) dropoutMask(l int) *mat.Dense {
	if l >= len(w.drop) {
		return nil
	}
	return w.drop[l]
}

// mulInPlace multiplies a elementwise by b.
func mulInPlace(a, b *mat.Dense) {
	ar, br := a.RawMatrix(), b.RawMatrix()
	for i := 0; i < ar.Rows; i++ {
		arow := ar.Data[i*ar.Stride : i*ar.Stride+ar.Cols]
		brow := br.Data[i*br.Stride : i*br.Stride+br.Cols]
		for j, v := range brow {
			arow[j] *= v
		}
	}
}
