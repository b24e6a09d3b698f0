// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import (
	"fmt"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Grid returns a figure showing panels side by side, cols to a row,
// filling rows from the top left. Each panel keeps its title and
// drawing; its Width, Height and DPI are ignored. Nil panels leave
// their cell empty. Grid panics if cols < 1.
//
// The default size gives each panel 3.3 × 2.7 inches, at most 10 inches
// across; set Width and Height to change it.
func Grid(cols int, panels ...*Figure) *Figure {
	if cols < 1 {
		panic(fmt.Sprintf("plots: Grid: %d columns", cols))
	}
	cols = min(cols, max(1, len(panels)))
	rows := (len(panels) + cols - 1) / cols
	w := min(vg.Length(cols)*3.3*vg.Inch, 10*vg.Inch)
	h := vg.Length(rows) * 2.7 * vg.Inch
	if cols > 3 {
		h = vg.Length(rows) * (w / vg.Length(cols)) * 0.82
	}
	kinds := make([]string, 0, len(panels))
	for _, p := range panels {
		if p != nil {
			kinds = append(kinds, strings.SplitN(p.kind, " ", 2)[0])
		}
	}
	return &Figure{
		Width:  w,
		Height: max(h, 1.5*vg.Inch),
		kind:   fmt.Sprintf("Grid %d×%d [%s]", rows, cols, strings.Join(kinds, ", ")),
		body:   &grid{panels: panels, rows: rows, cols: cols},
	}
}

type grid struct {
	panels     []*Figure
	rows, cols int
}

func (g *grid) draw(c draw.Canvas) {
	if g.rows == 0 {
		return
	}
	t := draw.Tiles{Rows: g.rows, Cols: g.cols, PadX: vg.Points(8), PadY: vg.Points(6)}
	for i, p := range g.panels {
		if p != nil {
			p.Draw(t.At(c, i%g.cols, i/g.cols))
		}
	}
}
