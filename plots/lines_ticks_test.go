// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import "testing"

func TestDecadeTicksLabelsExactly(t *testing.T) {
	ticks := decadeTicks{}.Ticks(3e-6, 2)
	var labels []string
	for _, tk := range ticks {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	want := []string{"1e-5", "1e-4", "0.001", "0.01", "0.1", "1"}
	if len(labels) != len(want) {
		t.Fatalf("labels %q, want %q", labels, want)
	}
	for i := range want {
		if labels[i] != want[i] {
			t.Errorf("label %d = %q, want %q", i, labels[i], want[i])
		}
	}
	// Less than a decade falls back to linear ticks, which still label.
	if n := countLabels(decadeTicks{}.Ticks(2, 5)); n < 2 {
		t.Errorf("a narrow log axis got %d labels", n)
	}
}

// A few points spread over a wide x range (checkpoints 0, 100, …, 800)
// get round-number ticks, not one label per whole number; a short run of
// epochs keeps its 1, 2, 3.
func TestFewPointsWideRangeTicks(t *testing.T) {
	xs, ys := []float64{0, 100, 200, 400, 800}, []float64{1, 2, 3, 4, 5}
	f := LearningCurves([]Series{{Name: "s", X: xs, Y: ys}}, nil)
	if n := countLabels(f.Plot.X.Tick.Marker.Ticks(f.Plot.X.Min, f.Plot.X.Max)); n > 12 {
		t.Errorf("x range 0–800 got %d tick labels", n)
	}
	f = LearningCurves([]Series{{Name: "s", Y: ys}}, nil)
	if n := countLabels(f.Plot.X.Tick.Marker.Ticks(f.Plot.X.Min, f.Plot.X.Max)); n != 5 {
		t.Errorf("epochs 1–5 got %d tick labels, want 5", n)
	}
}
