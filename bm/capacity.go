// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// CapacityConfig configures Capacity. The zero value means the
// defaults; a nil *CapacityConfig means all defaults.
type CapacityConfig struct {
	// Trials is the number of independent nets (fresh random patterns)
	// per pattern count; 0 means 20.
	Trials int
	// Tolerance is the largest fraction of units that may be wrong in
	// the fixed point for the pattern to count as recalled. The default,
	// 0, demands exact recall: settling from the pattern must end at the
	// pattern, i.e. the pattern is a fixed point (every flip lowers the
	// energy strictly, so a settle that moves never comes back). Near
	// capacity, theory (at large n) has the retrieved state about 1.5 %
	// away from the pattern; a Tolerance of 0.02–0.05 counts those.
	Tolerance float64
	// CueFlips is the number of randomly chosen units flipped in the cue
	// before settling (default 0: settle from the stored pattern itself).
	CueFlips int
	// Seed seeds the patterns, cues and update orders.
	Seed uint64
}

// Capacity measures how many random patterns a Hopfield net of n units
// can store by the Hebb rule. For each count in counts it stores that
// many random 0/1 patterns (each unit on with probability ½) in a fresh
// HebbianNet, settles from each stored pattern (with CueFlips units
// flipped) in random asynchronous order, and counts the pattern as
// recalled when the fixed point reached differs from it in at most
// Tolerance·n units (by default: not at all). It returns the fraction
// of patterns recalled for each count (NaN for a count of 0). The curve
// collapses near the 0.138·n patterns of Amit, Gutfreund and Sompolinsky
// (1985); at n = 100 with the defaults it falls from ≈1 at 5 patterns,
// through ≈0.8 at 14 (0.77–0.81 over seeds; an independent numpy
// implementation gives 0.80), to ≈0.15 at 25.
func Capacity(n int, counts []int, cfg *CapacityConfig) []float64 {
	var c CapacityConfig
	if cfg != nil {
		c = *cfg
	}
	if c.Trials == 0 {
		c.Trials = 20
	}
	if n < 1 || c.Trials < 0 || c.CueFlips > n || c.CueFlips < 0 || !(c.Tolerance >= 0 && c.Tolerance <= 1) {
		panic(fmt.Sprintf("bm: capacity of %d units with %d trials, %d cue flips and tolerance %g", n, c.Trials, c.CueFlips, c.Tolerance))
	}
	maxWrong := int(math.Floor(c.Tolerance*float64(n) + 1e-9))
	rnd := rand.New(rand.NewPCG(c.Seed, 0x5851f42d4c957f2d))
	out := make([]float64, len(counts))
	for ci, p := range counts {
		if p < 0 {
			panic(fmt.Sprintf("bm: negative pattern count %d", p))
		}
		if p == 0 {
			out[ci] = math.NaN()
			continue
		}
		recalled := 0
		for t := 0; t < c.Trials; t++ {
			patterns := mat.NewDense(p, n, nil)
			for r := 0; r < p; r++ {
				row := patterns.RawRowView(r)
				for i := range row {
					row[i] = float64(rnd.IntN(2))
				}
			}
			net := HebbianNet(patterns)
			g := NewGibbs(net, 0, rnd)
			for r := 0; r < p; r++ {
				s := Corrupt(patterns.RawRowView(r), c.CueFlips, rnd)
				g.Settle(s)
				if Hamming(s, patterns.RawRowView(r)) <= maxWrong {
					recalled++
				}
			}
		}
		out[ci] = float64(recalled) / float64(p*c.Trials)
	}
	return out
}
