// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestNeckerStructure(t *testing.T) {
	n := NewNecker()
	if len(n.Points) != 8 || len(n.Lines) != 12 {
		t.Fatalf("%d points, %d lines", len(n.Points), len(n.Lines))
	}
	degree := make([]int, len(n.Points))
	for _, l := range n.Lines {
		degree[l[0]]++
		degree[l[1]]++
	}
	for p, d := range degree {
		if d != 3 {
			t.Errorf("junction %d joins %d lines, want 3", p, d)
		}
	}
	for p := range n.Points {
		for q := p + 1; q < len(n.Points); q++ {
			if n.Points[p] == n.Points[q] {
				t.Errorf("points %d and %d coincide", p, q)
			}
		}
	}
	d := len(n.Depths)
	if len(n.Candidates) != 12*d*d {
		t.Fatalf("%d candidates", len(n.Candidates))
	}
	for l, ids := range n.LineCandidates {
		for _, c := range ids {
			e := n.Candidates[c]
			p, q := n.Points[n.Lines[l][0]], n.Points[n.Lines[l][1]]
			if e.Line != l || e.From[0] != p[0] || e.From[1] != p[1] || e.To[0] != q[0] || e.To[1] != q[1] {
				t.Fatalf("candidate %d does not project onto line %d", c, l)
			}
		}
	}
	// Each pair of lines at a junction (8 × 3 pairs) has d·d·d
	// candidate pairs that agree on the junction's depth.
	if want := 8 * 3 * d * d * d; len(n.Joins) != want {
		t.Errorf("%d joins, want %d", len(n.Joins), want)
	}
	right := 0
	for _, j := range n.Joins {
		a, b := n.Candidates[j.A], n.Candidates[j.B]
		if j.A >= j.B || a.Line == b.Line {
			t.Fatalf("bad join %+v", j)
		}
		if j.RightAngle {
			right++
		}
	}
	if right == 0 || right == len(n.Joins) {
		t.Errorf("%d of %d joins are right angles", right, len(n.Joins))
	}
}

// TestNeckerTwoInterpretations enumerates the candidate set: exactly
// two globally consistent cubes, the two the drawing was built from,
// each the depth reversal of the other.
func TestNeckerTwoInterpretations(t *testing.T) {
	n := NewNecker()
	got := n.Interpretations()
	if len(got) != 2 {
		t.Fatalf("%d consistent interpretations, want 2", len(got))
	}
	want := [][]int{n.Choice(n.Cubes[0]), n.Choice(n.Cubes[1])}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(g []int) bool { return slices.Equal(g, w) }) {
			t.Errorf("cube %v not found among %v", w, got)
		}
	}
	top := len(n.Depths) - 1
	for p := range n.Points {
		if n.Cubes[0][p]+n.Cubes[1][p] != top {
			t.Errorf("point %d: depths %d and %d are not reversed", p, n.Cubes[0][p], n.Cubes[1][p])
		}
	}
	// Independent check by brute force over depth levels of the 8
	// points (6^8 assignments): right angles at every junction,
	// tested with 3D vectors computed here.
	count := 0
	depth := make([]int, 8)
	var rec func(int)
	rec = func(p int) {
		if p == 8 {
			for v := range n.Points {
				var vec [][3]float64
				for _, l := range n.Lines {
					if l[0] == v || l[1] == v {
						o := l[0] + l[1] - v
						vec = append(vec, [3]float64{
							n.Points[o][0] - n.Points[v][0], n.Points[o][1] - n.Points[v][1],
							n.Depths[depth[o]] - n.Depths[depth[v]]})
					}
				}
				for i := range vec {
					for j := i + 1; j < len(vec); j++ {
						if vec[i][0]*vec[j][0]+vec[i][1]*vec[j][1]+vec[i][2]*vec[j][2] != 0 {
							return
						}
					}
				}
			}
			count++
			return
		}
		for z := range n.Depths {
			depth[p] = z
			rec(p + 1)
		}
	}
	rec(0)
	if count != 2 {
		t.Errorf("brute force finds %d cubes, want 2", count)
	}
}

// TestNeckerWeights checks that with the default weights each cube is
// a local energy minimum (no single unit flip lowers the energy) and
// deeper than the flat reading with every point at one depth.
func TestNeckerWeights(t *testing.T) {
	n := NewNecker()
	w, b := n.Weights(nil)
	nc := len(n.Candidates)
	energy := func(s *mat.VecDense) float64 {
		var ws mat.VecDense
		ws.MulVec(w, s)
		return -0.5*mat.Dot(s, &ws) - mat.Dot(b, s)
	}
	state := func(choice []int) *mat.VecDense {
		s := mat.NewVecDense(nc, nil)
		for _, c := range choice {
			s.SetVec(c, 1)
		}
		return s
	}
	flat := energy(state(n.Choice(make([]int, 8))))
	for k, cube := range n.Cubes {
		s := state(n.Choice(cube))
		e := energy(s)
		if e >= flat {
			t.Errorf("cube %d energy %v not below the flat reading %v", k, e, flat)
		}
		for i := 0; i < nc; i++ {
			s.SetVec(i, 1-s.AtVec(i))
			if ef := energy(s); ef < e {
				t.Fatalf("cube %d: flipping unit %d lowers the energy from %v to %v", k, i, e, ef)
			}
			s.SetVec(i, 1-s.AtVec(i))
		}
	}
}
