// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"context"
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// GradientMethod says how Machine.Train estimates the gradient.
type GradientMethod int

const (
	// GradientAuto uses exact gradients (ExactGradient) for machines of
	// at most MaxAutoExactUnits units and sampled ones
	// (SampledGradient) for larger machines.
	GradientAuto GradientMethod = iota
	// GradientExact always enumerates (up to MaxExactUnits units).
	GradientExact
	// GradientSampled always samples.
	GradientSampled
)

// MaxAutoExactUnits is the largest machine for which GradientAuto
// enumerates and Machine.Train reports the exact log-likelihood every
// epoch (2^16 configurations take about a millisecond).
const MaxAutoExactUnits = 16

// MachineConfig configures (*Machine).Train. The zero value (or a nil
// pointer) means the documented defaults; the fields shared with the
// other trainers' configs have the same names and defaults there (see
// the package doc's table).
type MachineConfig struct {
	// Gradient ascent on the mean log-likelihood takes steps of
	// LearningRate (0: 0.1), multiplied by LearningRateDecay (0 or Off:
	// 1) after every epoch.
	LearningRate, LearningRateDecay float64
	// The steps carry Momentum of the last one during the first
	// MomentumSwitchEpoch epochs and FinalMomentum later (0: 0.5, 0.9
	// and 5; Momentum alone holds throughout; Off: none). WeightDecay
	// pulls the weights, not the biases, towards 0 (0: 0.0002; Off:
	// none): set it Off for the lecture's plain rule.
	Momentum, FinalMomentum, WeightDecay float64
	MomentumSwitchEpoch                  int
	// Each update uses BatchSize rows (0: 100, so the whole data set of
	// a small example, one update per epoch); Epochs (0: 10) pass over
	// the rows, in a fresh random order each unless NoShuffle.
	BatchSize, Epochs int
	NoShuffle         bool
	// Gradient chooses exact or sampled gradients; 0 means GradientAuto.
	Gradient GradientMethod
	// Sampling configures sampled gradients (nil means defaults).
	Sampling *SampleConfig
	// Seed seeds the sampler and the shuffling.
	Seed uint64
	// Monitor receives one report per epoch with stats "loglik" (exact
	// mean log-likelihood in nats, when the machine has at most
	// MaxAutoExactUnits units) and "gradnorm" (the norm of the epoch's
	// last gradient). nil means DefaultMonitor.
	Monitor Monitor
	// Context stops training when cancelled (checked before every
	// update); nil means DefaultContext.
	Context context.Context
	// Task names the run in reports; "" means e.g. "BM 2+4 exact".
	Task string
}

// Train fits the machine to the rows of data (0/1 visible vectors) by
// the wake/sleep rule: every update moves each weight by the learning
// rate times ⟨s_i s_j⟩_wake − ⟨s_i s_j⟩_sleep (with momentum and weight
// decay, see sgd.go). It returns a *ConfigError for a config value it
// cannot use. When its context is cancelled it stops before the next
// update, leaving the machine at its last completed update, and returns
// an error wrapping ctx.Err().
func (m *Machine) Train(data *mat.Dense, cfg *MachineConfig) error {
	if cfg == nil {
		cfg = &MachineConfig{}
	}
	chk := fieldCheck{config: "MachineConfig"}
	s := chk.sgd(sgdFields{cfg.LearningRate, cfg.LearningRateDecay, cfg.Momentum, cfg.FinalMomentum, cfg.WeightDecay,
		cfg.MomentumSwitchEpoch, cfg.BatchSize, cfg.Epochs, cfg.NoShuffle, cfg.Seed})
	if cfg.Gradient < GradientAuto || cfg.Gradient > GradientSampled {
		chk.fail("Gradient", cfg.Gradient, "GradientAuto, GradientExact or GradientSampled")
	}
	if chk.err != nil {
		return chk.err
	}
	if _, err := cfg.Sampling.settings("MachineConfig.Sampling"); err != nil {
		return err
	}
	m.validate()
	m.checkData(data)
	exact := cfg.Gradient == GradientExact || (cfg.Gradient == GradientAuto && m.NumUnits() <= MaxAutoExactUnits)
	task := cfg.Task
	if task == "" {
		method := "sampled"
		if exact {
			method = "exact"
		}
		task = fmt.Sprintf("BM %d+%d %s", m.visible, m.NumHidden(), method)
	}
	rows, _ := data.Dims()
	run := newRun(task, rows, s, 0x9e3779b97f4a7c15, cfg.Monitor, cfg.Context)
	return run.train(&machineRun{m: m, run: run, data: data, cfg: cfg, exact: exact})
}

// machineRun is Machine.Train's stepper.
type machineRun struct {
	m       *Machine
	run     *run
	data    *mat.Dense
	cfg     *MachineConfig
	exact   bool
	batch   *mat.Dense
	velW    *mat.SymDense
	velB    []float64
	runs    [][2]int // per row i, the runs [j0, j1) of connected units j > i
	grad    *MachineGradient
	lr, mom float64
}

func (t *machineRun) begin() error {
	m := t.m
	u := m.NumUnits()
	t.batch = mat.NewDense(t.run.batchSize(), m.visible, nil)
	t.velW = mat.NewSymDense(u, nil)
	t.velB = make([]float64, u)
	// Learning never moves a weight outside the mask: the updates
	// run over the connected stretches of each row.
	for i := 0; i < u; i++ {
		for j := i + 1; j < u; {
			if !m.Connected(i, j) {
				j++
				continue
			}
			j0 := j
			for j < u && m.Connected(i, j) {
				j++
			}
			t.runs = append(t.runs, [2]int{i*u + j0, i*u + j})
		}
	}
	return nil
}

func (t *machineRun) startEpoch(_ int, lr, momentum float64) { t.lr, t.mom = lr, momentum }

func (t *machineRun) step(idx []int) error {
	m := t.m
	x := t.batch.Slice(0, len(idx), 0, m.visible).(*mat.Dense)
	for k, r := range idx {
		copy(x.RawRowView(k), t.data.RawRowView(r))
	}
	if t.exact {
		var err error
		if t.grad, err = m.ExactGradient(x); err != nil {
			return err
		}
	} else {
		t.grad = m.SampledGradient(x, t.cfg.Sampling, t.run.rnd)
	}
	// Ascent on the log-likelihood (sgd.go): the weights of connected
	// pairs (the upper triangle) with decay, the biases without.
	w, v, g := m.W.RawSymmetric().Data, t.velW.RawSymmetric().Data, t.grad.W.RawSymmetric().Data
	for _, r := range t.runs {
		sgdStep(w[r[0]:r[1]], v[r[0]:r[1]], g[r[0]:r[1]], 1, t.lr, t.mom, t.run.s.decay)
	}
	sgdStep(m.B, t.velB, t.grad.B, 1, t.lr, t.mom, 0)
	return nil
}

func (t *machineRun) endEpoch(epoch int) ([]Stat, error) {
	m := t.m
	if !allFinite(m.B) || !allFinite(m.W.RawSymmetric().Data) {
		return nil, t.run.diverged(epoch, "the weights are no longer finite")
	}
	var stats []Stat
	if m.NumUnits() <= MaxAutoExactUnits {
		ll, err := m.ExactLogLikelihood(t.data)
		if err != nil {
			return nil, err
		}
		stats = append(stats, Stat{"loglik", ll})
	}
	return append(stats, Stat{"gradnorm", t.grad.Norm()}), nil
}

func (t *machineRun) end() {}
