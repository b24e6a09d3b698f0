// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import (
	"image"
	"image/color"
	"slices"
	"testing"
)

func TestConfigLabels(t *testing.T) {
	// Unit i is bit i of the index (bm.StateIndex), written unit 0 first.
	got := configLabels(8)
	want := []string{"000", "100", "010", "110", "001", "101", "011", "111"}
	if !slices.Equal(got, want) {
		t.Errorf("configLabels(8) = %v, want %v", got, want)
	}
	if got := configLabels(3); !slices.Equal(got, []string{"0", "1", "2"}) {
		t.Errorf("configLabels(3) = %v, want numbers", got)
	}
}

func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   []string
	}{
		{1, 30, []string{"5", "10", "15", "20", "25", "30"}},
		{0, 1, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{-160, -100, []string{"-160", "-150", "-140", "-130", "-120", "-110", "-100"}},
		{-2.5, 2.5, []string{"-2", "-1", "0", "1", "2"}},
	} {
		var got []string
		for _, tk := range (niceTicks{}).Ticks(tc.lo, tc.hi) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("ticks on [%v, %v] = %v, want %v", tc.lo, tc.hi, got, tc.want)
		}
	}
}

func TestResample(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 2, 2))
	src.Set(0, 0, color.RGBA{R: 200, A: 255})
	src.Set(1, 0, color.RGBA{G: 100, A: 255})
	src.Set(0, 1, color.RGBA{B: 40, A: 255})
	src.Set(1, 1, color.RGBA{R: 40, G: 40, B: 40, A: 255})
	// Enlarging by 3 turns each pixel into a 3×3 block.
	big := resample(src, 6, 6)
	for y := range 6 {
		for x := range 6 {
			if big.RGBAAt(x, y) != src.RGBAAt(x/3, y/3) {
				t.Fatalf("enlarged pixel (%d,%d) = %v, want %v", x, y, big.RGBAAt(x, y), src.RGBAAt(x/3, y/3))
			}
		}
	}
	// Shrinking to one pixel averages all four (rounded).
	one := resample(src, 1, 1).RGBAAt(0, 0)
	if want := (color.RGBA{R: 60, G: 35, B: 20, A: 255}); one != want {
		t.Errorf("shrunk pixel %v, want %v", one, want)
	}
}
