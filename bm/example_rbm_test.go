// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm_test

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/bm"
)

// With all weights and biases zero every one of the 2^(3+2) joint
// states has energy 0, so Z = 32 and every visible vector has
// probability 1/8.
func ExampleRBM_ExactLogZ() {
	r := bm.NewRBM(3, 2, rand.New(rand.NewPCG(1, 1)))
	r.W.Zero()
	logZ, err := r.ExactLogZ()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("log Z = %.4f (log 32 = %.4f)\n", logZ, math.Log(32))
	v := mat.NewDense(1, 3, []float64{1, 0, 1})
	fmt.Printf("log p(v) = %.4f (log 1/8 = %.4f)\n", r.LogLikelihood(v, logZ), math.Log(1.0/8))
	// Output:
	// log Z = 3.4657 (log 32 = 3.4657)
	// log p(v) = -2.0794 (log 1/8 = -2.0794)
}

func ExampleLoadRBM() {
	r := bm.NewRBM(784, 500, rand.New(rand.NewPCG(1, 1)))
	var buf bytes.Buffer
	if err := r.Save(&buf); err != nil {
		fmt.Println(err)
		return
	}
	// Damage one byte: the checksum catches it.
	damaged := bytes.Clone(buf.Bytes())
	damaged[1000] ^= 1
	_, err := bm.LoadRBM(bytes.NewReader(damaged))
	fmt.Println(err)

	r2, err := bm.LoadRBM(&buf)
	fmt.Println(r2, err, mat.Equal(r.W, r2.W))
	// Output:
	// bm: model file corrupt: SHA-256 checksum mismatch (the file was damaged after it was written)
	// RBM 784-500 <nil> true
}
