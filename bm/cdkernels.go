// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/internal/fastvec"
)

// The CD trainer's elementwise work goes through the functions below:
// in cgo builds (tag openblas) they run internal/fastvec's vectorised C
// kernels, otherwise the Go loops in cd.go. The two draw their random
// numbers from different generators, so a seed gives the same run
// every time within one build, not across builds.

// cdRand is one part's random source: a *rand.Rand for the Go loops
// and a vector stream for the C kernels, both seeded from the trainer's
// generator.
type cdRand struct {
	rnd    *rand.Rand
	stream fastvec.Stream
}

func (r *cdRand) seed(from *rand.Rand) {
	r.rnd = rand.New(rand.NewPCG(from.Uint64(), from.Uint64()))
	if fastvec.Available {
		r.stream.Seed(r.rnd)
	}
}

// sigmoidRows sets every row of m to σ(row + bias).
func sigmoidRows[T float32 | float64](m cdMat[T], bias []T) {
	if fastvec.Available {
		fastvec.SigmoidBias(m.data, m.rows, m.cols, m.stride, bias)
		return
	}
	addBiasSigmoidT(m, bias)
}

// sampleRows sets dst to a 0/1 sample of the probabilities in probs
// (dst may be probs).
func sampleRows[T float32 | float64](dst, probs cdMat[T], r *cdRand) {
	if fastvec.Available {
		fastvec.Bernoulli(dst.data, dst.stride, probs.data, probs.stride, probs.rows, probs.cols, &r.stream)
		return
	}
	sampleBernoulliT(dst, probs, r.rnd)
}

// squaredDiff returns the summed squared difference of a and b.
func squaredDiff[T float32 | float64](a, b cdMat[T]) float64 {
	if fastvec.Available {
		return fastvec.SumSquaredDiff(a.data, a.stride, b.data, b.stride, a.rows, a.cols)
	}
	return sumSquaredDiffT(a, b)
}

// momentumStep sets inc -= decay·w, then w += inc.
func momentumStep[T float32 | float64](w, inc []T, decay T) {
	if fastvec.Available {
		fastvec.MomentumStep(w, inc, decay)
		return
	}
	inc = inc[:len(w)]
	for j, x := range w {
		d := inc[j] - decay*x
		inc[j] = d
		w[j] = x + d
	}
}

// biasStep sets inc = momentum·inc + lr·(mean of pos rows − mean of neg rows).
func biasStep[T float32 | float64](inc []T, momentum, lr T, pos, neg cdMat[T]) {
	if fastvec.Available {
		fastvec.BiasStep(inc, momentum, lr/T(pos.rows), pos.data, pos.stride, pos.rows, lr/T(neg.rows), neg.data, neg.stride, neg.rows)
		return
	}
	updateBiasIncT(inc, momentum, lr, pos, neg)
}

// loadRows copies the given rows of data into the first rows of dst.
func loadRows[T float32 | float64](dst cdMat[T], data *mat.Dense, rows []int) {
	if fastvec.Available {
		raw := data.RawMatrix()
		fastvec.LoadRows(dst.data, dst.stride, raw.Data, raw.Stride, rows, raw.Cols)
		return
	}
	for k, i := range rows {
		d := dst.row(k)
		for j, x := range data.RawRowView(i) {
			d[j] = T(x)
		}
	}
}
