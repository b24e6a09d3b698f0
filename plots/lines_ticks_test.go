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
