// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/bench/internal/smbench"
	"github.com/boltzbook/boltzbook/bm"
	"github.com/boltzbook/boltzbook/datasets"
)

// config is one run of the bench, as the flags set it.
type config struct {
	K                 int // Gibbs steps of CD-k or PCD-k
	KRamp             int // epochs per added Gibbs step (bm.CDConfig.KRampEpochs); 0: k fixed
	PCD               bool
	Hidden, Epochs    int
	TrainMinutes      float64 // stop after the first epoch that ends past it; 0: no limit
	LR, LRDecay       float64
	Batch             int
	Float32           bool
	Train, Test       int    // the first N images of each set
	Binarize          string // "stochastic", "fresh" or "threshold"
	SampleLast        bool   // sample CD-k's last visible state
	BinSeed, Seed     uint64
	AISRuns, AISBetas int
	SaveDir, LoadFile string
	CSV, MNISTDir     string
	Quiet             bool
	Log               io.Writer // progress lines; nil means none
	Context           context.Context
}

// result is what a run measured.
type result struct {
	Method        string // "CD-1", "PCD-1", …
	Hidden        int
	Epochs        int // completed (c.Epochs, as given, for a loaded model)
	Loaded        bool
	AIS           bm.AISResult
	MeanFreeTest  float64 // mean free energy of the test images
	TestLogP      float64 // −MeanFreeTest − log Ẑ
	TestLow       float64 // −MeanFreeTest − log(Ẑ + 3σ̂)
	TestHigh      float64 // −MeanFreeTest − log(Ẑ − 3σ̂); +Inf when Ẑ − 3σ̂ ≤ 0
	TestCeiling   float64 // −MeanFreeTest − max over known images v of −F(v): exact, no AIS
	BlankLogP     float64 // log p of the all-off image, by AIS: −F(0) − log Ẑ
	TrainLogP     float64
	TrainSec      float64 // 0 with -load
	AISSec        float64
	Paper         float64 // the paper's test log p for Method, or NaN
	SavedTo, Note string
}

// String formats r as the two lines the command prints.
func (r result) String() string {
	paper := "no row in the paper"
	if !math.IsNaN(r.Paper) {
		paper = fmt.Sprintf("paper %.2f", r.Paper)
	}
	epochs := fmt.Sprintf("%d epochs", r.Epochs)
	if r.Loaded {
		epochs = fmt.Sprintf("loaded, -epochs %d as given", r.Epochs)
	}
	return fmt.Sprintf("%s(%d), %s: test log p %.2f nats [%s, %s] (%s; at most %.2f exactly), train %.2f; all-off image %.2f; training %.0fs, AIS %.0fs\nAIS %v",
		r.Method, r.Hidden, epochs, r.TestLogP, formatFloat(r.TestLow), formatFloat(r.TestHigh), paper, r.TestCeiling, r.TrainLogP,
		r.BlankLogP, r.TrainSec, r.AISSec, r.AIS)
}

// lastVisible names CD-k's last visible state for the CSV.
func (c config) lastVisible() string {
	if c.SampleLast || c.PCD {
		return "sample"
	}
	return "probabilities"
}

func (c config) method() string {
	if c.PCD {
		return fmt.Sprintf("PCD-%d", c.K)
	}
	return fmt.Sprintf("CD-%d", c.K)
}

// check rejects flag values the bench cannot use; bm checks the rest.
func (c config) check() error {
	switch {
	case c.K < 1:
		return fmt.Errorf("-cd %d: need at least one Gibbs step", c.K)
	case c.KRamp < 0:
		return fmt.Errorf("-k-ramp %d: need epochs ≥ 0 per added Gibbs step (0: k fixed)", c.KRamp)
	case c.Train < 1 || c.Train > datasets.MNISTTrainN:
		return fmt.Errorf("-train %d: need 1 to %d images", c.Train, datasets.MNISTTrainN)
	case c.Test < 1 || c.Test > datasets.MNISTTestN:
		return fmt.Errorf("-test %d: need 1 to %d images", c.Test, datasets.MNISTTestN)
	case c.AISRuns < 2:
		return fmt.Errorf("-ais-runs %d: need at least 2 runs for error bars", c.AISRuns)
	case c.AISBetas < 3:
		return fmt.Errorf("-ais-betas %d: need at least 3 intermediate distributions (one per segment)", c.AISBetas)
	case c.TrainMinutes < 0:
		return fmt.Errorf("-train-minutes %g: need a duration ≥ 0 (0: no limit)", c.TrainMinutes)
	case c.LRDecay <= 0 || c.LRDecay > 1:
		return fmt.Errorf("-lr-decay %g: need a factor in (0, 1]", c.LRDecay)
	case c.Binarize != "stochastic" && c.Binarize != "fresh" && c.Binarize != "threshold":
		return fmt.Errorf("-binarize %q: want stochastic, fresh or threshold", c.Binarize)
	}
	return nil
}

// run trains (or loads) an RBM, estimates its log Z by AIS, scores the
// test and training images and, with c.CSV, appends a row.
func run(c config) (result, error) {
	if err := c.check(); err != nil {
		return result{}, err
	}
	logw := c.Log
	if logw == nil || c.Quiet {
		logw = io.Discard
	}
	train, scored, test, err := loadData(c)
	if err != nil {
		return result{}, err
	}
	res := result{Method: c.method(), Epochs: c.Epochs, Paper: math.NaN()}

	r, err := trainOrLoad(c, train, logw, &res)
	if err != nil {
		return result{}, err
	}
	res.Hidden = r.NumHidden()
	res.Paper = paperTestLogP(res.Method, res.Hidden)

	t0 := time.Now()
	var lastReport time.Time
	progress := bm.MonitorFunc(func(p bm.Progress) {
		if time.Since(lastReport) > 30*time.Second {
			lastReport = time.Now()
			fmt.Fprintf(logw, "AIS step %d/%d after %.0fs\n", p.Batch, p.Batches, p.Elapsed.Seconds())
		}
	})
	res.AIS, err = r.AIS(&bm.AISConfig{
		Betas:    bm.AISSchedule(c.AISBetas), // the paper's schedule for 14 500
		Runs:     c.AISRuns,
		BaseData: scored, // the paper's base-rate model: the training images' pixel means
		Seed:     c.Seed,
		Monitor:  progress,
		Context:  c.Context,
	})
	if err != nil {
		return result{}, err
	}
	res.AISSec = time.Since(t0).Seconds()

	// log p(v) = −F(v) − log Z: the bounds of log Z, swapped, bound the
	// mean test log-probability. LogZLow is −Inf when Ẑ − 3σ̂ ≤ 0 (the
	// runs' weights are so spread that the interval reaches zero), and
	// the upper bound of log p is then +Inf: the estimate gives no upper
	// limit at three standard errors.
	n, _ := test.Dims()
	res.MeanFreeTest = mat.Sum(r.FreeEnergies(nil, test)) / float64(n)
	res.TestLogP = -res.MeanFreeTest - res.AIS.LogZ
	res.TestLow = -res.MeanFreeTest - res.AIS.LogZHigh
	res.TestHigh = -res.MeanFreeTest - res.AIS.LogZLow
	res.TrainLogP = r.LogLikelihood(scored, res.AIS.LogZ)
	blank := make([]float64, r.NumVisible())
	res.BlankLogP = -r.FreeEnergy(blank) - res.AIS.LogZ
	res.TestCeiling = -res.MeanFreeTest - logZFloor(r, blank, scored, test)

	if c.CSV != "" {
		if err := appendCSV(c.CSV, csvRow(c, res, time.Now(), gitCommit())); err != nil {
			return result{}, err
		}
	}
	return res, nil
}

// logZFloor returns max −F(v) over the given images (rows of the
// matrices, or single vectors), an exact lower bound on log Z since Z
// sums e^{−F(v)} over every image. It checks AIS from below without
// sampling: a model that piles its probability on one image (the
// all-off image, for CD-1 with a sampled last visible state early in
// training) has a floor within nats of log Z, and a test log p that
// AIS puts above the ceiling it gives means AIS underestimated log Z.
func logZFloor(r *bm.RBM, blank []float64, sets ...*mat.Dense) float64 {
	floor := -r.FreeEnergy(blank)
	for _, m := range sets {
		fe := r.FreeEnergies(nil, m)
		floor = max(floor, -mat.Min(fe))
	}
	return floor
}

// loadMNIST reads MNIST; the tests replace it by a cached read.
var loadMNIST = datasets.LoadMNIST

// loadData returns the first c.Train training and c.Test test images of
// MNIST: train to train on, scored to score (and to fit AIS's base-rate
// model to), and test, binarised as c says. The stochastic binarisation
// draws every pixel once from its own stream per set, row by row, so an
// image's sample does not depend on how many images are used. With
// "fresh" the RBM trains on the grey levels, sampled afresh at every
// visit (CDConfig.SampleData), and scored is the "stochastic" sample.
func loadData(c config) (train, scored, test *mat.Dense, err error) {
	data, err := loadMNIST(c.MNISTDir)
	if err != nil {
		return nil, nil, nil, err
	}
	grey, _ := datasets.FirstN(data.TrainImages, data.TrainLabels, c.Train)
	test, _ = datasets.FirstN(data.TestImages, data.TestLabels, c.Test)
	if c.Binarize == "threshold" {
		train = datasets.Binarize(grey, 0.5)
		return train, train, datasets.Binarize(test, 0.5), nil
	}
	scored = smbench.BinarizeTrain(grey, c.BinSeed)
	test = smbench.BinarizeTest(test, c.BinSeed)
	if c.Binarize == "fresh" {
		return grey, scored, test, nil
	}
	return scored, scored, test, nil
}

// trainOrLoad returns the RBM of c.LoadFile, or a new one trained on
// train (and saved under c.SaveDir if set), recording the training time
// and where the model went in res.
func trainOrLoad(c config, train *mat.Dense, logw io.Writer, res *result) (*bm.RBM, error) {
	if c.LoadFile != "" {
		r, err := bm.LoadRBMFile(c.LoadFile)
		if err != nil {
			return nil, err
		}
		if r.NumVisible() != datasets.MNISTPixels {
			return nil, fmt.Errorf("%s: %v has %d visible units, MNIST has %d pixels", c.LoadFile, r, r.NumVisible(), datasets.MNISTPixels)
		}
		res.Loaded, res.Note = true, "loaded "+filepath.Base(c.LoadFile)
		fmt.Fprintf(logw, "loaded %v from %s\n", r, c.LoadFile)
		return r, nil
	}
	if c.Hidden < 1 {
		return nil, fmt.Errorf("-hidden %d: need at least one hidden unit", c.Hidden)
	}
	r := bm.NewRBM(datasets.MNISTPixels, c.Hidden, rand.New(rand.NewPCG(c.Seed, 0x7ab1e)))
	t0 := time.Now()
	// The time budget cancels training when an epoch ends past it:
	// Train checks its context before every minibatch, so it stops
	// before the next epoch starts, with the finished epochs kept.
	parent := c.Context
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	budgetHit := false
	budget := bm.MonitorFunc(func(p bm.Progress) {
		if !p.EpochDone {
			return
		}
		res.Epochs = p.Epoch
		if c.TrainMinutes > 0 && time.Since(t0).Minutes() >= c.TrainMinutes && p.Epoch < p.Epochs {
			budgetHit = true
			cancel()
		}
	})
	err := r.Train(train, &bm.CDConfig{
		K:                 c.K,
		KRampEpochs:       c.KRamp,
		Persistent:        c.PCD,
		SampleLastVisible: c.SampleLast,
		SampleData:        c.Binarize == "fresh",
		LearningRate:      c.LR,
		LearningRateDecay: c.LRDecay,
		BatchSize:         c.Batch,
		Epochs:            c.Epochs,
		Seed:              c.Seed,
		Float32:           c.Float32,
		Monitor:           bm.Multi(bm.LineMonitor{W: logw}, budget),
		Context:           ctx,
	})
	if budgetHit && parent.Err() == nil && errors.Is(err, context.Canceled) {
		err = nil
		res.Note = fmt.Sprintf("stopped by -train-minutes %g after %d of %d epochs", c.TrainMinutes, res.Epochs, c.Epochs)
		fmt.Fprintln(logw, res.Note)
	}
	if err != nil {
		return nil, err
	}
	res.TrainSec = time.Since(t0).Seconds()
	if c.SaveDir != "" {
		if err := os.MkdirAll(c.SaveDir, 0o755); err != nil {
			return nil, err
		}
		path := filepath.Join(c.SaveDir, fmt.Sprintf("rbm-table-%s-h%d-e%d-s%d.bzm", c.method(), c.Hidden, res.Epochs, c.Seed))
		if err := bm.SaveFile(path, r); err != nil {
			return nil, err
		}
		res.SavedTo = path
		fmt.Fprintf(logw, "saved %v to %s\n", r, path)
	}
	return r, nil
}
