// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/mat"
)

// blockMask returns the family-trees style mask of an (a+b) × (c+d)
// layer: inputs 0..a-1 feed outputs 0..c-1 only, the rest the rest.
func blockMask(a, b, c, d int) *mat.Dense {
	mk := mat.NewDense(a+b, c+d, nil)
	for i := 0; i < a+b; i++ {
		for j := 0; j < c+d; j++ {
			if (i < a) == (j < c) {
				mk.Set(i, j, 1)
			}
		}
	}
	return mk
}

// TestMLPMaskedGradient checks the gradient of a masked MLP: Gradient
// zeroes the masked weights, reports a zero partial derivative for each,
// and every other partial derivative matches a central finite difference
// of the loss (tolerances as in TestMLPGradientFiniteDifferences).
func TestMLPMaskedGradient(t *testing.T) {
	rnd := rand.New(rand.NewPCG(4, 5))
	m := NewMLP([]int{5, 4, 3, 3}, rnd)
	m.Masks = []*mat.Dense{blockMask(3, 2, 2, 2), nil, nil}
	x := mat.NewDense(6, 5, nil)
	labels := make([]int, 6)
	for i := range labels {
		labels[i] = rnd.IntN(3)
		for j := 0; j < 5; j++ {
			x.Set(i, j, rnd.NormFloat64())
		}
	}
	_, dW, _ := m.Gradient(x, labels)
	const h = 1e-5
	masked, free := 0, 0
	raw := m.Weights[0].RawMatrix()
	for i := 0; i < raw.Rows; i++ {
		for j := 0; j < raw.Cols; j++ {
			p := &raw.Data[i*raw.Stride+j]
			if m.Masks[0].At(i, j) == 0 {
				masked++
				if *p != 0 || dW[0].At(i, j) != 0 {
					t.Errorf("masked weight [%d,%d] = %g with gradient %g, want both 0", i, j, *p, dW[0].At(i, j))
				}
				continue
			}
			free++
			orig := *p
			*p = orig + h
			up := m.Loss(x, labels)
			*p = orig - h
			down := m.Loss(x, labels)
			*p = orig
			if want, got := (up-down)/(2*h), dW[0].At(i, j); !scalar.EqualWithinAbsOrRel(got, want, 1e-10, 1e-6) {
				t.Errorf("dW[0][%d,%d] = %.12g, finite difference %.12g", i, j, got, want)
			}
		}
	}
	if masked != 3*2+2*2 || free != 3*2+2*2 {
		t.Fatalf("checked %d masked and %d free weights, want 10 and 10", masked, free)
	}
}

// TestMLPMaskedWeightsStayZero trains a masked MLP with momentum and
// weight decay: the masked weights must stay exactly zero while the
// others learn, and the mask must survive Clone and Save/Load.
func TestMLPMaskedWeightsStayZero(t *testing.T) {
	rnd := rand.New(rand.NewPCG(6, 7))
	x, y := mlpTestBlobs(200, 6, 3, rnd)
	m := NewMLP([]int{6, 6, 3}, rnd)
	m.Masks = []*mat.Dense{blockMask(4, 2, 3, 3)}
	before := mat.DenseCopyOf(m.Weights[0])
	lossBefore := m.Loss(x, y)
	if err := m.Train(x, y, &MLPConfig{Epochs: 5, BatchSize: 20, WeightDecay: 1e-3, Monitor: Quiet}); err != nil {
		t.Fatal(err)
	}
	moved := 0
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			w := m.Weights[0].At(i, j)
			if m.Masks[0].At(i, j) == 0 {
				if w != 0 {
					t.Errorf("masked weight [%d,%d] = %g after training", i, j, w)
				}
			} else if w != before.At(i, j) {
				moved++
			}
		}
	}
	if moved != 18 {
		t.Errorf("%d of 18 unmasked weights changed in training", moved)
	}
	if lossAfter := m.Loss(x, y); lossAfter >= lossBefore {
		t.Errorf("loss %g after training, %g before", lossAfter, lossBefore)
	}

	c := m.Clone()
	c.Masks[0].Set(0, 5, 1)
	if m.Masks[0].At(0, 5) != 0 {
		t.Error("Clone shares its mask with the original")
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := LoadMLP(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Masks) != 2 || !mat.Equal(back.Masks[0], m.Masks[0]) || back.Masks[1] != nil {
		t.Errorf("loaded masks %v, want the saved one and nil", back.Masks)
	}
	var plain bytes.Buffer
	if err := NewMLP([]int{2, 2}, rnd).Save(&plain); err != nil {
		t.Fatal(err)
	}
	if p, err := LoadMLP(&plain); err != nil || p.Masks != nil {
		t.Errorf("an unmasked MLP loads with masks %v (err %v), want nil", p.Masks, err)
	}
}
