// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm_test

import (
	"fmt"

	"github.com/boltzbook/boltzbook/bm"
	"gonum.org/v1/gonum/mat"
)

// Six units that all want to agree have two deep minima, all off and all
// on. The stronger the weights, the longer a sampler started in one of
// them takes to reach thermal equilibrium.
func ExampleExact_MixingSweeps() {
	const n = 6
	for _, w := range []float64{0.5, 1, 2, 3} {
		weights := mat.NewSymDense(n, nil)
		biases := make([]float64, n)
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				weights.SetSym(i, j, w)
			}
			biases[i] = -w * (n - 1) / 2 // all on and all off equally likely
		}
		ex, err := bm.Enumerate(bm.NewNetFrom(weights, biases), 1)
		if err != nil {
			panic(err)
		}
		sweeps := ex.MixingSweeps(make([]float64, n), bm.FixedOrder, 0.01, 1000000)
		fmt.Printf("weights %.1f: %d sweeps to KL ≤ 0.01\n", w, sweeps)
	}
	// Output:
	// weights 0.5: 3 sweeps to KL ≤ 0.01
	// weights 1.0: 10 sweeps to KL ≤ 0.01
	// weights 2.0: 368 sweeps to KL ≤ 0.01
	// weights 3.0: 26250 sweeps to KL ≤ 0.01
}
