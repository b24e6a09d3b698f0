// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/bm"
)

func ExampleLectureHopfield() {
	n := bm.LectureHopfield()
	ex, _ := bm.Enumerate(n, 1)
	for _, k := range ex.LocalMinima() {
		s := ex.State(k)
		fmt.Println(s, "energy", n.Energy(s))
	}
	// Output:
	// [1 1 1 0 0] energy -4
	// [0 0 1 1 1] energy -5
}

func ExampleHebbianNet() {
	rnd := rand.New(rand.NewPCG(1, 2))
	patterns := mat.NewDense(3, 64, nil)
	for r := 0; r < 3; r++ {
		for i := 0; i < 64; i++ {
			patterns.Set(r, i, float64(rnd.IntN(2)))
		}
	}
	n := bm.HebbianNet(patterns)
	stored := patterns.RawRowView(0)
	cue := bm.Corrupt(stored, 10, rnd) // 10 of 64 units wrong
	got := n.Recall(cue, rnd)
	fmt.Println("cue errors:", bm.Hamming(cue, stored), "recalled errors:", bm.Hamming(got, stored))
	// Output:
	// cue errors: 10 recalled errors: 0
}

func ExampleEnumerate() {
	// Two units joined by weight 1, no biases: the configuration 11 has
	// energy −1, the others 0, so Z = 3 + e.
	n := bm.NewNet(2)
	n.W.SetSym(0, 1, 1)
	ex, _ := bm.Enumerate(n, 1)
	fmt.Printf("log Z = %.6f (log(3+e) = %.6f)\n", ex.LogZ, math.Log(3+math.E))
	fmt.Printf("p(11) = %.4f\n", math.Exp(ex.LogProb(bm.StateIndex([]float64{1, 1}))))
	fmt.Printf("<s0 s1> = %.4f\n", ex.Correlations().At(0, 1))
	// Output:
	// log Z = 1.743668 (log(3+e) = 1.743668)
	// p(11) = 0.4754
	// <s0 s1> = 0.4754
}

func ExampleChainMachine_LinkGradient() {
	c := bm.NewChainMachine(4, 2)
	w3 := []float64{-4, 0, 4}
	g, _ := c.LinkGradient(bm.ChainData(), 0, 2, w3)
	for i := range w3 {
		fmt.Printf("w3 = %+.0f: dL/dw1 = %+.3f\n", w3[i], g[i])
	}
	// Output:
	// w3 = -4: dL/dw1 = +0.041
	// w3 = +0: dL/dw1 = +0.031
	// w3 = +4: dL/dw1 = -0.069
}
