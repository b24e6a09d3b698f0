// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func hopfieldTestRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 7)) }

func hopfieldRandomState(n int, rnd *rand.Rand) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = float64(rnd.IntN(2))
	}
	return s
}

// hopfieldNaiveEnergy is the lecture's definition written out with At:
// minus the weights of active pairs, minus the active biases.
func hopfieldNaiveEnergy(n *Net, s []float64) float64 {
	var e float64
	for i := range s {
		e -= n.B[i] * s[i]
		for j := i + 1; j < len(s); j++ {
			e -= n.W.At(i, j) * s[i] * s[j]
		}
	}
	return e
}

func TestEnergyAndGap(t *testing.T) {
	rnd := hopfieldTestRand(1)
	for trial := 0; trial < 20; trial++ {
		n := RandomNet(1+rnd.IntN(12), 1, rnd)
		s := hopfieldRandomState(n.NumUnits(), rnd)
		want := hopfieldNaiveEnergy(n, s)
		if got := n.Energy(s); math.Abs(got-want) > 1e-12 {
			t.Fatalf("Energy = %g, want %g", got, want)
		}
		if got := n.Goodness(s); math.Abs(got+want) > 1e-12 {
			t.Fatalf("Goodness = %g, want %g", got, -want)
		}
		for i := range s {
			off, on := append([]float64(nil), s...), append([]float64(nil), s...)
			off[i], on[i] = 0, 1
			want := hopfieldNaiveEnergy(n, off) - hopfieldNaiveEnergy(n, on)
			if got := n.Gap(s, i); math.Abs(got-want) > 1e-12 {
				t.Fatalf("Gap(%d) = %g, want E(off)−E(on) = %g", i, got, want)
			}
		}
	}
}

func TestSettleNeverIncreasesEnergy(t *testing.T) {
	rnd := hopfieldTestRand(2)
	for trial := 0; trial < 50; trial++ {
		n := RandomNet(30, 1, rnd)
		s := hopfieldRandomState(30, rnd)
		var order *rand.Rand
		if trial%2 == 0 {
			order = rnd
		}
		start := n.Energy(s)
		es := n.Settle(s, order)
		prev := start
		for k, e := range es {
			if e > prev+1e-12 {
				t.Fatalf("trial %d: energy rose from %g to %g at update %d", trial, prev, e, k)
			}
			prev = e
		}
		if got := n.Energy(s); math.Abs(got-es[len(es)-1]) > 1e-9 {
			t.Fatalf("trial %d: tracked energy %g, actual %g", trial, es[len(es)-1], got)
		}
		if !n.IsFixedPoint(s) {
			t.Fatalf("trial %d: Settle stopped at a state that is not a fixed point", trial)
		}
	}
}

func TestLectureHopfield(t *testing.T) {
	n := LectureHopfield()
	ex, err := Enumerate(n, 1)
	if err != nil {
		t.Fatal(err)
	}
	minima := ex.LocalMinima()
	if len(minima) != 2 {
		t.Fatalf("found %d local minima, want 2: %v", len(minima), minima)
	}
	got := map[float64][]float64{}
	for _, k := range minima {
		s := ex.State(k)
		if !n.IsLocalMinimum(s) {
			t.Errorf("enumeration and IsLocalMinimum disagree on %v", s)
		}
		got[n.Energy(s)] = s
	}
	if s, ok := got[-4]; !ok || fmt.Sprint(s) != "[1 1 1 0 0]" {
		t.Errorf("no local minimum {0,1,2} with energy −4: %v", got)
	}
	if s, ok := got[-5]; !ok || fmt.Sprint(s) != "[0 0 1 1 1]" {
		t.Errorf("no local minimum {2,3,4} with energy −5: %v", got)
	}
	if g := ex.Ground(); n.Energy(ex.State(g)) != -5 {
		t.Errorf("global minimum energy %g, want −5", n.Energy(ex.State(g)))
	}
	hasMinus5 := false
	for i := 0; i < 5; i++ {
		for j := i + 1; j < 5; j++ {
			hasMinus5 = hasMinus5 || n.W.At(i, j) == -5
		}
	}
	if !hasMinus5 {
		t.Error("lecture net has no −5 weight")
	}
	// Deterministic descent from the state just off the shallow minimum
	// stays in it: the ball stops in A, not B.
	s := []float64{1, 1, 0, 0, 0}
	n.Settle(s, nil)
	if fmt.Sprint(s) != "[1 1 1 0 0]" {
		t.Errorf("settling from 11000 reached %v, want the local minimum 11100", s)
	}
}

func TestHebbianStorageAndRecall(t *testing.T) {
	rnd := hopfieldTestRand(3)
	const units, count = 100, 4
	patterns := mat.NewDense(count, units, nil)
	for r := 0; r < count; r++ {
		copy(patterns.RawRowView(r), hopfieldRandomState(units, rnd))
	}
	n := HebbianNet(patterns)
	n.Validate()
	for r := 0; r < count; r++ {
		p := patterns.RawRowView(r)
		if !n.IsFixedPoint(p) {
			t.Errorf("stored pattern %d is not a fixed point", r)
		}
		cue := Corrupt(p, 15, rnd)
		if d := Hamming(cue, p); d != 15 {
			t.Fatalf("Corrupt flipped %d units, want 15", d)
		}
		if got := n.Recall(cue, rnd); Hamming(got, p) != 0 {
			t.Errorf("recall of pattern %d from a cue with 15 flips ended %d units away", r, Hamming(got, p))
		}
		// A partial cue: the second half of the pattern unknown (all off).
		half := append([]float64(nil), p...)
		clear(half[units/2:])
		if got := n.Recall(half, rnd); Hamming(got, p) != 0 {
			t.Errorf("recall of pattern %d from its first half ended %d units away", r, Hamming(got, p))
		}
	}
	// The 0/1 gap must be twice Hopfield's ±1 local field Σ_j J_ij x_j
	// with J_ij = Σ_p x_i x_j / N, computed here independently.
	s := hopfieldRandomState(units, rnd)
	x := ToPlusMinus(s)
	for i := 0; i < units; i++ {
		var h float64
		for j := 0; j < units; j++ {
			if j == i {
				continue
			}
			var jij float64
			for r := 0; r < count; r++ {
				jij += (2*patterns.At(r, i) - 1) * (2*patterns.At(r, j) - 1)
			}
			h += jij / units * x[j]
		}
		if got := n.Gap(s, i); math.Abs(got-2*h) > 1e-9 {
			t.Fatalf("gap of unit %d is %g, want twice the ±1 field %g", i, got, 2*h)
		}
	}
	if back := FromPlusMinus(x); Hamming(back, s) != 0 {
		t.Error("FromPlusMinus(ToPlusMinus(s)) != s")
	}
}

func TestCapacity(t *testing.T) {
	// Reference: Amit, Gutfreund & Sompolinsky (1985) put the capacity
	// at 0.138·N; at N = 100 that is ≈14 patterns, so 5 is well below and
	// 25 well above. At 14 exact recall is ≈0.8 (an independent numpy
	// implementation measures 0.80), which Capacity's doc quotes.
	got := Capacity(100, []int{5, 14, 25}, &CapacityConfig{Trials: 40, Seed: 1})
	if got[0] < 0.9 {
		t.Errorf("recall at 5 patterns = %g, want ≥ 0.9", got[0])
	}
	if got[1] < 0.7 || got[1] > 0.87 {
		t.Errorf("recall at 14 patterns = %g, want ≈0.8", got[1])
	}
	if got[2] > 0.2 {
		t.Errorf("recall at 25 patterns = %g, want ≤ 0.2", got[2])
	}
	for _, c := range []CapacityConfig{{Trials: -1}, {CueFlips: -2}, {Tolerance: 1.5}} {
		hopfieldMustPanic(t, fmt.Sprintf("Capacity with %+v", c), func() { Capacity(10, []int{2}, &c) })
	}
}

// hopfieldMustPanic checks that f panics with a "bm: " message.
func hopfieldMustPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Errorf("%s: did not panic", name)
			return
		}
		msg := fmt.Sprint(r)
		if !strings.HasPrefix(msg, "bm: ") {
			t.Errorf("%s: panic %q lacks the bm: prefix", name, msg)
		}
	}()
	f()
}

func TestPhysicsPanics(t *testing.T) {
	n := RandomNet(4, 1, hopfieldTestRand(4))
	diag := mat.NewSymDense(3, nil)
	diag.SetSym(1, 1, 2)
	m := NewMachine(2, 2, nil)
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"short state", func() { n.Energy([]float64{1, 0}) }},
		{"gap unit out of range", func() { n.Gap(make([]float64, 4), 4) }},
		{"non-zero diagonal", func() { NewNetFrom(diag, nil) }},
		{"bias length", func() { NewNetFrom(mat.NewSymDense(3, nil), []float64{1}) }},
		{"clamp out of range", func() { NewGibbs(n, 1, hopfieldTestRand(1)).Clamp(7) }},
		{"clamp negative", func() { NewGibbs(n, 1, hopfieldTestRand(1)).Clamp(-1) }},
		{"sweep short state", func() { NewGibbs(n, 1, hopfieldTestRand(1)).Sweep(make([]float64, 3)) }},
		{"noisy sweep without Rand", func() { NewGibbs(n, 1, nil).Sweep(make([]float64, 4)) }},
		{"negative temperature", func() { NewGibbs(n, -1, nil) }},
		{"noisy update without Rand", func() { n.UpdateNoisy(make([]float64, 4), 0, 1, nil) }},
		{"negative schedule temperature", func() {
			NewGibbs(n, 1, hopfieldTestRand(1)).Anneal(make([]float64, 4), Schedule{1, -1})
		}},
		{"bad schedule", func() { GeometricSchedule(0, 1, 3) }},
		{"dream none", func() { m.Dream(0, 1, hopfieldTestRand(1)) }},
		{"enumerate clamp out of range", func() { EnumerateClamped(n, 1, []int{9}, []float64{1}) }},
		{"enumerate clamp non-binary", func() { EnumerateClamped(n, 1, []int{0}, []float64{0.5}) }},
		{"enumerate zero temperature", func() { Enumerate(n, 0) }},
		{"machine data columns", func() { m.ExactLogLikelihood(mat.NewDense(1, 3, nil)) }},
		{"machine data values", func() { m.ExactGradient(mat.NewDense(1, 2, []float64{0.5, 1})) }},
		{"mask size", func() { NewMachine(2, 2, mat.NewSymDense(3, nil)) }},
		{"chains start length", func() { NewChains(NewGibbs(n, 1, hopfieldTestRand(1)), 2, []float64{1}) }},
		{"corrupt too many", func() { Corrupt([]float64{1, 0}, 3, hopfieldTestRand(1)) }},
		{"chain link", func() { NewChainMachine(2, 1).Weight(3) }},
		{"compare bins", func() {
			ex, _ := Enumerate(n, 1)
			ex.Compare(make([]float64, 3))
		}},
	} {
		hopfieldMustPanic(t, c.name, c.f)
	}
}
