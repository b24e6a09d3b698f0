// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/datasets"
)

func ExampleBarsAndStripes() {
	x := datasets.BarsAndStripes(2)
	r, _ := x.Dims()
	for i := 0; i < r; i++ {
		fmt.Println(mat.Formatted(mat.NewDense(2, 2, x.RawRowView(i)), mat.Squeeze()))
	}
	// Output:
	// ⎡0  0⎤
	// ⎣0  0⎦
	// ⎡1  1⎤
	// ⎣0  0⎦
	// ⎡0  0⎤
	// ⎣1  1⎦
	// ⎡1  1⎤
	// ⎣1  1⎦
	// ⎡1  0⎤
	// ⎣1  0⎦
	// ⎡0  1⎤
	// ⎣0  1⎦
}

func ExampleNecker() {
	n := datasets.NewNecker()
	cubes := n.Interpretations()
	fmt.Println(len(n.Lines), "lines,", len(n.Candidates), "candidate edges,", len(cubes), "cube interpretations")
	for _, c := range cubes {
		var depths []float64
		for _, cand := range c[:3] {
			e := n.Candidates[cand]
			depths = append(depths, e.From[2], e.To[2])
		}
		fmt.Println("first three edges, depths of their ends:", depths)
	}
	// Output:
	// 12 lines, 432 candidate edges, 2 cube interpretations
	// first three edges, depths of their ends: [2 4 2 0 2 3]
	// first three edges, depths of their ends: [3 1 3 5 3 2]
}
