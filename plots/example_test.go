// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots_test

import (
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot/vg"

	"github.com/boltzbook/boltzbook/plots"
)

// Rows of a matrix as a grid of small grey images. For an RBM whose
// W is visible × hidden, the hidden units' filters are the rows of W.T().
func ExampleTiles() {
	// 12 filters of 8×8 pixels: each is a bar at a different angle.
	w := mat.NewDense(8*8, 12, nil)
	for j := range 12 {
		a := math.Pi * float64(j) / 12
		for y := range 8 {
			for x := range 8 {
				d := (float64(x)-3.5)*math.Sin(a) - (float64(y)-3.5)*math.Cos(a)
				w.Set(y*8+x, j, math.Exp(-d*d)-0.3)
			}
		}
	}
	fig := plots.Tiles(w.T(), 8, 8, &plots.TilesOptions{
		Title:     "Filters",
		Cols:      6,
		Symmetric: true, // zero is mid grey
	})
	fmt.Println(fig)
	// Output:
	// Figure 442×192: Tiles 2×6 of 8×8 "Filters"
}

// A Hinton diagram: white squares for positive weights, black for
// negative, area proportional to the magnitude.
func ExampleHinton() {
	w := mat.NewDense(3, 4, []float64{
		1, -2, 0.5, 0,
		-1, 3, 2, -0.5,
		0.2, 1, -1, 2,
	})
	fig := plots.Hinton(w, &plots.HintonOptions{XLabel: "hidden", YLabel: "visible"})
	fmt.Println(fig)
	// Output:
	// Figure 600×400: Hinton 3×4, max |w| 3
}

// Energy of several Hopfield runs after each update.
func ExampleEnergyTrace() {
	runs := [][]float64{
		{0, -1, -1, -3, -4, -4},
		{0, 0, -2, -2, -2, -5},
	}
	fig := plots.EnergyTrace(runs, &plots.TraceOptions{Names: []string{"from a", "from b"}, Steps: true})
	fmt.Println(fig)
	// Output:
	// Figure 600×400: EnergyTrace 2 runs of up to 6 steps
}

// The lecture's ball on an energy landscape.
func ExampleEnergyLandscape() {
	fig := plots.EnergyLandscape(&plots.LandscapeOptions{Title: "Descent stops in A"})
	fmt.Println(fig)
	// Output:
	// Figure 600×400: EnergyLandscape with 2 marks "Descent stops in A"
}

// The noisy unit's logistic rule at several temperatures.
func ExampleLogisticRule() {
	fig := plots.LogisticRule(&plots.LogisticOptions{Temperatures: []float64{0, 1, 4}})
	fmt.Println(fig)
	// Output:
	// Figure 600×400: LogisticRule at T = [0 1 4]
}

// Exact probabilities beside sampled frequencies for the four
// configurations of two units.
func ExampleDistributionComparison() {
	exact := []float64{0.1, 0.4, 0.4, 0.1}
	sampled := []float64{0.12, 0.37, 0.42, 0.09}
	fig := plots.DistributionComparison(exact, sampled, &plots.DistributionOptions{Title: "Two anti-correlated bits"})
	fmt.Println(fig)
	// Output:
	// Figure 600×400: DistributionComparison of 4 configurations "Two anti-correlated bits"
}

// Named series against epochs; NaN marks epochs where a statistic was
// not measured.
func ExampleLearningCurves() {
	nan := math.NaN()
	fig := plots.LearningCurves([]plots.Series{
		{Name: "reconstruction error", Y: []float64{9, 6, 4.5, 4, 3.8}},
		{Name: "test error %", Y: []float64{nan, 5, nan, 3, nan}},
	}, &plots.CurveOptions{Title: "Training"})
	fmt.Println(fig)
	// Output:
	// Figure 600×400: LearningCurves [reconstruction error, test error %] "Training"
}

// history stands in for a *bm.History: anything with a Series method.
type history map[string][]float64

func (h history) Series(name string) []float64 { return h[name] }

// Learning curves straight from a trainer's history.
func ExampleHistoryCurves() {
	h := history{"recon": {9, 6, 4.5, 4}, "loglik": {-150, -120, -110, -105}}
	fig := plots.HistoryCurves(h, &plots.CurveOptions{Panels: true}, "recon", "loglik")
	fmt.Println(fig)
	// Output:
	// Figure 660×270: Grid 1×2 [LearningCurves, LearningCurves]
}

// A confusion matrix from true and predicted labels.
func ExampleConfusionFromLabels() {
	truth := []int{0, 0, 1, 1, 1, 2, 2, 2, 2}
	pred := []int{0, 1, 1, 1, 1, 2, 2, 0, 2}
	fig := plots.ConfusionFromLabels(truth, pred, &plots.ConfusionOptions{Labels: []string{"cat", "dog", "eel"}})
	fmt.Println(fig)
	// Output:
	// Figure 600×500: ConfusionMatrix 3 classes, 9 examples, accuracy 77.78% "Confusion matrix (accuracy 77.78%)"
}

// Any matrix as a heat map with a colour bar.
func ExampleHeatMap() {
	m := plots.FromRows([][]float64{{1, -0.5}, {-0.5, 2}})
	fig := plots.HeatMap(m, &plots.HeatMapOptions{Values: true, BarLabel: "w"})
	fmt.Println(fig)
	// Output:
	// Figure 600×400: HeatMap 2×2, range [-2, 2]
}

// A three-unit Hopfield net in the state (1, 1, 0), weights labelled.
func ExampleNetworkDiagram() {
	w := mat.NewSymDense(3, []float64{
		0, 2, -1,
		2, 0, 3,
		-1, 3, 0,
	})
	fig := plots.NetworkDiagram(w, &plots.NetworkOptions{
		States:       []float64{1, 1, 0},
		Labels:       []string{"a", "b", "c"},
		WeightLabels: true,
	})
	fmt.Println(fig)
	// Output:
	// Figure 600×400: NetworkDiagram 3 units, 3 weights
}

// Panels side by side, saved as one PNG.
func ExampleGrid() {
	fig := plots.Grid(2,
		plots.LogisticRule(&plots.LogisticOptions{Title: "noisy unit"}),
		plots.EnergyLandscape(&plots.LandscapeOptions{Title: "landscape"}),
	)
	fig.Title = "Section 5"
	fig.Width = 8 * vg.Inch

	dir, err := os.MkdirTemp("", "plots")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := fig.Save(filepath.Join(dir, "section5.png")); err != nil {
		log.Fatal(err)
	}
	fmt.Println(fig)
	// Output:
	// Figure 800×270: Grid 1×2 [LogisticRule, EnergyLandscape] "Section 5"
}
