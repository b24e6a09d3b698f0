// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// dbnTestRandomize gives every weight and bias of d a N(0, 1) value, so
// that copying mistakes cannot hide behind near-zero parameters.
func dbnTestRandomize(d *DBN, rnd *rand.Rand) {
	for _, r := range d.Layers {
		for i := range r.W.RawMatrix().Data {
			r.W.RawMatrix().Data[i] = rnd.NormFloat64()
		}
		for i := 0; i < r.VisBias.Len(); i++ {
			r.VisBias.SetVec(i, rnd.NormFloat64())
		}
		for j := 0; j < r.HidBias.Len(); j++ {
			r.HidBias.SetVec(j, rnd.NormFloat64())
		}
	}
}

func dbnTestBinary(n, d int, rnd *rand.Rand) *mat.Dense {
	x := mat.NewDense(n, d, nil)
	for i := range x.RawMatrix().Data {
		if rnd.Float64() < 0.4 {
			x.RawMatrix().Data[i] = 1
		}
	}
	return x
}

// TestDBNToMLPCopiesWeights checks that hidden layer l of the
// pretrained MLP computes exactly the DBN's up-pass probabilities of
// layer l, i.e. that every RBM's weights and hidden biases went to the
// right layer the right way round.
func TestDBNToMLPCopiesWeights(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	d := NewDBN([]int{12, 9, 7, 5}, rnd)
	dbnTestRandomize(d, rnd)
	m := d.ToMLP(4, rnd)
	if got, want := m.Sizes(), []int{12, 9, 7, 5, 4}; !equalInts(got, want) {
		t.Fatalf("ToMLP sizes %v, want %v", got, want)
	}
	x := dbnTestBinary(20, 12, rnd)
	for l := 1; l <= 3; l++ {
		got, want := m.Activations(l, x), d.Features(l, x)
		if !mat.EqualApprox(got, want, 1e-12) {
			t.Errorf("layer %d: MLP activations differ from DBN features", l)
		}
	}
	// The copy is deep: training the MLP must not move the DBN.
	before := mat.DenseCopyOf(d.Layers[0].W)
	m.Weights[0].Set(0, 0, 42)
	if !mat.Equal(before, d.Layers[0].W) {
		t.Error("ToMLP shares weight storage with the DBN")
	}
	r := d.RandomMLP(4, rnd)
	if !equalInts(r.Sizes(), m.Sizes()) || mat.Equal(r.Weights[0], m.Weights[0]) {
		t.Error("RandomMLP should have ToMLP's shape and different weights")
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestDBNExactLowerBoundOneLayer: with one RBM the bound is that RBM's
// exact log-likelihood, computed independently by RBM.ExactLogLikelihood.
func TestDBNExactLowerBoundOneLayer(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for _, sizes := range [][]int{{6, 4}, {4, 7}} {
		d := NewDBN(sizes, rnd)
		dbnTestRandomize(d, rnd)
		x := dbnTestBinary(10, sizes[0], rnd)
		got, want := must(d.ExactLowerBound(x)), must(d.Layers[0].ExactLogLikelihood(x))
		if math.Abs(got-want) > 1e-10 {
			t.Errorf("%v: bound %.12g, exact log-likelihood %.12g", sizes, got, want)
		}
	}
}

// TestDBNExactLowerBoundIsBound checks B ≤ log p(v) for a random
// two-layer DBN, where log p(v) = log Σ_h p(v|h) p_top(h) is computed by
// brute force, and that the bound is tight when the top RBM is the
// transpose of the one below.
func TestDBNExactLowerBoundIsBound(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	d := NewDBN([]int{5, 4, 3}, rnd)
	dbnTestRandomize(d, rnd)
	x := dbnTestBinary(8, 5, rnd)
	logp := dbnTestLogProb(d, x)
	bound := must(d.ExactLowerBound(x))
	if !(bound <= logp+1e-12) {
		t.Errorf("bound %.10g exceeds log p(v) %.10g", bound, logp)
	}
	if logp-bound < 1e-6 {
		t.Errorf("bound %.10g equals log p(v) %.10g for a random top layer; expected a gap", bound, logp)
	}
	tight := &DBN{Layers: []*RBM{d.Layers[0]}}
	tight.AddTransposedLayer()
	if b, want := must(tight.ExactLowerBound(x)), must(d.Layers[0].ExactLogLikelihood(x)); math.Abs(b-want) > 1e-10 {
		t.Errorf("transposed top layer: bound %.12g, first RBM's log-likelihood %.12g", b, want)
	}
	if b, lp := must(tight.ExactLowerBound(x)), dbnTestLogProb(tight, x); math.Abs(b-lp) > 1e-10 {
		t.Errorf("transposed top layer: bound %.12g, brute-force log p %.12g", b, lp)
	}
}

// dbnTestLogProb returns the mean exact log p(v) of a two-layer DBN,
// summing p(v|h) p_top(h) over every h by brute force.
func dbnTestLogProb(d *DBN, x *mat.Dense) float64 {
	r0, top := d.Layers[0], d.Layers[1]
	logZ := must(top.ExactLogZ())
	n, nv := x.Dims()
	nh := r0.NumHidden()
	h := make([]float64, nh)
	var sum float64
	for k := 0; k < n; k++ {
		terms := make([]float64, 1<<nh)
		for s := range terms {
			dbnBits(h, s)
			lp := -top.FreeEnergy(h) - logZ
			for i := 0; i < nv; i++ {
				z := r0.VisBias.AtVec(i)
				for j := range h {
					z += r0.W.At(i, j) * h[j]
				}
				p := Sigmoid(z)
				if x.At(k, i) == 1 {
					lp += math.Log(p)
				} else {
					lp += math.Log(1 - p)
				}
			}
			terms[s] = lp
		}
		sum += LogSumExp(terms)
	}
	return sum / float64(n)
}

// dbnTestBarsAndStripes returns the 14 patterns of 3×3 bars and stripes
// (all rows equal or all columns equal) repeated copies times.
func dbnTestBarsAndStripes(copies int) *mat.Dense {
	var rows [][]float64
	for s := 0; s < 8; s++ {
		bars, stripes := make([]float64, 9), make([]float64, 9)
		for i := 0; i < 3; i++ {
			for j := 0; j < 3; j++ {
				bars[3*i+j] = float64(s >> j & 1)
				stripes[3*i+j] = float64(s >> i & 1)
			}
		}
		rows = append(rows, bars)
		if s != 0 && s != 7 {
			rows = append(rows, stripes)
		}
	}
	x := mat.NewDense(len(rows)*copies, 9, nil)
	for c := 0; c < copies; c++ {
		for i, r := range rows {
			x.SetRow(c*len(rows)+i, r)
		}
	}
	return x
}

// TestDBNAddedLayerImprovesBound is the lecture's claim that each added
// layer improves a variational bound on the log-probability of the
// data, checked exactly on 3×3 bars and stripes. A first RBM 9-6 is
// trained; a second RBM initialised as its transpose makes the bound
// equal to the first RBM's log-likelihood (tight); training the second
// layer on samples of the first layer's hidden units must not lower it.
func TestDBNAddedLayerImprovesBound(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	data := dbnTestBarsAndStripes(1)
	train := dbnTestBarsAndStripes(40)
	d := NewDBN([]int{9, 6}, rnd)
	err := d.Train(train, &DBNConfig{Monitor: Quiet, Layers: []*CDConfig{
		{K: 5, Epochs: 60, BatchSize: 14, LearningRate: 0.1, Seed: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	oneLayer := must(d.Layers[0].ExactLogLikelihood(data))
	d.AddTransposedLayer()
	before := must(d.ExactLowerBound(data))
	if math.Abs(before-oneLayer) > 1e-9 {
		t.Fatalf("bound with transposed top layer %.10g, want the first RBM's log-likelihood %.10g", before, oneLayer)
	}
	err = d.Train(train, &DBNConfig{From: 1, SampleHidden: true, Seed: 2, Monitor: Quiet, Layers: []*CDConfig{
		nil, {K: 10, Epochs: 30, BatchSize: 14, LearningRate: 0.02, Seed: 3}}})
	if err != nil {
		t.Fatal(err)
	}
	after := must(d.ExactLowerBound(data))
	t.Logf("mean bound on log p(v): one layer %.4f, two layers before training %.4f, after %.4f (best possible −log 14 = %.4f)",
		oneLayer, before, after, -math.Log(14))
	if after < before {
		t.Errorf("training the added layer lowered the bound from %.6f to %.6f", before, after)
	}
}

func TestDBNTrainGreedy(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	train := dbnTestBarsAndStripes(10)
	d := NewDBN([]int{9, 8, 6}, rnd)
	first := mat.DenseCopyOf(d.Layers[0].W)
	var tasks []string
	mon := MonitorFunc(func(p Progress) {
		if p.EpochDone {
			tasks = append(tasks, p.Task)
		}
	})
	err := d.Train(train, &DBNConfig{Monitor: mon, Validation: dbnTestBarsAndStripes(1),
		Layers: []*CDConfig{{Epochs: 3}, {Epochs: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(tasks) != 5 || !strings.HasPrefix(tasks[0], "DBN layer 1/2: RBM 9-8") || !strings.HasPrefix(tasks[4], "DBN layer 2/2: RBM 8-6") {
		t.Errorf("unexpected per-layer reports %q", tasks)
	}
	if mat.Equal(first, d.Layers[0].W) {
		t.Error("first layer did not train")
	}
	g := d.Generate(5, 10, rnd)
	if r, c := g.Dims(); r != 5 || c != 9 {
		t.Fatalf("Generate returned %d×%d, want 5×9", r, c)
	}
	for _, v := range g.RawMatrix().Data {
		if v < 0 || v > 1 {
			t.Fatalf("generated probability %v outside [0, 1]", v)
		}
	}
	if r, c := d.GenerateFrom(train.Slice(0, 3, 0, 9).(*mat.Dense), 2, rnd).Dims(); r != 3 || c != 9 {
		t.Errorf("GenerateFrom returned %d×%d", r, c)
	}
	if _, c := d.Features(2, train).Dims(); c != 6 {
		t.Errorf("top features have %d columns", c)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = d.Train(train, &DBNConfig{Context: ctx, Monitor: Quiet})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled DBN.Train returned %v", err)
	}
}

func TestDBNMLPRatingsSaveLoad(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	d := NewDBN([]int{7, 5, 3}, rnd)
	dbnTestRandomize(d, rnd)
	m := d.ToMLP(4, rnd)
	rr := NewRatingsRBM(6, 5, 4, rnd)
	dir := t.TempDir()

	if err := SaveFile(filepath.Join(dir, "d.bzm"), d); err != nil {
		t.Fatal(err)
	}
	d2, err := LoadDBNFile(filepath.Join(dir, "d.bzm"))
	if err != nil {
		t.Fatal(err)
	}
	for l := range d.Layers {
		a, b := d.Layers[l], d2.Layers[l]
		if !mat.Equal(a.W, b.W) || !mat.Equal(a.VisBias, b.VisBias) || !mat.Equal(a.HidBias, b.HidBias) {
			t.Errorf("DBN layer %d changed in a save/load round trip", l)
		}
	}

	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := LoadMLP(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for l := range m.Weights {
		if !mat.Equal(m.Weights[l], m2.Weights[l]) || !mat.Equal(m.Biases[l], m2.Biases[l]) {
			t.Errorf("MLP layer %d changed in a save/load round trip", l)
		}
	}
	if _, err := LoadDBN(bytes.NewReader(buf.Bytes())); !errors.Is(err, ErrModelKind) {
		t.Errorf("loading an MLP file as a DBN gave %v, want ErrModelKind", err)
	}

	buf.Reset()
	if err := rr.Save(&buf); err != nil {
		t.Fatal(err)
	}
	rr2, err := LoadRatingsRBM(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !mat.Equal(rr.W, rr2.W) || !mat.Equal(rr.VisBias, rr2.VisBias) || !mat.Equal(rr.HidBias, rr2.HidBias) || rr2.NumLevels() != 5 || rr2.NumMovies() != 6 {
		t.Error("ratings RBM changed in a save/load round trip")
	}
	if kind, err := ModelKind(filepath.Join(dir, "d.bzm")); err != nil || kind != "dbn" {
		t.Errorf("ModelKind = %q, %v", kind, err)
	}
}

// MNIST for the long tests, read by a small test-local IDX reader from
// the GoMNIST module in the module cache (the datasets package has the
// full loader; bm does not depend on it).
var dbnTestMNIST struct {
	once          sync.Once
	trainX, testX *mat.Dense
	trainY, testY []int
	err           error
}

// dbnTestLoadMNIST returns the first nTrain training and nTest test
// images (scaled to [0, 1]) and labels, or skips the test if the files
// are not in the module cache.
func dbnTestLoadMNIST(t testing.TB, nTrain, nTest int) (*mat.Dense, []int, *mat.Dense, []int) {
	m := &dbnTestMNIST
	m.once.Do(func() {
		out, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			m.err = err
			return
		}
		dir := filepath.Join(strings.TrimSpace(string(out)), "github.com/petar/!go!m!n!i!s!t@v0.0.0-20150320212226-2fbe10d0fa63/data")
		read := func(name string) []byte {
			if m.err != nil {
				return nil
			}
			f, err := os.Open(filepath.Join(dir, name))
			if err != nil {
				m.err = err
				return nil
			}
			defer f.Close()
			z, err := gzip.NewReader(f)
			if err != nil {
				m.err = err
				return nil
			}
			b, err := io.ReadAll(z)
			m.err = err
			return b
		}
		images := func(b []byte) *mat.Dense {
			if m.err != nil {
				return nil
			}
			if len(b) < 16 || binary.BigEndian.Uint32(b) != 0x803 {
				m.err = errors.New("not an IDX image file")
				return nil
			}
			n, px := int(binary.BigEndian.Uint32(b[4:])), int(binary.BigEndian.Uint32(b[8:])*binary.BigEndian.Uint32(b[12:]))
			x := mat.NewDense(n, px, nil)
			for i, v := range b[16 : 16+n*px] {
				x.RawMatrix().Data[i] = float64(v) / 255
			}
			return x
		}
		labels := func(b []byte) []int {
			if m.err != nil {
				return nil
			}
			if len(b) < 8 || binary.BigEndian.Uint32(b) != 0x801 {
				m.err = errors.New("not an IDX label file")
				return nil
			}
			y := make([]int, len(b)-8)
			for i, v := range b[8:] {
				y[i] = int(v)
			}
			return y
		}
		m.trainX = images(read("train-images-idx3-ubyte.gz"))
		m.trainY = labels(read("train-labels-idx1-ubyte.gz"))
		m.testX = images(read("t10k-images-idx3-ubyte.gz"))
		m.testY = labels(read("t10k-labels-idx1-ubyte.gz"))
	})
	if m.err != nil {
		t.Skipf("MNIST not available: %v", m.err)
	}
	return m.trainX.Slice(0, nTrain, 0, 784).(*mat.Dense), m.trainY[:nTrain],
		m.testX.Slice(0, nTest, 0, 784).(*mat.Dense), m.testY[:nTest]
}

// TestPretrainingOnMNIST is the quick configuration of the lecture's
// experiment (ComparePretraining's defaults): 10k training images, 2k
// test images, a 784-500-10 net, 3 seeds. The pretrained nets must reach
// ≥ 95 % mean test accuracy, and their mean test error must not exceed
// that of the same nets randomly initialised and fine-tuned with the same
// budget. (Single seeds scatter by about ±0.3 %: 4.50, 4.70 and 4.95 %
// pretrained, 6.05, 5.90 and 6.85 % random when this was written.)
func TestPretrainingOnMNIST(t *testing.T) {
	if testing.Short() {
		t.Skip("trains 6 MNIST nets; skipped under -short")
	}
	trainX, trainY, testX, testY := dbnTestLoadMNIST(t, 10000, 2000)
	var pre, rnd float64
	for seed := uint64(1); seed <= 3; seed++ {
		res, err := ComparePretraining(trainX, trainY, testX, testY, &PretrainConfig{Seed: seed, Monitor: Quiet})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %d: test error pretrained %.2f%%, random init %.2f%% (per epoch: %.4f / %.4f)", seed,
			100*res.PretrainedTestError, 100*res.RandomTestError,
			res.PretrainedHistory.Series("valerr"), res.RandomHistory.Series("valerr"))
		pre += res.PretrainedTestError / 3
		rnd += res.RandomTestError / 3
	}
	t.Logf("mean test error over 3 seeds: pretrained %.2f%%, random init %.2f%%", 100*pre, 100*rnd)
	if acc := 1 - pre; acc < 0.95 {
		t.Errorf("pretrained mean test accuracy %.2f%%, want ≥ 95%%", 100*acc)
	}
	if pre > rnd {
		t.Errorf("pretrained mean test error %.2f%% is worse than random init %.2f%%", 100*pre, 100*rnd)
	}
}

func ExampleDBN_ToMLP() {
	rnd := rand.New(rand.NewPCG(1, 2))
	d := NewDBN([]int{784, 500, 500, 2000}, rnd)
	// ... d.Train(images, nil) would pretrain it here ...
	pretrained := d.ToMLP(10, rnd)
	baseline := d.RandomMLP(10, rnd)
	fmt.Println(d)
	fmt.Println(pretrained, "and", baseline)
	// Output:
	// DBN 784-500-500-2000
	// MLP 784-500-500-2000-10 and MLP 784-500-500-2000-10
}
