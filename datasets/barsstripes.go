// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// maxBarsStripes bounds the grid side so that the full set stays small
// (2^13 patterns of 144 pixels).
const maxBarsStripes = 12

// BarsAndStripes returns every distinct bars-and-stripes pattern of an
// n×n grid, one per row, pixels in row-major order (MacKay,
// Information Theory, Inference and Learning Algorithms, 2003; a
// standard test set for small Boltzmann machines). A stripes pattern
// turns on any subset of the n rows, a bars pattern any subset of the
// n columns. The empty and the full grid are both, so there are
// 2^n + 2^n − 2 = 2^(n+1) − 2 distinct patterns: first the 2^n stripes
// patterns (subset masks 0 … 2^n−1, bit i = row i), then the bars
// patterns without the empty and full grid. It panics unless
// 1 ≤ n ≤ 12.
func BarsAndStripes(n int) *mat.Dense {
	checkBarsStripes(n)
	count := 1<<(n+1) - 2
	x := mat.NewDense(count, n*n, nil)
	row := 0
	for mask := 0; mask < 1<<n; mask++ {
		fillStripes(x.RawRowView(row), n, mask, false)
		row++
	}
	for mask := 1; mask < 1<<n-1; mask++ {
		fillStripes(x.RawRowView(row), n, mask, true)
		row++
	}
	return x
}

// SampleBarsAndStripes draws m patterns from the usual generative
// process: pick rows or columns with probability ½ each, then turn
// each of the n lines on with probability ½. (The empty and full grids
// come twice as often as the others, being both bars and stripes.)
func SampleBarsAndStripes(n, m int, rnd *rand.Rand) *mat.Dense {
	checkBarsStripes(n)
	if m < 1 {
		panic(fmt.Sprintf("datasets: SampleBarsAndStripes: m = %d, want ≥ 1", m))
	}
	x := mat.NewDense(m, n*n, nil)
	for i := 0; i < m; i++ {
		columns := rnd.IntN(2) == 1
		fillStripes(x.RawRowView(i), n, rnd.IntN(1<<n), columns)
	}
	return x
}

// fillStripes writes into dst (zeroed, n*n long) the pattern whose
// lines are the set bits of mask: rows, or columns if columns is set.
func fillStripes(dst []float64, n, mask int, columns bool) {
	for r := 0; r < n; r++ {
		for c := 0; c < n; c++ {
			line := r
			if columns {
				line = c
			}
			if mask>>line&1 == 1 {
				dst[r*n+c] = 1
			}
		}
	}
}

func checkBarsStripes(n int) {
	if n < 1 || n > maxBarsStripes {
		panic(fmt.Sprintf("datasets: bars and stripes: n = %d, want 1 to %d", n, maxBarsStripes))
	}
}
