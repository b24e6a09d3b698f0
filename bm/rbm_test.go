// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// randomRBM returns an RBM with weights and biases of standard
// deviation sd, large enough that its distribution is far from uniform.
func randomRBM(nv, nh int, sd float64, seed uint64) *RBM {
	rnd := rand.New(rand.NewPCG(seed, 17))
	r := NewRBM(nv, nh, rnd)
	raw := r.W.RawMatrix().Data
	for i := range raw {
		raw[i] = sd * rnd.NormFloat64()
	}
	for i := 0; i < nv; i++ {
		r.VisBias.SetVec(i, sd*rnd.NormFloat64())
	}
	for j := 0; j < nh; j++ {
		r.HidBias.SetVec(j, sd*rnd.NormFloat64())
	}
	return r
}

// bitsOf writes the n low bits of x into a new slice of 0/1 values.
func bitsOf(x uint64, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = float64(x >> i & 1)
	}
	return s
}

// bruteLogZ sums exp(−E(v, h)) over every joint state: the definition,
// independent of the closed forms used by FreeEnergy and ExactLogZ.
func bruteLogZ(r *RBM) float64 {
	nv, nh := r.NumVisible(), r.NumHidden()
	var terms []float64
	for v := uint64(0); v < 1<<nv; v++ {
		for h := uint64(0); h < 1<<nh; h++ {
			terms = append(terms, -r.Energy(bitsOf(v, nv), bitsOf(h, nh)))
		}
	}
	return LogSumExp(terms)
}

func TestFreeEnergyBruteForce(t *testing.T) {
	for _, sh := range [][2]int{{1, 1}, {3, 2}, {4, 5}, {6, 3}} {
		nv, nh := sh[0], sh[1]
		r := randomRBM(nv, nh, 1.5, uint64(nv*10+nh))
		all := mat.NewDense(1<<nv, nv, nil)
		for v := uint64(0); v < 1<<nv; v++ {
			vs := bitsOf(v, nv)
			all.SetRow(int(v), vs)
			var terms []float64
			for h := uint64(0); h < 1<<nh; h++ {
				terms = append(terms, -r.Energy(vs, bitsOf(h, nh)))
			}
			want := -LogSumExp(terms)
			if got := r.FreeEnergy(vs); math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
				t.Errorf("%d-%d: F(%v) = %.15g, brute force %.15g", nv, nh, vs, got, want)
			}
		}
		fs := r.FreeEnergies(nil, all)
		for v := 0; v < 1<<nv; v++ {
			if got, want := fs.AtVec(v), r.FreeEnergy(all.RawRowView(v)); math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
				t.Errorf("%d-%d: FreeEnergies[%d] = %g, FreeEnergy %g", nv, nh, v, got, want)
			}
		}
	}
}

func TestExactLogZBruteForce(t *testing.T) {
	// Shapes where the visible layer is smaller, the hidden one is
	// smaller, and the smaller one has more than the 4 prefix bits.
	for _, sh := range [][2]int{{1, 3}, {3, 1}, {4, 6}, {7, 5}, {5, 8}, {6, 6}} {
		nv, nh := sh[0], sh[1]
		r := randomRBM(nv, nh, 2, uint64(nv*100+nh))
		want := bruteLogZ(r)
		if got := must(r.ExactLogZ()); math.Abs(got-want) > 1e-10*math.Abs(want) {
			t.Errorf("%d-%d: ExactLogZ = %.15g, brute force %.15g", nv, nh, got, want)
		}
	}
}

func TestExactGradientFiniteDifference(t *testing.T) {
	for _, sh := range [][2]int{{4, 6}, {6, 4}} {
		nv, nh := sh[0], sh[1]
		r := randomRBM(nv, nh, 1, 7)
		data := mat.NewDense(5, nv, nil)
		rnd := rand.New(rand.NewPCG(3, 3))
		for i := range data.RawMatrix().Data {
			data.RawMatrix().Data[i] = float64(rnd.IntN(2))
		}
		dW, dVis, dHid, err := r.ExactGradient(data)
		if err != nil {
			t.Fatal(err)
		}
		const h = 1e-5
		check := func(name string, p *float64, analytic float64) {
			old := *p
			*p = old + h
			up := must(r.ExactLogLikelihood(data))
			*p = old - h
			down := must(r.ExactLogLikelihood(data))
			*p = old
			if fd := (up - down) / (2 * h); math.Abs(fd-analytic) > 1e-7 {
				t.Errorf("%d-%d: d loglik/d %s = %.9g, finite difference %.9g", nv, nh, name, analytic, fd)
			}
		}
		for i := 0; i < nv; i++ {
			for j := 0; j < nh; j++ {
				check("W", &r.W.RawMatrix().Data[i*r.W.RawMatrix().Stride+j], dW.At(i, j))
			}
			check("VisBias", &r.VisBias.RawVector().Data[i], dVis.AtVec(i))
		}
		for j := 0; j < nh; j++ {
			check("HidBias", &r.HidBias.RawVector().Data[j], dHid.AtVec(j))
		}
	}
}

// cdGradient returns the parameter change of one CD step configured by
// cfg on data as one minibatch, with learning rate 1, no momentum and
// no weight decay: CD's estimate of the gradient, flattened as (W,
// VisBias, HidBias).
func cdGradient(r *RBM, data *mat.Dense, cfg CDConfig) []float64 {
	n, _ := data.Dims()
	before := r.Clone()
	c := r.Clone()
	cfg.LearningRate, cfg.Momentum, cfg.WeightDecay, cfg.BatchSize = 1, Off, Off, n
	s, err := cfg.settings()
	if err != nil {
		panic(err)
	}
	tr := newCDTrainer(c, s, rand.New(rand.NewPCG(cfg.Seed, 1)))
	defer tr.close()
	if cfg.Persistent {
		tr.initChains(data)
	}
	rows := make([]int, n)
	for i := range rows {
		rows[i] = i
	}
	tr.loadBatch(data, rows)
	tr.step()
	tr.sync()
	var g []float64
	g = append(g, c.W.RawMatrix().Data...)
	g = append(g, c.VisBias.RawVector().Data...)
	g = append(g, c.HidBias.RawVector().Data...)
	var g0 []float64
	g0 = append(g0, before.W.RawMatrix().Data...)
	g0 = append(g0, before.VisBias.RawVector().Data...)
	g0 = append(g0, before.HidBias.RawVector().Data...)
	floats.Sub(g, g0)
	return g
}

func cosine(a, b []float64) float64 {
	return floats.Dot(a, b) / (floats.Norm(a, 2) * floats.Norm(b, 2))
}

func TestCDGradientAgreesWithExact(t *testing.T) {
	// Data: 2000 samples (the minibatch) from a different RBM, so the
	// gradient is far from zero; the model is a random RBM.
	const nv, nh = 8, 5
	teacher := randomRBM(nv, nh, 2, 99)
	data := teacher.Fantasies(2000, 50, rand.New(rand.NewPCG(5, 5)))
	for i, x := range data.RawMatrix().Data {
		data.RawMatrix().Data[i] = math.Round(x)
	}
	var sum float64
	const seeds = 5
	for seed := uint64(1); seed <= seeds; seed++ {
		r := randomRBM(nv, nh, 0.5, 1000+seed)
		dW, dVis, dHid, err := r.ExactGradient(data)
		if err != nil {
			t.Fatal(err)
		}
		var exact []float64
		exact = append(exact, dW.RawMatrix().Data...)
		exact = append(exact, dVis.RawVector().Data...)
		exact = append(exact, dHid.RawVector().Data...)
		cos := cosine(cdGradient(r, data, CDConfig{K: 10, Seed: seed}), exact)
		cos32 := cosine(cdGradient(r, data, CDConfig{K: 10, Float32: true, Seed: seed}), exact)
		t.Logf("seed %d: cos(CD-10, exact) = %.4f (float32 trainer: %.4f)", seed, cos, cos32)
		sum += (cos + cos32) / 2
	}
	if mean := sum / seeds; mean < 0.9 {
		t.Errorf("mean cosine between CD-10 and exact gradient = %.3f, want ≥ 0.9", mean)
	}
}

// barsAndStripes returns the 2^(n+1)−2 distinct n×n images made of full
// horizontal bars or full vertical stripes (MacKay's toy set).
func barsAndStripes(n int) *mat.Dense {
	seen := map[string]bool{}
	var rows [][]float64
	for vertical := 0; vertical < 2; vertical++ {
		for m := uint64(0); m < 1<<n; m++ {
			img := make([]float64, n*n)
			for r := 0; r < n; r++ {
				for c := 0; c < n; c++ {
					k := r
					if vertical == 1 {
						k = c
					}
					img[r*n+c] = float64(m >> k & 1)
				}
			}
			key := fmtBits(img)
			if !seen[key] {
				seen[key] = true
				rows = append(rows, img)
			}
		}
	}
	d := mat.NewDense(len(rows), n*n, nil)
	for i, r := range rows {
		d.SetRow(i, r)
	}
	return d
}

func fmtBits(x []float64) string {
	b := make([]byte, len(x))
	for i, v := range x {
		b[i] = '0' + byte(v)
	}
	return string(b)
}

func TestPCDRaisesExactLogLikelihoodOnBarsAndStripes(t *testing.T) {
	bas := barsAndStripes(3)
	if n, _ := bas.Dims(); n != 14 {
		t.Fatalf("3×3 bars and stripes has %d patterns, want 14", n)
	}
	// 20 copies of each pattern, so an epoch has several minibatches.
	data := mat.NewDense(14*20, 9, nil)
	for i := 0; i < 14*20; i++ {
		data.SetRow(i, bas.RawRowView(i%14))
	}
	// "In expectation": average the learning curve over a few seeds.
	const seeds, stages = 4, 8
	ll := make([]float64, stages+1)
	for seed := uint64(1); seed <= seeds; seed++ {
		r := NewRBM(9, 12, rand.New(rand.NewPCG(seed, 11)))
		ll[0] += must(r.ExactLogLikelihood(bas)) / seeds
		for stage := 1; stage <= stages; stage++ {
			err := r.Train(data, &CDConfig{Persistent: true, K: 1, LearningRate: 0.1, Momentum: Off, Chains: 100,
				BatchSize: 20, Epochs: 20, Seed: seed*100 + uint64(stage), Monitor: Quiet, Context: context.Background()})
			if err != nil {
				t.Fatal(err)
			}
			ll[stage] += must(r.ExactLogLikelihood(bas)) / seeds
		}
	}
	t.Logf("exact mean log-likelihood after every 20 epochs, mean of %d seeds: %.3f (optimum %.3f)", seeds, ll, -math.Log(14))
	for i := 1; i < len(ll); i++ {
		if ll[i] < ll[i-1]-0.05 {
			t.Errorf("mean log-likelihood fell from %.3f to %.3f in stage %d", ll[i-1], ll[i], i)
		}
	}
	if gain := ll[len(ll)-1] - ll[0]; gain < 2 {
		t.Errorf("PCD raised the log-likelihood by only %.3f nats (from %.3f)", gain, ll[0])
	}
}

func TestTrainReportsAndCancels(t *testing.T) {
	bas := barsAndStripes(3)
	data := mat.NewDense(140, 9, nil)
	for i := 0; i < 140; i++ {
		data.SetRow(i, bas.RawRowView(i%14))
	}
	r := NewRBM(9, 8, rand.New(rand.NewPCG(1, 1)))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var snapshot *RBM
	var hist History
	mon := MonitorFunc(func(p Progress) {
		hist.Report(p)
		if p.EpochDone && p.Epoch == 2 {
			snapshot = r.Clone()
			cancel()
		}
	})
	err := r.Train(data, &CDConfig{BatchSize: 10, Epochs: 5, Monitor: mon, Context: ctx, Validation: bas})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Train after cancel returned %v, want context.Canceled", err)
	}
	if !mat.Equal(r.W, snapshot.W) || !mat.Equal(r.HidBias, snapshot.HidBias) {
		t.Error("cancelled Train changed the model after the last reported minibatch")
	}
	if len(hist.Epochs) != 2 {
		t.Fatalf("got %d epoch reports, want 2", len(hist.Epochs))
	}
	for _, name := range []string{"recon", "pll", "fegap"} {
		for _, v := range hist.Series(name) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("stat %s = %v", name, v)
			}
		}
	}
	if p := hist.Epochs[0]; p.Examples != 140 || p.Batches != 14 || p.Elapsed <= 0 {
		t.Errorf("epoch report %+v", p)
	}

	// Bad data is an error, not a panic.
	bad := mat.DenseCopyOf(data)
	bad.Set(3, 4, 255)
	if err := r.Train(bad, &CDConfig{Monitor: Quiet}); err == nil {
		t.Error("Train accepted a value of 255")
	}
}

func TestCDStepAllocatesNothing(t *testing.T) {
	for _, c := range []struct{ persistent, float32 bool }{{false, false}, {true, false}, {false, true}, {true, true}} {
		persistent := c.persistent
		r := NewRBM(50, 30, rand.New(rand.NewPCG(1, 1)))
		data := mat.NewDense(64, 50, nil)
		for i := range data.RawMatrix().Data {
			data.RawMatrix().Data[i] = float64(i % 2)
		}
		s, err := (&CDConfig{Persistent: persistent, K: 3, BatchSize: 32, SparsityTarget: 0.1, Float32: c.float32}).settings()
		if err != nil {
			t.Fatal(err)
		}
		tr := newCDTrainer(r, s, rand.New(rand.NewPCG(2, 2)))
		defer tr.close()
		if persistent {
			tr.initChains(data)
		}
		rows := make([]int, 32)
		for i := range rows {
			rows[i] = 2 * i
		}
		allocs := testing.AllocsPerRun(20, func() {
			tr.loadBatch(data, rows)
			tr.step()
		})
		if allocs != 0 {
			t.Errorf("%+v: CD step allocates %.1f times", c, allocs)
		}
	}
}

func TestFillInKeepsKnownUnits(t *testing.T) {
	r := randomRBM(6, 4, 1, 3)
	v := mat.NewDense(2, 6, []float64{1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0})
	known := []bool{true, true, true, false, false, false}
	out := r.FillIn(v, known, 5, rand.New(rand.NewPCG(1, 2)))
	for row := 0; row < 2; row++ {
		for i := 0; i < 6; i++ {
			x := out.At(row, i)
			if known[i] && x != v.At(row, i) {
				t.Errorf("known unit %d changed from %g to %g", i, v.At(row, i), x)
			}
			if !known[i] && (x <= 0 || x >= 1) {
				t.Errorf("unknown unit %d = %g, want a probability in (0, 1)", i, x)
			}
		}
	}
}

func TestCDMomentumSchedule(t *testing.T) {
	for _, c := range []struct {
		cfg        CDConfig
		mom0, mom1 float64
	}{
		{CDConfig{}, 0.5, 0.9},
		{CDConfig{Momentum: Off}, 0, 0},
		{CDConfig{Momentum: 0.7}, 0.7, 0.7},
		{CDConfig{Momentum: 0.7, FinalMomentum: 0.95}, 0.7, 0.95},
		{CDConfig{FinalMomentum: Off}, 0.5, 0},
	} {
		s, err := c.cfg.settings()
		if err != nil {
			t.Fatal(err)
		}
		if s.mom0 != c.mom0 || s.mom1 != c.mom1 {
			t.Errorf("Momentum %g, FinalMomentum %g: schedule %g → %g, want %g → %g",
				c.cfg.Momentum, c.cfg.FinalMomentum, s.mom0, s.mom1, c.mom0, c.mom1)
		}
	}
}
