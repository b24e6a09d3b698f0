// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Command dbn-mnist runs the lecture's deep-belief-net experiment on
// MNIST (Hinton & Salakhutdinov 2006): greedy CD pretraining of a
// 784-500-500-2000 DBN on the training images, backprop fine-tuning of
// the DBN-initialised net to 10 classes, and the same net randomly
// initialised and fine-tuned with the same backprop budget. It prints the
// wall time of every phase and both test errors, and a Markdown row for
// bench/README.md.
//
// Usage (from the repository root):
//
//	go run -tags openblas ./bench/dbn-mnist            # the full experiment
//	go run ./bench/dbn-mnist -quick                     # under a minute: 10k/2k, 784-500-10
//	go run -tags openblas ./bench/dbn-mnist -epochs 0 -save DIR    # pretrain only, keep DIR/dbn.bzm
//	go run -tags openblas ./bench/dbn-mnist -load DIR/dbn.bzm -validation 10000 -skip-random ...
//
// With -csv FILE the run appends its row to FILE (bench/results/dbn-mnist.csv
// holds one per full run), with -note saying what the run was for.
//
// Choose fine-tuning settings with -validation N, which fine-tunes on all
// but the last N training images and scores only those N (the test set is
// not touched), and -load, which reuses one pretrained DBN; then run the
// chosen settings once on the full training set and the test set.
//
// Build with -tags openblas (and CGO_LDFLAGS=-lopenblas) where OpenBLAS
// is installed; pure Go is about ten times slower.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/boltzbook/boltzbook/bench/internal/smbench"
	"github.com/boltzbook/boltzbook/bm"
	"github.com/boltzbook/boltzbook/datasets"
	"gonum.org/v1/gonum/mat"
)

func main() {
	var (
		mnistDir    = flag.String("mnist", "", "directory with the four MNIST .gz files (default: BOLTZBOOK_MNIST_DIR, then the Go module cache)")
		quick       = flag.Bool("quick", false, "the notebook's quick configuration: 10k training and 2k test images, one layer of 500, 6+12 epochs (other flags still override)")
		nTrain      = flag.Int("train", 60000, "number of training images (the first N)")
		nTest       = flag.Int("test", 10000, "number of test images (the first N)")
		layers      = flag.String("layers", "500,500,2000", "hidden layer sizes, comma separated")
		preEpochs   = flag.Int("pretrain-epochs", 30, "CD epochs per layer")
		preLR       = flag.Float64("pretrain-lr", 0.05, "CD learning rate")
		preBatch    = flag.Int("pretrain-batch", 100, "CD minibatch size")
		cdK         = flag.Int("cd", 1, "Gibbs steps of CD-k")
		float32     = flag.Bool("float32", true, "pretrain and fine-tune with single-precision products (CDConfig and MLPConfig.Float32; about 2x faster with OpenBLAS)")
		fineEpochs  = flag.Int("epochs", 40, "backprop fine-tuning epochs (both nets)")
		lr          = flag.Float64("lr", 0.1, "backprop learning rate")
		lrDecay     = flag.Float64("lr-decay", 0.93, "learning rate factor per epoch")
		momentum    = flag.Float64("momentum", 0.9, "backprop momentum")
		batch       = flag.Int("batch", 50, "backprop minibatch size")
		weightDecay = flag.Float64("weight-decay", 0, "L2 weight decay in fine-tuning (0: none)")
		inDropout   = flag.Float64("input-dropout", 0.1, "dropout rate of the input pixels in fine-tuning")
		hidDropout  = flag.Float64("dropout", 0.2, "dropout rate of the hidden units in fine-tuning")
		freeze      = flag.Int("freeze", 0, "epochs at the start of fine-tuning that train only the output layer of the pretrained net")
		seed        = flag.Uint64("seed", 1, "random seed")
		skipRandom  = flag.Bool("skip-random", false, "do not train the randomly initialised baseline")
		threads     = flag.Int("threads", 0, "OpenBLAS threads (0: OpenBLAS's default)")
		saveDir     = flag.String("save", "", "directory to save the DBN and both MLPs in (bm model files)")
		loadFile    = flag.String("load", "", "start from this saved DBN (a dbn.bzm written by -save) and skip pretraining")
		validation  = flag.Int("validation", 0, "hold out the last N training images as a validation set: fine-tune on the rest, report validation error only (the test set is not scored)")
		quiet       = flag.Bool("q", false, "no per-epoch lines")
		csvFile     = flag.String("csv", "", "append the run's row to this CSV file (bench/results/dbn-mnist.csv; not with -validation, whose errors are not test errors)")
		note        = flag.String("note", "", "the note column of the -csv row (machine state, what the run is for)")
	)
	flag.Parse()
	if *quick {
		set := map[string]bool{}
		flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
		preset := map[string]string{"train": "10000", "test": "2000", "layers": "500",
			"pretrain-epochs": "6", "pretrain-lr": "0.05", "epochs": "12", "batch": "20", "lr-decay": "0.85", "float32": "false",
			"input-dropout": "0", "dropout": "0"}
		for name, v := range preset {
			if !set[name] {
				flag.Set(name, v)
			}
		}
	}
	if *csvFile != "" && *validation > 0 {
		log.Fatal("-csv records test-set errors; -validation scores held-out training images instead")
	}
	if *threads > 0 {
		bm.SetBLASThreads(*threads)
	}
	hidden, err := parseSizes(*layers)
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var mon bm.Monitor = bm.LineMonitor{}
	if *quiet {
		mon = bm.Quiet
	}

	t0 := time.Now()
	data, err := datasets.LoadMNIST(*mnistDir)
	if err != nil {
		log.Fatal(err)
	}
	trainX, trainY := datasets.FirstN(data.TrainImages, data.TrainLabels, *nTrain)
	// evalX, evalY is what the nets are scored on: the test set, or with
	// -validation the last N training images, which fine-tuning then
	// does not see (pretraining, unsupervised, still uses all of them).
	var evalX *mat.Dense
	var evalY []int
	evalName := "test"
	fineX, fineY := trainX, trainY
	if *validation > 0 {
		if *validation >= *nTrain {
			log.Fatalf("-validation %d leaves no training images out of %d", *validation, *nTrain)
		}
		k := *nTrain - *validation
		fineX, fineY = datasets.FirstN(trainX, trainY, k)
		evalX, evalY = lastN(trainX, trainY, *validation)
		evalName = "validation"
	} else {
		evalX, evalY = datasets.FirstN(data.TestImages, data.TestLabels, *nTest)
	}
	tLoad := time.Since(t0)
	sizes := append([]int{datasets.MNISTPixels}, hidden...)
	fmt.Printf("MNIST %d train images (%d for fine-tuning) / %d %s images loaded in %.1fs; BLAS: %s\n",
		*nTrain, fineX.RawMatrix().Rows, len(evalY), evalName, tLoad.Seconds(), bm.BLAS())

	// Phase 1: greedy pretraining (or a saved DBN).
	t1 := time.Now()
	rnd := newRand(*seed)
	var dbn *bm.DBN
	if *loadFile != "" {
		if dbn, err = bm.LoadDBNFile(*loadFile); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("loaded %v from %s\n", dbn, *loadFile)
	} else {
		dbn = bm.NewDBN(sizes, rnd)
		pre := &bm.DBNConfig{Monitor: mon, Context: ctx}
		for range hidden {
			pre.Layers = append(pre.Layers, &bm.CDConfig{K: *cdK, Epochs: *preEpochs, LearningRate: *preLR, BatchSize: *preBatch, Seed: *seed, Float32: *float32})
		}
		if err := dbn.Train(trainX, pre); err != nil {
			log.Fatal(err)
		}
	}
	tPre := time.Since(t1)
	fmt.Printf("pretraining %v: %.1fs\n", dbn, tPre.Seconds())
	save := func(name string, m bm.Saver) {
		if *saveDir == "" {
			return
		}
		if err := bm.SaveFile(filepath.Join(*saveDir, name), m); err != nil {
			log.Fatal(err)
		}
	}
	if *loadFile == "" {
		save("dbn.bzm", dbn)
	}
	if *fineEpochs == 0 {
		fmt.Println("-epochs 0: stopping after pretraining")
		return
	}

	fine := bm.MLPConfig{Epochs: *fineEpochs, LearningRate: *lr, LearningRateDecay: *lrDecay, Momentum: *momentum,
		BatchSize: *batch, WeightDecay: fineWeightDecay(*weightDecay), InputDropout: *inDropout, HiddenDropout: *hidDropout, Seed: *seed, Float32: *float32, Validation: evalX, ValidationLabels: evalY,
		Monitor: mon, Context: ctx}

	// Phase 2: fine-tune the DBN-initialised net.
	t2 := time.Now()
	pretrained := dbn.ToMLP(datasets.MNISTClasses, rnd)
	f := fine
	f.FreezeEpochs = *freeze
	f.Task = pretrained.String() + " (pretrained)"
	if err := pretrained.Train(fineX, fineY, &f); err != nil {
		log.Fatal(err)
	}
	tFine := time.Since(t2)
	preErr := pretrained.ErrorRate(evalX, evalY)
	fmt.Printf("fine-tuning: %.1fs; pretrained %s error %.2f%% (pipeline %.1fs)\n", tFine.Seconds(), evalName, 100*preErr, (tPre + tFine).Seconds())

	// Phase 3: the same architecture from random weights, same budget.
	var random *bm.MLP
	randErr, tRand := -1.0, time.Duration(0)
	if !*skipRandom {
		t3 := time.Now()
		random = dbn.RandomMLP(datasets.MNISTClasses, rnd)
		f := fine
		f.Task = random.String() + " (random init)"
		if err := random.Train(fineX, fineY, &f); err != nil {
			log.Fatal(err)
		}
		tRand = time.Since(t3)
		randErr = random.ErrorRate(evalX, evalY)
		fmt.Printf("random init: %.1fs; %s error %.2f%%\n", tRand.Seconds(), evalName, 100*randErr)
	}

	save("mlp-pretrained.bzm", pretrained)
	if random != nil {
		save("mlp-random.bzm", random)
	}

	fmt.Println()
	fmt.Printf("| command | BLAS | pretrain | fine-tune | pretrained %[1]s error | random-init %[1]s error | random-init time |\n", evalName)
	fmt.Println("|---|---|---|---|---|---|---|")
	randCell, randTime := "—", "—"
	if randErr >= 0 {
		randCell, randTime = fmt.Sprintf("%.2f %%", 100*randErr), fmt.Sprintf("%.0f s", tRand.Seconds())
	}
	fmt.Printf("| `%s` | %s | %.0f s | %.0f s | %.2f %% | %s | %s |\n", strings.Join(os.Args[1:], " "), bm.BLAS(),
		tPre.Seconds(), tFine.Seconds(), 100*preErr, randCell, randTime)

	if *csvFile != "" {
		n := *note
		if *loadFile != "" {
			n = strings.TrimSpace("DBN loaded from " + *loadFile + ", pretrain_s 0; " + n)
		}
		row := csvRow(runResult{pretrain: tPre, finetune: tFine, random: tRand, preErr: preErr, randErr: randErr},
			os.Args[1:], time.Now(), smbench.GitCommit(), n)
		if err := appendCSV(*csvFile, row); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("row appended to %s\n", *csvFile)
	}
}

func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("bad layer size %q in -layers %q", f, s)
		}
		out = append(out, n)
	}
	return out, nil
}

// lastN returns copies of the last n rows of x and their labels.
func lastN(x *mat.Dense, labels []int, n int) (*mat.Dense, []int) {
	r, _ := x.Dims()
	idx := make([]int, n)
	for i := range idx {
		idx[i] = r - n + i
	}
	return datasets.Rows(x, labels, idx)
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0xd8b)) }

// fineWeightDecay maps the -weight-decay flag onto MLPConfig.WeightDecay.
// The flag's 0 means no decay, but a zero config field means bm's default
// (0.0002), which would quietly decay every fine-tuning run; so 0 becomes
// bm.Off.
func fineWeightDecay(flagValue float64) float64 {
	if flagValue == 0 {
		return bm.Off
	}
	return flagValue
}
