// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A key is one entry of a figure's legend.
type key struct {
	name   string
	thumbs []plot.Thumbnailer
}

// The figure legend is a row of keys between the title and the plot,
// where it never covers data (gonum's legend sits inside the data area).

const (
	keySwatch = 22 * vg.Length(1)
	keyGap    = 14 * vg.Length(1)
)

// drawKeys draws keys in centred rows at the top of c and returns the
// canvas below them.
func drawKeys(c draw.Canvas, keys []key) draw.Canvas {
	if len(keys) == 0 {
		return c
	}
	sty := textStyle(legendSize, Ink, draw.XLeft, draw.YCenter)
	lineH := sty.Height("Mg") + vg.Points(3)
	widths := make([]vg.Length, len(keys))
	for i, k := range keys {
		widths[i] = keySwatch + vg.Points(4) + sty.Width(k.name)
	}
	avail := c.Max.X - c.Min.X
	var rows [][]int
	var row []int
	var w vg.Length
	for i := range keys {
		if len(row) > 0 && w+keyGap+widths[i] > avail {
			rows = append(rows, row)
			row, w = nil, 0
		}
		if len(row) > 0 {
			w += keyGap
		}
		row = append(row, i)
		w += widths[i]
	}
	rows = append(rows, row)
	y := c.Max.Y - lineH/2
	for _, r := range rows {
		var total vg.Length
		for j, i := range r {
			if j > 0 {
				total += keyGap
			}
			total += widths[i]
		}
		x := c.Center().X - total/2
		for _, i := range r {
			icon := &draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
				Min: vg.Point{X: x, Y: y - lineH/2 + vg.Points(2)},
				Max: vg.Point{X: x + keySwatch, Y: y + lineH/2 - vg.Points(2)},
			}}
			for _, t := range keys[i].thumbs {
				t.Thumbnail(icon)
			}
			c.FillText(sty, vg.Point{X: x + keySwatch + vg.Points(4), Y: y}, keys[i].name)
			x += widths[i] + keyGap
		}
		y -= lineH
	}
	c.Max.Y -= lineH*vg.Length(len(rows)) + vg.Points(4)
	return c
}
