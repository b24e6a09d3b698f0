// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// The training runner. Every trainer (RBM.Train, MLP.Train,
// RatingsRBM.Train, Machine.Train, and so DBN.Train) hands the runner
// the number of its training examples and a stepper; the runner owns
// everything else, identically for all of them: the epochs, the
// minibatches, a fresh shuffle of the examples every epoch from the
// config's Seed, the learning-rate and momentum schedules, the check
// of the context before every minibatch, and the progress reports
// (within an epoch at most every reportEvery, and one at the end of
// every epoch with the trainer's statistics).

// stepper is what a trainer supplies to the runner.
type stepper interface {
	// begin is called once, before the first epoch: set-up that
	// changes the model (it is skipped if the context is cancelled
	// already).
	begin() error
	// startEpoch is called before each epoch (from 1) with its
	// learning rate and momentum.
	startEpoch(epoch int, lr, momentum float64)
	// step trains on one minibatch: the examples idx.
	step(idx []int) error
	// endEpoch returns the statistics of a completed epoch, or an
	// error (ErrDiverged) that stops training.
	endEpoch(epoch int) ([]Stat, error)
	// end is called once when training stops, however it stops.
	end()
}

// run is one training run as the runner sees it.
type run struct {
	task string
	n    int // training examples
	s    sgdSettings
	rnd  *rand.Rand // the trainer's generator: the shuffles and its own draws
	mon  Monitor
	ctx  context.Context
}

// newRun returns a run of n examples with the settings s, reporting as
// task to mon (nil: DefaultMonitor) and stopping when ctx (nil:
// DefaultContext) is cancelled. Its generator is seeded from s.seed and
// stream, a constant of each trainer.
func newRun(task string, n int, s sgdSettings, stream uint64, mon Monitor, ctx context.Context) *run {
	return &run{task: task, n: n, s: s, rnd: rand.New(rand.NewPCG(s.seed, stream)),
		mon: monitorOr(mon), ctx: contextOr(ctx)}
}

// batchSize returns the size of a full minibatch: BatchSize, or all the
// examples if there are fewer.
func (r *run) batchSize() int { return min(r.s.batch, r.n) }

// train runs t for the configured epochs. It returns t's first error,
// or an error wrapping the context's error when cancelled; the model
// then stays as it was after the last completed minibatch.
func (r *run) train(t stepper) error {
	if r.ctx.Err() != nil {
		return r.interrupted(1, 0)
	}
	defer t.end()
	if err := t.begin(); err != nil {
		return err
	}
	perm := make([]int, r.n)
	for i := range perm {
		perm[i] = i
	}
	bs := r.batchSize()
	batches := (r.n + bs - 1) / bs
	lr := r.s.lr
	var tick ticker
	for epoch := 1; epoch <= r.s.epochs; epoch++ {
		if epoch > 1 {
			lr *= r.s.lrDecay
		}
		start := time.Now()
		tick.last = start
		if r.s.shuffle {
			r.rnd.Shuffle(r.n, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		}
		t.startEpoch(epoch, lr, r.s.momentum(epoch))
		for b := 0; b < batches; b++ {
			if r.ctx.Err() != nil {
				return r.interrupted(epoch, b)
			}
			hi := min((b+1)*bs, r.n)
			if err := t.step(perm[b*bs : hi]); err != nil {
				return err
			}
			if now := time.Now(); tick.due(now) && b+1 < batches {
				r.mon.Report(Progress{Task: r.task, Epoch: epoch, Epochs: r.s.epochs,
					Batch: b + 1, Batches: batches, Examples: hi, Elapsed: now.Sub(start)})
			}
		}
		stats, err := t.endEpoch(epoch)
		if err != nil {
			return err
		}
		r.mon.Report(Progress{Task: r.task, Epoch: epoch, Epochs: r.s.epochs, Batch: batches, Batches: batches,
			Examples: r.n, Elapsed: time.Since(start), EpochDone: true, Stats: stats})
	}
	return nil
}

// interrupted wraps the context's error with where training stopped.
func (r *run) interrupted(epoch, batch int) error {
	return fmt.Errorf("bm: %s interrupted in epoch %d after %d minibatches: %w", r.task, epoch, batch, r.ctx.Err())
}

// diverged returns the error for parameters or a loss (what) that are
// no longer finite in epoch.
func (r *run) diverged(epoch int, what string) error {
	return fmt.Errorf("%w: %s in epoch %d (%s); lower LearningRate (now %g)", ErrDiverged, r.task, epoch, what, r.s.lr)
}

// allFinite reports whether every element of x is finite.
func allFinite(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
