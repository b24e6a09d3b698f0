// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Command rbm-table reproduces the MNIST RBM rows of Salakhutdinov &
// Murray, "On the Quantitative Analysis of Deep Belief Networks" (ICML
// 2008): a 784-500 RBM trained by CD-k, its log partition function
// estimated by annealed importance sampling (AIS), and the average
// log-probability it gives the MNIST test images, in nats per image.
// With -pcd it trains the same RBM by persistent contrastive
// divergence (Tieleman, ICML 2008) instead.
//
// # The paper's protocol
//
// The training protocol is that of Salakhutdinov's released training
// code for these models (the paper's text could not be retrieved
// here): learning rate 0.05, momentum 0.5 then 0.9 after epoch 5, L2
// weight decay 0.0002, minibatches of 100, every training image a
// fresh binary sample of its grey levels each time it is used
// (-binarize fresh), and CD-k's last visible state sampled
// (-sample-last). The test images are binarised once, stochastically:
// pixel intensities in [0, 1] are read as probabilities of being on,
// one sample is drawn and kept (seeded by -bin-seed), and so is one
// sample of the training images, which scores the training
// log-probability and fits AIS's base-rate model. -binarize stochastic
// trains on that fixed sample instead; threshold uses x > 0.5. AIS
// anneals from a base-rate model (visible biases only, fitted to the
// training images' pixel means, no weights) to the RBM through 14 500
// intermediate distributions: inverse temperatures β spaced uniformly
// with 500 values in [0, 0.5), 4 000 in [0.5, 0.9) and 10 000 in
// [0.9, 1], one Gibbs transition at each, over 100 independent runs.
// With log Ẑ the estimate, the average test log-probability is
// −mean F(v) − log Ẑ, and the error bars are those of log Ẑ:
// log(Ẑ ± 3σ̂), σ̂ the standard error of the mean importance weight. A
// larger log Z means a smaller log-probability, so the +3σ bound of
// log Z gives the lower bound of log p and the −3σ bound the upper
// one. The paper's figures for 500 hidden units: CD1(500) −125.53,
// CD3(500) −105.50, CD25(500) −86.34.
//
// # Usage
//
// From the repository root (OpenBLAS makes it several times faster):
//
//	CGO_LDFLAGS=-lopenblas go run -tags openblas ./bench/rbm-table -cd 1 -epochs 100 -csv bench/results/rbm-table.csv
//	go run ./bench/rbm-table -cd 25 -epochs 50 -save /tmp/rbm     # keep the model (outside git)
//	go run ./bench/rbm-table -cd 25 -epochs 50 -load /tmp/rbm/rbm-table-CD-25-h500-e50-s1.bzm -ais-runs 1000
//	go run ./bench/rbm-table -pcd -lr 0.01 -epochs 50
//	go run ./bench/rbm-table -epochs 1000 -train-minutes 25   # as many epochs as fit in 25 minutes
//	go run ./bench/rbm-table -train 1000 -test 500 -hidden 50 -epochs 1 -ais-betas 100 -ais-runs 10   # seconds
//
// With -load the flags that describe training (-cd, -pcd, -epochs, -lr,
// -batch, -train) are written to the CSV row as given: pass those the
// model was trained with. -csv appends one row (and a header line if the
// file is new or empty); its columns are listed in csv.go. Training
// reports one line per epoch on stderr unless -q; the result goes to
// stdout.
//
// The settings the flags do not cover are bm's defaults, which agree
// with that code except for the visible biases (started at the logits of
// the pixel means; zero there) and the initial weights (N(0, 0.01²);
// uniform in ±0.005 there). README.md lists the deviations from the
// paper and what each setting is worth.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"

	"github.com/boltzbook/boltzbook/bm"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("rbm-table: ")
	var c config
	flag.IntVar(&c.K, "cd", 1, "Gibbs steps k of CD-k (of PCD-k with -pcd)")
	flag.IntVar(&c.KRamp, "k-ramp", 0, "grow k from 1 by one every this many epochs up to -cd, the learning rate divided by k, as Salakhutdinov's code can (0: k fixed)")
	flag.BoolVar(&c.PCD, "pcd", false, "train by persistent contrastive divergence (Tieleman 2008) instead of CD")
	flag.IntVar(&c.Hidden, "hidden", 500, "hidden units")
	flag.IntVar(&c.Epochs, "epochs", 10, "training epochs (the paper trained far longer)")
	flag.Float64Var(&c.TrainMinutes, "train-minutes", 0, "stop training after the first epoch that ends past this many minutes of training (0: no limit); the CSV row records the epochs completed")
	flag.Float64Var(&c.LR, "lr", 0.05, "learning rate (Salakhutdinov's code: 0.05)")
	flag.Float64Var(&c.LRDecay, "lr-decay", 1, "learning-rate factor per epoch (1: constant)")
	flag.IntVar(&c.Batch, "batch", 100, "minibatch size")
	flag.BoolVar(&c.Float32, "float32", true, "train with single-precision products (about 2x faster with OpenBLAS); the model stays float64")
	flag.IntVar(&c.Train, "train", 60000, "training images (the first N)")
	flag.IntVar(&c.Test, "test", 10000, "test images (the first N)")
	flag.StringVar(&c.Binarize, "binarize", "fresh", "how to binarise the training images: fresh (a new sample at every visit, as Salakhutdinov's code), stochastic (once, seeded by -bin-seed) or threshold (x > 0.5); the test images are binarised once (by threshold with threshold)")
	flag.BoolVar(&c.SampleLast, "sample-last", true, "sample CD-k's last visible state, as Salakhutdinov's code (false: keep its probabilities, as the practical guide and bm's default)")
	flag.Uint64Var(&c.BinSeed, "bin-seed", 1, "seed of the stochastic binarisation (kept apart from -seed so that every model sees the same data)")
	flag.IntVar(&c.AISRuns, "ais-runs", 100, "AIS runs (the paper: 100)")
	flag.IntVar(&c.AISBetas, "ais-betas", paperBetas, "AIS intermediate distributions, spread over the paper's three β segments in its proportions (the paper: 14500)")
	flag.Uint64Var(&c.Seed, "seed", 1, "seed of the initial weights, training and AIS")
	flag.StringVar(&c.SaveDir, "save", "", "directory to save the trained RBM in (a bm model file; keep it outside git)")
	flag.StringVar(&c.LoadFile, "load", "", "evaluate this saved RBM (written by -save) instead of training one")
	flag.StringVar(&c.CSV, "csv", "", "append one result row to this CSV file (bench/results/rbm-table.csv)")
	flag.StringVar(&c.MNISTDir, "mnist", "", "directory with the four MNIST .gz files (default: BOLTZBOOK_MNIST_DIR, then the Go module cache)")
	threads := flag.Int("threads", 0, "OpenBLAS threads (0: OpenBLAS's default)")
	flag.BoolVar(&c.Quiet, "q", false, "no per-epoch or AIS progress lines")
	flag.Parse()
	if flag.NArg() > 0 {
		log.Fatalf("unexpected arguments %q", flag.Args())
	}
	if *threads > 0 {
		bm.SetBLASThreads(*threads)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	c.Context = ctx
	c.Log = os.Stderr

	res, err := run(c)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res)
}
