// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"context"
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// PretrainConfig configures ComparePretraining. The zero value (or a
// nil pointer) is the quick MNIST configuration of the notebook (10k
// training images): one hidden layer of 500 units, 6 epochs of CD-1
// pretraining, 12 epochs of backprop fine-tuning.
type PretrainConfig struct {
	// Hidden lists the hidden layer sizes; nil means {500}.
	Hidden []int
	// Classes is the number of output classes; 0 means 1 + the largest
	// training label.
	Classes int
	// Pretrain configures DBN.Train; nil means CD-1 for 6 epochs per
	// layer at learning rate 0.05 with DBNConfig defaults otherwise.
	Pretrain *DBNConfig
	// Finetune configures MLP.Train for both nets (identically: the
	// same epochs, learning rate and minibatch order); nil means 12
	// epochs in minibatches of 20 at learning rate 0.1, annealed by
	// 0.85 per epoch, momentum 0.9 and no weight decay. Its Validation
	// fields are replaced by the test set, so that the histories are
	// test-error learning curves.
	Finetune *MLPConfig
	// Seed seeds the initial weights of both nets.
	Seed uint64
	// Monitor receives every report of the three training runs; nil
	// means DefaultMonitor.
	Monitor Monitor
	// Context stops all training; nil means DefaultContext.
	Context context.Context
}

// PretrainComparison is the outcome of ComparePretraining.
type PretrainComparison struct {
	// DBN is the pretrained stack.
	DBN *DBN
	// Pretrained was initialised by DBN.ToMLP, Random by DBN.RandomMLP
	// (same architecture, random weights); both were then fine-tuned
	// with the same configuration.
	Pretrained, Random *MLP
	// PretrainedHistory and RandomHistory hold the fine-tuning epochs,
	// with "valerr" the test error after each.
	PretrainedHistory, RandomHistory *History
	// PretrainedTestError and RandomTestError are the final test errors.
	PretrainedTestError, RandomTestError float64
}

// ComparePretraining runs the lecture's experiment in miniature: pretrain
// a DBN on the training images (without labels), turn it into a
// classifier with ToMLP, fine-tune it with backprop, and fine-tune an
// identical but randomly initialised MLP with the same budget of
// backprop epochs; then score both on the test set. Images must lie in
// [0, 1].
func ComparePretraining(trainX *mat.Dense, trainY []int, testX *mat.Dense, testY []int, cfg *PretrainConfig) (*PretrainComparison, error) {
	var c PretrainConfig
	if cfg != nil {
		c = *cfg
	}
	if c.Hidden == nil {
		c.Hidden = []int{500}
	}
	if c.Classes == 0 {
		for _, y := range trainY {
			c.Classes = max(c.Classes, y+1)
		}
	}
	var pre DBNConfig
	if c.Pretrain != nil {
		pre = *c.Pretrain
	} else {
		for range c.Hidden {
			pre.Layers = append(pre.Layers, &CDConfig{K: 1, Epochs: 6, LearningRate: 0.05, Seed: c.Seed})
		}
	}
	var fine MLPConfig
	if c.Finetune != nil {
		fine = *c.Finetune
	} else {
		fine = MLPConfig{Epochs: 12, BatchSize: 20, LearningRate: 0.1, LearningRateDecay: 0.85, Momentum: 0.9, WeightDecay: Off, Seed: c.Seed}
	}
	mon := monitorOr(c.Monitor)
	if pre.Monitor == nil {
		pre.Monitor = mon
	}
	if pre.Context == nil {
		pre.Context = c.Context
	}
	_, nv := trainX.Dims()
	rnd := rand.New(rand.NewPCG(c.Seed, 0x707265))
	d := NewDBN(append([]int{nv}, c.Hidden...), rnd)
	if err := d.Train(trainX, &pre); err != nil {
		return nil, err
	}
	out := &PretrainComparison{DBN: d, Pretrained: d.ToMLP(c.Classes, rnd), Random: d.RandomMLP(c.Classes, rnd),
		PretrainedHistory: &History{}, RandomHistory: &History{}}
	fine.Validation, fine.ValidationLabels = testX, testY
	fineMon := mon
	if fine.Monitor != nil {
		fineMon = fine.Monitor
	}
	if fine.Context == nil {
		fine.Context = c.Context
	}
	for _, run := range []struct {
		m    *MLP
		h    *History
		name string
	}{{out.Pretrained, out.PretrainedHistory, "pretrained"}, {out.Random, out.RandomHistory, "random init"}} {
		f := fine
		f.Task = fmt.Sprintf("%v (%s)", run.m, run.name)
		f.Monitor = Multi(run.h, fineMon)
		if err := run.m.Train(trainX, trainY, &f); err != nil {
			return out, err
		}
	}
	out.PretrainedTestError = out.Pretrained.ErrorRate(testX, testY)
	out.RandomTestError = out.Random.ErrorRate(testX, testY)
	return out, nil
}
