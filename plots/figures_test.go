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
	labels := make([]string, 12)
	for k := range labels {
		labels[k] = []string{"ring", "bar"}[k%2]
		if k == 5 {
			labels[k] = "bar → ring"
		}
	}
	checkGolden(t, "tiles_labels", plots.Tiles(digits(12, 8), 28, 28, &plots.TilesOptions{Title: "Predicted classes", Cols: 6, Labels: labels, Contrast: plots.FixedContrast}))
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

func TestCurves(t *testing.T) {
	rnd := rand.New(rand.NewPCG(4, 4))
	var recon, ll, test []float64
	for e := range 30 {
		recon = append(recon, 20*math.Exp(-float64(e)/6)+3+0.3*rnd.NormFloat64())
		ll = append(ll, -160+60*(1-math.Exp(-float64(e)/8))+rnd.NormFloat64())
		if e%5 == 4 {
			test = append(test, 0.1*math.Exp(-float64(e)/10)+0.015)
		} else {
			test = append(test, math.NaN())
		}
	}
	checkGolden(t, "curves", plots.LearningCurves([]plots.Series{{Name: "reconstruction error", Y: recon}, {Name: "test error ×100", Y: scale(test, 100)}}, &plots.CurveOptions{Title: "RBM training"}))
	checkGolden(t, "curves_panels", plots.LearningCurves([]plots.Series{{Name: "reconstruction error", Y: recon}, {Name: "log-likelihood", Y: ll}}, &plots.CurveOptions{Panels: true, LogY: false}))

	var sweeps, kl, tv []float64
	for k := range 12 {
		n := math.Pow(2, float64(k+3))
		sweeps = append(sweeps, n)
		kl = append(kl, 3/n*(1+0.2*rnd.NormFloat64()))
		tv = append(tv, 0.9/math.Sqrt(n)*(1+0.1*rnd.NormFloat64()))
	}
	checkGolden(t, "divergence", plots.Divergence(sweeps, kl, tv, &plots.DivergenceOptions{Title: "Approach to equilibrium"}))
}

func scale(v []float64, a float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = a * x
	}
	return out
}

func TestEnergy(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 5))
	var runs [][]float64
	for r := range 4 {
		e := 0.0
		run := []float64{e}
		for range 25 {
			if rnd.Float64() < 0.4 {
				e -= float64(1 + rnd.IntN(3+r))
			}
			run = append(run, e)
		}
		runs = append(runs, run)
	}
	checkGolden(t, "energy_trace", plots.EnergyTrace(runs, &plots.TraceOptions{Title: "Hopfield settling", Names: []string{"run 1", "run 2", "run 3", "run 4"}, Steps: true}))
	checkGolden(t, "energy_landscape", plots.EnergyLandscape(&plots.LandscapeOptions{Title: "Deterministic descent stops in A"}))
	checkGolden(t, "logistic", plots.LogisticRule(&plots.LogisticOptions{Title: "Noisy unit"}))
}

func TestDistribution(t *testing.T) {
	// Exact Boltzmann distribution of a 4-unit chain, and a noisy
	// histogram of 2000 samples from it.
	w := []float64{2, -1, 1.5}
	exact := make([]float64, 16)
	var z float64
	for k := range 16 {
		s := func(i int) float64 { return float64(k >> i & 1) } // unit i is bit i, as in bm.StateIndex
		g := 0.0
		for i, wi := range w {
			g += wi * s(i) * s(i+1)
		}
		exact[k] = math.Exp(g - 0.5*(s(0)+s(1)+s(2)+s(3)))
		z += exact[k]
	}
	rnd := rand.New(rand.NewPCG(6, 6))
	sampled := make([]float64, 16)
	for k := range exact {
		exact[k] /= z
	}
	for range 2000 {
		u, k := rnd.Float64(), 0
		for ; k < 15 && u > exact[k]; k++ {
			u -= exact[k]
		}
		sampled[k] += 1.0 / 2000
	}
	checkGolden(t, "distribution", plots.DistributionComparison(exact, sampled, &plots.DistributionOptions{Title: "Thermal equilibrium of a 4-unit chain"}))
	checkGolden(t, "distribution_log", plots.DistributionComparison(exact, sampled, &plots.DistributionOptions{Log: true, Sort: true}))
}

func TestNetwork(t *testing.T) {
	// A five-unit Hopfield net in the spirit of the lecture's slide:
	// two overlapping groups of three units, joined by an inhibitory
	// weight of -5.
	w := mat.NewSymDense(5, nil)
	for _, e := range []struct {
		i, j int
		w    float64
	}{{0, 1, 3}, {1, 2, 2}, {0, 2, -1}, {2, 3, 3}, {3, 4, -1}, {2, 4, 3}, {1, 3, -5}, {0, 4, -1}} {
		w.SetSym(e.i, e.j, e.w)
	}
	checkGolden(t, "network_hopfield", plots.NetworkDiagram(w, &plots.NetworkOptions{
		Title:        "Hopfield net: goodness 5 state",
		States:       []float64{0, 0, 1, 1, 1},
		Labels:       []string{"a", "b", "c", "d", "e"},
		WeightLabels: true,
	}))

	// The lecture's chain: two visible units at the ends of four hidden ones.
	chain := mat.NewSymDense(6, nil)
	for k, v := range []float64{2, -1.5, 1, 2.5, -2} {
		chain.SetSym(k, k+1, v)
	}
	checkGolden(t, "network_chain", plots.NetworkDiagram(chain, &plots.NetworkOptions{
		Layers:       []int{6},
		Labels:       []string{"v1", "h1", "h2", "h3", "h4", "v2"},
		States:       []float64{1, 0.8, 0.3, 0.6, 0.1, 0},
		WeightLabels: true,
	}))

	rnd := rand.New(rand.NewPCG(7, 7))
	rbm := mat.NewDense(6, 4, nil)
	for i := range 6 {
		for j := range 4 {
			rbm.Set(i, j, rnd.NormFloat64())
		}
	}
	checkGolden(t, "network_rbm", plots.RBMDiagram(rbm, &plots.NetworkOptions{Title: "RBM 6–4"}))
}
