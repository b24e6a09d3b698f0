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

// CDConfig configures contrastive-divergence training of an RBM (and,
// in DBNConfig.Layers, of each layer of a DBN). The zero value (or a nil
// *CDConfig) means CD-1 with the defaults of Hinton's "A Practical
// Guide to Training Restricted Boltzmann Machines" (2010), given for
// each field; the fields shared with the other trainers' configs have
// the same names and defaults there (see the package doc's table).
type CDConfig struct {
	// K is the number of Gibbs steps in the negative phase (CD-K).
	// 0 means 1.
	K int
	// KRampEpochs, if positive, grows the number of Gibbs steps during
	// training, as Salakhutdinov's MNIST code can: epoch e uses
	// k = ⌈e/KRampEpochs⌉ steps, at most K, and the learning rate
	// divided by k. Early epochs are then as cheap as CD-1's, and the
	// long chains come once the model is worth sampling from. 0 keeps
	// K throughout.
	KRampEpochs int
	// Persistent selects persistent contrastive divergence (PCD): the
	// negative phase continues a set of fantasy chains from one
	// minibatch to the next instead of restarting at the data.
	Persistent bool
	// Chains is the number of persistent fantasy chains (PCD only);
	// 0 means BatchSize.
	Chains int
	// SampleLastVisible makes CD-K sample the last visible state of the
	// negative phase, as Gibbs sampling does. By default it stays a
	// probability, as the practical guide recommends: that removes
	// sampling noise from the update but biases it, even for large K,
	// because ⟨p σ(pW + c)⟩ is not ⟨v σ(vW + c)⟩. With samples the
	// negative statistics are those of a K-step Gibbs chain and tend to
	// the model's, and the update to the exact gradient, as K grows.
	// (PCD always samples its chains.) Sample it when the model is to
	// be a density model: a 784-500 RBM trained by CD-1 for 50 epochs
	// on MNIST scores −115 nats per test image with samples and −141
	// with probabilities, whose energies grow about five times larger
	// (log Z 1497 against 298: bench/rbm-table, bench/README.md).
	// Early in training it is the other way round: the negative phase
	// then never visits the all-off image, which starts far more
	// probable than any digit (91 nats above the mean test image after
	// one epoch at rate 0.05), and for some epochs it holds
	// nearly all the model's probability (log Z ≥ −F(0) bounds the
	// test log p exactly: ≤ −184 after 10 epochs at rate 0.05, −106
	// after 50, with the same model's AIS estimates −183 and −112).
	SampleLastVisible bool
	// SampleData reads the data's values as probabilities and trains
	// on a fresh binary sample of each example every time a minibatch
	// holds it, as Salakhutdinov & Murray (2008) trained their MNIST
	// RBMs: the model then learns the distribution of the stochastic
	// binarisations of grey-level images rather than one fixed
	// sample of them. By default the data are used as given.
	SampleData bool

	// LearningRate for weights and biases; 0 means 0.1.
	LearningRate float64
	// LearningRateDecay multiplies the learning rate after every epoch;
	// 0 (or Off) means 1, a constant rate.
	LearningRateDecay float64
	// Momentum is used for the first MomentumSwitchEpoch epochs and
	// FinalMomentum after them. 0 means the practical guide's schedule,
	// 0.5 switching to 0.9 after epoch 5; Momentum set alone holds for
	// the whole run, and Off means none. Both lie in [0, 1).
	Momentum, FinalMomentum float64
	MomentumSwitchEpoch     int
	// WeightDecay is the L2 penalty coefficient on the weights (not the
	// biases); 0 means 0.0002 and Off none.
	WeightDecay float64
	// SparsityTarget, in (0, 1), is the desired mean activation of each
	// hidden unit; 0 (or Off) means no sparsity penalty. SparsityCost
	// (0 means 0.01) weighs the penalty and SparsityDecay (in [0, 1);
	// 0 means 0.95) smooths the running estimate of each unit's
	// activation.
	SparsityTarget, SparsityCost, SparsityDecay float64

	// BatchSize is the number of examples per minibatch; 0 means 100.
	BatchSize int
	// Epochs is the number of passes over the data; 0 means 10.
	Epochs int
	// NoShuffle keeps the data in order; by default every epoch visits
	// the examples in a fresh random order.
	NoShuffle bool
	// Seed seeds the shuffling and the sampling.
	Seed uint64
	// NoDataInit leaves the visible biases alone. By default, when all
	// visible biases are zero (a fresh RBM), Train sets them to
	// log(p/(1−p)) of each unit's mean p in the data, as the practical
	// guide recommends.
	NoDataInit bool

	// Float32 trains with single-precision matrix products and
	// buffers: about twice as fast with OpenBLAS, at the precision
	// PyTorch uses by default. The model itself stays float64 and is
	// written back after every epoch (and when training stops).
	Float32 bool

	// Validation, if not nil, is held-out data: every epoch reports
	// the gap between its mean free energy and that of as many
	// training examples ("fegap"); a growing gap means overfitting.
	Validation *mat.Dense

	// Monitor receives per-epoch statistics: "recon" (mean squared
	// reconstruction error per example), "pll" (pseudo-log-likelihood
	// per example, estimated on up to 1000 training examples) and
	// "fegap". nil means DefaultMonitor.
	Monitor Monitor
	// Context stops training between minibatches when cancelled; nil
	// means DefaultContext.
	Context context.Context
	// Task names the run in progress reports; "" means e.g.
	// "RBM 784-500 CD-1".
	Task string
}

// cdSettings is a CDConfig checked and with the defaults filled in.
type cdSettings struct {
	sgdSettings
	k, kRamp, chains                                               int
	sparse, sparseCost, sparseDecay                                float64
	persistent, sampleLast, sampleData, dataInit, float32Precision bool
}

// settings checks c (nil means all defaults) and fills in the defaults.
func (c *CDConfig) settings() (cdSettings, error) {
	if c == nil {
		c = &CDConfig{}
	}
	chk := fieldCheck{config: "CDConfig"}
	s := cdSettings{
		sgdSettings: chk.sgd(sgdFields{c.LearningRate, c.LearningRateDecay, c.Momentum, c.FinalMomentum, c.WeightDecay,
			c.MomentumSwitchEpoch, c.BatchSize, c.Epochs, c.NoShuffle, c.Seed}),
		k:                chk.count("K", c.K, 1, false),
		kRamp:            chk.count("KRampEpochs", c.KRampEpochs, 0, false),
		sparse:           chk.rate("SparsityTarget", c.SparsityTarget, 0, 1, true),
		sparseCost:       chk.positive("SparsityCost", c.SparsityCost, 0.01),
		sparseDecay:      chk.rate("SparsityDecay", c.SparsityDecay, 0.95, 1, false),
		persistent:       c.Persistent,
		sampleLast:       c.SampleLastVisible,
		sampleData:       c.SampleData,
		dataInit:         !c.NoDataInit,
		float32Precision: c.Float32,
	}
	s.chains = chk.count("Chains", c.Chains, s.batch, false)
	return s, chk.err
}

// steps returns the number of Gibbs steps of the given epoch (from 1).
func (s cdSettings) steps(epoch int) int {
	if s.kRamp == 0 {
		return s.k
	}
	return min(s.k, (epoch+s.kRamp-1)/s.kRamp)
}

// name returns "CD-1", "PCD-5" and so on.
func (s cdSettings) name() string {
	if s.persistent {
		return fmt.Sprintf("PCD-%d", s.k)
	}
	return fmt.Sprintf("CD-%d", s.k)
}

// Train fits r to the rows of data (values in [0, 1], one example per
// row) by contrastive divergence, as configured by cfg (nil means
// defaults). It returns a *ConfigError for a config value it cannot
// use and an error for data outside [0, 1]. It reports to cfg.Monitor
// at the end of every epoch and checks cfg.Context before every
// minibatch; when the context is cancelled it returns an error
// wrapping ctx.Err() and leaves r as it was after the last completed
// minibatch.
//
// Train works on its own copy of the parameters and writes them back
// to r at the end of every epoch and when it stops, so reports within
// an epoch see the weights as they were at the start of the epoch.
func (r *RBM) Train(data *mat.Dense, cfg *CDConfig) error {
	s, err := cfg.settings()
	if err != nil {
		return err
	}
	if cfg == nil {
		cfg = &CDConfig{}
	}
	n, nv := data.Dims()
	r.checkVis(nv)
	if err := checkUnitInterval(data, "training data"); err != nil {
		return err
	}
	if cfg.Validation != nil {
		if _, vc := cfg.Validation.Dims(); vc != nv {
			panic(fmt.Sprintf("bm: validation data has %d columns, RBM has %d visible units", vc, nv))
		}
		if err := checkUnitInterval(cfg.Validation, "validation data"); err != nil {
			return err
		}
	}
	task := cfg.Task
	if task == "" {
		task = fmt.Sprintf("%v %s", r, s.name())
	}
	run := newRun(task, n, s.sgdSettings, 0x5eed_cd, cfg.Monitor, cfg.Context)
	s.batch = run.batchSize() // buffers for the largest minibatch; Chains kept its default
	return run.train(&cdRun{r: r, s: s, run: run, data: data, valid: cfg.Validation})
}

// cdRun is RBM.Train's stepper.
type cdRun struct {
	r      *RBM
	s      cdSettings
	run    *run
	data   *mat.Dense
	valid  *mat.Dense
	t      cdStepper
	reconN float64 // summed squared reconstruction error this epoch
}

func (c *cdRun) begin() error {
	if c.s.dataInit && mat.Norm(c.r.VisBias, math.Inf(1)) == 0 {
		initVisBiasFromData(c.r.VisBias, c.data)
	}
	c.t = newCDTrainer(c.r, c.s, c.run.rnd)
	if c.s.persistent {
		c.t.initChains(c.data)
	}
	return nil
}

func (c *cdRun) startEpoch(epoch int, lr, momentum float64) {
	k := c.s.steps(epoch)
	if c.s.kRamp > 0 {
		lr /= float64(k)
	}
	c.t.setRate(lr, momentum, k)
	c.reconN = 0
}

func (c *cdRun) step(idx []int) error {
	c.t.loadBatch(c.data, idx)
	c.reconN += c.t.step()
	return nil
}

func (c *cdRun) endEpoch(epoch int) ([]Stat, error) {
	c.t.sync()
	r := c.r
	if !allFinite(r.W.RawMatrix().Data) {
		return nil, c.run.diverged(epoch, "the weights are no longer finite")
	}
	n, _ := c.data.Dims()
	stats := []Stat{
		{"recon", c.reconN / float64(n)},
		{"pll", r.pseudoLogLikelihood(c.data, 1000, c.run.rnd)},
	}
	if c.valid != nil {
		stats = append(stats, Stat{"fegap", r.freeEnergyGap(c.data, c.valid)})
	}
	return stats, nil
}

func (c *cdRun) end() {
	if c.t != nil {
		c.t.sync()
		c.t.close()
	}
}
