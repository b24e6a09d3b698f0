// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestCDStepsRamp(t *testing.T) {
	for _, c := range []struct{ k, ramp, epoch, want int }{
		{25, 0, 1, 25}, {25, 0, 300, 25},
		{25, 10, 1, 1}, {25, 10, 10, 1}, {25, 10, 11, 2}, {25, 10, 249, 25}, {25, 10, 250, 25}, {25, 10, 400, 25},
		{3, 1, 1, 1}, {3, 1, 2, 2}, {3, 1, 3, 3}, {3, 1, 4, 3},
	} {
		s, err := (&CDConfig{K: c.k, KRampEpochs: c.ramp}).settings()
		if err != nil {
			t.Fatal(err)
		}
		if got := s.steps(c.epoch); got != c.want {
			t.Errorf("K %d, KRampEpochs %d: epoch %d has %d steps, want %d", c.k, c.ramp, c.epoch, got, c.want)
		}
	}
	if _, err := (&CDConfig{KRampEpochs: -1}).settings(); err == nil {
		t.Error("KRampEpochs −1 accepted")
	}
}

// TestCDKRampTrains checks that the ramp reaches the trainer: while
// the ramp is at one step a CD-25 run is CD-1's, bit for bit, and once
// it climbs the run leaves CD-1's and fixed CD-2's.
func TestCDKRampTrains(t *testing.T) {
	data := barsAndStripes(4)
	for _, f32 := range []bool{false, true} {
		train := func(c CDConfig) *mat.Dense {
			r := NewRBM(16, 8, rand.New(rand.NewPCG(3, 4)))
			c.Seed, c.Monitor, c.Float32 = 5, Quiet, f32
			if err := r.Train(data, &c); err != nil {
				t.Fatal(err)
			}
			return r.W
		}
		cd1 := train(CDConfig{Epochs: 3})
		if ramp := train(CDConfig{K: 25, KRampEpochs: 3, Epochs: 3}); !mat.Equal(ramp, cd1) {
			t.Errorf("Float32 %v: CD-25 ramped by 3 epochs differs from CD-1 in its first 3 epochs", f32)
		}
		cd1 = train(CDConfig{Epochs: 4})
		cd2 := train(CDConfig{K: 2, Epochs: 4})
		ramp := train(CDConfig{K: 2, KRampEpochs: 2, Epochs: 4})
		if mat.EqualApprox(ramp, cd1, 1e-9) || mat.EqualApprox(ramp, cd2, 1e-9) {
			t.Errorf("Float32 %v: CD-2 ramped by 2 epochs equals CD-1 or CD-2 after 4 epochs", f32)
		}
	}
}
