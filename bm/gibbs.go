// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Order says in which order a sweep visits the free units.
type Order int

const (
	// RandomOrder visits every free unit once per sweep, in a fresh
	// random permutation each sweep. It is the default.
	RandomOrder Order = iota
	// FixedOrder visits the free units in increasing index order.
	FixedOrder
	// RandomPicks makes as many updates per sweep as there are free
	// units, each to a unit picked uniformly at random (so some units
	// may be visited twice and others not at all), as in the lecture's
	// "pick a unit at random and update it".
	RandomPicks
)

// Gibbs runs noisy units of a Net at temperature T: each update sets a
// unit on with probability σ(ΔE/T), which leaves the Boltzmann
// distribution p(s) ∝ exp(−E(s)/T) unchanged. Clamped units are never
// updated (visible units clamped to an image, for example).
//
// T = 0 is the deterministic Hopfield rule. Sweeps do not allocate.
type Gibbs struct {
	Net *Net
	// T is the temperature; 0 means deterministic updates.
	T float64
	// Order is the visiting order of a sweep.
	Order Order
	// Rand is the source of randomness. It may be nil only for
	// FixedOrder at T = 0.
	Rand *rand.Rand

	clamped []bool
	free    []int
}

// NewGibbs returns a Gibbs sampler for n at temperature T, visiting
// units in random order, with no unit clamped.
func NewGibbs(n *Net, T float64, rnd *rand.Rand) *Gibbs {
	n.Validate()
	if T < 0 {
		panic(fmt.Sprintf("bm: negative temperature %g", T))
	}
	g := &Gibbs{Net: n, T: T, Rand: rnd, clamped: make([]bool, n.NumUnits())}
	g.refreeze()
	return g
}

// Clamp clamps the given units: later updates leave them at whatever
// value the state holds. It panics if a unit is out of range.
func (g *Gibbs) Clamp(units ...int) {
	for _, i := range units {
		g.Net.checkUnit(i)
		g.clamped[i] = true
	}
	g.refreeze()
}

// Unclamp frees the given units, or all units when called with none.
func (g *Gibbs) Unclamp(units ...int) {
	if len(units) == 0 {
		clear(g.clamped)
	}
	for _, i := range units {
		g.Net.checkUnit(i)
		g.clamped[i] = false
	}
	g.refreeze()
}

// Clamped reports whether unit i is clamped.
func (g *Gibbs) Clamped(i int) bool { return g.clamped[i] }

// Free returns the indices of the units that updates may change.
func (g *Gibbs) Free() []int { return slices.Clone(g.free) }

func (g *Gibbs) refreeze() {
	g.free = g.free[:0]
	for i, c := range g.clamped {
		if !c {
			g.free = append(g.free, i)
		}
	}
}

// check panics unless s fits the sampler and a Rand is there when
// updates at temperature T need one.
func (g *Gibbs) check(s []float64) { g.checkAt(s, g.T) }

func (g *Gibbs) checkAt(s []float64, T float64) {
	g.Net.checkState(s)
	if len(g.clamped) != len(s) {
		panic("bm: Gibbs sampler's net changed size; make a new sampler")
	}
	if T < 0 {
		panic(fmt.Sprintf("bm: negative temperature %g", T))
	}
	if g.Rand == nil && (T != 0 || g.Order != FixedOrder) {
		panic("bm: Gibbs sampler needs a Rand for noisy or random-order updates")
	}
}

// Step updates unit i of s once at temperature g.T (clamped or not).
func (g *Gibbs) Step(s []float64, i int) {
	g.checkAt(s, g.T)
	g.Net.checkUnit(i)
	unitSet(s, i, hopfieldGap(g.Net.W.RawSymmetric(), g.Net.B, s, i), g.T, g.Rand)
}

// Sweep updates every free unit of s once (see Order).
func (g *Gibbs) Sweep(s []float64) {
	g.check(s)
	g.sweep(s, g.T)
}

// Sweeps runs k sweeps.
func (g *Gibbs) Sweeps(s []float64, k int) {
	g.check(s)
	for ; k > 0; k-- {
		g.sweep(s, g.T)
	}
}

// sweep is one sweep at temperature T, with no checks and no
// allocation; it returns the number of units that changed.
func (g *Gibbs) sweep(s []float64, T float64) int {
	w := g.Net.W.RawSymmetric()
	b := g.Net.B
	changed := 0
	visit := func(i int) {
		old := s[i]
		unitSet(s, i, hopfieldGap(w, b, s, i), T, g.Rand)
		if s[i] != old {
			changed++
		}
	}
	switch g.Order {
	case FixedOrder:
		for _, i := range g.free {
			visit(i)
		}
	case RandomPicks:
		for range g.free {
			visit(g.free[g.Rand.IntN(len(g.free))])
		}
	default:
		// Shuffle g.free in place: it stays a set of the free units.
		g.Rand.Shuffle(len(g.free), func(a, b int) { g.free[a], g.free[b] = g.free[b], g.free[a] })
		for _, i := range g.free {
			visit(i)
		}
	}
	return changed
}

// Settle runs deterministic (zero-temperature) updates of the free units
// until s is a fixed point, whatever g.T is, and returns the energy after
// every single-unit update; it never increases.
func (g *Gibbs) Settle(s []float64) []float64 {
	g.checkAt(s, 0)
	w := g.Net.W.RawSymmetric()
	b := g.Net.B
	e := hopfieldEnergy(w, b, s)
	var energies []float64
	for {
		changed := 0
		if g.Order != FixedOrder {
			g.Rand.Shuffle(len(g.free), func(a, b int) { g.free[a], g.free[b] = g.free[b], g.free[a] })
		}
		for _, i := range g.free {
			gap := hopfieldGap(w, b, s, i)
			old := s[i]
			unitSet(s, i, gap, 0, nil)
			if s[i] != old {
				changed++
				// Turning a unit on lowers E by its gap; off raises it.
				e -= (s[i] - old) * gap
			}
			energies = append(energies, e)
		}
		if changed == 0 {
			return energies
		}
	}
}

// Schedule is a temperature for each sweep of simulated annealing.
type Schedule []float64

// GeometricSchedule returns sweeps temperatures falling geometrically
// from t0 to t1 (both > 0).
func GeometricSchedule(t0, t1 float64, sweeps int) Schedule {
	if t0 <= 0 || t1 <= 0 || sweeps < 1 {
		panic(fmt.Sprintf("bm: geometric schedule needs positive temperatures and sweeps, got %g, %g, %d", t0, t1, sweeps))
	}
	s := make(Schedule, sweeps)
	for k := range s {
		f := 0.0
		if sweeps > 1 {
			f = float64(k) / float64(sweeps-1)
		}
		s[k] = t0 * math.Pow(t1/t0, f)
	}
	return s
}

// LinearSchedule returns sweeps temperatures falling linearly from t0
// to t1 (both ≥ 0).
func LinearSchedule(t0, t1 float64, sweeps int) Schedule {
	if t0 < 0 || t1 < 0 || sweeps < 1 {
		panic(fmt.Sprintf("bm: linear schedule needs non-negative temperatures and positive sweeps, got %g, %g, %d", t0, t1, sweeps))
	}
	s := make(Schedule, sweeps)
	for k := range s {
		f := 0.0
		if sweeps > 1 {
			f = float64(k) / float64(sweeps-1)
		}
		s[k] = t0 + (t1-t0)*f
	}
	return s
}

// Anneal runs simulated annealing on s: one sweep of the free units at
// each temperature of sched, then deterministic updates until s is a
// fixed point, so that s ends in a local minimum. It returns the energy
// after each sweep of the schedule followed by the final energy. g.T is
// left unchanged.
func (g *Gibbs) Anneal(s []float64, sched Schedule) []float64 {
	g.checkAt(s, 1)
	energies := make([]float64, 0, len(sched)+1)
	for _, T := range sched {
		if T < 0 {
			panic(fmt.Sprintf("bm: negative temperature %g in schedule", T))
		}
		g.sweep(s, T)
		energies = append(energies, g.Net.Energy(s))
	}
	g.Settle(s)
	return append(energies, g.Net.Energy(s))
}

// Chains is many independent copies of one net, each with its own
// state, updated by the same sampler: the lecture's "million identical
// networks" whose histogram of configurations reaches thermal
// equilibrium while every single net keeps changing.
type Chains struct {
	// S holds one state per row.
	S *mat.Dense
	// Gibbs updates every chain (its clamped units stay clamped in
	// every chain).
	Gibbs *Gibbs
}

// NewChains returns m chains of g's net all starting from start (nil
// means all units off).
func NewChains(g *Gibbs, m int, start []float64) *Chains {
	u := g.Net.NumUnits()
	if m < 1 {
		panic(fmt.Sprintf("bm: need at least one chain, got %d", m))
	}
	if start != nil && len(start) != u {
		panic(fmt.Sprintf("bm: start state has %d units, net has %d", len(start), u))
	}
	s := mat.NewDense(m, u, nil)
	if start != nil {
		for r := 0; r < m; r++ {
			copy(s.RawRowView(r), start)
		}
	}
	return &Chains{S: s, Gibbs: g}
}

// Sweeps runs k sweeps of every chain.
func (c *Chains) Sweeps(k int) {
	m, _ := c.S.Dims()
	for r := 0; r < m; r++ {
		s := c.S.RawRowView(r)
		c.Gibbs.check(s)
		for j := 0; j < k; j++ {
			c.Gibbs.sweep(s, c.Gibbs.T)
		}
	}
}

// Histogram returns the fraction of chains in each configuration,
// indexed by StateIndex. It returns ErrTooManyUnits for nets of more
// than MaxExactUnits units.
func (c *Chains) Histogram() ([]float64, error) { return StateHistogram(c.S) }

// Convergence runs sweeps sweeps of every chain and returns, before the
// first sweep and after each one, the distance between the chains'
// histogram and the exact distribution ex (see Exact.Compare): the
// lecture's approach to thermal equilibrium, ready to plot against
// sweeps. ex must describe the same net, temperature and clamping as
// c.Gibbs for the distance to fall to sampling noise.
func (c *Chains) Convergence(ex *Exact, sweeps int) (kl, tv []float64) {
	kl = make([]float64, 0, sweeps+1)
	tv = make([]float64, 0, sweeps+1)
	for k := 0; ; k++ {
		a, b := ex.Compare(ex.Histogram(c.S))
		kl, tv = append(kl, a), append(tv, b)
		if k == sweeps {
			return kl, tv
		}
		c.Sweeps(1)
	}
}

// MeanEnergy returns the average energy over the chains.
func (c *Chains) MeanEnergy() float64 {
	m, _ := c.S.Dims()
	var e float64
	for r := 0; r < m; r++ {
		e += c.Gibbs.Net.Energy(c.S.RawRowView(r))
	}
	return e / float64(m)
}
