// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestCDSameOnAnyCores checks that training gives bit-for-bit the same
// model whether the trainer's parts run on the caller alone or on a
// helper goroutine too: each part has its own random stream and the
// split does not depend on the number of cores. The RBM is large
// enough (100×70) that the split falls on a multiple of 16.
func TestCDSameOnAnyCores(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	data := mat.NewDense(250, 100, nil)
	for i := range data.RawMatrix().Data {
		data.RawMatrix().Data[i] = rnd.Float64()
	}
	for _, cfg := range []CDConfig{
		{Epochs: 2, BatchSize: 40, Seed: 7},
		{Epochs: 2, BatchSize: 40, Seed: 7, Float32: true},
		{Epochs: 2, BatchSize: 40, Seed: 7, Float32: true, K: 2, SparsityTarget: 0.1},
		{Epochs: 2, BatchSize: 40, Seed: 7, Persistent: true, Chains: 30},
	} {
		var got [2]*RBM
		for i, workers := range []int{0, 1} {
			func() {
				defer func(w int) { cdWorkers = w }(cdWorkers)
				cdWorkers = workers
				r := NewRBM(100, 70, rand.New(rand.NewPCG(1, 2)))
				c := cfg
				c.Monitor = Quiet
				if err := r.Train(data, &c); err != nil {
					t.Fatal(err)
				}
				got[i] = r
			}()
		}
		if !mat.Equal(got[0].W, got[1].W) || !mat.Equal(got[0].VisBias, got[1].VisBias) || !mat.Equal(got[0].HidBias, got[1].HidBias) {
			t.Errorf("%+v: serial and parallel training differ", cfg)
		}
		if mat.Equal(got[0].W, NewRBM(100, 70, rand.New(rand.NewPCG(1, 2))).W) {
			t.Errorf("%+v: training left W unchanged", cfg)
		}
	}
}
