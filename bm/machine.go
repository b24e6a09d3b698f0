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

	"gonum.org/v1/gonum/mat"
)

// Machine is a general Boltzmann machine: a Net whose first NumVisible()
// units are visible (they hold the data) and whose other units are
// hidden, with any symmetric connectivity — visible–visible,
// visible–hidden and hidden–hidden — given by Mask.
//
// Its model of the data is the equilibrium distribution at T = 1:
// p(v) = Σ_h e^{−E(v,h)} / Z.
type Machine struct {
	*Net
	visible int // units 0 … visible−1 are visible
	// Mask[i][j] ≠ 0 where units i and j may be connected. A nil Mask
	// allows every pair. Learning never changes a weight outside the
	// mask; biases are always learned.
	Mask *mat.SymDense
}

// NewMachine returns a machine with zero weights and biases. A nil
// mask connects every pair; see MachineMask.
func NewMachine(visible, hidden int, mask *mat.SymDense) *Machine {
	if visible < 1 || hidden < 0 {
		panic(fmt.Sprintf("bm: machine needs at least one visible unit and no negative count, got %d visible, %d hidden", visible, hidden))
	}
	m := &Machine{Net: NewNet(visible + hidden), visible: visible, Mask: mask}
	m.validate()
	return m
}

// MachineMask returns a connectivity mask for a machine of visible and
// hidden units, allowing the kinds of connection that are true.
func MachineMask(visible, hidden int, visVis, visHid, hidHid bool) *mat.SymDense {
	n := visible + hidden
	mask := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			vi, vj := i < visible, j < visible
			if (vi && vj && visVis) || (vi != vj && visHid) || (!vi && !vj && hidHid) {
				mask.SetSym(i, j, 1)
			}
		}
	}
	return mask
}

func (m *Machine) validate() {
	m.Net.Validate()
	u := m.NumUnits()
	if m.visible < 1 || m.visible > u {
		panic(fmt.Sprintf("bm: machine has %d visible units of %d", m.visible, u))
	}
	if m.Mask != nil && m.Mask.SymmetricDim() != u {
		panic(fmt.Sprintf("bm: mask is %d×%d, machine has %d units", m.Mask.SymmetricDim(), m.Mask.SymmetricDim(), u))
	}
}

// NumVisible returns the number of visible units.
func (m *Machine) NumVisible() int { return m.visible }

// NumHidden returns the number of hidden units.
func (m *Machine) NumHidden() int { return m.NumUnits() - m.visible }

// String describes the machine's size and connectivity.
func (m *Machine) String() string {
	links := 0
	u := m.NumUnits()
	for i := 0; i < u; i++ {
		for j := i + 1; j < u; j++ {
			if m.Connected(i, j) {
				links++
			}
		}
	}
	return fmt.Sprintf("Boltzmann machine: %d visible + %d hidden units, %d connections", m.visible, m.NumHidden(), links)
}

// Connected reports whether the mask allows a weight between i and j.
func (m *Machine) Connected(i, j int) bool {
	if i == j {
		return false
	}
	return m.Mask == nil || m.Mask.At(i, j) != 0
}

// Randomize sets every allowed weight to a normal draw with standard
// deviation scale and every bias to zero.
func (m *Machine) Randomize(scale float64, rnd *rand.Rand) {
	u := m.NumUnits()
	for i := 0; i < u; i++ {
		m.B[i] = 0
		for j := i + 1; j < u; j++ {
			w := 0.0
			if m.Connected(i, j) {
				w = scale * rnd.NormFloat64()
			}
			m.W.SetSym(i, j, w)
		}
	}
}

func (m *Machine) checkData(data *mat.Dense) {
	r, c := data.Dims()
	if c != m.visible {
		panic(fmt.Sprintf("bm: data has %d columns, machine has %d visible units", c, m.visible))
	}
	for i := 0; i < r; i++ {
		for j, v := range data.RawRowView(i) {
			if v != 0 && v != 1 {
				panic(fmt.Sprintf("bm: data[%d][%d] = %g is not 0 or 1", i, j, v))
			}
		}
	}
}

// VisibleLogProbs returns log p(v) for every visible configuration v,
// indexed by StateIndex(v), by exact enumeration at T = 1.
func (m *Machine) VisibleLogProbs() ([]float64, error) {
	ex, err := Enumerate(m.Net, 1)
	if err != nil {
		return nil, err
	}
	return machineVisibleLogProbs(ex, m.visible), nil
}

// machineVisibleLogProbs sums the enumeration over the hidden units:
// the visible units are the low bits of the configuration index.
func machineVisibleLogProbs(ex *Exact, visible int) []float64 {
	lp := make([]float64, 1<<visible)
	for v := range lp {
		lp[v] = math.Inf(-1)
	}
	vmask := 1<<visible - 1
	for k, e := range ex.Energies {
		v := k & vmask
		lp[v] = logAddExp(lp[v], -e)
	}
	for v := range lp {
		lp[v] -= ex.LogZ
	}
	return lp
}

// ExactLogLikelihood returns the mean over the rows of data of log p(v), in
// nats, computed exactly by enumerating all 2^Units configurations
// (an error wrapping ErrTooManyUnits beyond MaxExactUnits).
func (m *Machine) ExactLogLikelihood(data *mat.Dense) (float64, error) {
	m.validate()
	m.checkData(data)
	lp, err := m.VisibleLogProbs()
	if err != nil {
		return 0, err
	}
	r, _ := data.Dims()
	var ll float64
	for i := 0; i < r; i++ {
		ll += lp[StateIndex(data.RawRowView(i))]
	}
	return ll / float64(r), nil
}

// Dream generates count visible vectors from the model, the lecture's
// "dreaming": each starts from a random state, runs sweeps Gibbs sweeps
// of every unit at T = 1, and reports its visible units (one row each).
func (m *Machine) Dream(count, sweeps int, rnd *rand.Rand) *mat.Dense {
	m.validate()
	if count < 1 {
		panic(fmt.Sprintf("bm: cannot dream %d vectors", count))
	}
	g := NewGibbs(m.Net, 1, rnd)
	s := make([]float64, m.NumUnits())
	out := mat.NewDense(count, m.visible, nil)
	for r := 0; r < count; r++ {
		for j := range s {
			s[j] = float64(rnd.IntN(2))
		}
		g.Sweeps(s, sweeps)
		copy(out.RawRowView(r), s[:m.visible])
	}
	return out
}

// MachineGradient is a gradient of the mean log-likelihood with respect
// to a machine's weights and biases: W[i][j] = ⟨s_i s_j⟩_wake −
// ⟨s_i s_j⟩_sleep for connected pairs (zero elsewhere, zero diagonal)
// and B[i] = ⟨s_i⟩_wake − ⟨s_i⟩_sleep.
type MachineGradient struct {
	W *mat.SymDense
	B []float64
	// Wake and Sleep are the statistics it is the difference of:
	// ⟨s_i s_j⟩ with ⟨s_i⟩ on the diagonal.
	Wake, Sleep *mat.SymDense
}

// Norm returns the Euclidean norm of the gradient over the weights of
// connected pairs (each pair once) and the biases.
func (g *MachineGradient) Norm() float64 {
	var s float64
	u := g.W.SymmetricDim()
	for i := 0; i < u; i++ {
		s += g.B[i] * g.B[i]
		for j := i + 1; j < u; j++ {
			s += g.W.At(i, j) * g.W.At(i, j)
		}
	}
	return math.Sqrt(s)
}

// machineGradientFrom builds the gradient from wake and sleep statistics.
func (m *Machine) machineGradientFrom(wake, sleep *mat.SymDense) *MachineGradient {
	u := m.NumUnits()
	g := &MachineGradient{W: mat.NewSymDense(u, nil), B: make([]float64, u), Wake: wake, Sleep: sleep}
	for i := 0; i < u; i++ {
		g.B[i] = wake.At(i, i) - sleep.At(i, i)
		for j := i + 1; j < u; j++ {
			if m.Connected(i, j) {
				g.W.SetSym(i, j, wake.At(i, j)-sleep.At(i, j))
			}
		}
	}
	return g
}

// ExactGradient returns the gradient of the mean log-likelihood of the
// rows of data, with wake statistics (visible units clamped to each row,
// hidden units at equilibrium) and sleep statistics (free running) both
// computed by enumeration. It returns an error wrapping ErrTooManyUnits
// beyond MaxExactUnits units.
func (m *Machine) ExactGradient(data *mat.Dense) (*MachineGradient, error) {
	m.validate()
	m.checkData(data)
	ex, err := Enumerate(m.Net, 1)
	if err != nil {
		return nil, err
	}
	u := m.NumUnits()
	// Sleep: the free-running equilibrium.
	sleep := machinePairsToSym(exactPairSums(ex.Probs(), u), u)
	// Wake: each configuration weighted by how often the data show its
	// visible part times p(h | v).
	r, _ := data.Dims()
	freq := make([]float64, 1<<m.visible)
	for i := 0; i < r; i++ {
		freq[StateIndex(data.RawRowView(i))] += 1 / float64(r)
	}
	lpv := machineVisibleLogProbs(ex, m.visible)
	vmask := 1<<m.visible - 1
	q := make([]float64, len(ex.Energies))
	for k, e := range ex.Energies {
		v := k & vmask
		if freq[v] > 0 {
			// p(h|v) = e^{−E}/Z / p(v).
			q[k] = freq[v] * math.Exp(-e-ex.LogZ-lpv[v])
		}
	}
	wake := machinePairsToSym(exactPairSums(q, u), u)
	return m.machineGradientFrom(wake, sleep), nil
}

func machinePairsToSym(ff []float64, u int) *mat.SymDense {
	s := mat.NewSymDense(u, nil)
	for i := 0; i < u; i++ {
		for j := i; j < u; j++ {
			s.SetSym(i, j, ff[i*u+j])
		}
	}
	return s
}

// SampleConfig sets how SampledGradient estimates equilibrium
// statistics by Gibbs sampling. The zero value means the defaults.
type SampleConfig struct {
	// BurnIn is the number of sweeps run, from a random state, before
	// samples are collected (default 100).
	BurnIn int
	// Samples is the number of samples per phase, one per sweep
	// (default 1000). The sleep phase takes them all from one free-running
	// chain; the wake phase takes ⌈Samples/rows⌉ from a chain per data
	// row (just one when there are no hidden units: the data are exact).
	Samples int
}

func (c *SampleConfig) defaults() SampleConfig {
	d := SampleConfig{BurnIn: 100, Samples: 1000}
	if c != nil {
		if c.BurnIn > 0 {
			d.BurnIn = c.BurnIn
		}
		if c.Samples > 0 {
			d.Samples = c.Samples
		}
	}
	return d
}

// SampledGradient estimates the gradient of ExactGradient by Gibbs
// sampling at T = 1 instead of enumeration, so it works for machines of
// any size: the wake phase clamps each data row and samples the hidden
// units, the sleep phase samples every unit. A nil cfg means defaults.
func (m *Machine) SampledGradient(data *mat.Dense, cfg *SampleConfig, rnd *rand.Rand) *MachineGradient {
	m.validate()
	m.checkData(data)
	c := cfg.defaults()
	u := m.NumUnits()
	r, _ := data.Dims()
	s := make([]float64, u)
	acc := make([]float64, u*u)

	// Wake.
	g := NewGibbs(m.Net, 1, rnd)
	visible := make([]int, m.visible)
	for i := range visible {
		visible[i] = i
	}
	g.Clamp(visible...)
	perRow := (c.Samples + r - 1) / r
	burn := c.BurnIn
	if m.NumHidden() == 0 {
		perRow, burn = 1, 0
	}
	for i := 0; i < r; i++ {
		copy(s, data.RawRowView(i))
		for j := m.visible; j < u; j++ {
			s[j] = float64(rnd.IntN(2))
		}
		g.Sweeps(s, burn)
		for k := 0; k < perRow; k++ {
			if m.NumHidden() > 0 {
				g.sweep(s, 1)
			}
			machineAccumulate(acc, s, 1/float64(r*perRow))
		}
	}
	wake := machinePairsToSym(acc, u)

	// Sleep.
	clear(acc)
	g.Unclamp()
	for j := range s {
		s[j] = float64(rnd.IntN(2))
	}
	g.Sweeps(s, c.BurnIn)
	for k := 0; k < c.Samples; k++ {
		g.sweep(s, 1)
		machineAccumulate(acc, s, 1/float64(c.Samples))
	}
	sleep := machinePairsToSym(acc, u)
	return m.machineGradientFrom(wake, sleep)
}

// machineAccumulate adds w·s_i s_j to the row-major upper triangle acc.
func machineAccumulate(acc, s []float64, w float64) {
	u := len(s)
	for i, si := range s {
		if si == 0 {
			continue
		}
		row := acc[i*u : i*u+u]
		for j := i; j < u; j++ {
			if s[j] != 0 {
				row[j] += w
			}
		}
	}
}

// GradientMethod says how a learner estimates the gradient.
type GradientMethod int

const (
	// AutoGradient uses ExactGradient for machines of at most
	// MachineExactLimit units and SampledGradient otherwise.
	AutoGradient GradientMethod = iota
	// ExactGradientMethod always enumerates.
	ExactGradientMethod
	// SampledGradientMethod always samples.
	SampledGradientMethod
)

// MachineExactLimit is the largest machine for which AutoGradient
// enumerates and the learner reports the exact log-likelihood each epoch
// (2^16 configurations take about a millisecond).
const MachineExactLimit = 16

// MachineConfig configures (*Machine).Train. The zero value means the
// defaults; a nil *MachineConfig means all defaults.
type MachineConfig struct {
	// LearningRate is the step size of gradient ascent on the mean
	// log-likelihood (default 0.1).
	LearningRate float64
	// Momentum is the fraction of the previous step added to the next
	// (default 0: none).
	Momentum float64
	// WeightDecay is the L2 penalty coefficient on the weights, not the
	// biases (default 0).
	WeightDecay float64
	// Epochs is the number of passes over the data (default 100).
	Epochs int
	// BatchSize is the number of rows per update (default 0: the whole
	// data set, one update per epoch).
	BatchSize int
	// Seed seeds the sampler and the shuffling of minibatches.
	Seed uint64
	// Gradient chooses exact or sampled gradients (default AutoGradient).
	Gradient GradientMethod
	// Sampling configures sampled gradients (nil means defaults).
	Sampling *SampleConfig
	// Monitor receives one report per epoch with stats "loglik" (exact
	// mean log-likelihood in nats, when the machine has at most
	// MachineExactLimit units) and "gradnorm" (the norm of the epoch's
	// last gradient). Nil means DefaultMonitor.
	Monitor Monitor
	// Context stops training when cancelled (checked before every
	// update). Nil means DefaultContext.
	Context context.Context
}

// Train fits the machine to the rows of data (0/1 visible vectors) by
// the wake/sleep rule: every update moves each weight by the learning
// rate times ⟨s_i s_j⟩_wake − ⟨s_i s_j⟩_sleep. When its context is
// cancelled it stops before the next update, leaving the machine at its
// last completed update, and returns an error wrapping ctx.Err().
func (m *Machine) Train(data *mat.Dense, cfg *MachineConfig) error {
	m.validate()
	m.checkData(data)
	var c MachineConfig
	if cfg != nil {
		c = *cfg
	}
	if c.LearningRate == 0 {
		c.LearningRate = 0.1
	}
	if c.Epochs == 0 {
		c.Epochs = 100
	}
	rows, _ := data.Dims()
	if c.BatchSize <= 0 || c.BatchSize > rows {
		c.BatchSize = rows
	}
	exact := c.Gradient == ExactGradientMethod || (c.Gradient == AutoGradient && m.NumUnits() <= MachineExactLimit)
	method := "sampled"
	if exact {
		method = "exact"
	}
	task := fmt.Sprintf("BM %d+%d %s", m.visible, m.NumHidden(), method)
	mon := monitorOr(c.Monitor)
	ctx := contextOr(c.Context)
	rnd := rand.New(rand.NewPCG(c.Seed, 0x9e3779b97f4a7c15))

	u := m.NumUnits()
	velW := mat.NewSymDense(u, nil)
	velB := make([]float64, u)
	order := make([]int, rows)
	for i := range order {
		order[i] = i
	}
	batches := (rows + c.BatchSize - 1) / c.BatchSize
	batch := mat.NewDense(c.BatchSize, m.visible, nil)
	var tick ticker
	for epoch := 1; epoch <= c.Epochs; epoch++ {
		start := time.Now()
		if batches > 1 {
			rnd.Shuffle(rows, func(a, b int) { order[a], order[b] = order[b], order[a] })
		}
		var grad *MachineGradient
		for bi := 0; bi < batches; bi++ {
			if ctx.Err() != nil {
				return interrupted(ctx, task, epoch, bi)
			}
			lo, hi := bi*c.BatchSize, min((bi+1)*c.BatchSize, rows)
			x := batch.Slice(0, hi-lo, 0, m.visible).(*mat.Dense)
			for r := lo; r < hi; r++ {
				copy(x.RawRowView(r-lo), data.RawRowView(order[r]))
			}
			if exact {
				var err error
				if grad, err = m.ExactGradient(x); err != nil {
					return err
				}
			} else {
				grad = m.SampledGradient(x, c.Sampling, rnd)
			}
			m.machineStep(grad, velW, velB, c)
			if now := time.Now(); tick.due(now) && bi+1 < batches {
				mon.Report(Progress{Task: task, Epoch: epoch, Epochs: c.Epochs, Batch: bi + 1, Batches: batches, Examples: hi, Elapsed: now.Sub(start)})
			}
		}
		p := Progress{Task: task, Epoch: epoch, Epochs: c.Epochs, Batch: batches, Batches: batches, Examples: rows, EpochDone: true,
			Elapsed: time.Since(start)}
		if !machineFinite(m.Net) {
			return fmt.Errorf("bm: %s diverged in epoch %d (weights are no longer finite); lower LearningRate (now %g)", task, epoch, c.LearningRate)
		}
		if u <= MachineExactLimit {
			ll, err := m.ExactLogLikelihood(data)
			if err != nil {
				return err
			}
			p.Stats = append(p.Stats, Stat{"loglik", ll})
		}
		p.Stats = append(p.Stats, Stat{"gradnorm", grad.Norm()})
		mon.Report(p)
	}
	return nil
}

func machineFinite(n *Net) bool {
	for _, b := range n.B {
		if math.IsNaN(b) || math.IsInf(b, 0) {
			return false
		}
	}
	for _, w := range n.W.RawSymmetric().Data {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return false
		}
	}
	return true
}

// machineStep applies one momentum step of gradient ascent.
func (m *Machine) machineStep(g *MachineGradient, velW *mat.SymDense, velB []float64, c MachineConfig) {
	u := m.NumUnits()
	for i := 0; i < u; i++ {
		velB[i] = c.Momentum*velB[i] + c.LearningRate*g.B[i]
		m.B[i] += velB[i]
		for j := i + 1; j < u; j++ {
			if !m.Connected(i, j) {
				continue
			}
			w := m.W.At(i, j)
			v := c.Momentum*velW.At(i, j) + c.LearningRate*(g.W.At(i, j)-c.WeightDecay*w)
			velW.SetSym(i, j, v)
			m.W.SetSym(i, j, w+v)
		}
	}
}
