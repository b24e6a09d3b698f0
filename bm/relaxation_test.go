// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// The exact distribution after a few sweeps must match the histogram of
// many independent samplers run for as many sweeps, within sampling
// noise: each bin's frequency has standard deviation √(p(1−p)/m).
func TestSweepDistributionMatchesChains(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 0))
	net := RandomNet(5, 1.5, rnd)
	for _, order := range []Order{FixedOrder, RandomPicks} {
		for _, clamp := range []bool{false, true} {
			var ex *Exact
			var err error
			g := NewGibbs(net, 1, rand.New(rand.NewPCG(2, uint64(order))))
			g.Order = order
			start := []float64{1, 0, 1, 0, 0}
			if clamp {
				ex, err = EnumerateClamped(net, 1, []int{0}, []float64{1})
				g.Clamp(0)
			} else {
				ex, err = Enumerate(net, 1)
			}
			if err != nil {
				t.Fatal(err)
			}
			const m, sweeps = 40000, 2
			c := NewChains(g, m, start)
			c.Sweeps(sweeps)
			q := ex.Histogram(c.S)
			p := ex.SweepDistribution(start, order, sweeps)
			var sum float64
			for k := range p {
				sum += p[k]
				sd := math.Sqrt(p[k] * (1 - p[k]) / m)
				if math.Abs(q[k]-p[k]) > 5*sd+1e-9 {
					t.Errorf("order %d clamp %v: configuration %d sampled %.4f, exact %.4f (sd %.4f)", order, clamp, k, q[k], p[k], sd)
				}
			}
			if math.Abs(sum-1) > 1e-12 {
				t.Errorf("order %d clamp %v: distribution sums to %v", order, clamp, sum)
			}
		}
	}
}

func TestRelaxationStartsAtPointMassAndNeverRises(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 0))
	net := RandomNet(6, 2, rnd)
	ex, err := Enumerate(net, 1)
	if err != nil {
		t.Fatal(err)
	}
	start := []float64{0, 1, 1, 0, 1, 0}
	for _, order := range []Order{FixedOrder, RandomPicks} {
		kl := ex.Relaxation(start, order, 400)
		// KL of a point mass at k from p is −log p(k).
		if want := -ex.LogProb(ex.Index(start)); math.Abs(kl[0]-want) > 1e-12 {
			t.Errorf("order %d: KL at t=0 is %v, want −log p(start) = %v", order, kl[0], want)
		}
		for i := 1; i < len(kl); i++ {
			if kl[i] > kl[i-1]+1e-12 {
				t.Errorf("order %d: KL rose from %v to %v at sweep %d", order, kl[i-1], kl[i], i)
			}
		}
		if kl[len(kl)-1] > 1e-6 {
			t.Errorf("order %d: KL after 400 sweeps is %v, want ≈ 0", order, kl[len(kl)-1])
		}
		if got, want := ex.MixingSweeps(start, order, 0.01, 400), firstAtMost(kl, 0.01); got != want {
			t.Errorf("order %d: MixingSweeps = %d, Relaxation crosses 0.01 at %d", order, got, want)
		}
	}
}

func firstAtMost(x []float64, eps float64) int {
	for i, v := range x {
		if v <= eps {
			return i
		}
	}
	return -1
}

// Two groups of units that want to agree (a double well): the barrier
// between all-on and all-off grows with the weights, so the mixing time
// must grow, and quickly.
func TestMixingSweepsGrowsWithBarrier(t *testing.T) {
	const n = 6
	prev := 0
	for _, scale := range []float64{0.5, 1, 2, 3} {
		w := mat.NewSymDense(n, nil)
		b := make([]float64, n)
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				w.SetSym(i, j, scale)
			}
			b[i] = -scale * (n - 1) / 2 // all-on and all-off equally likely
		}
		ex, err := Enumerate(NewNetFrom(w, b), 1)
		if err != nil {
			t.Fatal(err)
		}
		got := ex.MixingSweeps(make([]float64, n), FixedOrder, 0.01, 100000)
		if got < 0 {
			t.Fatalf("scale %v: not mixed in 100000 sweeps", scale)
		}
		if got <= prev {
			t.Errorf("scale %v: mixing took %d sweeps, not more than %d at the smaller scale", scale, got, prev)
		}
		prev = got
	}
	if prev < 100 {
		t.Errorf("the deepest double well mixed in %d sweeps; expected a slow crossing", prev)
	}
}

func TestMixingSweepsLimitAndPanics(t *testing.T) {
	ex, err := Enumerate(LectureHopfield(), 0.05)
	if err != nil {
		t.Fatal(err)
	}
	if got := ex.MixingSweeps(ex.State(0), FixedOrder, 1e-3, 3); got != -1 {
		t.Errorf("cold lecture net mixed in %d sweeps, want -1 (not within 3)", got)
	}
	for name, f := range map[string]func(){
		"random order": func() { ex.Relaxation(ex.State(0), RandomOrder, 1) },
		"zero eps":     func() { ex.MixingSweeps(ex.State(0), FixedOrder, 0, 1) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}
