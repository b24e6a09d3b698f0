// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"encoding/json"
	"flag"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The same seed gives the same numbers in every build: with cgo (the C
// kernels of internal/fastvec, with or without OpenBLAS) and without
// (their Go twins, gonum's BLAS). The runs below are recorded in
// testdata/samenumbers.json by one build; every build must reproduce
// them to within the rounding of its matrix products.

var recordSameNumbers = flag.String("samenumbers-out", "", "write this build's same-numbers runs to the named file and pass")

// sameNumbers is what the runs produce.
type sameNumbers struct {
	Build string    // BLAS() of the build that recorded them
	CD    []float64 // W, VisBias, HidBias after CD-1
	PCD   []float64 // the same after PCD-1 from the same start
	AIS   float64   // AIS estimate of log Z of the CD-1 RBM
	MLP   []float64 // an MLP's weights and biases after backprop with dropout
}

// sameNumbersTolerance bounds |a − b| / (1 + |b|) between builds: their
// BLAS implementations round sums differently (about 1e-16 per
// product), nothing else.
const sameNumbersTolerance = 1e-9

func runSameNumbers(t *testing.T) sameNumbers {
	data := barsAndStripes(4)
	rows, _ := data.Dims()
	flat := func(r *RBM) []float64 {
		g := append([]float64(nil), r.W.RawMatrix().Data...)
		g = append(g, r.VisBias.RawVector().Data...)
		return append(g, r.HidBias.RawVector().Data...)
	}
	out := sameNumbers{Build: BLAS()}
	r := NewRBM(16, 8, rand.New(rand.NewPCG(1, 2)))
	p := r.Clone()
	if err := r.Train(data, &CDConfig{Epochs: 20, BatchSize: rows / 3, Seed: 3, Monitor: Quiet}); err != nil {
		t.Fatal(err)
	}
	out.CD = flat(r)
	if err := p.Train(data, &CDConfig{Persistent: true, Chains: 16, Epochs: 20, BatchSize: rows / 3, Seed: 4, Monitor: Quiet}); err != nil {
		t.Fatal(err)
	}
	out.PCD = flat(p)
	res, err := r.AIS(&AISConfig{Steps: 300, Runs: 40, BaseData: data, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	out.AIS = res.LogZ
	x, y := mlpTestBlobs(120, 16, 3, rand.New(rand.NewPCG(6, 7)))
	m := NewMLP([]int{16, 40, 20, 3}, rand.New(rand.NewPCG(8, 9)))
	if err := m.Train(x, y, &MLPConfig{Epochs: 5, BatchSize: 20, Seed: 10, InputDropout: 0.1, HiddenDropout: 0.2, Monitor: Quiet}); err != nil {
		t.Fatal(err)
	}
	out.MLP = mlpParams(m)
	return out
}

func compareSameNumbers(t *testing.T, got, want sameNumbers) {
	t.Helper()
	worst := math.Abs(got.AIS-want.AIS) / (1 + math.Abs(want.AIS))
	for _, p := range [][2][]float64{{got.CD, want.CD}, {got.PCD, want.PCD}, {got.MLP, want.MLP}} {
		if len(p[0]) != len(p[1]) {
			t.Fatalf("%d parameters, want %d", len(p[0]), len(p[1]))
		}
		for i := range p[0] {
			worst = math.Max(worst, math.Abs(p[0][i]-p[1][i])/(1+math.Abs(p[1][i])))
		}
	}
	t.Logf("%q against %q: largest relative difference %.2g", got.Build, want.Build, worst)
	if !(worst <= sameNumbersTolerance) {
		t.Errorf("this build (%s) and %s differ by up to %.2g, more than %g", got.Build, want.Build, worst, sameNumbersTolerance)
	}
}

func TestSameNumbersEveryBuild(t *testing.T) {
	got := runSameNumbers(t)
	if *recordSameNumbers != "" {
		b, err := json.MarshalIndent(got, "", "\t")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(*recordSameNumbers, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Run("reference", func(t *testing.T) {
		var want sameNumbers
		b, err := os.ReadFile(filepath.Join("testdata", "samenumbers.json"))
		if err != nil {
			t.Fatalf("%v (record it with go test -run TestSameNumbersEveryBuild -samenumbers-out testdata/samenumbers.json)", err)
		}
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatal(err)
		}
		compareSameNumbers(t, got, want)
	})
	t.Run("other build", func(t *testing.T) {
		// The build with cgo switched the other way, run now.
		if testing.Short() {
			t.Skip("builds the package again; skipped under -short")
		}
		goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
		if _, err := os.Stat(goTool); err != nil {
			t.Skip("no go tool to build the other variant")
		}
		cgo := "0"
		if fastvecISAIsGo() {
			cgo = "1"
		}
		out := filepath.Join(t.TempDir(), "other.json")
		cmd := exec.Command(goTool, "test", "-count=1", "-run", "^TestSameNumbersEveryBuild$", ".", "-args", "-samenumbers-out", out)
		cmd.Env = append(os.Environ(), "CGO_ENABLED="+cgo)
		if msg, err := cmd.CombinedOutput(); err != nil {
			if cgo == "1" {
				t.Skipf("no cgo build here: %v\n%s", err, msg)
			}
			t.Fatalf("CGO_ENABLED=%s go test: %v\n%s", cgo, err, msg)
		}
		var other sameNumbers
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &other); err != nil {
			t.Fatal(err)
		}
		if other.Build == got.Build {
			t.Fatalf("the other build reports the same kernels: %s", got.Build)
		}
		compareSameNumbers(t, got, other)
	})
}

// fastvecISAIsGo reports whether this build runs fastvec's Go kernels.
func fastvecISAIsGo() bool { return strings.HasSuffix(BLAS(), "kernels in Go") }
