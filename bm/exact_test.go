// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// The reference in these tests is brute force: every configuration's
// energy recomputed from the definition, sums written out directly.

func TestEnumerateMatchesBruteForce(t *testing.T) {
	rnd := hopfieldTestRand(10)
	for trial := 0; trial < 10; trial++ {
		u := 1 + rnd.IntN(9)
		n := RandomNet(u, 1.5, rnd)
		T := 0.5 + rnd.Float64()*2
		ex, err := Enumerate(n, T)
		if err != nil {
			t.Fatal(err)
		}
		var z float64
		for k := 0; k < 1<<u; k++ {
			s := IndexState(k, u)
			if StateIndex(s) != k {
				t.Fatalf("StateIndex(IndexState(%d)) = %d", k, StateIndex(s))
			}
			e := hopfieldNaiveEnergy(n, s)
			if math.Abs(ex.Energies[k]-e) > 1e-9 {
				t.Fatalf("energy of %v = %g, want %g", s, ex.Energies[k], e)
			}
			z += math.Exp(-e / T)
		}
		if math.Abs(ex.LogZ-math.Log(z)) > 1e-9 {
			t.Fatalf("log Z = %g, want %g", ex.LogZ, math.Log(z))
		}
		// Marginals and correlations by direct sums.
		p := ex.Probs()
		corr := ex.Correlations()
		marg := ex.Marginals()
		for i := 0; i < u; i++ {
			for j := i; j < u; j++ {
				var want float64
				for k := range p {
					s := IndexState(k, u)
					want += p[k] * s[i] * s[j]
				}
				if math.Abs(corr.At(i, j)-want) > 1e-12 {
					t.Fatalf("⟨s%d s%d⟩ = %g, want %g", i, j, corr.At(i, j), want)
				}
				if i == j && math.Abs(marg[i]-want) > 1e-12 {
					t.Fatalf("⟨s%d⟩ = %g, want %g", i, marg[i], want)
				}
			}
		}
		// Local minima by checking every state with IsLocalMinimum.
		minima := map[int]bool{}
		for _, k := range ex.LocalMinima() {
			minima[k] = true
		}
		for k := range p {
			if n.IsLocalMinimum(IndexState(k, u)) != minima[k] {
				t.Fatalf("local minimum %d: enumeration says %v", k, minima[k])
			}
		}
	}
}

func TestEnumerateClamped(t *testing.T) {
	rnd := hopfieldTestRand(11)
	const u = 7
	n := RandomNet(u, 1, rnd)
	clamped, values := []int{5, 1, 3}, []float64{1, 0, 1}
	ex, err := EnumerateClamped(n, 1, clamped, values)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Len() != 1<<(u-3) {
		t.Fatalf("%d configurations, want %d", ex.Len(), 1<<(u-3))
	}
	// Reference: condition the full enumeration on the clamped values.
	full, _ := Enumerate(n, 1)
	fp := full.Probs()
	var mass float64
	want := make([][]float64, u)
	for i := range want {
		want[i] = make([]float64, u)
	}
	for k := range fp {
		s := IndexState(k, u)
		if s[5] != 1 || s[1] != 0 || s[3] != 1 {
			continue
		}
		mass += fp[k]
		for i := 0; i < u; i++ {
			for j := 0; j < u; j++ {
				want[i][j] += fp[k] * s[i] * s[j]
			}
		}
	}
	c := ex.Correlations()
	for i := 0; i < u; i++ {
		for j := 0; j < u; j++ {
			if w := want[i][j] / mass; math.Abs(c.At(i, j)-w) > 1e-12 {
				t.Fatalf("clamped ⟨s%d s%d⟩ = %g, want %g", i, j, c.At(i, j), w)
			}
		}
	}
	for k := 0; k < ex.Len(); k++ {
		s := ex.State(k)
		if math.Abs(ex.Energies[k]-hopfieldNaiveEnergy(n, s)) > 1e-9 {
			t.Fatalf("clamped energy of %v wrong", s)
		}
		if ex.Index(s) != k {
			t.Fatalf("Index(State(%d)) = %d", k, ex.Index(s))
		}
	}
}

func TestEnumerateLargeEnergiesDoNotOverflow(t *testing.T) {
	n := RandomNet(10, 2000, hopfieldTestRand(12))
	ex, err := Enumerate(n, 1)
	if err != nil {
		t.Fatal(err)
	}
	if math.IsInf(ex.LogZ, 0) || math.IsNaN(ex.LogZ) {
		t.Fatalf("log Z = %g", ex.LogZ)
	}
	var sum float64
	for _, p := range ex.Probs() {
		sum += p
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Fatalf("probabilities sum to %g", sum)
	}
	// At very low temperature all mass sits on the ground state.
	if p := math.Exp(ex.At(0.01).LogProb(ex.Ground())); p < 0.999 {
		t.Fatalf("ground state probability at T=0.01 is %g", p)
	}
}

func TestEnumerateTooManyUnits(t *testing.T) {
	n := NewNet(MaxExactUnits + 1)
	if _, err := Enumerate(n, 1); !errors.Is(err, ErrTooManyUnits) {
		t.Fatalf("Enumerate of %d units: err = %v, want ErrTooManyUnits", MaxExactUnits+1, err)
	}
	m := NewMachine(2, MaxExactUnits-1, nil)
	if _, err := m.ExactLogLikelihood(ChainData()); !errors.Is(err, ErrTooManyUnits) {
		t.Fatalf("ExactLogLikelihood of %d units: err = %v, want ErrTooManyUnits", m.NumUnits(), err)
	}
	if _, err := m.ExactGradient(ChainData()); !errors.Is(err, ErrTooManyUnits) {
		t.Fatalf("ExactGradient of %d units: err = %v, want ErrTooManyUnits", m.NumUnits(), err)
	}
	if _, err := StateHistogram(mat.NewDense(1, MaxExactUnits+1, nil)); !errors.Is(err, ErrTooManyUnits) {
		t.Fatalf("StateHistogram: err = %v, want ErrTooManyUnits", err)
	}
	// Clamping brings the free units back under the limit.
	if _, err := EnumerateClamped(n, 1, []int{0, 1}, []float64{1, 0}); err != nil {
		t.Fatalf("EnumerateClamped with %d free units: %v", n.NumUnits()-2, err)
	}
}
