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
