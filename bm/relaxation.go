// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"fmt"
	"math"
)

// Relaxation towards thermal equilibrium, computed exactly. Instead of
// running many chains and histogramming them (which leaves sampling
// noise of order 2^n/chains in the divergence), the distribution of a
// Gibbs sampler's state is pushed through every single-unit update: a
// unit's update moves probability between each pair of configurations
// that differ only in that unit. This is the lecture's "million
// identical networks" with infinitely many networks.

// SweepDistribution returns the exact distribution, over e's
// configurations, of the state of a Gibbs sampler at e's temperature
// that starts in the full state start (its clamped units must hold e's
// clamped values; they are ignored) and runs sweeps sweeps of e's free
// units. order is FixedOrder (units in e.Free order) or RandomPicks
// (each update picks a free unit uniformly at random); RandomOrder,
// whose sweep mixes over every permutation, is not supported and panics.
func (e *Exact) SweepDistribution(start []float64, order Order, sweeps int) []float64 {
	r := e.newRelaxer(start, order)
	for t := 0; t < sweeps; t++ {
		r.sweep()
	}
	return r.p
}

// Relaxation returns KL(p_t ‖ p) in nats for t = 0, 1, …, sweeps, where
// p_t is SweepDistribution(start, order, t) and p the Boltzmann
// distribution: how far a sampler started in start is from thermal
// equilibrium after each sweep, with no sampling noise. The divergence
// never increases from one sweep to the next (every Gibbs update leaves
// p unchanged), and it starts at −log p(start).
func (e *Exact) Relaxation(start []float64, order Order, sweeps int) []float64 {
	r := e.newRelaxer(start, order)
	kl := make([]float64, 0, sweeps+1)
	kl = append(kl, KLDivergence(r.p, r.eq))
	for t := 0; t < sweeps; t++ {
		r.sweep()
		kl = append(kl, KLDivergence(r.p, r.eq))
	}
	return kl
}

// MixingSweeps returns the number of sweeps after which a sampler started
// in start is within eps nats of equilibrium (the first t with
// KL(p_t ‖ p) ≤ eps, see Relaxation), or −1 if that takes more than
// maxSweeps sweeps. It is a measured mixing time: it grows with the
// energy barriers between the net's minima, so with the size of its
// weights.
func (e *Exact) MixingSweeps(start []float64, order Order, eps float64, maxSweeps int) int {
	if !(eps > 0) {
		panic(fmt.Sprintf("bm: mixing tolerance must be positive, got %g", eps))
	}
	r := e.newRelaxer(start, order)
	for t := 0; t <= maxSweeps; t++ {
		if KLDivergence(r.p, r.eq) <= eps {
			return t
		}
		if t < maxSweeps {
			r.sweep()
		}
	}
	return -1
}

// relaxer holds the distribution p being relaxed towards eq.
type relaxer struct {
	e        *Exact
	order    Order
	p, eq    []float64
	tmp, acc []float64 // RandomPicks buffers
}

func (e *Exact) newRelaxer(start []float64, order Order) *relaxer {
	if order != FixedOrder && order != RandomPicks {
		panic(fmt.Sprintf("bm: exact relaxation needs FixedOrder or RandomPicks, got order %d", order))
	}
	r := &relaxer{e: e, order: order, p: make([]float64, e.Len()), eq: e.Probs()}
	r.p[e.Index(start)] = 1
	if order == RandomPicks {
		r.tmp = make([]float64, e.Len())
		r.acc = make([]float64, e.Len())
	}
	return r
}

// update applies the Gibbs update of free unit a (bit a of the
// configuration index) to p: the mass of each pair of configurations
// that differ in that unit is split by σ(ΔE/T).
func (r *relaxer) update(p []float64, a int) {
	bit := 1 << a
	en, T := r.e.Energies, r.e.T
	for k := range p {
		if k&bit != 0 {
			continue
		}
		on := k | bit
		m := p[k] + p[on]
		if m == 0 {
			continue
		}
		pOn := Sigmoid((en[k] - en[on]) / T)
		p[on] = m * pOn
		p[k] = m * (1 - pOn)
	}
}

func (r *relaxer) sweep() {
	nf := len(r.e.Free)
	if r.order == FixedOrder {
		for a := 0; a < nf; a++ {
			r.update(r.p, a)
		}
		return
	}
	// RandomPicks: nf updates, each the average of the nf single-unit
	// updates.
	w := 1 / float64(nf)
	for range nf {
		clear(r.acc)
		for a := 0; a < nf; a++ {
			copy(r.tmp, r.p)
			r.update(r.tmp, a)
			for k, v := range r.tmp {
				r.acc[k] += w * v
			}
		}
		r.p, r.acc = r.acc, r.p
	}
	// Keep p normalised against rounding drift over long runs.
	var s float64
	for _, v := range r.p {
		s += v
	}
	if s > 0 && math.Abs(s-1) > 1e-12 {
		for k := range r.p {
			r.p[k] /= s
		}
	}
}
