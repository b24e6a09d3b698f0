// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// HintonOptions adjusts a Hinton diagram. The zero value gives the
// defaults.
type HintonOptions struct {
	Title, XLabel, YLabel string

	// RowLabels and ColLabels name the rows and columns.
	RowLabels, ColLabels []string

	// Max is the magnitude drawn as a full cell; zero means the
	// largest |w|. Fix it to compare diagrams drawn at different times.
	Max float64
}

// Hinton draws a Hinton diagram of w: each weight is a square whose
// area is proportional to its magnitude, white for positive and black
// for negative, on a grey background. Row 0 is at the top.
func Hinton(w mat.Matrix, opt *HintonOptions) *Figure {
	if opt == nil {
		opt = &HintonOptions{}
	}
	r, c := w.Dims()
	mx := opt.Max
	if mx <= 0 {
		lo, hi := finiteRange(w)
		mx = math.Max(-lo, hi)
	}
	p := newPlot()
	matrixAxes(p, r, c, opt.RowLabels, opt.ColLabels)
	p.X.Label.Text, p.Y.Label.Text = opt.XLabel, opt.YLabel
	p.Add(&hinton{w: dense(w), max: mx})
	f := newFigure(fmt.Sprintf("Hinton %d×%d, max |w| %.3g", r, c, mx), p)
	f.Title = opt.Title
	f.aspect = matrixAspect(r, c)
	return f
}

type hinton struct {
	w   *mat.Dense
	max float64
}

func (h *hinton) Plot(c draw.Canvas, p *plot.Plot) {
	r, cols := h.w.Dims()
	x, y := p.Transforms(&c)
	bg := vg.Rectangle{
		Min: vg.Point{X: x(-0.5), Y: y(-0.5)},
		Max: vg.Point{X: x(float64(cols) - 0.5), Y: y(float64(r) - 0.5)},
	}
	c.SetColor(HintonBackground)
	c.Fill(bg.Path())
	cell := math.Min(float64(x(1)-x(0)), float64(y(1)-y(0)))
	for i := range r {
		for j := range cols {
			v := h.w.At(i, j)
			if v == 0 || math.IsNaN(v) || h.max <= 0 {
				continue
			}
			side := vg.Length(0.92 * cell * math.Sqrt(math.Min(1, math.Abs(v)/h.max)))
			cx, cy := x(float64(j)), y(rowY(i, r))
			sq := vg.Rectangle{
				Min: vg.Point{X: cx - side/2, Y: cy - side/2},
				Max: vg.Point{X: cx + side/2, Y: cy + side/2},
			}
			if v > 0 {
				c.SetColor(HintonPositive)
			} else {
				c.SetColor(HintonNegative)
			}
			c.Fill(sq.Path())
		}
	}
}
