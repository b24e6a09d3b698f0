// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// trainers returns, for each trainer, a function that trains a fresh
// small model with a config holding the shared fields f (and the
// trainer's own fields from set, if not nil), and a snapshot function
// telling whether the model changed.
func configTrainers() map[string]func(f sgdFields, own func(any)) (changed bool, err error) {
	data := mat.NewDense(4, 3, []float64{1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1})
	labels := []int{0, 1, 1, 0}
	ratings := []Rating{{0, 0, 1}, {0, 1, 2}, {1, 0, 2}, {1, 2, 1}}
	cfgOf := func(f sgdFields) (CDConfig, MLPConfig, RatingsConfig, MachineConfig) {
		return CDConfig{LearningRate: f.LearningRate, LearningRateDecay: f.LearningRateDecay, Momentum: f.Momentum,
				FinalMomentum: f.FinalMomentum, WeightDecay: f.WeightDecay, MomentumSwitchEpoch: f.MomentumSwitchEpoch,
				BatchSize: f.BatchSize, Epochs: f.Epochs, Monitor: Quiet},
			MLPConfig{LearningRate: f.LearningRate, LearningRateDecay: f.LearningRateDecay, Momentum: f.Momentum,
				FinalMomentum: f.FinalMomentum, WeightDecay: f.WeightDecay, MomentumSwitchEpoch: f.MomentumSwitchEpoch,
				BatchSize: f.BatchSize, Epochs: f.Epochs, Monitor: Quiet},
			RatingsConfig{LearningRate: f.LearningRate, LearningRateDecay: f.LearningRateDecay, Momentum: f.Momentum,
				FinalMomentum: f.FinalMomentum, WeightDecay: f.WeightDecay, MomentumSwitchEpoch: f.MomentumSwitchEpoch,
				BatchSize: f.BatchSize, Epochs: f.Epochs, Monitor: Quiet},
			MachineConfig{LearningRate: f.LearningRate, LearningRateDecay: f.LearningRateDecay, Momentum: f.Momentum,
				FinalMomentum: f.FinalMomentum, WeightDecay: f.WeightDecay, MomentumSwitchEpoch: f.MomentumSwitchEpoch,
				BatchSize: f.BatchSize, Epochs: f.Epochs, Monitor: Quiet}
	}
	rnd := func() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }
	return map[string]func(sgdFields, func(any)) (bool, error){
		"CDConfig": func(f sgdFields, own func(any)) (bool, error) {
			c, _, _, _ := cfgOf(f)
			if own != nil {
				own(&c)
			}
			r := NewRBM(3, 2, rnd())
			before := r.Clone()
			err := r.Train(data, &c)
			return !mat.Equal(r.W, before.W) || !mat.Equal(r.VisBias, before.VisBias), err
		},
		"DBNConfig.Layers": func(f sgdFields, own func(any)) (bool, error) {
			c, _, _, _ := cfgOf(f)
			if own != nil {
				own(&c)
			}
			d := NewDBN([]int{3, 2, 2}, rnd())
			before := d.Clone()
			err := d.Train(data, &DBNConfig{Layers: []*CDConfig{nil, &c}, Monitor: Quiet})
			return !mat.Equal(d.Layers[1].W, before.Layers[1].W), err
		},
		"MLPConfig": func(f sgdFields, own func(any)) (bool, error) {
			_, c, _, _ := cfgOf(f)
			if own != nil {
				own(&c)
			}
			m := NewMLP([]int{3, 2, 2}, rnd())
			before := m.Clone()
			err := m.Train(data, labels, &c)
			return !mat.Equal(m.Weights[0], before.Weights[0]), err
		},
		"RatingsConfig": func(f sgdFields, own func(any)) (bool, error) {
			_, _, c, _ := cfgOf(f)
			if own != nil {
				own(&c)
			}
			r := NewRatingsRBM(3, 2, 2, rnd())
			before := mat.DenseCopyOf(r.W)
			err := r.Train(ratings, &c)
			return !mat.Equal(r.W, before), err
		},
		"MachineConfig": func(f sgdFields, own func(any)) (bool, error) {
			_, _, _, c := cfgOf(f)
			if own != nil {
				own(&c)
			}
			m := NewMachine(3, 1, nil)
			m.Randomize(0.1, rnd())
			before := m.Net.Clone()
			err := m.Train(data, &c)
			return !mat.Equal(m.W, before.W), err
		},
	}
}

// TestConfigRule checks the rule every trainer shares: impossible
// values of the shared fields are errors naming the field, and the
// model is left alone; Off and zero values train.
func TestConfigRule(t *testing.T) {
	nan := math.NaN()
	bad := []struct {
		field string
		f     sgdFields
	}{
		{"LearningRate", sgdFields{LearningRate: -0.1}},
		{"LearningRate", sgdFields{LearningRate: Off}},
		{"LearningRate", sgdFields{LearningRate: nan}},
		{"LearningRate", sgdFields{LearningRate: math.Inf(1)}},
		{"LearningRateDecay", sgdFields{LearningRateDecay: 1.5}},
		{"Momentum", sgdFields{Momentum: 1}},
		{"Momentum", sgdFields{Momentum: -0.5}},
		{"FinalMomentum", sgdFields{FinalMomentum: nan}},
		{"WeightDecay", sgdFields{WeightDecay: -2}},
		{"MomentumSwitchEpoch", sgdFields{MomentumSwitchEpoch: -1}},
		{"BatchSize", sgdFields{BatchSize: -2}},
		{"Epochs", sgdFields{Epochs: -3}},
	}
	for name, train := range configTrainers() {
		for _, b := range bad {
			changed, err := train(b.f, nil)
			var ce *ConfigError
			if !errors.Is(err, ErrInvalidConfig) || !errors.As(err, &ce) {
				t.Errorf("%s with %+v: err = %v, want a ConfigError", name, b.f, err)
				continue
			}
			if !strings.HasSuffix(ce.Field, "."+b.field) || !strings.Contains(err.Error(), "want") {
				t.Errorf("%s with %+v: error %q does not name %s and its range", name, b.f, err, b.field)
			}
			if changed {
				t.Errorf("%s with %+v: the model changed", name, b.f)
			}
		}
		for _, ok := range []sgdFields{
			{Epochs: 2},
			{Epochs: 2, Momentum: Off, WeightDecay: Off, LearningRateDecay: Off},
			{Epochs: 2, Momentum: 0.3, FinalMomentum: Off, MomentumSwitchEpoch: 1, LearningRateDecay: 0.5, BatchSize: 1},
		} {
			if changed, err := train(ok, nil); err != nil || !changed {
				t.Errorf("%s with %+v: err = %v, changed %v; want training", name, ok, err, changed)
			}
		}
	}
}

// TestConfigOwnFields checks the trainers' own fields by the same rule.
func TestConfigOwnFields(t *testing.T) {
	trainers := configTrainers()
	for _, c := range []struct {
		trainer, field string
		set            func(any)
	}{
		{"CDConfig", "K", func(c any) { c.(*CDConfig).K = -1 }},
		{"CDConfig", "Chains", func(c any) { c.(*CDConfig).Persistent, c.(*CDConfig).Chains = true, -5 }},
		{"CDConfig", "SparsityTarget", func(c any) { c.(*CDConfig).SparsityTarget = 1.2 }},
		{"CDConfig", "SparsityCost", func(c any) { c.(*CDConfig).SparsityCost = -1 }},
		{"CDConfig", "SparsityDecay", func(c any) { c.(*CDConfig).SparsityDecay = Off }},
		{"DBNConfig.Layers", "K", func(c any) { c.(*CDConfig).K = -2 }},
		{"MLPConfig", "InputDropout", func(c any) { c.(*MLPConfig).InputDropout = 1 }},
		{"MLPConfig", "HiddenDropout", func(c any) { c.(*MLPConfig).HiddenDropout = -0.1 }},
		{"MLPConfig", "HiddenDropout", func(c any) { c.(*MLPConfig).HiddenDropout = math.NaN() }},
		{"MLPConfig", "FreezeEpochs", func(c any) { c.(*MLPConfig).FreezeEpochs = -4 }},
		{"RatingsConfig", "K", func(c any) { c.(*RatingsConfig).K = -1 }},
		{"MachineConfig", "Gradient", func(c any) { c.(*MachineConfig).Gradient = 7 }},
		{"MachineConfig", "Samples", func(c any) {
			c.(*MachineConfig).Gradient, c.(*MachineConfig).Sampling = GradientSampled, &SampleConfig{Samples: -1}
		}},
	} {
		changed, err := trainers[c.trainer](sgdFields{}, c.set)
		var ce *ConfigError
		if !errors.As(err, &ce) || !strings.HasSuffix(ce.Field, "."+c.field) {
			t.Errorf("%s.%s: err = %v, want a ConfigError naming the field", c.trainer, c.field, err)
		}
		if changed {
			t.Errorf("%s.%s: the model changed", c.trainer, c.field)
		}
	}
	// Off where it is allowed trains.
	for _, c := range []struct {
		trainer string
		set     func(any)
	}{
		{"CDConfig", func(c any) { c.(*CDConfig).SparsityTarget = Off }},
		{"MLPConfig", func(c any) {
			c.(*MLPConfig).InputDropout, c.(*MLPConfig).HiddenDropout, c.(*MLPConfig).FreezeEpochs = Off, Off, Off
		}},
		{"MachineConfig", func(c any) {
			c.(*MachineConfig).Gradient, c.(*MachineConfig).Sampling = GradientSampled, &SampleConfig{BurnIn: Off, Samples: 10}
		}},
	} {
		if changed, err := trainers[c.trainer](sgdFields{Epochs: 1}, c.set); err != nil || !changed {
			t.Errorf("%s with Off: err = %v, changed %v", c.trainer, err, changed)
		}
	}
}

// TestConfigSameDefaults checks that a zero config means the same
// shared settings in every trainer.
func TestConfigSameDefaults(t *testing.T) {
	cd, err1 := (*CDConfig)(nil).settings()
	mlp, err2 := (*MLPConfig)(nil).settings()
	rat, err3 := (*RatingsConfig)(nil).settings()
	chk := fieldCheck{config: "MachineConfig"}
	machine := chk.sgd(sgdFields{})
	if err := errors.Join(err1, err2, err3, chk.err); err != nil {
		t.Fatal(err)
	}
	want := sgdSettings{lr: 0.1, lrDecay: 1, mom0: 0.5, mom1: 0.9, decay: 0.0002, switchEpoch: 5, batch: 100, epochs: 10, shuffle: true}
	for name, s := range map[string]sgdSettings{"CD": cd.sgdSettings, "MLP": mlp.sgdSettings, "Ratings": rat.sgdSettings, "Machine": machine} {
		if s != want {
			t.Errorf("%s defaults %+v, want %+v", name, s, want)
		}
	}
	if cd.k != 1 || rat.k != 1 {
		t.Errorf("K defaults to %d (CD) and %d (ratings), want 1", cd.k, rat.k)
	}
}

func TestDBNFromOutOfRange(t *testing.T) {
	d := NewDBN([]int{3, 2}, rand.New(rand.NewPCG(1, 1)))
	err := d.Train(mat.NewDense(1, 3, nil), &DBNConfig{From: 1, Monitor: Quiet})
	if !errors.Is(err, ErrInvalidConfig) {
		t.Errorf("From past the top: %v, want ErrInvalidConfig", err)
	}
}
