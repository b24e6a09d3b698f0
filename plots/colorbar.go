// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import (
	"image"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A colorBar is the scale drawn beside a heat map.
type colorBar struct {
	cm    palette.ColorMap
	label string
}

const (
	barGap   vg.Length = 8
	barWidth vg.Length = 11
)

func (b *colorBar) ticks() []plot.Tick {
	var out []plot.Tick
	for _, t := range (plot.DefaultTicks{}).Ticks(b.cm.Min(), b.cm.Max()) {
		if t.Label != "" {
			out = append(out, t)
		}
	}
	return out
}

// width returns the room the bar needs to the right of the plot.
func (b *colorBar) width() vg.Length {
	sty := textStyle(tickSize, Ink, draw.XLeft, draw.YCenter)
	var w vg.Length
	for _, t := range b.ticks() {
		w = max(w, sty.Width(t.Label))
	}
	w += barGap + barWidth + vg.Points(4)
	if b.label != "" {
		w += textStyle(labelSize, Ink, draw.XLeft, draw.YCenter).Height(b.label) + vg.Points(4)
	}
	return w
}

// draw draws the bar beside the data area da, within c.
func (b *colorBar) draw(c draw.Canvas, da draw.Canvas) {
	x0 := da.Max.X + barGap
	rect := vg.Rectangle{
		Min: vg.Point{X: x0, Y: da.Min.Y},
		Max: vg.Point{X: x0 + barWidth, Y: da.Max.Y},
	}
	const n = 256
	img := image.NewRGBA(image.Rect(0, 0, 1, n))
	lo, hi := b.cm.Min(), b.cm.Max()
	for i := range n {
		v := hi - (hi-lo)*(float64(i)+0.5)/n
		img.Set(0, i, colorAt(b.cm, v))
	}
	drawRaster(c, rect, img)
	line := draw.LineStyle{Color: Ink, Width: vg.Points(0.6)}
	c.StrokeLines(line, []vg.Point{rect.Min, {X: rect.Max.X, Y: rect.Min.Y}, rect.Max, {X: rect.Min.X, Y: rect.Max.Y}, rect.Min})
	sty := textStyle(tickSize, Ink, draw.XLeft, draw.YCenter)
	var lw vg.Length
	for _, t := range b.ticks() {
		if t.Value < lo || t.Value > hi || hi == lo {
			continue
		}
		y := rect.Min.Y + (rect.Max.Y-rect.Min.Y)*vg.Length((t.Value-lo)/(hi-lo))
		c.StrokeLine2(line, rect.Max.X, y, rect.Max.X+vg.Points(3), y)
		c.FillText(sty, vg.Point{X: rect.Max.X + vg.Points(4), Y: y}, t.Label)
		lw = max(lw, sty.Width(t.Label))
	}
	if b.label != "" {
		// Rotated a quarter turn anticlockwise, like a y-axis label; the
		// text's top then faces the tick labels.
		ls := textStyle(labelSize, Ink, draw.XCenter, draw.YTop)
		ls.Rotation = math.Pi / 2
		c.FillText(ls, vg.Point{X: rect.Max.X + vg.Points(8) + lw, Y: (rect.Min.Y + rect.Max.Y) / 2}, b.label)
	}
}
