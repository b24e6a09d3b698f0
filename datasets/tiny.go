// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// AntiCorrelatedBits returns the data of the lecture's chain example
// (Hinton, Martin Lecture 2025, ≈50:00): two visible units that are
// never on or off together, the patterns 01 and 10, one per row. A
// Boltzmann machine with a chain of hidden units between them must
// learn weights whose product is negative.
func AntiCorrelatedBits() *mat.Dense {
	return mat.NewDense(2, 2, []float64{
		0, 1,
		1, 0,
	})
}

// Encoder returns the n-(log n)-n encoder problem of Ackley, Hinton &
// Sejnowski, "A learning algorithm for Boltzmann machines" (Cognitive
// Science 9, 1985): two groups of n visible units, V1 and V2, and the
// n patterns in which unit i of V1 and unit i of V2 are on and all
// others off (one per row, V1 then V2, 2n columns). Hidden units
// between the groups must learn a compact code. Encoder(4) is the
// classic 4-2-4 encoder.
func Encoder(n int) *mat.Dense {
	if n < 1 {
		panic(fmt.Sprintf("datasets: Encoder: n = %d, want ≥ 1", n))
	}
	x := mat.NewDense(n, 2*n, nil)
	for i := 0; i < n; i++ {
		x.Set(i, i, 1)
		x.Set(i, n+i, 1)
	}
	return x
}
