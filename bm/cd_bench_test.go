// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// BenchmarkCD1Step times one CD-1 minibatch update of a 784-500 RBM
// with batch 100 (an MNIST epoch is 600 of them); -benchmem shows it
// allocates nothing.
func BenchmarkCD1Step(b *testing.B) {
	b.Run("float64", func(b *testing.B) { benchCD1Step(b, false) })
	b.Run("float32", func(b *testing.B) { benchCD1Step(b, true) })
}

func benchCD1Step(b *testing.B, float32 bool) {
	rnd := rand.New(rand.NewPCG(1, 1))
	data := mat.NewDense(100, 784, nil)
	for i := range data.RawMatrix().Data {
		if rnd.Float64() < 0.13 {
			data.RawMatrix().Data[i] = rnd.Float64()
		}
	}
	r := NewRBM(784, 500, rnd)
	tr := newCDTrainer(r, (&CDConfig{Float32: float32}).settings(), rnd)
	rows := make([]int, 100)
	for i := range rows {
		rows[i] = i
	}
	b.ReportAllocs()
	for b.Loop() {
		tr.loadBatch(data, rows)
		tr.step()
	}
}
