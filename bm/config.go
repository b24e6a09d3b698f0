// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"fmt"
	"math"
)

// Off switches off an optional part of training in every config field
// that says so: Momentum, FinalMomentum, WeightDecay, SparsityTarget,
// InputDropout, HiddenDropout, FreezeEpochs, LearningRateDecay and
// SampleConfig.BurnIn. It is needed because zero means a field's
// documented default (momentum 0.5, weight decay 0.0002, …), and it is
// the same value for every field of every config. Off is the only
// negative value a config accepts; any other is an error.
const Off = -1

// The config rule, shared by CDConfig, MLPConfig, RatingsConfig,
// MachineConfig (and through CDConfig the layers of a DBN):
//
//   - zero means the documented default, and a nil config all defaults;
//   - Off switches an optional part off;
//   - a value training cannot use — negative (other than Off), NaN,
//     infinite, or above 1 where the field is a fraction — makes Train
//     return a *ConfigError naming the field and the allowed range.
//
// fieldCheck applies it to one config's fields, keeping the first error.
type fieldCheck struct {
	config string // "CDConfig"
	err    error
}

func (c *fieldCheck) fail(field string, value any, want string) {
	if c.err == nil {
		c.err = &ConfigError{Field: c.config + "." + field, Value: fmt.Sprint(value), Want: want}
	}
}

// count returns n, or def when n is 0. A negative n is an error; with
// canBeOff, Off gives 0.
func (c *fieldCheck) count(field string, n, def int, canBeOff bool) int {
	switch {
	case n == 0:
		return def
	case n == Off && canBeOff:
		return 0
	case n < 0:
		want := fmt.Sprintf("a whole number ≥ 1 (0 means the default %d)", def)
		if canBeOff {
			want = fmt.Sprintf("a whole number ≥ 1, or bm.Off for none (0 means the default %d)", def)
		}
		c.fail(field, n, want)
		return def
	}
	return n
}

// positive returns x, or def when x is 0; x must be a finite number > 0.
func (c *fieldCheck) positive(field string, x, def float64) float64 {
	switch {
	case x == 0:
		return def
	case x > 0 && !math.IsInf(x, 1):
		return x
	}
	c.fail(field, x, fmt.Sprintf("a finite number > 0 (0 means the default %g)", def))
	return def
}

// rate returns x, or def when x is 0, or 0 when x is Off and canBeOff.
// Otherwise x must lie in [0, hi), or be finite when hi is +Inf.
func (c *fieldCheck) rate(field string, x, def, hi float64, canBeOff bool) float64 {
	switch {
	case x == 0:
		return def
	case x == Off && canBeOff:
		return 0
	case x > 0 && x < hi:
		return x
	}
	want := fmt.Sprintf("a number in [0, %g)", hi)
	if math.IsInf(hi, 1) {
		want = "a finite number ≥ 0"
	}
	if canBeOff {
		want += ", or bm.Off for none"
	}
	c.fail(field, x, want+fmt.Sprintf(" (0 means the default %g)", def))
	return def
}

// sgdSettings are the settings that every trainer shares, defaulted and
// checked: the learning rate and its decay, the momentum schedule,
// weight decay, minibatches, epochs, shuffling and the seed.
type sgdSettings struct {
	lr, lrDecay, mom0, mom1, decay float64
	switchEpoch, batch, epochs     int
	shuffle                        bool
	seed                           uint64
}

// sgdFields are those fields as a config holds them, before defaults.
type sgdFields struct {
	LearningRate, LearningRateDecay, Momentum, FinalMomentum, WeightDecay float64
	MomentumSwitchEpoch, BatchSize, Epochs                                int
	NoShuffle                                                             bool
	Seed                                                                  uint64
}

// The shared defaults, one per idea, the same for every trainer: those
// of Hinton's "A Practical Guide to Training Restricted Boltzmann
// Machines" (2010).
const (
	defaultLearningRate        = 0.1
	defaultMomentum            = 0.5
	defaultFinalMomentum       = 0.9
	defaultMomentumSwitchEpoch = 5
	defaultWeightDecay         = 0.0002
	defaultBatchSize           = 100
	defaultEpochs              = 10
)

// sgd checks and defaults the shared fields f.
func (c *fieldCheck) sgd(f sgdFields) sgdSettings {
	s := sgdSettings{
		lr:          c.positive("LearningRate", f.LearningRate, defaultLearningRate),
		mom0:        c.rate("Momentum", f.Momentum, defaultMomentum, 1, true),
		decay:       c.rate("WeightDecay", f.WeightDecay, defaultWeightDecay, math.Inf(1), true),
		switchEpoch: c.count("MomentumSwitchEpoch", f.MomentumSwitchEpoch, defaultMomentumSwitchEpoch, false),
		batch:       c.count("BatchSize", f.BatchSize, defaultBatchSize, false),
		epochs:      c.count("Epochs", f.Epochs, defaultEpochs, false),
		shuffle:     !f.NoShuffle,
		seed:        f.Seed,
	}
	// Momentum set alone holds for the whole run.
	final := defaultFinalMomentum
	if f.Momentum != 0 {
		final = s.mom0
	}
	s.mom1 = c.rate("FinalMomentum", f.FinalMomentum, final, 1, true)
	switch d := f.LearningRateDecay; {
	case d == 0 || d == Off:
		s.lrDecay = 1
	case d > 0 && d <= 1:
		s.lrDecay = d
	default:
		c.fail("LearningRateDecay", d, "a factor in (0, 1], or bm.Off for none (0 means the default 1: no decay)")
		s.lrDecay = 1
	}
	return s
}

// momentum returns the momentum of epoch (from 1).
func (s sgdSettings) momentum(epoch int) float64 {
	if epoch > s.switchEpoch {
		return s.mom1
	}
	return s.mom0
}
