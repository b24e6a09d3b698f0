// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/internal/fastvec"
)

// Logistic units and their sampling, in one place. Two kinds of
// randomness feed them:
//
//   - the public sampling methods (RBM.SampleHidden, Gibbs, Ratings
//     training, …) draw one rnd.Float64() per unit from the caller's
//     *rand.Rand: bernoulli and sampleBernoulli;
//   - the minibatch trainers and AIS sample whole matrices with
//     internal/fastvec's vector generators, one stream per part of the
//     work, seeded from the trainer's generator: partStream. Those
//     streams are the same in every build, with cgo or without.

// Sigmoid returns the logistic function 1/(1+e^{-x}), the probability
// that a noisy binary unit with total input x turns on at T = 1.
func Sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// sigmoidRows sets every row of the rows×cols matrix x (row stride
// stride) to σ(row + bias), in fastvec's vectorised logistic function
// (within about 1e-14 of Sigmoid in float64).
func sigmoidRows[T float32 | float64](x []T, rows, cols, stride int, bias []T) {
	fastvec.SigmoidBias(x, rows, cols, stride, bias)
}

// addBiasSigmoid sets every row of m to σ(row + bias).
func addBiasSigmoid(m blas64.General, bias blas64.Vector) {
	b := bias.Data
	if bias.Inc != 1 {
		b = make([]float64, m.Cols)
		for j := range b {
			b[j] = bias.Data[j*bias.Inc]
		}
	}
	sigmoidRows(m.Data, m.Rows, m.Cols, m.Stride, b)
}

// bernoulli returns 1 with probability p, else 0.
func bernoulli(rnd *rand.Rand, p float64) float64 {
	if rnd.Float64() < p {
		return 1
	}
	return 0
}

// sampleBernoulli replaces every probability in m by a 0/1 sample.
func sampleBernoulli(m blas64.General, rnd *rand.Rand) {
	for i := 0; i < m.Rows; i++ {
		row := m.Data[i*m.Stride : i*m.Stride+m.Cols]
		for j, p := range row {
			row[j] = bernoulli(rnd, p)
		}
	}
}

// randomStates returns rows×cols uniformly random binary states.
func randomStates(rows, cols int, rnd *rand.Rand) *mat.Dense {
	m := mat.NewDense(rows, cols, nil)
	raw := m.RawMatrix().Data
	for i := range raw {
		raw[i] = bernoulli(rnd, 0.5)
	}
	return m
}

// partStream is the vector random stream of one part of a trainer's
// work, seeded from the trainer's generator.
type partStream struct {
	fastvec.Stream
}

func (s *partStream) seed(from *rand.Rand) {
	s.Seed(rand.New(rand.NewPCG(from.Uint64(), from.Uint64())))
}

// sampleRows sets dst to a 0/1 sample of the probabilities in probs
// (dst may be probs), both rows×cols.
func sampleRows[T float32 | float64](dst []T, dstStride int, probs []T, probsStride, rows, cols int, s *partStream) {
	fastvec.Bernoulli(dst, dstStride, probs, probsStride, rows, cols, &s.Stream)
}
