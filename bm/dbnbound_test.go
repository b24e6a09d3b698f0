// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestDBNLogProbBoundConverges checks the sampled bound against the
// exact one on a DBN 6-4-3 small enough to enumerate: the exact bound
// comes from ExactLowerBound (enumeration over h1), the exact log p(v)
// from dbnTestLogProb (brute force over h1), log Z_2 from ExactLogZ.
// The estimate must lie within 4 Monte Carlo standard errors of the
// exact bound, the error must shrink as 1/√S, and the bound must lie
// below log p(v), with either entropy term.
func TestDBNLogProbBoundConverges(t *testing.T) {
	rnd := rand.New(rand.NewPCG(21, 4))
	d := NewDBN([]int{6, 4, 3}, rnd)
	dbnTestRandomize(d, rnd)
	x := dbnTestBinary(8, 6, rnd)
	logZ := must(d.Layers[1].ExactLogZ())
	exact := must(d.ExactLowerBound(x))
	logp := dbnTestLogProb(d, x)
	if !(exact < logp) {
		t.Fatalf("exact bound %.6f not below exact log p %.6f", exact, logp)
	}
	for _, sampled := range []bool{false, true} {
		var prevErr float64
		for _, S := range []int{40, 4000} {
			b, err := d.LogProbBound(x, logZ, &DBNBoundConfig{Samples: S, SampledEntropy: sampled, Seed: 3})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("sampled entropy %v, S=%d: %v (exact bound %.4f, log p %.4f)", sampled, S, b, exact, logp)
			if math.Abs(b.Bound-exact) > 4*b.MCStdErr {
				t.Errorf("sampled entropy %v, S=%d: estimate %.5f, exact bound %.5f: %.1f MC standard errors apart",
					sampled, S, b.Bound, exact, math.Abs(b.Bound-exact)/b.MCStdErr)
			}
			if b.Bound > logp {
				t.Errorf("sampled entropy %v, S=%d: estimate %.5f above the exact log p %.5f", sampled, S, b.Bound, logp)
			}
			if got := b.LogCond + b.LogTop + b.Entropy - b.LogZ; math.Abs(got-b.Bound) > 1e-9 {
				t.Errorf("terms add up to %.12g, Bound is %.12g", got, b.Bound)
			}
			if prevErr > 0 {
				if r := prevErr / b.MCStdErr; r < 7 || r > 14 {
					t.Errorf("sampled entropy %v: MC error fell by a factor %.2f from S=40 to S=4000, want about 10", sampled, r)
				}
			}
			prevErr = b.MCStdErr
		}
	}
}

// TestDBNLogProbBoundCalibrated checks that MCStdErr is the spread of
// the estimate: over 400 seeds the standard deviation of the estimates
// must be within a factor 1.25 of the mean reported error (measured:
// 0.156 and 0.150).
func TestDBNLogProbBoundCalibrated(t *testing.T) {
	rnd := rand.New(rand.NewPCG(22, 4))
	d := NewDBN([]int{6, 4, 3}, rnd)
	dbnTestRandomize(d, rnd)
	x := dbnTestBinary(5, 6, rnd)
	logZ := must(d.Layers[1].ExactLogZ())
	const seeds = 400
	var sum, sq, se float64
	for seed := uint64(0); seed < seeds; seed++ {
		b := must(d.LogProbBound(x, logZ, &DBNBoundConfig{Samples: 20, Seed: seed}))
		sum += b.Bound
		sq += b.Bound * b.Bound
		se += b.MCStdErr
	}
	mean := sum / seeds
	sd := math.Sqrt((sq/seeds - mean*mean) * seeds / (seeds - 1))
	se /= seeds
	t.Logf("spread of the estimates %.4f, mean MC standard error %.4f", sd, se)
	if r := sd / se; r < 1/1.25 || r > 1.25 {
		t.Errorf("spread of the estimates %.4f, mean reported MC standard error %.4f: ratio %.2f", sd, se, r)
	}
}

// TestDBNLogProbBoundTransposedTop: with the top RBM the transpose of
// the first, the DBN's p(v) is the first RBM's and q(h|v) is its exact
// posterior, so the bound equals the first RBM's log p(v)
// (RBM.ExactLogLikelihood). With SampledEntropy every sample's term is
// exactly log p(v) + log Z: no Monte Carlo error at all.
func TestDBNLogProbBoundTransposedTop(t *testing.T) {
	rnd := rand.New(rand.NewPCG(23, 4))
	d := NewDBN([]int{7, 5}, rnd)
	dbnTestRandomize(d, rnd)
	d.AddTransposedLayer()
	x := dbnTestBinary(10, 7, rnd)
	want := must(d.Layers[0].ExactLogLikelihood(x))
	logZ := must(d.Layers[1].ExactLogZ())

	b := must(d.LogProbBound(x, logZ, &DBNBoundConfig{Samples: 5, SampledEntropy: true}))
	if math.Abs(b.Bound-want) > 1e-9 || b.MCStdErr > 1e-6 {
		t.Errorf("sampled entropy: bound %.12g ± %.2g, want the RBM's log p %.12g exactly", b.Bound, b.MCStdErr, want)
	}
	b = must(d.LogProbBound(x, logZ, &DBNBoundConfig{Samples: 500}))
	if math.Abs(b.Bound-want) > 4*b.MCStdErr {
		t.Errorf("exact entropy: bound %.5f ± %.5f, want the RBM's log p %.5f", b.Bound, b.MCStdErr, want)
	}
}

// TestDBNLogProbBoundThreeLayers checks a DBN 5-4-3-3 against
// ExactLowerBound: the samples go up two directed layers.
func TestDBNLogProbBoundThreeLayers(t *testing.T) {
	rnd := rand.New(rand.NewPCG(24, 4))
	d := NewDBN([]int{5, 4, 3, 3}, rnd)
	dbnTestRandomize(d, rnd)
	x := dbnTestBinary(6, 5, rnd)
	exact := must(d.ExactLowerBound(x))
	logZ := must(d.Layers[2].ExactLogZ())
	for _, sampled := range []bool{false, true} {
		b := must(d.LogProbBound(x, logZ, &DBNBoundConfig{Samples: 3000, SampledEntropy: sampled, Seed: 5}))
		if math.Abs(b.Bound-exact) > 4*b.MCStdErr {
			t.Errorf("sampled entropy %v: estimate %.5f ± %.5f, exact bound %.5f", sampled, b.Bound, b.MCStdErr, exact)
		}
	}
}

// TestDBNLogProbBoundOneLayer: a DBN of one RBM has the bound
// log p(v) = −F(v) − log Z exactly, as RBM.LogLikelihood computes it.
func TestDBNLogProbBoundOneLayer(t *testing.T) {
	rnd := rand.New(rand.NewPCG(25, 4))
	d := NewDBN([]int{6, 4}, rnd)
	dbnTestRandomize(d, rnd)
	x := dbnTestBinary(9, 6, rnd)
	b := must(d.LogProbBound(x, 3.5, nil))
	if want := d.Layers[0].LogLikelihood(x, 3.5); math.Abs(b.Bound-want) > 1e-12 || b.MCStdErr != 0 || b.Samples != 1 {
		t.Errorf("one layer: %v, want bound %.12g exactly", b, want)
	}
	if got, want := b.WithLogZ(4.5), d.Layers[0].LogLikelihood(x, 4.5); math.Abs(got-want) > 1e-12 {
		t.Errorf("WithLogZ(4.5) = %.12g, want %.12g", got, want)
	}
}

// TestDBNLogProbBoundPerImage checks that an image's estimate depends
// only on the seed, the image and its row index, not on the rows after
// it or on how the rows are split into chunks (600 images × 10 samples
// span three chunks).
func TestDBNLogProbBoundPerImage(t *testing.T) {
	rnd := rand.New(rand.NewPCG(26, 4))
	d := NewDBN([]int{6, 4, 3}, rnd)
	dbnTestRandomize(d, rnd)
	x := dbnTestBinary(600, 6, rnd)
	cfg := &DBNBoundConfig{Seed: 9}
	all := must(d.LogProbBound(x, 1, cfg))
	if all.Samples != 10 {
		t.Errorf("default samples %d, want 10", all.Samples)
	}
	for _, i := range []int{0, 203, 204, 599} {
		part := must(d.LogProbBound(x.Slice(0, i+1, 0, 6).(*mat.Dense), 1, cfg))
		if part.Images[i] != all.Images[i] {
			t.Errorf("image %d: %.15g among %d, %.15g among 600", i, part.Images[i], i+1, all.Images[i])
		}
	}
	again := must(d.LogProbBound(x, 1, cfg))
	if again.Bound != all.Bound {
		t.Errorf("same seed, bounds %.15g and %.15g", all.Bound, again.Bound)
	}
	if !(all.StdErr > all.MCStdErr) {
		t.Errorf("s.e. over images %.4g not above the MC s.e. %.4g", all.StdErr, all.MCStdErr)
	}
}

func TestDBNLogProbBoundErrors(t *testing.T) {
	rnd := rand.New(rand.NewPCG(27, 4))
	d := NewDBN([]int{6, 4, 3}, rnd)
	x := dbnTestBinary(4, 6, rnd)
	if _, err := d.LogProbBound(x, 1, &DBNBoundConfig{Samples: -2}); !errors.Is(err, ErrInvalidConfig) {
		t.Errorf("Samples −2: error %v, want ErrInvalidConfig", err)
	}
	if _, err := d.LogProbBound(x, math.NaN(), nil); err == nil {
		t.Error("NaN log Z: no error")
	}
	grey := mat.DenseCopyOf(x)
	grey.Set(2, 3, 0.5)
	if _, err := d.LogProbBound(grey, 1, nil); err == nil {
		t.Error("grey data: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := d.LogProbBound(x, 1, &DBNBoundConfig{Context: ctx}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: error %v, want context.Canceled", err)
	}
	b := must(d.LogProbBound(x, 1, &DBNBoundConfig{Samples: 1}))
	if !math.IsNaN(b.MCStdErr) {
		t.Errorf("one sample: MC standard error %v, want NaN", b.MCStdErr)
	}
}
