// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/plots"
)

// digits returns n synthetic 28×28 "digits": rings and bars with noise,
// a stand-in for MNIST that needs no data files.
func digits(n int, seed uint64) *mat.Dense {
	rnd := rand.New(rand.NewPCG(seed, 1))
	m := mat.NewDense(n, 28*28, nil)
	for k := range n {
		cx, cy := 13.5+rnd.NormFloat64(), 13.5+rnd.NormFloat64()
		r := 6 + 3*rnd.Float64()
		bar := k%2 == 1
		for y := range 28 {
			for x := range 28 {
				dx, dy := float64(x)-cx, float64(y)-cy
				var v float64
				if bar {
					v = math.Exp(-dx * dx / 4)
					if math.Abs(dy) > r+2 {
						v = 0
					}
				} else {
					d := math.Hypot(dx/0.8, dy) - r
					v = math.Exp(-d * d / 3)
				}
				m.Set(k, y*28+x, math.Min(1, v+0.05*rnd.Float64()))
			}
		}
	}
	return m
}

func TestTiles(t *testing.T) {
	checkGolden(t, "tiles_digits", plots.Tiles(digits(100, 1), 28, 28, &plots.TilesOptions{Title: "Training digits", Cols: 10}))
	rnd := rand.New(rand.NewPCG(2, 2))
	w := mat.NewDense(24, 64, nil)
	for i := range 24 {
		for j := range 64 {
			w.Set(i, j, rnd.NormFloat64()*float64(i+1))
		}
	}
	checkGolden(t, "tiles_filters", plots.Tiles(w, 8, 8, &plots.TilesOptions{Cols: 8, Symmetric: true, Spacing: 2}))
}

func TestMatrices(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 3))
	w := mat.NewDense(8, 12, nil)
	for i := range 8 {
		for j := range 12 {
			w.Set(i, j, rnd.NormFloat64()*math.Exp(-float64((i-j/2)*(i-j/2))/8))
		}
	}
	checkGolden(t, "hinton", plots.Hinton(w, &plots.HintonOptions{Title: "Weights", XLabel: "hidden unit j", YLabel: "visible unit i"}))
	checkGolden(t, "heatmap", plots.HeatMap(w, &plots.HeatMapOptions{Title: "Weights", XLabel: "hidden unit j", YLabel: "visible unit i", BarLabel: "w"}))
	corr := mat.NewDense(4, 4, []float64{1, .5, .25, 0, .5, 1, .5, .25, .25, .5, 1, .5, 0, .25, .5, 1})
	checkGolden(t, "heatmap_values", plots.HeatMap(corr, &plots.HeatMapOptions{Title: "Correlations <s_i s_j>", Values: true, RowLabels: []string{"a", "b", "c", "d"}, ColLabels: []string{"a", "b", "c", "d"}}))

	var truth, pred []int
	for k := range 2000 {
		c := k % 10
		truth = append(truth, c)
		p := c
		if rnd.Float64() < 0.04+0.02*float64(c%3) {
			p = (c + 1 + rnd.IntN(9)) % 10
		}
		pred = append(pred, p)
	}
	checkGolden(t, "confusion", plots.ConfusionFromLabels(truth, pred, nil))
}
