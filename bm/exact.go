// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"fmt"
	"math"
	"math/bits"

	"gonum.org/v1/gonum/mat"
)

func exactTooMany(n int) error {
	return fmt.Errorf("%w: %d free units means 2^%d configurations, the limit is %d (MaxExactUnits); use Gibbs sampling or clamp more units",
		ErrTooManyUnits, n, n, MaxExactUnits)
}

// StateIndex returns the index of configuration s among the 2^n
// configurations of n units: bit i of the index is s_i. It panics for
// more than 62 units.
func StateIndex(s []float64) int {
	if len(s) > 62 {
		panic(fmt.Sprintf("bm: cannot index a state of %d units", len(s)))
	}
	k := 0
	for i, v := range s {
		if v != 0 {
			k |= 1 << i
		}
	}
	return k
}

// IndexState returns the configuration of n units with index k (see
// StateIndex).
func IndexState(k, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = float64(k >> i & 1)
	}
	return s
}

// Exact is the Boltzmann distribution p(s) ∝ exp(−E(s)/T) of a net,
// computed by listing every configuration of its free units, optionally
// with some units clamped to fixed values (the wake phase, or
// interpretation of a clamped image).
//
// Configuration k of the free units sets Free[i] to bit i of k; State(k)
// returns the full state with the clamped units at their values.
type Exact struct {
	Net *Net
	// T is the temperature of the distribution.
	T float64
	// Free are the units that vary; Clamped and Values the units held
	// fixed and their values.
	Free, Clamped []int
	Values        []float64
	// Energies[k] is the full net's energy E(s) of configuration k.
	Energies []float64
	// LogZ is log Σ_k exp(−Energies[k]/T), the log partition function
	// (of the clamped net when units are clamped).
	LogZ float64
}

// Enumerate lists every configuration of n at temperature T > 0. It
// returns an error wrapping ErrTooManyUnits when n has more than
// MaxExactUnits units.
func Enumerate(n *Net, T float64) (*Exact, error) {
	return EnumerateClamped(n, T, nil, nil)
}

// EnumerateClamped is Enumerate with units clamped[i] held at values[i]
// (0 or 1): the conditional distribution of the other units. Only the
// free units count towards MaxExactUnits.
func EnumerateClamped(n *Net, T float64, clamped []int, values []float64) (*Exact, error) {
	n.Validate()
	if !(T > 0) {
		panic(fmt.Sprintf("bm: exact distribution needs a positive temperature, got %g", T))
	}
	if len(clamped) != len(values) {
		panic(fmt.Sprintf("bm: %d clamped units but %d values", len(clamped), len(values)))
	}
	u := n.NumUnits()
	isClamped := make([]bool, u)
	base := make([]float64, u)
	for k, i := range clamped {
		n.checkUnit(i)
		if isClamped[i] {
			panic(fmt.Sprintf("bm: unit %d clamped twice", i))
		}
		if values[k] != 0 && values[k] != 1 {
			panic(fmt.Sprintf("bm: clamped value %g of unit %d is not 0 or 1", values[k], i))
		}
		isClamped[i] = true
		base[i] = values[k]
	}
	var free []int
	for i := 0; i < u; i++ {
		if !isClamped[i] {
			free = append(free, i)
		}
	}
	if len(free) > MaxExactUnits {
		return nil, exactTooMany(len(free))
	}
	e := &Exact{
		Net: n, T: T,
		Free:    free,
		Clamped: append([]int(nil), clamped...),
		Values:  append([]float64(nil), values...),
	}
	e.Energies = exactEnergies(n, base, free)
	e.LogZ = exactLogZ(e.Energies, T)
	return e, nil
}

// exactEnergies returns the energy of every configuration of the free
// units, visiting them in Gray-code order so that each step flips one
// unit and updates the energy and the gaps in O(len(free)).
func exactEnergies(n *Net, base []float64, free []int) []float64 {
	nf := len(free)
	s := append([]float64(nil), base...)
	w := n.W.RawSymmetric()
	e := hopfieldEnergy(w, n.B, s)
	// gap[a] is the energy gap of free unit free[a]; wf[a*nf+c] the
	// weight between free units a and c.
	gap := make([]float64, nf)
	wf := make([]float64, nf*nf)
	for a, i := range free {
		gap[a] = hopfieldGap(w, n.B, s, i)
		for c, j := range free {
			wf[a*nf+c] = n.W.At(i, j)
		}
	}
	energies := make([]float64, 1<<nf)
	energies[0] = e
	code := 0
	for k := 1; k < 1<<nf; k++ {
		a := bits.TrailingZeros(uint(k))
		code ^= 1 << a
		row := wf[a*nf : a*nf+nf]
		if code>>a&1 == 1 {
			e -= gap[a]
			for c, wc := range row {
				gap[c] += wc
			}
		} else {
			e += gap[a]
			for c, wc := range row {
				gap[c] -= wc
			}
		}
		energies[code] = e
	}
	return energies
}

func exactLogZ(energies []float64, T float64) float64 {
	m := math.Inf(-1)
	for _, e := range energies {
		if -e/T > m {
			m = -e / T
		}
	}
	var z float64
	for _, e := range energies {
		z += math.Exp(-e/T - m)
	}
	return m + math.Log(z)
}

// At returns the same enumeration at another temperature T > 0 (the
// energies are shared, not copied).
func (e *Exact) At(T float64) *Exact {
	if !(T > 0) {
		panic(fmt.Sprintf("bm: exact distribution needs a positive temperature, got %g", T))
	}
	c := *e
	c.T = T
	c.LogZ = exactLogZ(e.Energies, T)
	return &c
}

// Len returns the number of configurations, 2^len(Free).
func (e *Exact) Len() int { return len(e.Energies) }

// State returns the full state of configuration k.
func (e *Exact) State(k int) []float64 {
	s := make([]float64, e.Net.NumUnits())
	for a, i := range e.Clamped {
		s[i] = e.Values[a]
	}
	for a, i := range e.Free {
		s[i] = float64(k >> a & 1)
	}
	return s
}

// Index returns the configuration index of the full state s (its
// clamped units are ignored).
func (e *Exact) Index(s []float64) int {
	e.Net.checkState(s)
	k := 0
	for a, i := range e.Free {
		if s[i] != 0 {
			k |= 1 << a
		}
	}
	return k
}

// LogProb returns log p of configuration k.
func (e *Exact) LogProb(k int) float64 { return -e.Energies[k]/e.T - e.LogZ }

// Probs returns the probability of every configuration.
func (e *Exact) Probs() []float64 {
	p := make([]float64, len(e.Energies))
	for k, en := range e.Energies {
		p[k] = math.Exp(-en/e.T - e.LogZ)
	}
	return p
}

// FreeEnergy returns −T log Z.
func (e *Exact) FreeEnergy() float64 { return -e.T * e.LogZ }

// MeanEnergy returns the expected energy ⟨E⟩.
func (e *Exact) MeanEnergy() float64 {
	var m float64
	for _, en := range e.Energies {
		m += math.Exp(-en/e.T-e.LogZ) * en
	}
	return m
}

// Marginals returns ⟨s_i⟩ = p(s_i = 1) for every unit (clamped units
// give their clamped value).
func (e *Exact) Marginals() []float64 {
	c := e.Correlations()
	m := make([]float64, c.SymmetricDim())
	for i := range m {
		m[i] = c.At(i, i)
	}
	return m
}

// Correlations returns ⟨s_i s_j⟩ for every pair of units, with ⟨s_i⟩ on
// the diagonal (s_i s_i = s_i for binary units). With units clamped these
// are the wake-phase statistics.
func (e *Exact) Correlations() *mat.SymDense {
	u := e.Net.NumUnits()
	nf := len(e.Free)
	ff := exactPairSums(e.Probs(), nf)
	c := mat.NewSymDense(u, nil)
	for a, i := range e.Free {
		for b := a; b < nf; b++ {
			c.SetSym(i, e.Free[b], ff[a*nf+b])
		}
	}
	// A clamped unit that is on contributes its partner's mean; one that
	// is off contributes nothing.
	for a, i := range e.Clamped {
		if e.Values[a] == 0 {
			continue
		}
		for b, j := range e.Clamped {
			c.SetSym(i, j, e.Values[b])
		}
		for _, j := range e.Free {
			c.SetSym(i, j, c.At(j, j))
		}
	}
	return c
}

// exactPairSums returns, for weights p over the configurations of nf
// units, the nf×nf row-major upper triangle Σ_k p_k s_a s_c, spreading
// each configuration's weight over its active pairs.
func exactPairSums(p []float64, nf int) []float64 {
	ff := make([]float64, nf*nf)
	on := make([]int, 0, nf)
	for k, pk := range p {
		if pk == 0 {
			continue
		}
		on = on[:0]
		for x := uint(k); x != 0; x &= x - 1 {
			on = append(on, bits.TrailingZeros(x))
		}
		for ai, a := range on {
			row := ff[a*nf:]
			for _, c := range on[ai:] {
				row[c] += pk
			}
		}
	}
	return ff
}

// LocalMinima returns the indices of the configurations in which every
// single flip of a free unit strictly raises the energy.
func (e *Exact) LocalMinima() []int {
	var minima []int
	for k, en := range e.Energies {
		isMin := true
		for a := range e.Free {
			if e.Energies[k^1<<a] <= en {
				isMin = false
				break
			}
		}
		if isMin {
			minima = append(minima, k)
		}
	}
	return minima
}

// Ground returns the index of a configuration of lowest energy.
func (e *Exact) Ground() int {
	best := 0
	for k, en := range e.Energies {
		if en < e.Energies[best] {
			best = k
		}
	}
	return best
}

// StateHistogram returns the fraction of the rows of states (full
// configurations of 0/1 units) that fall in each configuration, indexed
// by StateIndex. It returns an error wrapping ErrTooManyUnits when the
// rows have more than MaxExactUnits units.
func StateHistogram(states *mat.Dense) ([]float64, error) {
	r, c := states.Dims()
	if c > MaxExactUnits {
		return nil, exactTooMany(c)
	}
	h := make([]float64, 1<<c)
	inv := 1 / float64(r)
	for i := 0; i < r; i++ {
		h[StateIndex(states.RawRowView(i))] += inv
	}
	return h, nil
}

// Histogram returns the fraction of the rows of states in each
// configuration of e's free units (clamped units are ignored), for
// comparison with e.Probs().
func (e *Exact) Histogram(states *mat.Dense) []float64 {
	r, c := states.Dims()
	if c != e.Net.NumUnits() {
		panic(fmt.Sprintf("bm: states have %d units, net has %d", c, e.Net.NumUnits()))
	}
	h := make([]float64, e.Len())
	inv := 1 / float64(r)
	for i := 0; i < r; i++ {
		h[e.Index(states.RawRowView(i))] += inv
	}
	return h
}

// Compare returns the distance between a sampled histogram q (from
// Histogram) and the exact distribution p: the Kullback–Leibler
// divergence KL(q‖p) = Σ q log(q/p) in nats, and the total variation
// ½ Σ |q − p|. Both are 0 only when q = p.
func (e *Exact) Compare(q []float64) (kl, tv float64) {
	if len(q) != e.Len() {
		panic(fmt.Sprintf("bm: histogram has %d bins, distribution has %d", len(q), e.Len()))
	}
	for k, qk := range q {
		lp := e.LogProb(k)
		if qk > 0 {
			kl += qk * (math.Log(qk) - lp)
		}
		tv += math.Abs(qk - math.Exp(lp))
	}
	return kl, tv / 2
}

// KLDivergence returns KL(q‖p) = Σ q log(q/p) in nats for two
// distributions over the same bins; +Inf if p is 0 where q is not.
func KLDivergence(q, p []float64) float64 {
	if len(q) != len(p) {
		panic(fmt.Sprintf("bm: KL of distributions of lengths %d and %d", len(q), len(p)))
	}
	var kl float64
	for k, qk := range q {
		if qk > 0 {
			kl += qk * math.Log(qk/p[k])
		}
	}
	return kl
}

// TotalVariation returns ½ Σ |q − p|.
func TotalVariation(q, p []float64) float64 {
	if len(q) != len(p) {
		panic(fmt.Sprintf("bm: total variation of distributions of lengths %d and %d", len(q), len(p)))
	}
	var tv float64
	for k := range q {
		tv += math.Abs(q[k] - p[k])
	}
	return tv / 2
}
