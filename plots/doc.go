// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package plots draws the figures of the Boltzmann-machine laboratory
// with one call each, on top of gonum.org/v1/plot. Every helper returns
// a *Figure; a notebook cell that ends in a figure shows it inline, and
// Save writes it to a file.
//
// # Showing and saving
//
// A Figure renders itself: PNG returns the bytes of a PNG image, SVG an
// SVG document, MIMEBundle both a base64 PNG and a one-line text/plain
// summary (the form the boltzbook kernel sends to Jupyter), and String
// the summary alone, such as
//
//	Figure 600×617: Tiles 10×10 of 28×28
//
// Save picks the format from the file's extension (.png, .svg, .pdf)
// and writes to a temporary file that is renamed into place, so a
// reader never sees half an image:
//
//	fig := plots.Tiles(rbm.W.T(), 28, 28, nil)
//	if err := fig.Save("filters.png"); err != nil { ... }
//
// PNG and SVG output is deterministic: the same figure gives the same
// bytes on every call and in every run built from the same module
// versions, because the fonts (Liberation Sans, shipped inside
// gonum/plot) and the rasteriser are part of the program and nothing
// records a time. (Other CPU architectures may differ in the last bit
// of anti-aliasing, which the golden tests tolerate.) PDF files carry
// a creation date.
//
// # Size, titles and labels
//
// A figure is 6 × 4 inches at 100 dots per inch unless a helper picks a
// better shape (tile mosaics follow their grid, confusion matrices are
// taller); the PNG is then 600 × 400 pixels, which fits a notebook
// column without scaling. Change Width and Height (vg.Length, in points:
// 72 to the inch, so fig.Width = 8*vg.Inch or fig.Width = 576) and DPI.
// The chaining setters SetTitle, SetLabels and SetSize do the same in
// one expression:
//
//	plots.HeatMap(W, nil).SetTitle("weights").SetLabels("hidden", "visible")
//
// Each helper takes an options struct whose zero value gives the
// defaults, and a nil options pointer means the zero value. Figures
// drawn as a single plot expose it as Figure.Plot, so everything gonum
// offers (axis ranges and scales, extra plotters, tick markers) is one
// field away:
//
//	fig := plots.LearningCurves(series, nil)
//	fig.Plot.Y.Min = 0
//
// New wraps any *plot.Plot built by hand into a Figure.
//
// # The helpers, by lecture topic
//
// Hopfield nets and energy (lecture §3–5):
//   - NetworkDiagram: units as circles shaded by state, weights as lines
//     (width by |w|, blue positive, red negative), on a circle, in
//     layers, in a row (the chain of §6) or at given positions;
//     RBMDiagram for a visible × hidden weight matrix.
//   - EnergyTrace: energy after each update or sweep, several runs.
//   - EnergyLandscape: the ball on a one-dimensional landscape, with the
//     local minimum A and the deeper minimum B.
//
// Noisy units and thermal equilibrium (§5):
//   - LogisticRule: p(s_i = 1) = σ(ΔE_i/T) at several temperatures,
//     with the T → 0 step.
//   - DistributionComparison: exact Boltzmann probabilities beside
//     sampled frequencies for every configuration ("0101"), linear or
//     log scale; Divergence: KL and total variation against sweeps.
//
// Learning and RBMs (§6–7):
//   - Tiles and Image: rows of a matrix as grey images (data,
//     reconstructions, fantasies, filters), with per-tile, global or
//     fixed contrast.
//   - Hinton: Hinton diagrams of weight matrices.
//   - HeatMap: any matrix, with a colour bar.
//   - LearningCurves and HistoryCurves: named statistics against
//     epochs (HistoryCurves reads a bm.History through the
//     SeriesSource interface).
//   - ConfusionMatrix and ConfusionFromLabels: a classifier's errors.
//
// Grid puts several figures side by side as panels of one figure.
//
// # Data
//
// Matrices are gonum mat.Matrix values, rows first, so a transpose
// (W.T()) or a view (X.Slice(0, 100, 0, 784)) can be passed directly;
// FromRows turns [][]float64 into a *mat.Dense. Curves are []float64
// inside a Series. Figures copy what they need when they are built.
// Helpers panic, with a "plots: " prefix, on shapes that cannot be
// drawn (a row that is not h·w pixels, labels of the wrong count).
//
// # Style
//
// One palette serves every figure (palette.go): the Okabe–Ito colours
// for series, which stay distinct for readers with colour-vision
// deficiencies; blue and red for positive and negative weights; a
// white-to-blue map for non-negative heat maps and a blue–white–red
// map for signed ones; white and black squares on grey for Hinton
// diagrams as Hinton drew them. Legends sit in a row above the plot,
// never over the data. Pixel images (tiles, heat maps) are drawn with
// sharp pixels, enlarged by whole factors where the figure allows.
package plots // import "github.com/boltzbook/boltzbook/plots"
