// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// The shift labels of the shifter problem.
const (
	ShiftLeft  = 0
	ShiftNone  = 1
	ShiftRight = 2
)

// Shifter is the shifter problem of Hinton & Sejnowski, "Learning and
// relearning in Boltzmann machines" (PDP vol. 1, ch. 7, 1986): a row V1
// of n random bits, a second row V2 that is V1 shifted one place left,
// not at all, or one place right with wrap-around, and the shift as a
// label the network must infer from the pair. Each row of the returned
// matrix is V1 followed by V2 (2n columns); labels hold ShiftLeft,
// ShiftNone or ShiftRight. Shifting right moves bit i to position
// i+1 (mod n). The paper used n = 8 with each V1 bit on with
// probability 0.3, p below.
//
// SampleShifter draws m cases with shifts uniform over the three and
// each V1 bit on with probability p. Note that some rows are ambiguous
// (e.g. all bits equal) whatever the shift.
func SampleShifter(n, m int, p float64, rnd *rand.Rand) (*mat.Dense, []int) {
	checkShifter(n)
	if m < 1 || p < 0 || p > 1 {
		panic(fmt.Sprintf("datasets: SampleShifter: m = %d, p = %v; want m ≥ 1, 0 ≤ p ≤ 1", m, p))
	}
	x := mat.NewDense(m, 2*n, nil)
	labels := make([]int, m)
	for i := range labels {
		row := x.RawRowView(i)
		for j := 0; j < n; j++ {
			if rnd.Float64() < p {
				row[j] = 1
			}
		}
		labels[i] = rnd.IntN(3)
		shiftInto(row[n:], row[:n], labels[i])
	}
	return x, labels
}

// AllShifter returns every shifter case for rows of n bits: each of the
// 2^n rows V1 under each of the three shifts (3·2^n rows, ordered by
// V1 as a binary number, bit j = V1[j], then by shift). It panics
// unless 1 ≤ n ≤ 16.
func AllShifter(n int) (*mat.Dense, []int) {
	checkShifter(n)
	m := 3 << n
	x := mat.NewDense(m, 2*n, nil)
	labels := make([]int, m)
	for v := 0; v < 1<<n; v++ {
		for s := ShiftLeft; s <= ShiftRight; s++ {
			i := 3*v + s
			row := x.RawRowView(i)
			for j := 0; j < n; j++ {
				row[j] = float64(v >> j & 1)
			}
			labels[i] = s
			shiftInto(row[n:], row[:n], s)
		}
	}
	return x, labels
}

// shiftInto writes v1 shifted by the label s into v2.
func shiftInto(v2, v1 []float64, s int) {
	n := len(v1)
	for j := range v1 {
		v2[(j+s-ShiftNone+n)%n] = v1[j]
	}
}

func checkShifter(n int) {
	if n < 1 || n > 16 {
		panic(fmt.Sprintf("datasets: shifter: n = %d, want 1 to 16", n))
	}
}
