// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"encoding/csv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/bench/internal/smbench"
	"github.com/boltzbook/boltzbook/bm"
)

// TestMain reads MNIST once for all the tests' runs.
func TestMain(m *testing.M) {
	loadMNIST = smbench.LoadMNISTOnce()
	os.Exit(m.Run())
}

// tiny runs the whole pipeline — binarise MNIST, train both RBMs, AIS
// on both, the bound, the CSV row — in well under a second.
func tiny(dir string) config {
	return config{
		RBMEpochs: 1, Hidden: 50, Epochs: 1, K: 1, LR: 0.1, Batch: 100, TopData: "sample", TopInit: "random",
		Train: 300, Test: 200, Samples: 5, BinSeed: 1, Seed: 1,
		AISRuns: 4, AISBetas: 60, CSV: filepath.Join(dir, "dbn-bound.csv"),
	}
}

// TestRunEndToEnd trains a first RBM here, then loads one saved under an
// rbm-table name with a 2000-unit top, and checks both results and the
// CSV file. MNIST must be present (CI runs `go mod download`); like the
// datasets tests, this fails rather than skips without it.
func TestRunEndToEnd(t *testing.T) {
	dir := t.TempDir()
	c := tiny(dir)
	res, err := run(c)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("trained here:\n%v", res)
	checkResult(t, "trained", res)
	if res.RBM != "CD-1(500)" || res.PaperRBM != -125.53 || !math.IsNaN(res.PaperDBN) {
		t.Errorf("first RBM %s, paper figures %v and %v; want CD-1(500), -125.53 and none", res.RBM, res.PaperRBM, res.PaperDBN)
	}

	// A model file named as rbm-table names it says how it was trained.
	r := bm.NewRBM(784, 500, rand.New(rand.NewPCG(2, 2)))
	path := filepath.Join(dir, "rbm-table-CD-25-h500-e3-s1.bzm")
	if err := bm.SaveFile(path, r); err != nil {
		t.Fatal(err)
	}
	c2 := tiny(dir)
	c2.LoadFile, c2.Hidden, c2.TopData, c2.Sampled, c2.TopInit = path, 2000, "probs", true, "transpose"
	res2, err := run(c2)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded:\n%v", res2)
	checkResult(t, "loaded", res2)
	if res2.RBM != "CD-25(500)" || res2.PaperRBM != -86.34 || res2.PaperDBN != -86.22 || res2.RBMFile != filepath.Base(path) {
		t.Errorf("first RBM %s from %s, paper figures %v and %v; want CD-25(500), -86.34 and -86.22", res2.RBM, res2.RBMFile, res2.PaperRBM, res2.PaperDBN)
	}

	f, err := os.Open(c.CSV)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll() // also checks every row has the header's length
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || len(rows[0]) != len(csvHeader) {
		t.Fatalf("%d CSV lines of %d columns, want a header and two rows of %d", len(rows), len(rows[0]), len(csvHeader))
	}
	col := func(row []string, name string) string {
		for i, h := range csvHeader {
			if h == name {
				return row[i]
			}
		}
		t.Fatalf("no column %s", name)
		return ""
	}
	if got, want := col(rows[1], "bound"), formatFloat(res.Bound.Bound); got != want {
		t.Errorf("bound column %q, want %q", got, want)
	}
	if col(rows[1], "paper_dbn") != "" || col(rows[2], "paper_dbn") != "-86.22" || col(rows[2], "entropy") != "sampled" {
		t.Errorf("paper_dbn %q and %q, entropy %q; want empty, -86.22 and sampled",
			col(rows[1], "paper_dbn"), col(rows[2], "paper_dbn"), col(rows[2], "entropy"))
	}
}

func checkResult(t *testing.T, name string, res result) {
	t.Helper()
	for _, x := range []float64{res.RBMTest, res.RBMLow, res.Bound.Bound, res.BoundLow, res.TopAIS.LogZ, res.Transposed, res.Bound.MCStdErr} {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			t.Fatalf("%s: non-finite estimate in %+v", name, res)
		}
	}
	// A 784-pixel binary image has log p ≤ 0 and, for any sensible
	// model, far above 784·log(1/2) ≈ −543.
	if res.Bound.Bound >= 0 || res.Bound.Bound < -600 || res.RBMTest >= 0 || res.RBMTest < -600 {
		t.Errorf("%s: bound %v, RBM's log p %v nats: not plausible", name, res.Bound.Bound, res.RBMTest)
	}
	if !(res.BoundLow <= res.Bound.Bound && res.Bound.Bound <= res.BoundHigh) {
		t.Errorf("%s: bound %v not within its bounds [%v, %v]", name, res.Bound.Bound, res.BoundLow, res.BoundHigh)
	}
	// The DBN with the first RBM's transpose on top is that RBM.
	if d := math.Abs(res.Transposed - res.RBMTest); d > 4*res.Bound.MCStdErr+1e-9 && d > 0.05 {
		t.Errorf("%s: transposed-top bound %.4f, RBM's test log p %.4f", name, res.Transposed, res.RBMTest)
	}
}

func TestCheckRejects(t *testing.T) {
	for _, mod := range []func(*config){
		func(c *config) { c.Samples = 1 },
		func(c *config) { c.TopData = "grey" },
		func(c *config) { c.Test = 0 },
		func(c *config) { c.AISRuns = 1 },
		func(c *config) { c.RBMEpochs = 0 },
		func(c *config) { c.TopInit = "zero" },
	} {
		c := tiny(t.TempDir())
		mod(&c)
		if _, err := run(c); err == nil {
			t.Errorf("%+v: no error", c)
		}
	}
}

// transposeInit makes the DBN the first RBM again: with the extra top
// units' weights zero its bound is exactly the RBM's log p (both
// computed by enumeration), and with NewRBM's small random weights
// there nearly so.
func TestTransposeInit(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 3))
	r1 := bm.NewRBM(6, 4, rnd)
	for i := range r1.W.RawMatrix().Data {
		r1.W.RawMatrix().Data[i] = rnd.NormFloat64()
	}
	for i := 0; i < 6; i++ {
		r1.VisBias.SetVec(i, rnd.NormFloat64())
	}
	x := mat.NewDense(3, 6, []float64{1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1})
	want, err := r1.ExactLogLikelihood(x)
	if err != nil {
		t.Fatal(err)
	}
	for _, zero := range []bool{true, false} {
		top := bm.NewRBM(4, 9, rnd)
		if zero {
			top.W.Zero()
		}
		if err := transposeInit(top, r1); err != nil {
			t.Fatal(err)
		}
		got, err := (&bm.DBN{Layers: []*bm.RBM{r1, top}}).ExactLowerBound(x)
		if err != nil {
			t.Fatal(err)
		}
		if tol := map[bool]float64{true: 1e-10, false: 0.05}[zero]; math.Abs(got-want) > tol {
			t.Errorf("extra weights zero %v: bound %.6f, RBM's log p %.6f", zero, got, want)
		}
	}
	if err := transposeInit(bm.NewRBM(4, 5, rnd), r1); err == nil {
		t.Error("a top of 5 hidden units for 6 visible ones: no error")
	}
}
