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
	"strconv"
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

// tiny is a configuration that runs the whole pipeline — load and
// binarise MNIST, train, AIS, score, CSV — in about a second.
func tiny(dir string) config {
	return config{
		K: 1, Hidden: 50, Epochs: 1, LR: 0.1, LRDecay: 1, Batch: 100, Float32: true,
		Train: 300, Test: 100, Binarize: "stochastic", BinSeed: 1, Seed: 1,
		AISRuns: 2, AISBetas: 60, CSV: filepath.Join(dir, "rbm-table.csv"), Quiet: true,
	}
}

// TestRunEndToEnd trains a tiny RBM, then evaluates the saved model
// again through -load, and checks the estimates, their bounds and the
// CSV file the two runs append to. MNIST must be present (CI runs
// `go mod download`); like the datasets tests, this fails rather than
// skips without it.
func TestRunEndToEnd(t *testing.T) {
	dir := t.TempDir()
	c := tiny(dir)
	c.SaveDir = filepath.Join(dir, "models")
	res, err := run(c)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, "trained", res)
	if res.Method != "CD-1" || res.Hidden != 50 {
		t.Errorf("method %s(%d), want CD-1(50)", res.Method, res.Hidden)
	}
	if !math.IsNaN(res.Paper) {
		t.Errorf("paper figure %v for a 50-unit RBM; the paper has none", res.Paper)
	}
	if res.SavedTo == "" {
		t.Fatal("no model saved")
	}

	c2 := tiny(dir)
	c2.LoadFile, c2.Hidden = res.SavedTo, 0
	res2, err := run(c2)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, "loaded", res2)
	// Same model, data and AIS seed: the same estimates.
	if res2.TestLogP != res.TestLogP || res2.TrainSec != 0 || !res2.Loaded {
		t.Errorf("loaded model: test log p %v, train %vs; want %v and 0s", res2.TestLogP, res2.TrainSec, res.TestLogP)
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
	if len(rows) != 3 {
		t.Fatalf("%d CSV lines, want a header and two rows", len(rows))
	}
	for i, name := range csvHeader {
		if rows[0][i] != name {
			t.Fatalf("header column %d is %q, want %q", i, rows[0][i], name)
		}
	}
	for _, row := range rows[1:] {
		if len(row) != len(csvHeader) {
			t.Fatalf("row has %d columns, want %d", len(row), len(csvHeader))
		}
		col := func(name string) string {
			for i, h := range csvHeader {
				if h == name {
					return row[i]
				}
			}
			t.Fatalf("no column %s", name)
			return ""
		}
		got, err := strconv.ParseFloat(col("test_logp"), 64)
		if err != nil || math.Abs(got-res.TestLogP) > 0.005 {
			t.Errorf("test_logp column %q, want %.2f", col("test_logp"), res.TestLogP)
		}
		for _, name := range []string{"test_logp_low", "test_logp_high", "logz", "logz_low", "logz_high", "train_logp", "test_logp_ceiling", "logp_blank"} {
			if _, err := strconv.ParseFloat(col(name), 64); err != nil {
				t.Errorf("column %s = %q is not a number: %v", name, col(name), err)
			}
		}
		if col("paper_test_logp") != "" {
			t.Errorf("paper_test_logp %q for a 50-unit RBM, want empty", col("paper_test_logp"))
		}
	}
	if rows[2][len(csvHeader)-1] == "" {
		t.Error("the loaded model's row does not say it was loaded")
	}
}

// A time budget that the first epoch exhausts stops training there,
// and the result says how many epochs were trained.
func TestTrainMinutes(t *testing.T) {
	c := tiny(t.TempDir())
	c.Epochs, c.TrainMinutes, c.CSV = 3, 1e-9, ""
	res, err := run(c)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, "budget", res)
	if res.Epochs != 1 || res.Note == "" {
		t.Errorf("trained %d epochs (note %q), want 1 and a note", res.Epochs, res.Note)
	}
}

func checkResult(t *testing.T, name string, res result) {
	t.Helper()
	for _, x := range []float64{res.TestLogP, res.TrainLogP, res.AIS.LogZ, res.AIS.LogZHigh, res.TestLow} {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			t.Fatalf("%s: non-finite estimate in %+v", name, res)
		}
	}
	// A 784-pixel binary image has log p ≤ 0 and, for any sensible
	// model, far above 784·log(1/2) ≈ −543.
	if res.TestLogP >= 0 || res.TestLogP < -600 {
		t.Errorf("%s: test log p %v nats is not plausible", name, res.TestLogP)
	}
	if !(res.AIS.LogZLow <= res.AIS.LogZ && res.AIS.LogZ <= res.AIS.LogZHigh) {
		t.Errorf("%s: log Z %v not within its bounds [%v, %v]", name, res.AIS.LogZ, res.AIS.LogZLow, res.AIS.LogZHigh)
	}
	if !(res.TestLow <= res.TestLogP && res.TestLogP <= res.TestHigh) {
		t.Errorf("%s: test log p %v not within its bounds [%v, %v]", name, res.TestLogP, res.TestLow, res.TestHigh)
	}
	if !(res.BlankLogP < 0) || math.IsNaN(res.TestCeiling) || math.IsInf(res.TestCeiling, 0) {
		t.Errorf("%s: all-off image log p %v, test ceiling %v; want a negative log p and a finite ceiling", name, res.BlankLogP, res.TestCeiling)
	}
}

// logZFloor is below the exact log Z and is the best −F(v) over the
// all-off image and the images given, on an RBM small enough to
// enumerate (12 visible units).
func TestLogZFloor(t *testing.T) {
	r := bm.NewRBM(12, 5, rand.New(rand.NewPCG(1, 2)))
	g := rand.New(rand.NewPCG(3, 4))
	for i := range r.W.RawMatrix().Data {
		r.W.RawMatrix().Data[i] = 2 * g.NormFloat64()
	}
	logZ, err := r.ExactLogZ()
	if err != nil {
		t.Fatal(err)
	}
	imgs := mat.NewDense(20, 12, nil)
	best := math.Inf(-1)
	for i := 0; i < 20; i++ {
		for j := 0; j < 12; j++ {
			imgs.Set(i, j, float64(g.IntN(2)))
		}
		best = max(best, -r.FreeEnergy(imgs.RawRowView(i)))
	}
	blank := make([]float64, 12)
	best = max(best, -r.FreeEnergy(blank))
	floor := logZFloor(r, blank, imgs)
	if floor != best || floor > logZ {
		t.Errorf("floor %v, want the best −F %v and at most log Z %v", floor, best, logZ)
	}
}

// The paper's schedule: 14 500 intermediate distributions, 500 of them
// in [0, 0.5), 4 000 in [0.5, 0.9) and 10 000 in [0.9, 1), then β = 1.
func TestPaperSchedule(t *testing.T) {
	b := bm.AISSchedule(paperBetas)
	if len(b) != paperBetas+1 || b[0] != 0 || b[len(b)-1] != 1 {
		t.Fatalf("%d betas from %v to %v, want 14501 from 0 to 1", len(b), b[0], b[len(b)-1])
	}
	var n [3]int
	for i, x := range b[:len(b)-1] {
		if i > 0 && x <= b[i-1] {
			t.Fatalf("β[%d] = %v does not rise from %v", i, x, b[i-1])
		}
		switch {
		case x < 0.5:
			n[0]++
		case x < 0.9:
			n[1]++
		default:
			n[2]++
		}
	}
	if n != [3]int{500, 4000, 10000} {
		t.Errorf("segment counts %v, want [500 4000 10000]", n)
	}
	if got := len(bm.AISSchedule(3)); got != 4 {
		t.Errorf("bm.AISSchedule(3) has %d values, want 4", got)
	}
}

func TestFormatFloat(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{
		{-125.534, "-125.53"},
		{math.Inf(-1), "-Inf"},
		{math.Inf(1), "+Inf"},
	} {
		if got := formatFloat(tc.x); got != tc.want {
			t.Errorf("formatFloat(%v) = %q, want %q", tc.x, got, tc.want)
		}
	}
}

func TestAppendCSVRefusesOtherHeader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.csv")
	if err := os.WriteFile(path, []byte("a,b\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := appendCSV(path, make([]string, len(csvHeader))); err == nil {
		t.Error("appended to a CSV file with another header")
	}
}
