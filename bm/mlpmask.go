// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Connectivity masks let an MLP layer be partly connected, as in
// Hinton's family-trees network, where the person units feed only the
// person features and the relation units only the relation features.
// A masked weight is simply a weight held at zero: Train zeroes it
// before the first step and masks its gradient, so neither the
// gradient nor weight decay nor momentum ever moves it.

// mask returns the mask of layer l, or nil when it is fully connected.
func (m *MLP) mask(l int) *mat.Dense {
	if l >= len(m.Masks) {
		return nil
	}
	return m.Masks[l]
}

// checkMasks panics if there are more masks than layers or a mask's
// shape differs from its layer's weights.
func (m *MLP) checkMasks() {
	if len(m.Masks) > len(m.Weights) {
		panic(fmt.Sprintf("bm: MLP has %d weight layers but %d masks", len(m.Weights), len(m.Masks)))
	}
	for l, mk := range m.Masks {
		if mk == nil {
			continue
		}
		r, c := m.Weights[l].Dims()
		if mr, mc := mk.Dims(); mr != r || mc != c {
			panic(fmt.Sprintf("bm: MLP mask %d is %d×%d, its weights %d×%d", l, mr, mc, r, c))
		}
	}
}

// applyMasks zeroes every masked weight.
func (m *MLP) applyMasks() {
	for l := range m.Masks {
		if mk := m.mask(l); mk != nil {
			maskInPlace(m.Weights[l], mk)
		}
	}
}

// maskInPlace zeroes the elements of a where mask is 0.
func maskInPlace(a, mask *mat.Dense) {
	ar, mr := a.RawMatrix(), mask.RawMatrix()
	for i := 0; i < ar.Rows; i++ {
		arow := ar.Data[i*ar.Stride : i*ar.Stride+ar.Cols]
		mrow := mr.Data[i*mr.Stride : i*mr.Stride+mr.Cols]
		for j, v := range mrow {
			if v == 0 {
				arow[j] = 0
			}
		}
	}
}
