// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/bm"
)

// Every trainer here runs the same way: a seed in the config, defaults
// for the rest, a History as Monitor for the learning curve. The seeds
// make the printed numbers the same on every build (see the package
// doc on speed).

// barsAndStripes returns the 14 images of 3×3 bars and stripes, each 3
// times: the lecture's toy data set.
func barsAndStripes() *mat.Dense {
	var rows []float64
	for rep := 0; rep < 3; rep++ {
		for code := 1; code < 7; code++ { // 6 non-empty, non-full sets of lines
			for _, vertical := range []bool{false, true} {
				for i := 0; i < 3; i++ {
					for j := 0; j < 3; j++ {
						line := i
						if vertical {
							line = j
						}
						rows = append(rows, float64(code>>line&1))
					}
				}
			}
		}
		rows = append(rows, make([]float64, 9)...)
		for i := 0; i < 9; i++ {
			rows = append(rows, 1)
		}
	}
	return mat.NewDense(len(rows)/9, 9, rows)
}

func ExampleRBM_Train() {
	data := barsAndStripes()
	r := bm.NewRBM(9, 8, rand.New(rand.NewPCG(1, 2)))
	var hist bm.History
	err := r.Train(data, &bm.CDConfig{K: 3, Epochs: 300, BatchSize: 14, Seed: 3, Monitor: &hist})
	if err != nil {
		fmt.Println(err)
		return
	}
	recon := hist.Series("recon")
	fmt.Printf("%d epochs: reconstruction error %.2f → %.2f\n", len(recon), recon[0], recon[len(recon)-1])
	ll, err := r.ExactLogLikelihood(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("mean log p(v) = %.1f (best possible: log 1/14 = -2.6)\n", ll)

	// A negative learning rate is an error that names the field.
	fmt.Println(r.Train(data, &bm.CDConfig{LearningRate: -0.1}))
	// Output:
	// 300 epochs: reconstruction error 2.26 → 0.00
	// mean log p(v) = -3.0 (best possible: log 1/14 = -2.6)
	// bm: CDConfig.LearningRate = -0.1: want a finite number > 0 (0 means the default 0.1)
}

func ExampleGibbs_Anneal() {
	// The lecture's net has a local minimum of energy −4 and the global
	// one, −5. From 20 random states, plain descent (Settle) and
	// annealing from T = 4 down to 0.05 over 300 sweeps, then descent:
	// annealing ends in the global minimum more often.
	n := bm.LectureHopfield()
	g := bm.NewGibbs(n, 0, rand.New(rand.NewPCG(1, 2)))
	rnd := rand.New(rand.NewPCG(7, 7))
	annealed, settled := map[float64]int{}, map[float64]int{}
	for run := 0; run < 20; run++ {
		s := make([]float64, 5)
		for i := range s {
			s[i] = float64(rnd.IntN(2))
		}
		s2 := append([]float64(nil), s...)
		e := g.Anneal(s, bm.GeometricSchedule(4, 0.05, 300))
		annealed[e[len(e)-1]]++
		e = g.Settle(s2)
		settled[e[len(e)-1]]++
	}
	fmt.Println("final energies, annealing:", annealed)
	fmt.Println("final energies, settling: ", settled)
	// Output:
	// final energies, annealing: map[-5:14 -4:6]
	// final energies, settling:  map[-5:11 -4:9]
}

func ExampleMachine_Train() {
	// Two visible units that are never on together and never off
	// together (the data 01 and 10), linked only through two hidden
	// units: learning has to use the hidden units.
	m := bm.NewMachine(2, 2, bm.MachineMask(2, 2, false, true, true))
	m.Randomize(0.5, rand.New(rand.NewPCG(1, 2)))
	data := mat.NewDense(2, 2, []float64{0, 1, 1, 0})
	before, _ := m.ExactLogLikelihood(data)
	err := m.Train(data, &bm.MachineConfig{LearningRate: 1, Epochs: 400, WeightDecay: bm.Off, Seed: 3, Monitor: bm.Quiet})
	if err != nil {
		fmt.Println(err)
		return
	}
	after, _ := m.ExactLogLikelihood(data)
	lp, _ := m.VisibleLogProbs()
	fmt.Printf("mean log p(v): %.2f → %.2f (best: log ½ = -0.69)\n", before, after)
	fmt.Printf("p(01) + p(10) = %.2f\n", expSum(lp[1], lp[2]))
	// Output:
	// mean log p(v): -1.39 → -0.69 (best: log ½ = -0.69)
	// p(01) + p(10) = 1.00
}

func ExampleMLP_Train() {
	// XOR: no linear classifier can do it; one hidden layer can.
	x := mat.NewDense(4, 2, []float64{0, 0, 0, 1, 1, 0, 1, 1})
	y := []int{0, 1, 1, 0}
	m := bm.NewMLP([]int{2, 4, 2}, rand.New(rand.NewPCG(1, 2)))
	var hist bm.History
	err := m.Train(x, y, &bm.MLPConfig{LearningRate: 0.5, Epochs: 1000, WeightDecay: bm.Off, Seed: 3, Monitor: &hist})
	if err != nil {
		fmt.Println(err)
		return
	}
	loss := hist.Series("loss")
	fmt.Printf("loss %.2f → %.3f, predictions %v, accuracy %.2f\n", loss[0], loss[len(loss)-1], m.Predict(x), m.Accuracy(x, y))
	// Output:
	// loss 0.74 → 0.001, predictions [0 1 1 0], accuracy 1.00
}

func ExampleRatingsRBM_Train() {
	// Six users, four movies rated 1 or 2: users 0–2 like movies 0 and
	// 1 and dislike 2 and 3, users 3–5 the other way round. Each user
	// has one rating held out.
	var train, heldOut []bm.Rating
	for u := 0; u < 6; u++ {
		for movie := 0; movie < 4; movie++ {
			likes := (u < 3) == (movie < 2)
			r := bm.Rating{User: u, Movie: movie, Value: 1}
			if likes {
				r.Value = 2
			}
			if movie == u%4 {
				heldOut = append(heldOut, r)
			} else {
				train = append(train, r)
			}
		}
	}
	r := bm.NewRatingsRBM(4, 2, 2, rand.New(rand.NewPCG(1, 2)))
	err := r.Train(train, &bm.RatingsConfig{Epochs: 200, LearningRate: 0.5, Seed: 3, Monitor: bm.Quiet})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("held-out RMSE %.2f; predicting movie means: %.2f\n", r.RMSE(train, heldOut), bm.MovieMeanRMSE(train, heldOut))
	// Output:
	// held-out RMSE 0.00; predicting movie means: 0.54
}

func ExampleRBM_AIS() {
	// An RBM small enough for the exact log Z, to check AIS against.
	rnd := rand.New(rand.NewPCG(1, 2))
	r := bm.NewRBM(12, 10, rnd)
	for i := range r.W.RawMatrix().Data {
		r.W.RawMatrix().Data[i] = rnd.NormFloat64()
	}
	exact, err := r.ExactLogZ()
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := r.AIS(&bm.AISConfig{Steps: 2000, Runs: 50, Seed: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("exact log Z %.2f, AIS %.2f (±3σ: %.2f … %.2f)\n", exact, res.LogZ, res.LogZLow, res.LogZHigh)
	// Output:
	// exact log Z 24.12, AIS 24.14 (±3σ: 24.04 … 24.22)
}

func ExampleDBN() {
	// Greedy training of a stack of two RBMs on bars and stripes; the
	// second layer starts as the transpose of the first, so the DBN's
	// variational bound starts equal to the first RBM's log p(v), and
	// training the second layer raises it.
	data := barsAndStripes()
	d := bm.NewDBN([]int{9, 8}, rand.New(rand.NewPCG(1, 2)))
	layer := &bm.CDConfig{K: 3, Epochs: 300, BatchSize: 14, Seed: 3}
	if err := d.Train(data, &bm.DBNConfig{Layers: []*bm.CDConfig{layer}, Monitor: bm.Quiet}); err != nil {
		fmt.Println(err)
		return
	}
	d.AddTransposedLayer()
	start, _ := d.ExactLowerBound(data)
	top := &bm.CDConfig{K: 10, Epochs: 300, BatchSize: 14, LearningRate: 0.05, Seed: 4}
	err := d.Train(data, &bm.DBNConfig{From: 1, SampleHidden: true, Seed: 5, Layers: []*bm.CDConfig{nil, top}, Monitor: bm.Quiet})
	if err != nil {
		fmt.Println(err)
		return
	}
	end, _ := d.ExactLowerBound(data)
	fmt.Println(d)
	fmt.Printf("bound on mean log p(v): %.2f → %.2f\n", start, end)
	// Output:
	// DBN 9-8-9
	// bound on mean log p(v): -3.03 → -2.86
}

// expSum returns e^a + e^b.
func expSum(a, b float64) float64 { return math.Exp(a) + math.Exp(b) }
