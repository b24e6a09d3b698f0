// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/internal/fastvec"
)

// AISConfig configures Annealed Importance Sampling of an RBM's log
// partition function (Salakhutdinov & Murray, "On the quantitative
// analysis of deep belief networks", ICML 2008). The zero value (or a
// nil *AISConfig) gives their schedule with 100 runs.
type AISConfig struct {
	// Betas is the annealing schedule: increasing inverse temperatures
	// from 0 to 1 (both ends included). Default: Steps values, spaced
	// as Salakhutdinov & Murray's: a 1/29 share evenly in [0, 0.5],
	// 8/29 in [0.5, 0.9] and 20/29 in [0.9, 1].
	Betas []float64
	// Steps is the number of intermediate distributions when Betas is
	// nil; 0 means 14500, as in the paper.
	Steps int
	// Runs is the number of independent annealing runs (importance
	// weights); 0 means 100.
	Runs int
	// BaseData, if not nil, sets the base-rate model's visible biases
	// to the logits of its column means (the paper's choice: a base
	// model close to the data makes the annealing path shorter).
	// Otherwise BaseVisBias is used, and if that is nil too, zeros.
	BaseData    *mat.Dense
	BaseVisBias *mat.VecDense
	// Seed seeds the sampler.
	Seed uint64
	// Monitor receives within-run progress (Batch counts β steps).
	// Default: none (AIS prints nothing unless asked).
	Monitor Monitor
	// Context stops the run early with an error. Default: DefaultContext.
	Context context.Context
}

// AISResult is an AIS estimate of log Z.
type AISResult struct {
	// LogZ is the estimate log Ẑ = log Z_A + log mean(w).
	LogZ float64
	// LogZLow and LogZHigh are log(Ẑ ∓ 3σ̂), with σ̂ the standard error
	// of the mean importance weight; LogZLow is −Inf when the interval
	// reaches zero. As the paper warns, AIS tends to underestimate log Z
	// and these bounds do not catch that: compare schedules.
	LogZLow, LogZHigh float64
	// BaseLogZ is log Z_A of the base-rate model.
	BaseLogZ float64
	// LogWeights are the runs' log importance weights.
	LogWeights []float64
}

// String formats the estimate as "log Z ≈ 123.456 (−3σ 123.4, +3σ 123.5)".
func (a AISResult) String() string {
	return fmt.Sprintf("log Z ≈ %.4f (−3σ %.4f, +3σ %.4f; %d runs)", a.LogZ, a.LogZLow, a.LogZHigh, len(a.LogWeights))
}

// AISSchedule returns Salakhutdinov & Murray's β schedule, the default
// of AISConfig: steps intermediate inverse temperatures spread over
// [0, 0.5), [0.5, 0.9) and [0.9, 1] in the paper's proportions 1 : 8 : 20
// (500, 4 000 and 10 000 for steps = 14 500), each segment uniformly
// spaced and given at least one value, then β = 1.
func AISSchedule(steps int) []float64 {
	n1 := max(steps/29, 1)
	n2 := max(steps*8/29, 1)
	n3 := max(steps-n1-n2, 1)
	betas := make([]float64, 0, n1+n2+n3+1)
	seg := func(from, to float64, n int) {
		for i := 0; i < n; i++ {
			betas = append(betas, from+(to-from)*float64(i)/float64(n))
		}
	}
	seg(0, 0.5, n1)
	seg(0.5, 0.9, n2)
	seg(0.9, 1, n3)
	return append(betas, 1)
}

// AIS estimates log Z by annealing from a base-rate RBM (visible
// biases only, no weights) to r through the intermediate models
// p_β(v, h) ∝ exp((1−β)b_Aᵀv + β(vᵀWh + bᵀv + cᵀh)), with one Gibbs
// transition at each β. It returns a *ConfigError for a config value it
// cannot use (a negative Steps or Runs, a schedule that does not rise
// from 0 to 1) and an error wrapping the context's error if
// cfg.Context is cancelled.
func (r *RBM) AIS(cfg *AISConfig) (AISResult, error) {
	if cfg == nil {
		cfg = &AISConfig{}
	}
	nv, nh := r.NumVisible(), r.NumHidden()
	chk := fieldCheck{config: "AISConfig"}
	steps := chk.count("Steps", cfg.Steps, 14500, false)
	runs := chk.count("Runs", cfg.Runs, 100, false)
	betas := cfg.Betas
	if betas == nil {
		betas = AISSchedule(steps)
	}
	if len(betas) < 2 || betas[0] != 0 || betas[len(betas)-1] != 1 || !slices.IsSorted(betas) {
		chk.fail("Betas", fmt.Sprintf("%d values", len(betas)), "a schedule that rises from β = 0 to β = 1, never falling")
	}
	if chk.err != nil {
		return AISResult{}, chk.err
	}
	ctx := contextOr(cfg.Context)
	mon := cfg.Monitor
	if mon == nil {
		mon = Quiet
	}

	// Base-rate model.
	bA := make([]float64, nv)
	switch {
	case cfg.BaseData != nil:
		bv := mat.NewVecDense(nv, nil)
		initVisBiasFromData(bv, cfg.BaseData)
		copy(bA, bv.RawVector().Data)
	case cfg.BaseVisBias != nil:
		if cfg.BaseVisBias.Len() != nv {
			panic("bm: AIS BaseVisBias length does not match the visible layer")
		}
		for i := range bA {
			bA[i] = cfg.BaseVisBias.AtVec(i)
		}
	}
	logZA := float64(nh) * math.Ln2
	for _, x := range bA {
		logZA += softplus(x)
	}

	b := mat.Col(nil, 0, r.VisBias)
	c := mat.Col(nil, 0, r.HidBias)
	// dLin[i] = b_i − bA_i: the linear part of log p*_β(v) changes by
	// (β − β')·Σ_i v_i dLin[i] between two temperatures.
	dLin := make([]float64, nv)
	for i := range dLin {
		dLin[i] = b[i] - bA[i]
	}
	rnd := rand.New(rand.NewPCG(cfg.Seed, 0xa15))
	v := newAISGeneral(runs, nv)
	h := newAISGeneral(runs, nh)
	x := newAISGeneral(runs, nh) // vW
	w := r.W.RawMatrix()
	logW := make([]float64, runs)

	// Elementwise work is split into cdParts blocks of runs, each with
	// its own random stream, shared among the cores; it runs in
	// internal/fastvec's kernels.
	var rnds [cdParts]partStream
	for p := range rnds {
		rnds[p].seed(rnd)
	}
	lin, dlogW := make([]float64, runs), make([]float64, runs)
	pool := newCDPool()
	defer pool.close()
	var prev, beta float64
	var last bool

	// Sample v from the base model (β = 0).
	pool.run(func(part int) {
		lo, hi := partRows(runs, part)
		// v is zero: σ((1−0)·bA + 0·(v + bA)) = σ(bA).
		fastvec.AISVisible(v.Data[lo*nv:], hi-lo, nv, nv, bA, bA, 0, &rnds[part].Stream)
	})
	// Add log p*_β(v) − log p*_β'(v) to each run's weight and, unless
	// this is the last step, sample h at β, all from x = vW.
	weighAndSampleHidden := func(part int) {
		lo, hi := partRows(runs, part)
		var hs []float64
		if !last {
			hs = h.Data[lo*nh:]
		}
		fastvec.DotRows(v.Data[lo*nv:], hi-lo, nv, nv, dLin, lin[lo:hi])
		fastvec.AISHidden(x.Data[lo*nh:], hi-lo, nh, nh, c, beta, prev, hs, nh, dlogW[lo:hi], &rnds[part].Stream)
		for k := lo; k < hi; k++ {
			logW[k] += (beta-prev)*lin[k] + dlogW[k]
		}
	}
	// Sample v at β from a = hWᵀ.
	sampleVisible := func(part int) {
		lo, hi := partRows(runs, part)
		fastvec.AISVisible(v.Data[lo*nv:], hi-lo, nv, nv, bA, b, beta, &rnds[part].Stream)
	}

	// One annealing step for a part's runs: their rows of the products
	// with W on this goroutine (a single-threaded BLAS while the pool
	// shares the cores), then the elementwise work on the same rows. The
	// runs are independent, so the parts meet only once per step.
	rowsOf := func(m blas64.General, lo, hi int) blas64.General {
		return blas64.General{Rows: hi - lo, Cols: m.Cols, Stride: m.Stride, Data: m.Data[lo*m.Stride:]}
	}
	stepPart := func(part int) {
		lo, hi := partRows(runs, part)
		if lo == hi {
			return
		}
		blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, rowsOf(v, lo, hi), w, 0, rowsOf(x, lo, hi))
		weighAndSampleHidden(part)
		if last {
			return // no need to move the chains after the last weight
		}
		// Gibbs transition that leaves p_β invariant.
		blas64.Gemm(blas.NoTrans, blas.Trans, 1, rowsOf(h, lo, hi), w, 0, rowsOf(v, lo, hi))
		sampleVisible(part)
	}
	restoreThreads := useSingleThreadedBLAS(pool.helpers)
	defer restoreThreads()
	small := runs*nv*nh < 1<<20

	var tick ticker
	start := time.Now()
	tick.last = start
	for s := 1; s < len(betas); s++ {
		if ctx.Err() != nil {
			return AISResult{}, fmt.Errorf("bm: AIS interrupted at step %d of %d: %w", s, len(betas)-1, ctx.Err())
		}
		prev, beta, last = betas[s-1], betas[s], s == len(betas)-1
		if small {
			// Splitting the products costs more than it saves.
			blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, v, w, 0, x)
			pool.run(weighAndSampleHidden)
			if !last {
				blas64.Gemm(blas.NoTrans, blas.Trans, 1, h, w, 0, v)
				pool.run(sampleVisible)
			}
		} else {
			pool.run(stepPart)
		}
		if now := time.Now(); tick.due(now) {
			mon.Report(Progress{Task: fmt.Sprintf("AIS %v", r), Batch: s, Batches: len(betas) - 1, Elapsed: now.Sub(start)})
		}
	}

	// log mean w and its ±3σ interval, computed relative to the largest
	// weight to avoid overflow.
	m := math.Inf(-1)
	for _, l := range logW {
		m = math.Max(m, l)
	}
	var mean, sq float64
	for _, l := range logW {
		e := math.Exp(l - m)
		mean += e
		sq += e * e
	}
	mean /= float64(runs)
	variance := 0.0
	if runs > 1 {
		variance = (sq/float64(runs) - mean*mean) * float64(runs) / float64(runs-1)
	}
	se := math.Sqrt(math.Max(variance, 0) / float64(runs))
	res := AISResult{
		LogZ:       logZA + m + math.Log(mean),
		LogZHigh:   logZA + m + math.Log(mean+3*se),
		LogZLow:    math.Inf(-1),
		BaseLogZ:   logZA,
		LogWeights: logW,
	}
	if mean > 3*se {
		res.LogZLow = logZA + m + math.Log(mean-3*se)
	}
	return res, nil
}

func newAISGeneral(r, c int) blas64.General {
	return blas64.General{Rows: r, Cols: c, Stride: c, Data: make([]float64, r*c)}
}
