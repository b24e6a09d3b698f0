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
	inDrop, hidDrop float64
	freeze          int
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
	m          *MLP
	s          mlpSettings
	run        *run
	x          *mat.Dense
	labels     []int
	cfg        *MLPConfig
	full, tail *mlpWork // buffers for a full and the last, short minibatch
	vel        []*mat.Dense
	velB       []*mat.VecDense
	epoch      int
	from       int // the lowest layer that learns this epoch
	lr, mom    float64
	lossSum    float64
}

func (t *mlpRun) begin() error {
	m := t.m
	m.applyMasks()
	bs := t.run.batchSize()
	t.full = newMLPWork(m, bs, true)
	if t.run.n%bs != 0 {
		t.tail = newMLPWork(m, t.run.n%bs, true)
	}
	if t.s.inDrop > 0 || t.s.hidDrop > 0 {
		t.full.enableDropout(m, t.s.inDrop, t.s.hidDrop)
		if t.tail != nil {
			t.tail.enableDropout(m, t.s.inDrop, t.s.hidDrop)
		}
	}
	for l := range m.Weights {
		r, c := m.Weights[l].Dims()
		t.vel = append(t.vel, mat.NewDense(r, c, nil))
		t.velB = append(t.velB, mat.NewVecDense(c, nil))
	}
	return nil
}

func (t *mlpRun) startEpoch(epoch int, lr, momentum float64) {
	t.epoch, t.lr, t.mom, t.lossSum = epoch, lr, momentum, 0
	t.from = 0
	if epoch <= t.s.freeze {
		t.from = len(t.m.Weights) - 1
	}
}

func (t *mlpRun) step(idx []int) error {
	m, w := t.m, t.full
	if len(idx) != w.rows {
		w = t.tail
	}
	mlpGather(w, t.x, t.labels, idx)
	if w.drop != nil {
		w.drawDropout(t.run.rnd)
	}
	m.forward(w, w.in)
	bl := w.loss(w.labels)
	if math.IsNaN(bl) || math.IsInf(bl, 0) {
		return t.run.diverged(t.epoch, fmt.Sprintf("the loss became %v", bl))
	}
	t.lossSum += bl
	m.backward(w, w.labels, t.from)
	m.maskGradients(w.gradW, t.from)
	for l := t.from; l < len(m.Weights); l++ {
		// Descent on the loss: the rule of sgd.go with scale −1.
		sgdStepDense(m.Weights[l], t.vel[l], w.gradW[l], -1, t.lr, t.mom, t.s.decay)
		sgdStepVec(m.Biases[l], t.velB[l], w.gradB[l], -1, t.lr, t.mom)
	}
	return nil
}

func (t *mlpRun) endEpoch(int) ([]Stat, error) {
	stats := []Stat{{Name: "loss", Value: t.lossSum / float64(t.run.n)}}
	if c := t.cfg; c.Validation != nil {
		verr, vloss := t.m.mlpScore(c.Validation, c.ValidationLabels)
		stats = append(stats, Stat{Name: "valerr", Value: verr}, Stat{Name: "valloss", Value: vloss})
	}
	return stats, nil
}

func (t *mlpRun) end() {}

// mlpGather copies the rows idx of x and their labels into w.
func mlpGather(w *mlpWork, x *mat.Dense, labels []int, idx []int) {
	src, dst := x.RawMatrix(), w.in.RawMatrix()
	for i, r := range idx {
		copy(dst.Data[i*dst.Stride:i*dst.Stride+dst.Cols], src.Data[r*src.Stride:r*src.Stride+src.Cols])
		w.labels[i] = labels[r]
	}
}
