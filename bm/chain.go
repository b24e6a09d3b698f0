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

// ChainMachine is the lecture's chain example (§6): two visible units at the
// ends of a chain of hidden units, linked only through it,
//
//	v0 —w1— h0 —w2— h1 — … —w(k+1)— v1
//
// with data that say "exactly one of us is on" (ChainData). To learn
// it the product of the weights along the chain must become negative,
// so how w1 should change depends on w3 — yet the wake/sleep rule for w1
// only looks at the two units w1 joins. The equilibrium statistics carry
// what w1 needs to know (see ChainMachine.LinkGradient).
//
// Unit 0 is v0, unit 1 is v1, units 2 … are the hidden units along the
// chain.
type ChainMachine struct {
	*Machine
	// Links are the connected pairs from v0 to v1; Links[0] is the
	// lecture's w1.
	Links [][2]int
}

// NewChainMachine returns the chain machine with hidden ≥ 1 hidden units (the
// lecture has four, so five weights), every weight set to w and the
// biases balanced (see Balance).
//
// Learning needs an asymmetric start: the correlation the chain carries
// is a product of one factor per weight, so if the weights shrink
// together through zero every factor of every gradient vanishes at once.
// Starting from unequal weights, one of them crosses zero while the
// others are still large and keeps going. From
// NewChainMachine(4, 2) jittered by Jitter(1, rnd), exact wake/sleep learning
// (learning rate 1, momentum 0.5) usually turns one weight negative and
// puts more than 0.9 of the probability on 01 and 10 within 2000 epochs;
// from a few starts (1 in 20 measured) the hidden biases instead go
// strongly negative, the chain switches off and learning stalls at
// p(01) + p(10) = 0.5.
func NewChainMachine(hidden int, w float64) *ChainMachine {
	if hidden < 1 {
		panic(fmt.Sprintf("bm: chain needs at least one hidden unit, got %d", hidden))
	}
	n := hidden + 2
	path := []int{0}
	for h := 0; h < hidden; h++ {
		path = append(path, 2+h)
	}
	path = append(path, 1)
	mask := mat.NewSymDense(n, nil)
	c := &ChainMachine{}
	for k := 0; k+1 < len(path); k++ {
		i, j := path[k], path[k+1]
		mask.SetSym(i, j, 1)
		c.Links = append(c.Links, [2]int{i, j})
	}
	c.Machine = NewMachine(2, hidden, mask)
	for k := range c.Links {
		c.SetWeight(k, w)
	}
	c.Balance()
	return c
}

// Balance sets every bias to −½ the sum of the unit's weights: the 0/1
// form of a ±1 chain with no external fields, in which every unit is on
// half the time. (A ±1 unit x = 2s − 1 with coupling J has w = 4J and
// b = −2 Σ J in 0/1 form.)
func (c *ChainMachine) Balance() {
	clear(c.B)
	for _, l := range c.Links {
		w := c.W.At(l[0], l[1])
		c.B[l[0]] -= w / 2
		c.B[l[1]] -= w / 2
	}
}

// Jitter adds a normal draw with standard deviation sd to every weight
// of the chain and rebalances the biases.
func (c *ChainMachine) Jitter(sd float64, rnd *rand.Rand) {
	for k := range c.Links {
		c.SetWeight(k, c.Weight(k)+sd*rnd.NormFloat64())
	}
	c.Balance()
}

// ChainData returns the chain's training data: the rows 01 and 10.
func ChainData() *mat.Dense { return mat.NewDense(2, 2, []float64{0, 1, 1, 0}) }

// Weight returns the weight of link k (0-based: Weight(0) is w1).
func (c *ChainMachine) Weight(k int) float64 {
	c.checkLink(k)
	l := c.Links[k]
	return c.W.At(l[0], l[1])
}

// SetWeight sets the weight of link k.
func (c *ChainMachine) SetWeight(k int, w float64) {
	c.checkLink(k)
	l := c.Links[k]
	c.W.SetSym(l[0], l[1], w)
}

// Weights returns the weights along the chain, w1 first.
func (c *ChainMachine) Weights() []float64 {
	w := make([]float64, len(c.Links))
	for k := range w {
		w[k] = c.Weight(k)
	}
	return w
}

func (c *ChainMachine) checkLink(k int) {
	if k < 0 || k >= len(c.Links) {
		panic(fmt.Sprintf("bm: chain link %d out of range [0, %d)", k, len(c.Links)))
	}
}

// ProbAnticorrelated returns p(01) + p(10), the probability the machine
// puts on the data, computed exactly (an error wrapping ErrTooManyUnits
// for chains of more than MaxExactUnits units).
func (c *ChainMachine) ProbAnticorrelated() (float64, error) {
	lp, err := c.VisibleLogProbs()
	if err != nil {
		return 0, err
	}
	// Index bit 0 is v0, bit 1 is v1: 10 → 1, 01 → 2.
	return math.Exp(lp[1]) + math.Exp(lp[2]), nil
}

// LinkGradient returns the exact gradient of the mean log-likelihood of
// data with respect to link k's weight, evaluated with link l's weight
// set in turn to each of values (all other weights as they are; link l
// is restored afterwards). LinkGradient(ChainData(), 0, 2, values) shows
// how the update of w1 depends on w3.
func (c *ChainMachine) LinkGradient(data *mat.Dense, k, l int, values []float64) ([]float64, error) {
	c.checkLink(k)
	c.checkLink(l)
	old := c.Weight(l)
	defer c.SetWeight(l, old)
	out := make([]float64, len(values))
	lk := c.Links[k]
	for i, v := range values {
		c.SetWeight(l, v)
		g, err := c.ExactGradient(data)
		if err != nil {
			return nil, err
		}
		out[i] = g.W.At(lk[0], lk[1])
	}
	return out, nil
}
