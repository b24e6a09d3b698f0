// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import (
	"math"
	"strconv"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
)

// Matrix figures (heat maps, Hinton diagrams, confusion matrices) draw
// entry (i, j) as a unit cell centred on x = j, with row 0 at the top
// as a matrix is printed.

// matrixAxes sets p's axes to show an r × c matrix.
func matrixAxes(p *plot.Plot, r, c int, rowLabels, colLabels []string) {
	p.X.Min, p.X.Max = -0.5, float64(c)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(r)-0.5
	p.X.Tick.Marker = indexTicks(c, colLabels, false)
	p.Y.Tick.Marker = indexTicks(r, rowLabels, true)
	p.X.Padding, p.Y.Padding = 0, 0
}

// rowY is the y coordinate of row i of an r-row matrix.
func rowY(i, r int) float64 { return float64(r - 1 - i) }

// indexTicks labels indices 0…n-1 (or the given labels), thinned to a
// readable number; flip places index 0 at the top.
func indexTicks(n int, labels []string, flip bool) plot.ConstantTicks {
	step := 1
	limit := 12
	if len(labels) == n {
		limit = 30
	}
	for _, s := range []int{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000} {
		step = s
		if (n+s-1)/s <= limit {
			break
		}
	}
	ticks := plot.ConstantTicks{}
	for i := 0; i < n; i += step {
		label := strconv.Itoa(i)
		if len(labels) == n {
			label = labels[i]
		}
		v := float64(i)
		if flip {
			v = rowY(i, n)
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return ticks
}

// dense copies m into a *mat.Dense, so plotters keep the values they
// were given even if the caller's matrix changes later.
func dense(m mat.Matrix) *mat.Dense {
	return mat.DenseCopyOf(m)
}

// finiteRange returns the minimum and maximum of the finite entries
// of m (0, 0 when there are none).
func finiteRange(m mat.Matrix) (lo, hi float64) {
	r, c := m.Dims()
	lo, hi = math.Inf(1), math.Inf(-1)
	for i := range r {
		for j := range c {
			v := m.At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if lo > hi {
		return 0, 0
	}
	return lo, hi
}

// matrixAspect is the data aspect ratio that makes cells square, or
// zero (fill the figure) for matrices so long and thin that square
// cells would make a sliver.
func matrixAspect(r, c int) float64 {
	a := float64(c) / float64(max(r, 1))
	if a > 4 || a < 0.25 {
		return 0
	}
	return a
}

// FromRows returns the rows as a *mat.Dense, for passing plain slices
// to the matrix helpers. It panics if the rows differ in length.
func FromRows(rows [][]float64) *mat.Dense {
	if len(rows) == 0 {
		return &mat.Dense{}
	}
	c := len(rows[0])
	m := mat.NewDense(len(rows), max(c, 1), nil)
	for i, r := range rows {
		if len(r) != c {
			panic("plots: FromRows: rows of different lengths")
		}
		for j, v := range r {
			m.Set(i, j, v)
		}
	}
	return m
}
