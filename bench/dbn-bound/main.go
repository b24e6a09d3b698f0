// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Command dbn-bound reproduces the DBN row of Salakhutdinov & Murray,
// "On the Quantitative Analysis of Deep Belief Networks" (ICML 2008): a
// lower bound on the average log-probability that a two-layer deep
// belief net gives the MNIST test images, next to the log-probability
// of the RBM it was grown from, in nats per image.
//
// # The bound
//
// The DBN is the first RBM (W1, b1, c1) over v and h1 with a top RBM
// over h1 and h2 put on it; its p(v) = Σ_h1 p(v|h1) p(h1), with p(v|h1)
// the first RBM's conditional and p(h1) = e^{−F2(h1)}/Z2 the top RBM's
// marginal. With the first RBM's factorial posterior q(h1|v) as an
// approximation of the DBN's,
//
//	log p(v) ≥ Σ_h1 q(h1|v) [log p(v|h1) − F2(h1)] + H(q(·|v)) − log Z2.
//
// The entropy H is exact; the expectation is estimated from -samples
// samples of h1 per test image (bm's DBN.LogProbBound, which also gives
// its Monte Carlo standard error), and log Z2 by AIS on the top RBM with
// the paper's protocol: 14 500 intermediate distributions, 100 runs, a
// base-rate model fitted to the top RBM's training data (the first
// layer's hidden activities). The bound's error bars are log Z2's:
// the bound at log(Ẑ2 ± 3σ̂), as bench/rbm-table reports an RBM's log p.
// The first RBM's own test log p is estimated the same way, by AIS on it.
//
// # The pipeline
//
// The first RBM is loaded from a file saved by bench/rbm-table (-load;
// rbm-table -save writes them, e.g. rbm-table-CD-1-h500-e544-s1.bzm,
// whose name says how it was trained) or, without -load, a 784-500
// CD-1 RBM is trained here for -rbm-epochs. The images are binarised as
// rbm-table does (bench/internal/smbench: one stochastic sample per
// image, seeded by -bin-seed), so a loaded model is scored on the same
// test images as in rbm-table's row. The top RBM (500-2000 by default,
// the paper's DBN) is trained by CD-k on the first RBM's posterior
// q(h1|v) of the training images; with -top-data sample (the default)
// it sees a fresh binary sample of q at every visit, because the
// bound's term Σ q(h1|v) log p(h1) is the top RBM's log-likelihood of
// exactly such samples (-top-data probs trains on the probabilities, as
// Hinton & Salakhutdinov's code passes them up). As a check of the whole
// pipeline at full size, the bound of the DBN with the first RBM's
// transpose on top (a DBN that is the RBM) is also computed: it must
// equal the RBM's test log p up to the Monte Carlo error.
//
// # Usage
//
// From the repository root (OpenBLAS makes it several times faster):
//
//	CGO_LDFLAGS=-lopenblas go build -tags openblas -o /tmp/dbnbound/dbn-bound ./bench/dbn-bound
//	/tmp/dbnbound/dbn-bound -load /tmp/rbmtable/models/rbm-table-CD-1-h500-e544-s1.bzm -epochs 20 -csv bench/results/dbn-bound.csv
//	go run ./bench/dbn-bound -rbm-epochs 10 -epochs 10          # trains its own first RBM
//	go run ./bench/dbn-bound -train 1000 -test 300 -rbm-epochs 1 -hidden 50 -epochs 1 -ais-betas 100 -ais-runs 10   # seconds
//
// -csv appends one row (and a header line if the file is new or empty);
// its columns are listed in csv.go. Progress goes to stderr unless -q,
// the result to stdout.
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
	log.SetPrefix("dbn-bound: ")
	var c config
	flag.StringVar(&c.LoadFile, "load", "", "the first RBM, a 784-N model file saved by bench/rbm-table -save (default: train a 784-500 CD-1 RBM here)")
	flag.StringVar(&c.RBMMethod, "rbm-method", "", "how the loaded RBM was trained, e.g. CD-25 (default: read from an rbm-table file name)")
	flag.IntVar(&c.RBMEpochs, "rbm-epochs", 10, "epochs of CD-1 for a first RBM trained here (without -load)")
	flag.IntVar(&c.Hidden, "hidden", 2000, "hidden units of the top RBM (the paper: 2000)")
	flag.IntVar(&c.Epochs, "epochs", 10, "training epochs of the top RBM")
	flag.IntVar(&c.K, "cd", 1, "Gibbs steps k of the top RBM's CD-k")
	flag.Float64Var(&c.LR, "lr", 0.1, "learning rate of the top RBM")
	flag.IntVar(&c.Batch, "batch", 100, "minibatch size of the top RBM")
	flag.StringVar(&c.TopData, "top-data", "sample", "what the top RBM trains on: sample (a fresh binary sample of q(h1|v) at every visit) or probs (the probabilities q(h1|v))")
	flag.StringVar(&c.TopInit, "top-init", "random", "how the top RBM starts: random (small random weights) or transpose (the first RBM's transpose, plus small random weights for the units beyond its visible layer; needs -hidden ≥ 784)")
	flag.BoolVar(&c.TopSampleLast, "sample-last", true, "sample the last visible state of the top RBM's CD-k, as rbm-table's protocol (false: probabilities, bm's default)")
	flag.StringVar(&c.Note, "note", "", "free text for the CSV row's note column")
	flag.IntVar(&c.Train, "train", 60000, "training images (the first N)")
	flag.IntVar(&c.Test, "test", 10000, "test images (the first N)")
	flag.IntVar(&c.Samples, "samples", 10, "samples of h1 from q(h1|v) per test image")
	flag.BoolVar(&c.Sampled, "sampled-entropy", false, "estimate the entropy term from the samples too, −log q(h1|v), instead of exactly")
	flag.Uint64Var(&c.BinSeed, "bin-seed", 1, "seed of the stochastic binarisation (rbm-table's -bin-seed)")
	flag.Uint64Var(&c.Seed, "seed", 1, "seed of the top RBM's weights and training, AIS and the bound's samples")
	flag.IntVar(&c.AISRuns, "ais-runs", paperRuns, "AIS runs for each RBM (the paper: 100)")
	flag.IntVar(&c.AISBetas, "ais-betas", paperBetas, "AIS intermediate distributions, in the paper's three β segments (the paper: 14500)")
	flag.StringVar(&c.CSV, "csv", "", "append one result row to this CSV file (bench/results/dbn-bound.csv)")
	flag.StringVar(&c.MNISTDir, "mnist", "", "directory with the four MNIST .gz files (default: BOLTZBOOK_MNIST_DIR, then the Go module cache)")
	threads := flag.Int("threads", 0, "OpenBLAS threads (0: OpenBLAS's default)")
	quiet := flag.Bool("q", false, "no progress lines")
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
	if !*quiet {
		c.Log = os.Stderr
	}
	res, err := run(c)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res)
}
