// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"fmt"
	"math"
	"math/rand/v2"

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
// statistics by Gibbs sampling. The zero value (or a nil pointer) means
// the defaults.
type SampleConfig struct {
	// BurnIn is the number of sweeps run, from a random state, before
	// samples are collected; 0 means 100 and Off none.
	BurnIn int
	// Samples is the number of samples per phase, one per sweep; 0
	// means 1000. The sleep phase takes them all from one free-running
	// chain; the wake phase takes ⌈Samples/rows⌉ from a chain per data
	// row (just one when there are no hidden units: the data are exact).
	Samples int
}

// sampleSettings are a SampleConfig checked and defaulted.
type sampleSettings struct{ burnIn, samples int }

func (c *SampleConfig) settings(config string) (sampleSettings, error) {
	if c == nil {
		c = &SampleConfig{}
	}
	chk := fieldCheck{config: config}
	s := sampleSettings{
		burnIn:  chk.count("BurnIn", c.BurnIn, 100, true),
		samples: chk.count("Samples", c.Samples, 1000, false),
	}
	return s, chk.err
}

// SampledGradient estimates the gradient of ExactGradient by Gibbs
// sampling at T = 1 instead of enumeration, so it works for machines of
// any size: the wake phase clamps each data row and samples the hidden
// units, the sleep phase samples every unit. A nil cfg means defaults;
// a negative count in cfg panics (Machine.Train returns it as an error).
func (m *Machine) SampledGradient(data *mat.Dense, cfg *SampleConfig, rnd *rand.Rand) *MachineGradient {
	m.validate()
	m.checkData(data)
	c, err := cfg.settings("SampleConfig")
	if err != nil {
		panic(err.Error())
	}
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
	perRow := (c.samples + r - 1) / r
	burn := c.burnIn
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
	g.Sweeps(s, c.burnIn)
	for k := 0; k < c.samples; k++ {
		g.sweep(s, 1)
		machineAccumulate(acc, s, 1/float64(c.samples))
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
