// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Necker is a line drawing of a wire-frame cube and the hypotheses a
// perception network can entertain about it, after the lecture's
// section on perception as finding low-energy interpretations (Hinton,
// Martin Lecture 2025, ≈30:00).
//
// The drawing is the orthographic projection of a cube onto the image
// plane: 8 junctions (Points) and 12 lines. Depth z is lost in the
// projection, so each line could be any 3D edge whose ends lie on the
// lines of sight through its two image ends. Depth is discretised to
// len(Depths) levels, so each line has len(Depths)² candidate edges.
// Two candidates of different lines that share an image junction and
// give it the same depth "meet in depth" there (a Join); if they are
// also perpendicular in 3D the join is a right angle.
//
// The cube is built from the integer edge vectors (1, 2, 2),
// (2, 1, −2) and (2, −2, 1) (x, y, z; pairwise orthogonal, length 3)
// and the depths are the six levels 0 … 5, chosen so that the candidate
// set holds exactly two globally consistent cube interpretations:
// one candidate per line such that every two chosen edges sharing a
// junction meet there in depth at a right angle. They are the cube and
// its depth reversal (level z ↦ 5 − z), the two ways of seeing a
// Necker cube. Why only two: at a junction the three chosen edges have
// image vectors u with u·u' ≠ 0, so right angles force their depth
// steps to be ±(2, −2, 1), the sign fixed over the whole connected
// drawing, and the depth range 0 … 5 leaves no room to slide either
// cube in depth.
type Necker struct {
	Points [][2]float64 // image junctions (x, y)
	Lines  [][2]int     // image lines as pairs of Points indices
	Depths []float64    // the discrete depth levels

	// Candidates are all candidate 3D edges; LineCandidates[l] lists
	// the indices of those of line l.
	Candidates     []NeckerEdge
	LineCandidates [][]int
	// Joins lists every pair of candidates (A < B) of different lines
	// that meet in depth at a shared junction.
	Joins []NeckerJoin
	// Cubes holds the two cube interpretations the drawing was made
	// from, as the depth level of each point.
	Cubes [2][]int
}

// NeckerEdge is one candidate 3D edge for an image line: its ends are
// the line's two image points at the depths Depths[DepthFrom] and
// Depths[DepthTo] (From is at Points[Lines[Line][0]]).
type NeckerEdge struct {
	Line               int
	DepthFrom, DepthTo int
	From, To           [3]float64
}

// NeckerJoin says that candidates A and B meet in depth at Point.
type NeckerJoin struct {
	A, B       int
	Point      int
	RightAngle bool
}

// NewNecker builds the drawing and its candidate edges.
func NewNecker() *Necker {
	edge := [3][3]float64{{1, 2, 2}, {2, 1, -2}, {2, -2, 1}}
	n := &Necker{Depths: []float64{0, 1, 2, 3, 4, 5}}
	n.Cubes = [2][]int{make([]int, 8), make([]int, 8)}
	// Vertex v = (i, j, k) in bits; position i·a + j·b + k·c.
	for v := 0; v < 8; v++ {
		var pos [3]float64
		for d := 0; d < 3; d++ {
			if v>>d&1 == 1 {
				for c := range pos {
					pos[c] += edge[d][c]
				}
			}
		}
		n.Points = append(n.Points, [2]float64{pos[0], pos[1]})
		z := int(pos[2]) // −2 … 3
		n.Cubes[0][v] = z + 2
		n.Cubes[1][v] = 3 - z
		for d := 0; d < 3; d++ {
			if w := v | 1<<d; w != v {
				n.Lines = append(n.Lines, [2]int{v, w})
			}
		}
	}
	for l, ln := range n.Lines {
		var ids []int
		for i := range n.Depths {
			for j := range n.Depths {
				p, q := n.Points[ln[0]], n.Points[ln[1]]
				ids = append(ids, len(n.Candidates))
				n.Candidates = append(n.Candidates, NeckerEdge{
					Line: l, DepthFrom: i, DepthTo: j,
					From: [3]float64{p[0], p[1], n.Depths[i]},
					To:   [3]float64{q[0], q[1], n.Depths[j]},
				})
			}
		}
		n.LineCandidates = append(n.LineCandidates, ids)
	}
	for a := range n.Candidates {
		for b := a + 1; b < len(n.Candidates); b++ {
			if j, ok := n.join(a, b); ok {
				n.Joins = append(n.Joins, j)
			}
		}
	}
	return n
}

// join reports whether candidates a and b meet in depth at a shared
// junction, and whether at a right angle.
func (n *Necker) join(a, b int) (NeckerJoin, bool) {
	ea, eb := n.Candidates[a], n.Candidates[b]
	if ea.Line == eb.Line {
		return NeckerJoin{}, false
	}
	la, lb := n.Lines[ea.Line], n.Lines[eb.Line]
	for sa := 0; sa < 2; sa++ {
		for sb := 0; sb < 2; sb++ {
			if la[sa] != lb[sb] {
				continue
			}
			pa, oa := ea.From, ea.To
			if sa == 1 {
				pa, oa = oa, pa
			}
			pb, ob := eb.From, eb.To
			if sb == 1 {
				pb, ob = ob, pb
			}
			if pa[2] != pb[2] {
				return NeckerJoin{}, false
			}
			dot := 0.0
			for c := 0; c < 3; c++ {
				dot += (oa[c] - pa[c]) * (ob[c] - pb[c])
			}
			return NeckerJoin{A: a, B: b, Point: la[sa], RightAngle: math.Abs(dot) < 1e-9}, true
		}
	}
	return NeckerJoin{}, false
}

// Interpretations enumerates every globally consistent cube
// interpretation in the candidate set (depth-first search over lines,
// pruning on the junction constraints). Each is a candidate index per
// line. For the drawing of NewNecker there are exactly two.
func (n *Necker) Interpretations() [][]int {
	nc := len(n.Candidates)
	right := make([]bool, nc*nc)
	for _, j := range n.Joins {
		if j.RightAngle {
			right[j.A*nc+j.B], right[j.B*nc+j.A] = true, true
		}
	}
	touches := func(l, m int) bool {
		a, b := n.Lines[l], n.Lines[m]
		return a[0] == b[0] || a[0] == b[1] || a[1] == b[0] || a[1] == b[1]
	}
	var found [][]int
	choice := make([]int, len(n.Lines))
	var search func(l int)
	search = func(l int) {
		if l == len(n.Lines) {
			found = append(found, append([]int(nil), choice...))
			return
		}
	next:
		for _, c := range n.LineCandidates[l] {
			for m := 0; m < l; m++ {
				if touches(l, m) && !right[c*nc+choice[m]] {
					continue next
				}
			}
			choice[l] = c
			search(l + 1)
		}
	}
	search(0)
	return found
}

// Choice returns the candidate per line that puts the points at the
// given depth levels (such as Cubes[0]).
func (n *Necker) Choice(depths []int) []int {
	if len(depths) != len(n.Points) {
		panic(fmt.Sprintf("datasets: Necker.Choice: %d depths for %d points", len(depths), len(n.Points)))
	}
	choice := make([]int, len(n.Lines))
	for l, ln := range n.Lines {
		choice[l] = n.LineCandidates[l][depths[ln[0]]*len(n.Depths)+depths[ln[1]]]
	}
	return choice
}

// NeckerWeights sets the hand-wired weights of the perception network
// (zero fields take the defaults in brackets).
type NeckerWeights struct {
	// Line is the excitation each (clamped, on) line unit sends to
	// each of its candidates; it becomes the candidates' bias [1].
	Line float64
	// Rival is the inhibition between two candidates of one line [6].
	Rival float64
	// Join is the support between candidates meeting in depth [0.5],
	// RightAngle the support when they also meet at a right angle [2].
	Join, RightAngle float64
}

// Weights returns the symmetric weights and biases of a network with
// one unit per candidate edge, the image's line units being clamped on
// and folded into the biases. With the defaults each cube
// interpretation (its 12 candidates on, the rest off) is a local
// energy minimum: Rival > Line + 2·RightAngle stops any rival from
// turning on, and Line + 4·RightAngle > 0 keeps every chosen edge on.
func (n *Necker) Weights(cfg *NeckerWeights) (w *mat.SymDense, bias *mat.VecDense) {
	if cfg == nil {
		cfg = &NeckerWeights{}
	}
	c := NeckerWeights{
		Line:       orDefault(cfg.Line, 1),
		Rival:      orDefault(cfg.Rival, 6),
		Join:       orDefault(cfg.Join, 0.5),
		RightAngle: orDefault(cfg.RightAngle, 2),
	}
	nc := len(n.Candidates)
	w = mat.NewSymDense(nc, nil)
	bias = mat.NewVecDense(nc, nil)
	for i := 0; i < nc; i++ {
		bias.SetVec(i, c.Line)
	}
	for _, ids := range n.LineCandidates {
		for x, a := range ids {
			for _, b := range ids[x+1:] {
				w.SetSym(a, b, -c.Rival)
			}
		}
	}
	for _, j := range n.Joins {
		if j.RightAngle {
			w.SetSym(j.A, j.B, c.RightAngle)
		} else {
			w.SetSym(j.A, j.B, c.Join)
		}
	}
	return w, bias
}
