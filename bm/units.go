// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"fmt"
	"math/rand/v2"
)

// ProbOn returns the probability that noisy unit i turns on given the
// rest of s, at temperature T: σ(ΔE_i / T), the logistic function of
// its energy gap. At T = 1 this is the Boltzmann machine's unit. T = 0
// is the deterministic limit: 1 for a positive gap, 0 for a negative
// one, and ½ for a gap of exactly zero.
func (n *Net) ProbOn(s []float64, i int, T float64) float64 {
	return unitProbOn(n.Gap(s, i), T)
}

func unitProbOn(gap, T float64) float64 {
	if T < 0 {
		panic(fmt.Sprintf("bm: negative temperature %g", T))
	}
	if T == 0 {
		switch {
		case gap > 0:
			return 1
		case gap < 0:
			return 0
		}
		return 0.5
	}
	return Sigmoid(gap / T)
}

// UpdateNoisy sets s_i to 1 with probability ProbOn(s, i, T), else 0,
// and returns the new value. The unit stays binary: only the decision
// is random. At T = 0 it is the deterministic rule of Update (a zero gap
// leaves s_i unchanged) and rnd is not used.
func (n *Net) UpdateNoisy(s []float64, i int, T float64, rnd *rand.Rand) float64 {
	n.checkState(s)
	n.checkUnit(i)
	if T < 0 {
		panic(fmt.Sprintf("bm: negative temperature %g", T))
	}
	if T > 0 && rnd == nil {
		panic("bm: noisy update needs a Rand")
	}
	w := n.W.RawSymmetric()
	unitSet(s, i, hopfieldGap(w, n.B, s, i), T, rnd)
	return s[i]
}

// unitSet applies the noisy rule at temperature T to unit i whose gap
// is known.
func unitSet(s []float64, i int, gap, T float64, rnd *rand.Rand) {
	if T == 0 {
		switch {
		case gap > 0:
			s[i] = 1
		case gap < 0:
			s[i] = 0
		}
		return
	}
	s[i] = bernoulli(rnd, Sigmoid(gap/T))
}
