// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import "math"

// The paper's AIS protocol: 14 500 intermediate distributions in three
// uniformly spaced segments of β, and 100 runs.
const (
	paperBetas = 14500
	paperRuns  = 100
)

// paperSegments are the paper's β segments and their shares of the
// intermediate distributions: 500, 4 000 and 10 000 of 14 500.
var paperSegments = []struct {
	from, to float64
	share    int // out of 29
}{
	{0, 0.5, 1},
	{0.5, 0.9, 8},
	{0.9, 1, 20},
}

// paperSchedule returns n+1 inverse temperatures from 0 to 1: n
// intermediate distributions spread over the paper's segments in its
// proportions (exactly the paper's schedule for n = 14500), each
// segment uniformly spaced and given at least one value. bm's default
// AIS schedule is built the same way; it is spelled out here so that
// the bench states the protocol it runs.
func paperSchedule(n int) []float64 {
	counts := make([]int, len(paperSegments))
	rest := n
	for i, s := range paperSegments[:len(paperSegments)-1] {
		counts[i] = max(n*s.share/29, 1)
		rest -= counts[i]
	}
	counts[len(counts)-1] = max(rest, 1)
	betas := make([]float64, 0, n+1)
	for i, s := range paperSegments {
		for j := 0; j < counts[i]; j++ {
			betas = append(betas, s.from+(s.to-s.from)*float64(j)/float64(counts[i]))
		}
	}
	return append(betas, 1)
}

// paperTestLogP returns the average test log-probability (nats per
// image) that Salakhutdinov & Murray report for an RBM with hidden
// units trained by method ("CD-1", …), or NaN when the paper has no such
// row (PCD, other sizes).
func paperTestLogP(method string, hidden int) float64 {
	if hidden != 500 {
		return math.NaN()
	}
	switch method {
	case "CD-1":
		return -125.53
	case "CD-3":
		return -105.50
	case "CD-25":
		return -86.34
	}
	return math.NaN()
}
