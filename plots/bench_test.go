// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots_test

import (
	"fmt"
	"testing"

	"github.com/boltzbook/boltzbook/plots"
)

// BenchmarkTilesPNG measures the case, a 10 × 10 grid of 28 × 28
// images rendered to PNG (goal: under 100 ms), on a ladder of sizes.
func BenchmarkTilesPNG(b *testing.B) {
	for _, side := range []int{5, 10, 20} {
		m := digits(side*side, 1)
		b.Run(fmt.Sprintf("%dx%d", side, side), func(b *testing.B) {
			for b.Loop() {
				plots.Tiles(m, 28, 28, &plots.TilesOptions{Cols: side}).PNG()
			}
		})
	}
}

// BenchmarkRender measures building and rendering typical figures.
func BenchmarkRender(b *testing.B) {
	m := digits(100, 1)
	for _, tc := range []struct {
		name string
		fig  func() *plots.Figure
	}{
		{"Tiles/SVG", func() *plots.Figure { return plots.Tiles(m, 28, 28, nil) }},
		{"HeatMap100x784/PNG", func() *plots.Figure { return plots.HeatMap(m, nil) }},
		{"LogisticRule/PNG", func() *plots.Figure { return plots.LogisticRule(nil) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				f := tc.fig()
				if tc.name == "Tiles/SVG" {
					_ = f.SVG()
				} else {
					f.PNG()
				}
			}
		})
	}
}
