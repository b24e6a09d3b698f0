// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

func TestProbOn(t *testing.T) {
	n := NewNet(2)
	n.W.SetSym(0, 1, 2)
	n.B[0] = -1
	s := []float64{0, 1}
	// Gap of unit 0 is −1 + 2 = 1.
	for _, T := range []float64{0.5, 1, 3} {
		want := 1 / (1 + math.Exp(-1/T))
		if got := n.ProbOn(s, 0, T); math.Abs(got-want) > 1e-15 {
			t.Errorf("ProbOn at T=%g = %g, want %g", T, got, want)
		}
	}
	if got := n.ProbOn(s, 0, 0); got != 1 {
		t.Errorf("ProbOn at T=0 with positive gap = %g, want 1", got)
	}
	if got := n.UpdateNoisy(s, 0, 0, nil); got != 1 {
		t.Errorf("zero-temperature noisy update gave %g, want 1", got)
	}
	// The empirical frequency of noisy updates matches σ(ΔE/T).
	rnd := hopfieldTestRand(20)
	const draws = 200000
	on := 0
	for k := 0; k < draws; k++ {
		s[0] = 0
		on += int(n.UpdateNoisy(s, 0, 2, rnd))
	}
	want := Sigmoid(0.5)
	if got := float64(on) / draws; math.Abs(got-want) > 5*math.Sqrt(want*(1-want)/draws) {
		t.Errorf("unit turned on %g of the time, want %g", got, want)
	}
}

func TestGibbsReachesEquilibrium(t *testing.T) {
	// A random 10-unit net; 100000 independent chains ("a million
	// identical networks", scaled down) started in the same state.
	rnd := hopfieldTestRand(21)
	n := RandomNet(10, 1, rnd)
	ex, err := Enumerate(n, 1)
	if err != nil {
		t.Fatal(err)
	}
	g := NewGibbs(n, 1, rnd)
	chains := NewChains(g, 100000, nil)
	h0, _ := chains.Histogram()
	kl0, _ := ex.Compare(h0)
	chains.Sweeps(20)
	h, err := chains.Histogram()
	if err != nil {
		t.Fatal(err)
	}
	kl, tv := ex.Compare(h)
	t.Logf("100000 chains: KL %.4g at start, %.4g after 20 sweeps (TV %.4g)", kl0, kl, tv)
	// Sampling noise alone gives KL ≈ (bins−1)/(2·chains) ≈ 0.005.
	if kl > 0.01 {
		t.Errorf("KL(sampled‖exact) = %g after 20 sweeps, want ≤ 0.01 (started at %g; TV %g)", kl, kl0, tv)
	}
	if k2 := KLDivergence(h, ex.Probs()); math.Abs(k2-kl) > 1e-9 {
		t.Errorf("KLDivergence = %g, Compare = %g", k2, kl)
	}
	if t2 := TotalVariation(h, ex.Probs()); math.Abs(t2-tv) > 1e-9 {
		t.Errorf("TotalVariation = %g, Compare = %g", t2, tv)
	}

	// One long chain per visiting order, sampled after every sweep, must
	// reach the same distribution (its samples are correlated, so it
	// needs more of them than independent chains do).
	if testing.Short() {
		return
	}
	for _, order := range []Order{RandomOrder, FixedOrder, RandomPicks} {
		g := NewGibbs(n, 1, rnd)
		g.Order = order
		s := make([]float64, 10)
		g.Sweeps(s, 100)
		const sweeps = 150000
		h := make([]float64, 1<<10)
		for k := 0; k < sweeps; k++ {
			g.Sweep(s)
			h[StateIndex(s)] += 1.0 / sweeps
		}
		kl, _ := ex.Compare(h)
		t.Logf("order %d: one chain of %d sweeps: KL = %.4g", order, sweeps, kl)
		if kl > 0.01 {
			t.Errorf("order %d: one long chain has KL = %g, want ≤ 0.01", order, kl)
		}
	}
}

func TestGibbsClampedMatchesExact(t *testing.T) {
	rnd := hopfieldTestRand(22)
	n := RandomNet(9, 1, rnd)
	clamped, values := []int{0, 4, 8}, []float64{1, 0, 1}
	ex, err := EnumerateClamped(n, 1.5, clamped, values)
	if err != nil {
		t.Fatal(err)
	}
	g := NewGibbs(n, 1.5, rnd)
	g.Clamp(clamped...)
	start := make([]float64, 9)
	start[0], start[8] = 1, 1
	chains := NewChains(g, 40000, start)
	chains.Sweeps(20)
	for r := 0; r < 40000; r++ {
		s := chains.S.RawRowView(r)
		if s[0] != 1 || s[4] != 0 || s[8] != 1 {
			t.Fatalf("chain %d changed a clamped unit: %v", r, s)
		}
	}
	kl, _ := ex.Compare(ex.Histogram(chains.S))
	// 64 bins, 40000 chains: sampling noise ≈ 63/80000 ≈ 0.0008.
	if kl > 0.005 {
		t.Errorf("clamped KL = %g, want ≤ 0.005", kl)
	}
}

func TestAnnealingBeatsDescent(t *testing.T) {
	// A frustrated random 16-unit net has many local minima. From the
	// same random starts, annealing should land in the global minimum
	// (known by enumeration) more often than zero-temperature descent.
	rnd := hopfieldTestRand(23)
	n := gibbsSpinGlass(16, rnd)
	ex, err := Enumerate(n, 1)
	if err != nil {
		t.Fatal(err)
	}
	ground := ex.Energies[ex.Ground()]
	if m := len(ex.LocalMinima()); m < 3 {
		t.Fatalf("test net has only %d local minima; pick another seed", m)
	}
	sched := GeometricSchedule(4, 0.05, 60)
	g := NewGibbs(n, 1, rnd)
	const starts = 200
	descentHits, annealHits := 0, 0
	for k := 0; k < starts; k++ {
		s := hopfieldRandomState(16, rnd)
		a := append([]float64(nil), s...)
		es := g.Settle(s)
		if len(es) > 0 && es[len(es)-1] <= ground+1e-9 {
			descentHits++
		}
		ea := g.Anneal(a, sched)
		if len(ea) != len(sched)+1 {
			t.Fatalf("Anneal returned %d energies, want %d", len(ea), len(sched)+1)
		}
		if !n.IsFixedPoint(a) {
			t.Fatal("Anneal did not end at a fixed point")
		}
		if ea[len(ea)-1] <= ground+1e-9 {
			annealHits++
		}
	}
	t.Logf("global minimum found: descent %d/%d, annealing %d/%d", descentHits, starts, annealHits, starts)
	if annealHits <= descentHits {
		t.Errorf("annealing found the global minimum %d times, descent %d times", annealHits, descentHits)
	}
}

// gibbsSpinGlass returns a Sherrington–Kirkpatrick spin glass (random
// ±1 couplings J_ij ~ N(0, 1/n), no fields) written in 0/1 form as
// StoreHebbian does: w = 4J, b_i = −2 Σ_j J_ij.
func gibbsSpinGlass(u int, rnd *rand.Rand) *Net {
	n := NewNet(u)
	for i := 0; i < u; i++ {
		for j := i + 1; j < u; j++ {
			J := rnd.NormFloat64() / math.Sqrt(float64(u))
			n.W.SetSym(i, j, 4*J)
			n.B[i] -= 2 * J
			n.B[j] -= 2 * J
		}
	}
	return n
}

func TestSchedules(t *testing.T) {
	g := GeometricSchedule(10, 0.1, 5)
	want := []float64{10, 10 * math.Pow(0.01, 0.25), 1, 10 * math.Pow(0.01, 0.75), 0.1}
	for k := range want {
		if math.Abs(g[k]-want[k]) > 1e-12 {
			t.Errorf("geometric schedule %v, want %v", g, want)
			break
		}
	}
	l := LinearSchedule(2, 0, 3)
	if l[0] != 2 || l[1] != 1 || l[2] != 0 {
		t.Errorf("linear schedule %v, want [2 1 0]", l)
	}
}

func TestSweepDoesNotAllocate(t *testing.T) {
	rnd := hopfieldTestRand(24)
	n := RandomNet(50, 0.3, rnd)
	s := hopfieldRandomState(50, rnd)
	for _, order := range []Order{RandomOrder, FixedOrder, RandomPicks} {
		g := NewGibbs(n, 1, rnd)
		g.Order = order
		g.Clamp(3, 7)
		if a := testing.AllocsPerRun(100, func() { g.Sweep(s) }); a != 0 {
			t.Errorf("order %d: Sweep allocates %g times per run", order, a)
		}
	}
}

func BenchmarkGibbsSweep(b *testing.B) {
	// One sweep of a dense n-unit net is n unit updates; ns/update is
	// the per-unit cost (n = 100 is the reference size).
	for _, u := range []int{10, 100, 400} {
		b.Run(fmt.Sprintf("n=%d", u), func(b *testing.B) {
			rnd := hopfieldTestRand(25)
			n := RandomNet(u, 1/math.Sqrt(float64(u)), rnd)
			s := hopfieldRandomState(u, rnd)
			g := NewGibbs(n, 1, rnd)
			b.ReportAllocs()
			for b.Loop() {
				g.Sweep(s)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*u), "ns/update")
		})
	}
}

func BenchmarkEnumerate(b *testing.B) {
	for _, u := range []int{12, 16, 20} {
		b.Run(fmt.Sprintf("n=%d", u), func(b *testing.B) {
			n := RandomNet(u, 1, hopfieldTestRand(26))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Enumerate(n, 1); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestChainsConvergence(t *testing.T) {
	rnd := hopfieldTestRand(27)
	n := LectureHopfield()
	ex, _ := Enumerate(n, 1)
	// All chains start in the shallow minimum; the histogram must move
	// towards equilibrium, where the deeper minimum is e times likelier.
	chains := NewChains(NewGibbs(n, 1, rnd), 20000, []float64{1, 1, 1, 0, 0})
	kl, tv := chains.Convergence(ex, 40)
	if len(kl) != 41 || len(tv) != 41 {
		t.Fatalf("got %d KL and %d TV values, want 41", len(kl), len(tv))
	}
	if kl[40] > 0.01 || tv[0] < 0.5 || tv[40] > 0.05 {
		t.Errorf("KL %g → %g, TV %g → %g; want the end near equilibrium", kl[0], kl[40], tv[0], tv[40])
	}
	h, _ := chains.Histogram()
	ratio := h[StateIndex([]float64{0, 0, 1, 1, 1})] / h[StateIndex([]float64{1, 1, 1, 0, 0})]
	if math.Abs(ratio-math.E) > 0.3 {
		t.Errorf("p(deep)/p(shallow) = %g, want e ≈ 2.718 (energies −5 and −4 at T = 1)", ratio)
	}
}
