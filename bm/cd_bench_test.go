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
	for _, prec := range []string{"float64", "float32"} {
		for _, workers := range []int{0, -1} {
			name := prec + "/serial"
			if workers != 0 {
				name = prec + "/parallel"
			}
			b.Run(name, func(b *testing.B) {
				defer func(w int) { cdWorkers = w }(cdWorkers)
				cdWorkers = workers
				benchCD1Step(b, prec == "float32")
			})
		}
	}
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
	s, err := (&CDConfig{Float32: float32}).settings()
	if err != nil {
		b.Fatal(err)
	}
	tr := newCDTrainer(r, s, rnd)
	defer tr.close()
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

// BenchmarkAISStep times one annealing step (per op) of 100 AIS runs
// on a 784-500 RBM.
func BenchmarkAISStep(b *testing.B) {
	rnd := rand.New(rand.NewPCG(1, 1))
	r := NewRBM(784, 500, rnd)
	for b.Loop() {
		if _, err := r.AIS(&AISConfig{Steps: 100, Runs: 100}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100, "ns/step")
}
