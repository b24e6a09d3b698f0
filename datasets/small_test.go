// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func rowKey(row []float64) string { return fmt.Sprint(row) }

// isBarsOrStripes reports whether an n×n pattern has all rows uniform
// or all columns uniform (checked directly, not through fillStripes).
func isBarsOrStripes(p []float64, n int) bool {
	rowsUniform, colsUniform := true, true
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if p[i*n+j] != p[i*n] {
				rowsUniform = false
			}
			if p[i*n+j] != p[j] {
				colsUniform = false
			}
		}
	}
	return rowsUniform || colsUniform
}

func TestBarsAndStripes(t *testing.T) {
	for n := 1; n <= 5; n++ {
		x := BarsAndStripes(n)
		r, c := x.Dims()
		if want := 1<<(n+1) - 2; r != want || c != n*n {
			t.Fatalf("n = %d: %d×%d, want %d×%d", n, r, c, want, n*n)
		}
		seen := map[string]bool{}
		for i := 0; i < r; i++ {
			row := x.RawRowView(i)
			if seen[rowKey(row)] {
				t.Fatalf("n = %d: row %d repeats", n, i)
			}
			seen[rowKey(row)] = true
			if !isBarsOrStripes(row, n) {
				t.Fatalf("n = %d: row %d is neither bars nor stripes: %v", n, i, row)
			}
		}
		// Brute force over every binary n×n image (n ≤ 4): exactly
		// the listed ones are bars or stripes.
		if n <= 4 {
			count := 0
			p := make([]float64, n*n)
			for v := 0; v < 1<<(n*n); v++ {
				for k := range p {
					p[k] = float64(v >> k & 1)
				}
				if isBarsOrStripes(p, n) {
					count++
					if !seen[rowKey(p)] {
						t.Fatalf("n = %d: pattern %v missing", n, p)
					}
				}
			}
			if count != r {
				t.Errorf("n = %d: brute force finds %d patterns, BarsAndStripes %d", n, count, r)
			}
		}
	}
	const n, m = 4, 4000
	s := SampleBarsAndStripes(n, m, rand.New(rand.NewPCG(3, 4)))
	empty := 0
	for i := 0; i < m; i++ {
		row := s.RawRowView(i)
		if !isBarsOrStripes(row, n) {
			t.Fatalf("sample %d is not bars or stripes", i)
		}
		if floats(row) == 0 {
			empty++
		}
	}
	// P(empty) = 2 · ½ · 2^−n = 1/16; binomial sd ≈ 15.3, allow 5 sd.
	if want := float64(m) / 16; math.Abs(float64(empty)-want) > 5*math.Sqrt(want*15/16) {
		t.Errorf("%d empty grids in %d samples, expected %.0f", empty, m, want)
	}
}

// shifted checks V2 against V1 from the definition: left moves bit j
// to j−1, right to j+1, with wrap-around.
func shifted(row []float64, n, label int) bool {
	d := map[int]int{ShiftLeft: -1, ShiftNone: 0, ShiftRight: 1}[label]
	for j := 0; j < n; j++ {
		if row[n+((j+d)%n+n)%n] != row[j] {
			return false
		}
	}
	return true
}

func TestShifter(t *testing.T) {
	const n = 5
	x, labels := AllShifter(n)
	if r, c := x.Dims(); r != 3<<n || c != 2*n || len(labels) != r {
		t.Fatalf("AllShifter: %d×%d, %d labels", r, c, len(labels))
	}
	seen := map[string]bool{}
	for i, l := range labels {
		row := x.RawRowView(i)
		if !shifted(row, n, l) {
			t.Fatalf("row %d %v is not shift %d", i, row, l)
		}
		seen[fmt.Sprint(row, l)] = true
	}
	if len(seen) != 3<<n {
		t.Errorf("%d distinct cases, want %d", len(seen), 3<<n)
	}
	// A concrete case: 10000 shifted right is 01000.
	if row := x.RawRowView(3*1 + ShiftRight); rowKey(row) != rowKey([]float64{1, 0, 0, 0, 0, 0, 1, 0, 0, 0}) {
		t.Errorf("10000 shifted right: %v", row)
	}

	const m, p = 3000, 0.3
	s, sl := SampleShifter(8, m, p, rand.New(rand.NewPCG(5, 6)))
	on := 0.0
	var perShift [3]int
	for i, l := range sl {
		row := s.RawRowView(i)
		if !shifted(row, 8, l) {
			t.Fatalf("sample %d is not shift %d", i, l)
		}
		on += floats(row[:8])
		perShift[l]++
	}
	if sd := math.Sqrt(m * 8 * p * (1 - p)); math.Abs(on-m*8*p) > 5*sd {
		t.Errorf("%v bits on, expected %v ± %.0f", on, m*8*p, sd)
	}
	for s, k := range perShift {
		if math.Abs(float64(k)-m/3.0) > 5*math.Sqrt(m*2/9.0) {
			t.Errorf("shift %d drawn %d times of %d", s, k, m)
		}
	}
}

func TestEncoderAndAntiCorrelated(t *testing.T) {
	x := Encoder(4)
	if r, c := x.Dims(); r != 4 || c != 8 {
		t.Fatalf("Encoder(4) is %d×%d", r, c)
	}
	for i := 0; i < 4; i++ {
		row := x.RawRowView(i)
		if floats(row) != 2 || row[i] != 1 || row[4+i] != 1 {
			t.Errorf("row %d = %v", i, row)
		}
	}
	a := AntiCorrelatedBits()
	if r, _ := a.Dims(); r != 2 {
		t.Fatalf("%d patterns", r)
	}
	for i := 0; i < 2; i++ {
		if row := a.RawRowView(i); row[0]+row[1] != 1 {
			t.Errorf("pattern %v is not 01 or 10", row)
		}
	}
	if mat.Equal(a.RowView(0), a.RowView(1)) {
		t.Error("the two patterns are equal")
	}
}
