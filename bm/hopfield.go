// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// Net is a network of binary units with symmetric weights: Hopfield's
// net when its units are updated deterministically, a Boltzmann machine
// when they are noisy (see Gibbs). States are []float64 holding 0 or 1
// per unit.
//
// W must be symmetric with a zero diagonal (no unit talks to itself)
// and B must have one bias per unit. Methods panic with a "bm: "
// message when a state has the wrong length; NewNetFrom checks W and B.
type Net struct {
	// W[i][j] is the weight between units i and j.
	W *mat.SymDense
	// B[i] is the bias of unit i, the weight from a unit that is always on.
	B []float64
}

// NewNet returns a net of n units with zero weights and biases.
func NewNet(n int) *Net {
	if n <= 0 {
		panic(fmt.Sprintf("bm: net needs at least one unit, got %d", n))
	}
	return &Net{W: mat.NewSymDense(n, nil), B: make([]float64, n)}
}

// NewNetFrom returns a net with weights w and biases b (not copied).
// A nil b means zero biases. It panics if w has a non-zero diagonal
// or b has the wrong length.
func NewNetFrom(w *mat.SymDense, b []float64) *Net {
	n := w.SymmetricDim()
	if b == nil {
		b = make([]float64, n)
	}
	net := &Net{W: w, B: b}
	net.Validate()
	return net
}

// RandomNet returns a fully connected net of n units whose weights and
// biases are drawn from a normal distribution with standard deviation
// scale.
func RandomNet(n int, scale float64, rnd *rand.Rand) *Net {
	net := NewNet(n)
	for i := 0; i < n; i++ {
		net.B[i] = scale * rnd.NormFloat64()
		for j := i + 1; j < n; j++ {
			net.W.SetSym(i, j, scale*rnd.NormFloat64())
		}
	}
	return net
}

// Validate panics with a "bm: " message unless W is square with a zero
// diagonal and B has one entry per unit.
func (n *Net) Validate() {
	if n.W == nil {
		panic("bm: net has nil weights")
	}
	if n.W.RawSymmetric().Uplo != blas.Upper {
		panic("bm: weight matrix must store its upper triangle")
	}
	u := n.W.SymmetricDim()
	if len(n.B) != u {
		panic(fmt.Sprintf("bm: net has %d units but %d biases", u, len(n.B)))
	}
	for i := 0; i < u; i++ {
		if n.W.At(i, i) != 0 {
			panic(fmt.Sprintf("bm: weight matrix diagonal must be zero, W[%d][%d] = %g", i, i, n.W.At(i, i)))
		}
	}
}

// NumUnits returns the number of units.
func (n *Net) NumUnits() int { return n.W.SymmetricDim() }

// String describes the net's size.
func (n *Net) String() string {
	return fmt.Sprintf("net of %d binary units", n.NumUnits())
}

// Clone returns a deep copy of n.
func (n *Net) Clone() *Net {
	w := mat.NewSymDense(n.NumUnits(), nil)
	w.CopySym(n.W)
	return &Net{W: w, B: append([]float64(nil), n.B...)}
}

func (n *Net) checkState(s []float64) {
	if len(s) != n.NumUnits() {
		panic(fmt.Sprintf("bm: state has %d units, net has %d", len(s), n.NumUnits()))
	}
}

// Energy returns E(s) = −Σ_{i<j} s_i s_j w_ij − Σ_i b_i s_i: minus the
// sum of the weights between pairs of active units, minus the biases
// of the active units.
func (n *Net) Energy(s []float64) float64 {
	n.checkState(s)
	return hopfieldEnergy(n.W.RawSymmetric(), n.B, s)
}

// hopfieldEnergy computes the energy from the raw upper triangle.
func hopfieldEnergy(w blas64.Symmetric, b, s []float64) float64 {
	u := len(s)
	var e float64
	for i := 0; i < u; i++ {
		if s[i] == 0 {
			continue
		}
		e -= b[i] * s[i]
		row := w.Data[i*w.Stride : i*w.Stride+u]
		var g float64
		for j := i + 1; j < u; j++ {
			g += row[j] * s[j]
		}
		e -= g * s[i]
	}
	return e
}

// Goodness returns −Energy(s): the lecture's sum of the weights between
// active pairs (plus the active biases).
func (n *Net) Goodness(s []float64) float64 { return -n.Energy(s) }

// Gap returns unit i's energy gap ΔE_i = E(s with s_i = 0) − E(s with
// s_i = 1) = b_i + Σ_j w_ij s_j, its total input. It does not depend on
// s_i itself.
func (n *Net) Gap(s []float64, i int) float64 {
	n.checkState(s)
	n.checkUnit(i)
	return hopfieldGap(n.W.RawSymmetric(), n.B, s, i)
}

func (n *Net) checkUnit(i int) {
	if i < 0 || i >= n.NumUnits() {
		panic(fmt.Sprintf("bm: unit %d out of range [0, %d)", i, n.NumUnits()))
	}
}

// hopfieldGap is Gap without checks. The weight matrix stores only its
// upper triangle, so column i is read above the diagonal and row i
// beside it.
func hopfieldGap(w blas64.Symmetric, b, s []float64, i int) float64 {
	d, st := w.Data, w.Stride
	// Four partial sums break the chain of dependent additions.
	var g0, g1, g2, g3 float64
	j := 0
	for ; j+3 < i; j += 4 {
		g0 += d[j*st+i] * s[j]
		g1 += d[(j+1)*st+i] * s[j+1]
		g2 += d[(j+2)*st+i] * s[j+2]
		g3 += d[(j+3)*st+i] * s[j+3]
	}
	for ; j < i; j++ {
		g0 += d[j*st+i] * s[j]
	}
	row := d[i*st : i*st+len(s)]
	j = i + 1
	for ; j+3 < len(s); j += 4 {
		g1 += row[j] * s[j]
		g2 += row[j+1] * s[j+1]
		g3 += row[j+2] * s[j+2]
		g0 += row[j+3] * s[j+3]
	}
	for ; j < len(s); j++ {
		g1 += row[j] * s[j]
	}
	return b[i] + ((g0 + g1) + (g2 + g3))
}

// Update applies the deterministic rule to unit i: on if its gap is
// positive, off if it is negative, unchanged if it is exactly zero.
// It reports whether s_i changed. The energy never increases.
func (n *Net) Update(s []float64, i int) bool {
	n.checkState(s)
	n.checkUnit(i)
	return hopfieldUpdate(n.W.RawSymmetric(), n.B, s, i)
}

func hopfieldUpdate(w blas64.Symmetric, b, s []float64, i int) bool {
	g := hopfieldGap(w, b, s, i)
	old := s[i]
	switch {
	case g > 0:
		s[i] = 1
	case g < 0:
		s[i] = 0
	}
	return s[i] != old
}

// IsFixedPoint reports whether no deterministic update changes s.
func (n *Net) IsFixedPoint(s []float64) bool {
	n.checkState(s)
	w := n.W.RawSymmetric()
	for i := range s {
		g := hopfieldGap(w, n.B, s, i)
		if (g > 0 && s[i] == 0) || (g < 0 && s[i] == 1) {
			return false
		}
	}
	return true
}

// IsLocalMinimum reports whether every single flip strictly raises the
// energy of s: every unit that is on has a positive gap and every unit
// that is off a negative one. Unlike a fixed point, a state on a
// plateau (some gap exactly zero) is not a local minimum.
func (n *Net) IsLocalMinimum(s []float64) bool {
	n.checkState(s)
	w := n.W.RawSymmetric()
	for i := range s {
		g := hopfieldGap(w, n.B, s, i)
		if (s[i] == 1 && g <= 0) || (s[i] == 0 && g >= 0) {
			return false
		}
	}
	return true
}

// Settle applies the deterministic rule one unit at a time until s is
// a fixed point, changing s in place, and returns the energy after every
// single-unit update (so it is never increasing; its last value is the
// energy of the fixed point). Each sweep visits the units in a fresh
// random order drawn from rnd, or in the order 0, 1, … when rnd is nil.
// It always stops: every change lowers the energy strictly.
func (n *Net) Settle(s []float64, rnd *rand.Rand) []float64 {
	g := NewGibbs(n, 0, rnd)
	if rnd == nil {
		g.Order = FixedOrder
	}
	return g.Settle(s)
}

// Recall returns the fixed point reached by settling from cue (which is
// not changed), the Hopfield net's content-addressable memory.
func (n *Net) Recall(cue []float64, rnd *rand.Rand) []float64 {
	s := append([]float64(nil), cue...)
	n.Settle(s, rnd)
	return s
}

// HebbianNet returns a net of len(pattern) units storing the rows of
// patterns (0/1 values) by Hopfield's Hebb rule; see StoreHebbian.
func HebbianNet(patterns *mat.Dense) *Net {
	r, c := patterns.Dims()
	n := NewNet(c)
	for p := 0; p < r; p++ {
		n.StoreHebbian(patterns.RawRowView(p))
	}
	return n
}

// StoreHebbian adds the 0/1 pattern s to the net by Hopfield's rule in
// his ±1 convention, x = 2s − 1: J_ij += x_i x_j / N for i ≠ j. In the
// 0/1 convention the same energy (up to a constant) has weights
// w_ij = 4 J_ij and biases b_i = −2 Σ_j J_ij, so the 0/1 net makes
// exactly the updates Hopfield's ±1 net makes (the 0/1 gap is twice his
// local field Σ_j J_ij x_j).
func (n *Net) StoreHebbian(s []float64) {
	n.checkState(s)
	u := n.NumUnits()
	inv := 1 / float64(u)
	for i := 0; i < u; i++ {
		xi := 2*s[i] - 1
		for j := i + 1; j < u; j++ {
			dj := xi * (2*s[j] - 1) * inv
			n.W.SetSym(i, j, n.W.At(i, j)+4*dj)
			n.B[i] -= 2 * dj
			n.B[j] -= 2 * dj
		}
	}
}

// ToPlusMinus returns s mapped from 0/1 to Hopfield's ±1 convention
// (0 → −1, 1 → +1).
func ToPlusMinus(s []float64) []float64 {
	x := make([]float64, len(s))
	for i, v := range s {
		x[i] = 2*v - 1
	}
	return x
}

// FromPlusMinus returns x mapped from ±1 to 0/1 (x > 0 → 1, else 0).
func FromPlusMinus(x []float64) []float64 {
	s := make([]float64, len(x))
	for i, v := range x {
		if v > 0 {
			s[i] = 1
		}
	}
	return s
}

// Hamming returns the number of units on which a and b differ.
func Hamming(a, b []float64) int {
	if len(a) != len(b) {
		panic(fmt.Sprintf("bm: Hamming of states of lengths %d and %d", len(a), len(b)))
	}
	d := 0
	for i := range a {
		if a[i] != b[i] {
			d++
		}
	}
	return d
}

// Corrupt returns a copy of s with flips distinct units, chosen at
// random, flipped: a noisy cue.
func Corrupt(s []float64, flips int, rnd *rand.Rand) []float64 {
	if flips < 0 || flips > len(s) {
		panic(fmt.Sprintf("bm: cannot flip %d of %d units", flips, len(s)))
	}
	c := append([]float64(nil), s...)
	for _, i := range rnd.Perm(len(s))[:flips] {
		c[i] = 1 - c[i]
	}
	return c
}

// LectureHopfield returns the lecture's small Hopfield net (§3): five
// units, no biases, whose energy landscape has exactly two local minima,
// units {0, 1, 2} on with energy −4 (goodness 4, a local minimum) and
// units {2, 3, 4} on with energy −5 (the global minimum). Units 1 and 3
// inhibit each other with weight −5.
func LectureHopfield() *Net {
	n := NewNet(5)
	for _, e := range []struct {
		i, j int
		w    float64
	}{
		{0, 1, 2}, {0, 2, 1}, {1, 2, 1}, // the local minimum: 2+1+1 = 4
		{2, 3, 2}, {2, 4, 1}, {3, 4, 2}, // the global minimum: 2+1+2 = 5
		{1, 3, -5}, {0, 4, -1}, {0, 3, -1}, {1, 4, -1},
	} {
		n.W.SetSym(e.i, e.j, e.w)
	}
	return n
}
