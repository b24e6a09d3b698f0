// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Command rbmepoch times one CD-1 epoch of a 784-500 RBM on the 60000
// MNIST training images (minibatch 100), for bench/rbm-epoch. It
// prints "boltzbook SECONDS" on stdout and the BLAS in use on stderr.
//
// Usage: rbmepoch [-data DIR] [-epochs N] [-threads N] [-float64]
//
// With -ais N it instead trains N epochs of CD-1 and prints the AIS
// estimate of the mean log-likelihood of the 10000 test images.
//
// DIR holds the MNIST IDX files (default: the GoMNIST module's
// data folder in the Go module cache).
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/bm"
	"github.com/boltzbook/boltzbook/datasets"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("rbmepoch: ")
	dir := flag.String("data", "", "directory with the MNIST IDX files (default: GoMNIST in the module cache)")
	epochs := flag.Int("epochs", 1, "epochs to time (the fastest is reported)")
	threads := flag.Int("threads", 0, "BLAS threads (0: library default)")
	f64 := flag.Bool("float64", false, "train in float64 (default: float32, like PyTorch)")
	aisEpochs := flag.Int("ais", 0, "train this many epochs, then estimate the test log-likelihood by AIS")
	flag.Parse()
	mn, err := datasets.LoadMNIST(*dir)
	if err != nil {
		log.Fatal(err)
	}
	x := mn.TrainImages
	bm.SetBLASThreads(*threads)
	fmt.Fprintf(os.Stderr, "boltzbook: BLAS %s\n", bm.BLAS())

	if *aisEpochs > 0 {
		runAIS(x, mn.TestImages, *aisEpochs)
		return
	}
	r := bm.NewRBM(784, 500, rand.New(rand.NewPCG(1, 1)))
	best := math.Inf(1)
	for e := 0; e < *epochs; e++ {
		start := time.Now()
		err := r.Train(x, &bm.CDConfig{Epochs: 1, BatchSize: 100, LearningRate: 0.1, Seed: uint64(e), Float32: !*f64, Monitor: bm.Quiet})
		if err != nil {
			log.Fatal(err)
		}
		best = math.Min(best, time.Since(start).Seconds())
	}
	var rec mat.Dense
	r.Reconstruct(&rec, x.Slice(0, 1000, 0, 784).(*mat.Dense))
	rec.Sub(&rec, x.Slice(0, 1000, 0, 784))
	fmt.Fprintf(os.Stderr, "boltzbook: reconstruction error after training %.2f per image\n", mat.Norm(&rec, 2)*mat.Norm(&rec, 2)/1000)
	fmt.Printf("boltzbook %.3f\n", best)
}

// runAIS trains a 784-500 RBM with CD-1 and reports its AIS test
// log-likelihood (Salakhutdinov & Murray's schedule, 100 runs). The
// likelihood of binary units is scored on stochastically binarised images,
// as in that paper: grey levels are not states a binary RBM can be in.
func runAIS(train, test *mat.Dense, epochs int) {
	r := bm.NewRBM(784, 500, rand.New(rand.NewPCG(1, 1)))
	err := r.Train(train, &bm.CDConfig{Epochs: epochs, Float32: true, Monitor: bm.LineMonitor{W: os.Stderr}})
	if err != nil {
		log.Fatal(err)
	}
	start := time.Now()
	var lastReport time.Time
	progress := bm.MonitorFunc(func(p bm.Progress) {
		if time.Since(lastReport) > 30*time.Second {
			lastReport = time.Now()
			fmt.Fprintf(os.Stderr, "AIS step %d/%d after %.0fs\n", p.Batch, p.Batches, p.Elapsed.Seconds())
		}
	})
	res, err := r.AIS(&bm.AISConfig{BaseData: train, Seed: 1, Monitor: progress})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "AIS %v in %.0fs\n", res, time.Since(start).Seconds())
	fmt.Printf("CD-1(500) %d epochs: mean log-likelihood train %.2f, test %.2f nats (log Z %.2f, −3σ %.2f, +3σ %.2f)\n",
		epochs, r.LogLikelihood(binary(train), res.LogZ), r.LogLikelihood(binary(test), res.LogZ), res.LogZ, res.LogZLow, res.LogZHigh)
}

// binary returns a seeded stochastic binarisation of x.
func binary(x *mat.Dense) *mat.Dense {
	return datasets.SampleBinary(x, rand.New(rand.NewPCG(7, 7)))
}
