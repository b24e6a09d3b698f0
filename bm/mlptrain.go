// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// MLPConfig configures MLP.Train. The zero value (or a nil pointer)
// means the documented defaults; the fields shared with the other
// trainers' configs have the same names and defaults there (see the
// package doc's table).
type MLPConfig struct {
	// LearningRate (0: 0.1) is the step size of SGD on the mean
	// cross-entropy; LearningRateDecay (0 or Off: 1) multiplies it after
	// every epoch, an annealing that lets the last epochs settle.
	LearningRate, LearningRateDecay float64
	// The velocity of every weight keeps Momentum of itself for the
	// first MomentumSwitchEpoch epochs and FinalMomentum after them
	// (0: 0.5, 0.9 and 5; Momentum set alone holds throughout; Off:
	// none). WeightDecay λ adds (λ/2)·Σ w² over the weights, not the
	// biases, to the loss (0: 0.0002; Off: none).
	Momentum, FinalMomentum, WeightDecay float64
	MomentumSwitchEpoch                  int
	// An epoch passes over the training set (0: 10 of them) in
	// minibatches of BatchSize examples (0: 100), visited in a fresh
	// random order each time unless NoShuffle.
	BatchSize, Epochs int
	NoShuffle         bool
	// InputDropout is the dropout rate of the input units, in [0, 1)
	// (Srivastava et al. 2014): in every training minibatch each input
	// unit is zeroed independently with this probability and the
	// surviving units are scaled by 1/(1−rate), so prediction (Forward,
	// Predict, the validation score) uses the whole net unchanged. The
	// masks come from the Seed-ed RNG that also shuffles the
	// minibatches. 0 (or Off) means no dropout; Srivastava et al. use
	// 0.2 for inputs and 0.5 for hidden units, with more epochs than
	// without.
	InputDropout float64
	// HiddenDropout is the dropout rate of the units of every hidden
	// layer, in [0, 1), applied like InputDropout; 0 (or Off) means none.
	HiddenDropout float64
	// FreezeEpochs is the number of initial epochs during which only
	// the output layer learns and the (pretrained) hidden layers stay
	// fixed, as in Hinton & Salakhutdinov's fine-tuning code; 0 (or Off)
	// means none.
	FreezeEpochs int
	// Seed seeds the minibatch shuffling and the dropout masks.
	Seed uint64
	// Float32 trains with single-precision matrix products and
	// buffers, as CDConfig.Float32 does: about twice as fast with
	// OpenBLAS. The model itself stays float64 and is written back
	// after every epoch (and when training stops); the per-epoch
	// validation score is that of the single-precision net.
	Float32 bool
	// Validation and ValidationLabels, if set, are scored at the end
	// of every epoch ("valerr", "valloss").
	Validation       *mat.Dense
	ValidationLabels []int
	// Monitor receives per-epoch statistics: "loss" (mean training
	// cross-entropy over the epoch's minibatches, measured before each
	// step; with dropout, that of the thinned nets) and, with a
	// validation set, "valerr" and "valloss". nil means DefaultMonitor.
	Monitor Monitor
	// Context stops training between minibatches when cancelled; nil
	// means DefaultContext.
	Context context.Context
	// Task names the run in progress reports; "" means m.String().
	Task string
}

// mlpSettings is an MLPConfig checked and with the defaults filled in.
type mlpSettings struct {
	sgdSettings
	inDrop, hidDrop  float64
	freeze           int
	float32Precision bool
}

func (c *MLPConfig) settings() (mlpSettings, error) {
	if c == nil {
		c = &MLPConfig{}
	}
	chk := fieldCheck{config: "MLPConfig"}
	s := mlpSettings{
		sgdSettings: chk.sgd(sgdFields{c.LearningRate, c.LearningRateDecay, c.Momentum, c.FinalMomentum, c.WeightDecay,
			c.MomentumSwitchEpoch, c.BatchSize, c.Epochs, c.NoShuffle, c.Seed}),
		inDrop:  chk.rate("InputDropout", c.InputDropout, 0, 1, true),
		hidDrop: chk.rate("HiddenDropout", c.HiddenDropout, 0, 1, true),
		freeze:  chk.count("FreezeEpochs", c.FreezeEpochs, 0, true),

		float32Precision: c.Float32,
	}
	return s, chk.err
}

// Train fits m to (x, labels) by minibatch SGD with momentum, weight
// decay and optional dropout on the mean cross-entropy. It returns a
// *ConfigError for a config value it cannot use, an error for bad
// labels or a non-finite loss, and an error wrapping the context's
// error when cancelled, leaving m at its last completed minibatch.
func (m *MLP) Train(x *mat.Dense, labels []int, cfg *MLPConfig) error {
	s, err := cfg.settings()
	if err != nil {
		return err
	}
	if cfg == nil {
		cfg = &MLPConfig{}
	}
	n, cols := x.Dims()
	if cols != m.NumInputs() {
		panic(fmt.Sprintf("bm: MLP has %d inputs, data has %d columns", m.NumInputs(), cols))
	}
	if len(labels) != n {
		panic(fmt.Sprintf("bm: %d labels for %d rows", len(labels), n))
	}
	if n == 0 {
		return fmt.Errorf("bm: MLP.Train: no training examples")
	}
	k := m.NumClasses()
	for i, y := range labels {
		if y < 0 || y >= k {
			return fmt.Errorf("bm: MLP.Train: label %d of row %d is outside [0, %d); relabel the data or build the MLP with more classes", y, i, k)
		}
	}
	if cfg.Validation != nil {
		m.checkLabels(cfg.Validation, cfg.ValidationLabels)
	}
	m.checkMasks()
	task := cfg.Task
	if task == "" {
		task = m.String()
	}
	run := newRun(task, n, s.sgdSettings, 0x6d6c70, cfg.Monitor, cfg.Context)
	return run.train(&mlpRun{m: m, s: s, run: run, x: x, labels: labels, cfg: cfg})
}

// mlpRun is MLP.Train's stepper.
type mlpRun struct {
	m       *MLP
	s       mlpSettings
	run     *run
	x       *mat.Dense
	labels  []int
	cfg     *MLPConfig
	t       mlpStepper
	epoch   int
	lossSum float64
}

func (r *mlpRun) begin() error {
	r.m.applyMasks()
	r.t = newMLPTrainer(r.m, r.s, r.run.batchSize(), r.run.rnd)
	return nil
}

func (r *mlpRun) startEpoch(epoch int, lr, momentum float64) {
	r.epoch, r.lossSum = epoch, 0
	from := 0
	if epoch <= r.s.freeze {
		from = len(r.m.Weights) - 1
	}
	r.t.setRate(lr, momentum, from)
}

func (r *mlpRun) step(idx []int) error {
	bl := r.t.step(r.x, r.labels, idx)
	if math.IsNaN(bl) || math.IsInf(bl, 0) {
		return r.run.diverged(r.epoch, fmt.Sprintf("the loss became %v", bl))
	}
	r.lossSum += bl
	return nil
}

func (r *mlpRun) endEpoch(int) ([]Stat, error) {
	r.t.sync()
	stats := []Stat{{Name: "loss", Value: r.lossSum / float64(r.run.n)}}
	if c := r.cfg; c.Validation != nil {
		verr, vloss := r.t.score(c.Validation, c.ValidationLabels)
		stats = append(stats, Stat{Name: "valerr", Value: verr}, Stat{Name: "valloss", Value: vloss})
	}
	return stats, nil
}

func (r *mlpRun) end() {
	if r.t != nil {
		r.t.sync()
		r.t.close()
	}
}
