// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// HeatMapOptions adjusts a HeatMap. The zero value gives the defaults.
type HeatMapOptions struct {
	Title, XLabel, YLabel string

	// RowLabels and ColLabels name the rows and columns; by default
	// they are numbered from 0.
	RowLabels, ColLabels []string

	// Min and Max fix the colour range; both zero means the data's
	// range, made symmetric about zero when the data has both signs.
	Min, Max float64

	// ColorMap overrides the colour map (its range is set from Min and
	// Max). By default signed data gets DivergingMap and non-negative
	// data SequentialMap.
	ColorMap palette.ColorMap

	// BarLabel labels the colour bar; NoColorBar leaves it out.
	BarLabel   string
	NoColorBar bool

	// Values writes each cell's value in it, formatted with Format
	// (default "%.2g").
	Values bool
	Format string
}

// HeatMap shows the matrix m as coloured cells, row 0 at the top, with
// a colour bar: weight matrices, correlations ⟨s_i s_j⟩, gradients.
func HeatMap(m mat.Matrix, opt *HeatMapOptions) *Figure {
	if opt == nil {
		opt = &HeatMapOptions{}
	}
	r, c := m.Dims()
	lo, hi := opt.Min, opt.Max
	if lo == 0 && hi == 0 {
		lo, hi = finiteRange(m)
		if lo < 0 && hi > 0 {
			a := math.Max(-lo, hi)
			lo, hi = -a, a
		}
	}
	if !(hi > lo) {
		lo, hi = lo-1, hi+1
	}
	cm := opt.ColorMap
	switch {
	case cm != nil:
		cm.SetMin(lo)
		cm.SetMax(hi)
	case lo < 0:
		cm = DivergingMap(math.Max(-lo, hi))
		lo, hi = cm.Min(), cm.Max()
	default:
		cm = SequentialMap(lo, hi)
	}
	p := newPlot()
	matrixAxes(p, r, c, opt.RowLabels, opt.ColLabels)
	p.X.Label.Text, p.Y.Label.Text = opt.XLabel, opt.YLabel
	h := &heatRaster{m: dense(m), cm: cm}
	if opt.Values {
		h.format = opt.Format
		if h.format == "" {
			h.format = "%.2g"
		}
	}
	p.Add(h)
	f := newFigure(fmt.Sprintf("HeatMap %d×%d, range [%.3g, %.3g]", r, c, lo, hi), p)
	f.Title = opt.Title
	f.aspect = matrixAspect(r, c)
	if !opt.NoColorBar {
		f.bar = &colorBar{cm: cm, label: opt.BarLabel}
	}
	return f
}

// heatRaster draws a matrix as one image of coloured cells.
type heatRaster struct {
	m      *mat.Dense
	cm     palette.ColorMap
	format string // if non-empty, cells show their values
	text   *mat.Dense
}

func (h *heatRaster) Plot(c draw.Canvas, p *plot.Plot) {
	r, cols := h.m.Dims()
	img := image.NewRGBA(image.Rect(0, 0, cols, r))
	for i := range r {
		for j := range cols {
			img.Set(j, i, colorAt(h.cm, h.m.At(i, j)))
		}
	}
	x, y := p.Transforms(&c)
	rect := vg.Rectangle{
		Min: vg.Point{X: x(-0.5), Y: y(-0.5)},
		Max: vg.Point{X: x(float64(cols) - 0.5), Y: y(float64(r) - 0.5)},
	}
	drawRaster(c, rect, img)
	if h.format == "" {
		return
	}
	vals := h.m
	if h.text != nil {
		vals = h.text
	}
	cell := x(1) - x(0)
	size := min(tickSize, cell*0.42)
	for i := range r {
		for j := range cols {
			ink := Ink
			if luminance(colorAt(h.cm, h.m.At(i, j))) < 0.45 {
				ink = color.White
			}
			sty := textStyle(size, ink, draw.XCenter, draw.YCenter)
			s := fmt.Sprintf(h.format, vals.At(i, j))
			if sty.Width(s) > cell*0.95 {
				continue
			}
			c.FillText(sty, vg.Point{X: x(float64(j)), Y: y(rowY(i, r))}, s)
		}
	}
}

// luminance returns the relative brightness of c in [0, 1].
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xFFFF
}

// ConfusionOptions adjusts a ConfusionMatrix. The zero value gives the
// defaults.
type ConfusionOptions struct {
	// Title defaults to "Confusion matrix (accuracy …)".
	Title string
	// Labels name the classes; by default they are numbered from 0.
	Labels []string
	// Percent writes each cell as a percentage of its row (the true
	// class) instead of a count.
	Percent bool
}

// ConfusionMatrix shows counts[i][j], the number of examples of true
// class i predicted as class j. Cells are coloured by the fraction of
// their row, so the diagonal shows each class's recall whatever the
// class sizes, and carry their counts.
func ConfusionMatrix(counts mat.Matrix, opt *ConfusionOptions) *Figure {
	if opt == nil {
		opt = &ConfusionOptions{}
	}
	r, c := counts.Dims()
	if r != c {
		panic(fmt.Sprintf("plots: ConfusionMatrix: %d×%d counts are not square", r, c))
	}
	frac := mat.NewDense(max(r, 1), max(c, 1), nil)
	var total, correct float64
	for i := range r {
		var row float64
		for j := range c {
			row += counts.At(i, j)
		}
		for j := range c {
			if row > 0 {
				frac.Set(i, j, counts.At(i, j)/row)
			}
		}
		total += row
		correct += counts.At(i, i)
	}
	labels := opt.Labels
	p := newPlot()
	matrixAxes(p, r, c, labels, labels)
	p.X.Label.Text, p.Y.Label.Text = "predicted class", "true class"
	cm := SequentialMap(0, 1)
	h := &heatRaster{m: frac, cm: cm, format: "%.0f", text: dense(counts)}
	if opt.Percent {
		h.text = nil
		pct := mat.NewDense(max(r, 1), max(c, 1), nil)
		pct.Scale(100, frac)
		h.text, h.format = pct, "%.0f%%"
	}
	p.Add(h)
	acc := 0.0
	if total > 0 {
		acc = correct / total
	}
	f := newFigure(fmt.Sprintf("ConfusionMatrix %d classes, %.0f examples, accuracy %.2f%%", r, total, 100*acc), p)
	f.Title = opt.Title
	if f.Title == "" {
		f.Title = fmt.Sprintf("Confusion matrix (accuracy %.2f%%)", 100*acc)
	}
	f.aspect = 1
	f.Height = 5 * vg.Inch
	f.bar = &colorBar{cm: cm, label: "fraction of true class"}
	return f
}

// ConfusionFromLabels counts the pairs (truth[k], pred[k]) of class
// indices into a confusion matrix and shows it. The number of classes
// is len(opt.Labels) if given, else the largest index plus one.
// It panics if the slices differ in length or hold a negative index.
func ConfusionFromLabels(truth, pred []int, opt *ConfusionOptions) *Figure {
	if len(truth) != len(pred) {
		panic(fmt.Sprintf("plots: ConfusionFromLabels: %d true labels but %d predictions", len(truth), len(pred)))
	}
	n := 0
	if opt != nil {
		n = len(opt.Labels)
	}
	for k := range truth {
		if truth[k] < 0 || pred[k] < 0 {
			panic("plots: ConfusionFromLabels: negative class index")
		}
		n = max(n, truth[k]+1, pred[k]+1)
	}
	counts := mat.NewDense(max(n, 1), max(n, 1), nil)
	for k := range truth {
		counts.Set(truth[k], pred[k], counts.At(truth[k], pred[k])+1)
	}
	return ConfusionMatrix(counts, opt)
}
