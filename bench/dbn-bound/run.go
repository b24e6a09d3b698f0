// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/bench/internal/smbench"
	"github.com/boltzbook/boltzbook/bm"
	"github.com/boltzbook/boltzbook/datasets"
)

// config is one run of the bench, as the flags set it.
type config struct {
	LoadFile  string // first RBM, saved by bench/rbm-table; "" trains one
	RBMMethod string // how the loaded RBM was trained ("CD-25"); "" reads it from the file name
	RBMEpochs int    // epochs of CD-1 for a first RBM trained here
	Hidden    int    // units of the top RBM's hidden layer
	Epochs    int    // epochs of the top RBM
	K         int    // CD-k of the top RBM
	LR        float64
	Batch     int
	TopData   string // "sample" or "probs": what the top RBM trains on
	TopInit   string // "random" or "transpose": how the top RBM starts
	// TopSampleLast samples the last visible state of the top RBM's
	// CD-k (CDConfig.SampleLastVisible), as rbm-table's protocol does.
	TopSampleLast bool
	Train         int  // the first N training images
	Test          int  // the first N test images
	Samples       int  // samples of h1 per test image
	Sampled       bool // sample the entropy term too
	BinSeed       uint64
	Seed          uint64
	AISRuns       int
	AISBetas      int
	CSV           string
	Note          string // the CSV row's note
	MNISTDir      string
	Log           io.Writer // progress lines; nil means none
	Context       context.Context
}

// result is what a run measured.
type result struct {
	RBM                          string // "CD-1(500)"
	RBMFile                      string // base name of the loaded file, or "trained here"
	TopHidden                    int
	RBMAIS, TopAIS               bm.AISResult
	RBMTest, RBMLow, RBMHigh     float64 // the first RBM's test log p and its ±3σ bounds
	Bound                        bm.DBNBound
	BoundLow, BoundHigh          float64 // the bound at log Z_2's +3σ and −3σ ends
	Transposed                   float64 // the bound of the DBN with the first RBM's transpose on top
	RBMSec, TopSec, AISSec, BSec float64
	PaperRBM, PaperDBN           float64 // NaN when the paper has no such row
}

// String formats r as the lines the command prints.
func (r result) String() string {
	return fmt.Sprintf("%s + top RBM %d: test bound %.2f nats [%s, %s] (MC s.e. %.3f, s.e. over images %.2f), RBM alone %.2f [%s, %s]\n"+
		"transposed-top check %.2f (should equal the RBM's %.2f); paper: RBM %s, DBN %s\n"+
		"first RBM: AIS %v\ntop RBM:   AIS %v\ntraining %.0fs (first RBM) + %.0fs (top), AIS %.0fs, bound %.0fs",
		r.RBM, r.TopHidden, r.Bound.Bound, formatFloat(r.BoundLow), formatFloat(r.BoundHigh), r.Bound.MCStdErr, r.Bound.StdErr,
		r.RBMTest, formatFloat(r.RBMLow), formatFloat(r.RBMHigh), r.Transposed, r.RBMTest,
		formatFloat(r.PaperRBM), formatFloat(r.PaperDBN), r.RBMAIS, r.TopAIS, r.RBMSec, r.TopSec, r.AISSec, r.BSec)
}

// check rejects flag values the bench cannot use; bm checks the rest.
func (c config) check() error {
	switch {
	case c.Train < 1 || c.Train > datasets.MNISTTrainN:
		return fmt.Errorf("-train %d: need 1 to %d images", c.Train, datasets.MNISTTrainN)
	case c.Test < 1 || c.Test > datasets.MNISTTestN:
		return fmt.Errorf("-test %d: need 1 to %d images", c.Test, datasets.MNISTTestN)
	case c.AISRuns < 2:
		return fmt.Errorf("-ais-runs %d: need at least 2 runs for error bars", c.AISRuns)
	case c.AISBetas < 3:
		return fmt.Errorf("-ais-betas %d: need at least 3 intermediate distributions (one per segment)", c.AISBetas)
	case c.Samples < 2:
		return fmt.Errorf("-samples %d: need at least 2 samples per image for a Monte Carlo error bar", c.Samples)
	case c.Hidden < 1 || c.Epochs < 1 || c.K < 1:
		return fmt.Errorf("-hidden %d, -epochs %d, -cd %d: need at least 1 of each", c.Hidden, c.Epochs, c.K)
	case c.LoadFile == "" && c.RBMEpochs < 1:
		return fmt.Errorf("-rbm-epochs %d: need at least one epoch to train a first RBM (or -load one)", c.RBMEpochs)
	case c.TopData != "sample" && c.TopData != "probs":
		return fmt.Errorf("-top-data %q: want sample or probs", c.TopData)
	case c.TopInit != "random" && c.TopInit != "transpose":
		return fmt.Errorf("-top-init %q: want random or transpose", c.TopInit)
	}
	return nil
}

// loadMNIST reads MNIST; the tests replace it by a cached read.
var loadMNIST = datasets.LoadMNIST

// run loads (or trains) the first RBM, trains the top RBM on its hidden
// activities, estimates both log Zs by AIS and the DBN's bound on the
// test images, and with c.CSV appends a row.
func run(c config) (result, error) {
	if err := c.check(); err != nil {
		return result{}, err
	}
	logw := c.Log
	if logw == nil {
		logw = io.Discard
	}
	data, err := loadMNIST(c.MNISTDir)
	if err != nil {
		return result{}, err
	}
	// rbm-table's binarisation (smbench): the same binary images its
	// saved models were trained and scored on.
	grey, _ := datasets.FirstN(data.TrainImages, data.TrainLabels, c.Train)
	train := smbench.BinarizeTrain(grey, c.BinSeed)
	testGrey, _ := datasets.FirstN(data.TestImages, data.TestLabels, c.Test)
	test := smbench.BinarizeTest(testGrey, c.BinSeed)

	var res result
	t0 := time.Now()
	r1, method, err := firstRBM(c, train, logw)
	if err != nil {
		return result{}, err
	}
	res.RBMSec = time.Since(t0).Seconds()
	res.RBM = fmt.Sprintf("%s(%d)", method, r1.NumHidden())
	res.TopHidden = c.Hidden
	res.RBMFile = "trained here"
	if c.LoadFile != "" {
		res.RBMFile = filepath.Base(c.LoadFile)
	}
	res.PaperRBM, res.PaperDBN = paperFigures(method, r1.NumHidden(), c.Hidden)

	// The top RBM models q(h1|v) of the training images: by default a
	// fresh binary sample of it at every visit (CDConfig.SampleData),
	// because the bound's term Σ q(h1|v) log p(h1) is the top RBM's
	// log-likelihood of exactly those binary samples.
	var q mat.Dense
	r1.HiddenProbs(&q, train)
	top := bm.NewRBM(r1.NumHidden(), c.Hidden, rand.New(rand.NewPCG(c.Seed, 0x2d)))
	if c.TopInit == "transpose" {
		if err := transposeInit(top, r1); err != nil {
			return result{}, err
		}
	}
	t0 = time.Now()
	err = top.Train(&q, &bm.CDConfig{
		K: c.K, LearningRate: c.LR, BatchSize: c.Batch, Epochs: c.Epochs, Seed: c.Seed,
		SampleData: c.TopData == "sample", SampleLastVisible: c.TopSampleLast, Float32: true, NoDataInit: c.TopInit == "transpose",
		Monitor: bm.LineMonitor{W: logw}, Context: c.Context,
	})
	if err != nil {
		return result{}, fmt.Errorf("training the top RBM: %w", err)
	}
	res.TopSec = time.Since(t0).Seconds()

	t0 = time.Now()
	ais := func(r *bm.RBM, base *mat.Dense, name string) (bm.AISResult, error) {
		var last time.Time
		return r.AIS(&bm.AISConfig{
			Betas: bm.AISSchedule(c.AISBetas), Runs: c.AISRuns, BaseData: base, Seed: c.Seed, Context: c.Context,
			Monitor: bm.MonitorFunc(func(p bm.Progress) {
				if time.Since(last) > 30*time.Second {
					last = time.Now()
					fmt.Fprintf(logw, "AIS %s step %d/%d after %.0fs\n", name, p.Batch, p.Batches, p.Elapsed.Seconds())
				}
			}),
		})
	}
	// Base-rate models as the paper's: fitted to each RBM's training data.
	if res.RBMAIS, err = ais(r1, train, "first RBM"); err != nil {
		return result{}, err
	}
	if res.TopAIS, err = ais(top, &q, "top RBM"); err != nil {
		return result{}, err
	}
	res.AISSec = time.Since(t0).Seconds()

	// The first RBM's own test log p, with rbm-table's bounds: a larger
	// log Z gives a smaller log p.
	meanF := mat.Sum(r1.FreeEnergies(nil, test)) / float64(c.Test)
	res.RBMTest = -meanF - res.RBMAIS.LogZ
	res.RBMLow, res.RBMHigh = -meanF-res.RBMAIS.LogZHigh, -meanF-res.RBMAIS.LogZLow

	t0 = time.Now()
	dbn := &bm.DBN{Layers: []*bm.RBM{r1, top}}
	bcfg := &bm.DBNBoundConfig{Samples: c.Samples, SampledEntropy: c.Sampled, Seed: c.Seed, Context: c.Context}
	if res.Bound, err = dbn.LogProbBound(test, res.TopAIS.LogZ, bcfg); err != nil {
		return result{}, err
	}
	res.BoundLow, res.BoundHigh = res.Bound.WithLogZ(res.TopAIS.LogZHigh), res.Bound.WithLogZ(res.TopAIS.LogZLow)
	res.BSec = time.Since(t0).Seconds()

	// Check of the whole pipeline at full size: with the first RBM's
	// transpose on top the DBN is the RBM and its log Z the RBM's, so
	// the bound must come out as the RBM's test log p.
	tr := &bm.DBN{Layers: []*bm.RBM{r1}}
	tr.AddTransposedLayer()
	tb, err := tr.LogProbBound(test, res.RBMAIS.LogZ, bcfg)
	if err != nil {
		return result{}, err
	}
	res.Transposed = tb.Bound

	if c.CSV != "" {
		if err := smbench.AppendCSV(c.CSV, csvHeader, csvRow(c, res, time.Now(), smbench.GitCommit())); err != nil {
			return result{}, err
		}
	}
	return res, nil
}

// transposeInit makes top start as (nearly) the first RBM's own model
// of its hidden layer, so that the DBN starts with the RBM's p(v) and a
// bound equal to the RBM's log p, which training the top RBM can raise
// (Hinton, Osindero & Teh 2006). Its first units get the first RBM's
// weights transposed and its visible biases as hidden biases, its
// visible biases the first RBM's hidden biases; the remaining units keep
// NewRBM's small random weights (exactly zero weights would add only a
// constant to −F2 and log Z2, but would never break their symmetry) and
// zero biases.
func transposeInit(top, r1 *bm.RBM) error {
	nv := r1.NumVisible()
	if top.NumHidden() < nv {
		return fmt.Errorf("-top-init transpose: the top RBM has %d hidden units, fewer than the first RBM's %d visible ones", top.NumHidden(), nv)
	}
	top.W.Slice(0, r1.NumHidden(), 0, nv).(*mat.Dense).Copy(r1.W.T())
	top.VisBias.CopyVec(r1.HidBias)
	top.HidBias.SliceVec(0, nv).(*mat.VecDense).CopyVec(r1.VisBias)
	return nil
}

// rbmTableName matches the file names bench/rbm-table saves under.
var rbmTableName = regexp.MustCompile(`^rbm-table-((?:P?CD)-\d+)-h\d+-`)

// firstRBM loads c.LoadFile, or trains a 784-500 CD-1 RBM on train, and
// says how it was trained.
func firstRBM(c config, train *mat.Dense, logw io.Writer) (*bm.RBM, string, error) {
	if c.LoadFile != "" {
		r, err := bm.LoadRBMFile(c.LoadFile)
		if err != nil {
			return nil, "", err
		}
		if r.NumVisible() != datasets.MNISTPixels {
			return nil, "", fmt.Errorf("%s: %v has %d visible units, MNIST has %d pixels", c.LoadFile, r, r.NumVisible(), datasets.MNISTPixels)
		}
		method := c.RBMMethod
		if m := rbmTableName.FindStringSubmatch(filepath.Base(c.LoadFile)); method == "" && m != nil {
			method = m[1]
		}
		if method == "" {
			method = "RBM"
		}
		fmt.Fprintf(logw, "loaded %v (%s) from %s\n", r, method, c.LoadFile)
		return r, method, nil
	}
	r := bm.NewRBM(datasets.MNISTPixels, 500, rand.New(rand.NewPCG(c.Seed, 0x7ab1e)))
	err := r.Train(train, &bm.CDConfig{K: 1, Epochs: c.RBMEpochs, Seed: c.Seed, Float32: true,
		Monitor: bm.LineMonitor{W: logw}, Context: c.Context})
	if err != nil {
		return nil, "", fmt.Errorf("training the first RBM: %w", err)
	}
	return r, "CD-1", nil
}

// formatFloat writes x with two decimals, as the paper's tables, and
// infinities as "+Inf" and "-Inf"; NaN (no figure) as "".
func formatFloat(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return fmt.Sprintf("%.2f", x)
}
