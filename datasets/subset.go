// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// FirstN returns copies of the first n rows of x and their labels.
// It panics if n is not in [1, rows of x] or labels has the wrong length.
func FirstN(x *mat.Dense, labels []int, n int) (*mat.Dense, []int) {
	r, _ := x.Dims()
	checkLabels(r, labels)
	if n < 1 || n > r {
		panic(fmt.Sprintf("datasets: FirstN: n = %d, want 1 to %d", n, r))
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	return Rows(x, labels, idx)
}

// PerClass returns the first n examples of each class 0 … classes−1,
// in their original order (so classes stay interleaved as in the
// source), copied. It is deterministic: the same data give the same
// subset. It returns an error if some class has fewer than n examples.
// It panics if a label is outside [0, classes) or lengths differ.
func PerClass(x *mat.Dense, labels []int, n, classes int) (*mat.Dense, []int, error) {
	r, _ := x.Dims()
	checkLabels(r, labels)
	if n < 1 || classes < 1 {
		panic(fmt.Sprintf("datasets: PerClass: n = %d, classes = %d, want both ≥ 1", n, classes))
	}
	taken := make([]int, classes)
	idx := make([]int, 0, n*classes)
	for i, l := range labels {
		if l < 0 || l >= classes {
			panic(fmt.Sprintf("datasets: PerClass: label %d at row %d outside [0, %d)", l, i, classes))
		}
		if taken[l] < n {
			taken[l]++
			idx = append(idx, i)
		}
	}
	var short []string
	for c, t := range taken {
		if t < n {
			short = append(short, fmt.Sprintf("class %d has only %d", c, t))
		}
	}
	if short != nil {
		return nil, nil, fmt.Errorf("datasets: PerClass: %d examples per class requested, but %s", n, strings.Join(short, ", "))
	}
	sub, subLabels := Rows(x, labels, idx)
	return sub, subLabels, nil
}

// Rows returns copies of the rows idx of x and of their labels
// (labels may be nil, giving nil).
func Rows(x *mat.Dense, labels []int, idx []int) (*mat.Dense, []int) {
	r, c := x.Dims()
	if labels != nil {
		checkLabels(r, labels)
	}
	if len(idx) == 0 {
		panic("datasets: Rows: no rows selected")
	}
	dst := mat.NewDense(len(idx), c, nil)
	var sub []int
	if labels != nil {
		sub = make([]int, len(idx))
	}
	for k, i := range idx {
		dst.SetRow(k, x.RawRowView(i))
		if labels != nil {
			sub[k] = labels[i]
		}
	}
	return dst, sub
}

func checkLabels(rows int, labels []int) {
	if len(labels) != rows {
		panic(fmt.Sprintf("datasets: %d labels for %d rows", len(labels), rows))
	}
}

// Binarize returns a matrix of x's shape holding 1 where x > threshold
// and 0 elsewhere (threshold 0.5 is the usual choice for MNIST).
func Binarize(x *mat.Dense, threshold float64) *mat.Dense {
	r, c := x.Dims()
	dst := mat.NewDense(r, c, nil)
	for i := 0; i < r; i++ {
		src, out := x.RawRowView(i), dst.RawRowView(i)
		for j, v := range src {
			if v > threshold {
				out[j] = 1
			}
		}
	}
	return dst
}

// SampleBinary returns a stochastic binarisation of x: each entry is 1
// with probability x_ij (clamped to [0, 1]) and 0 otherwise, drawn
// from rnd. Fresh samples each epoch are the usual way to train binary
// RBMs on grey-level MNIST.
func SampleBinary(x *mat.Dense, rnd *rand.Rand) *mat.Dense {
	if rnd == nil {
		panic("datasets: SampleBinary: nil random source")
	}
	r, c := x.Dims()
	dst := mat.NewDense(r, c, nil)
	for i := 0; i < r; i++ {
		src, out := x.RawRowView(i), dst.RawRowView(i)
		for j, v := range src {
			if rnd.Float64() < v {
				out[j] = 1
			}
		}
	}
	return dst
}

// OneHot returns a len(labels) × classes matrix with a 1 in column
// labels[i] of row i. It panics if a label is outside [0, classes).
func OneHot(labels []int, classes int) *mat.Dense {
	if len(labels) == 0 || classes < 1 {
		panic("datasets: OneHot: no labels or no classes")
	}
	dst := mat.NewDense(len(labels), classes, nil)
	for i, l := range labels {
		if l < 0 || l >= classes {
			panic(fmt.Sprintf("datasets: OneHot: label %d at row %d outside [0, %d)", l, i, classes))
		}
		dst.Set(i, l, 1)
	}
	return dst
}
