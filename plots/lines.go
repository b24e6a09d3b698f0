// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A Series is one named curve. Helpers say what a nil X means
// (usually 1, 2, …, len(Y), as epochs are counted). Points that are
// NaN or infinite, or not positive on a log axis, are left out and
// break the line.
type Series struct {
	Name string
	X, Y []float64
}

// lineStyle returns the style of the i-th series.
func lineStyle(i int) draw.LineStyle {
	return draw.LineStyle{Color: SeriesColor(i), Width: vg.Points(1.6)}
}

// addSeries adds s to p as lines in style sty, with markers when
// points is set, and returns its legend key (nil if s has no name).
// x0 is the first x when s.X is nil.
func addSeries(p *plot.Plot, s Series, x0 float64, logX, logY bool, points bool, sty draw.LineStyle) []key {
	if s.X != nil && len(s.X) != len(s.Y) {
		panic(fmt.Sprintf("plots: series %q has %d x values but %d y values", s.Name, len(s.X), len(s.Y)))
	}
	var runs []plotter.XYs
	var cur plotter.XYs
	for k, y := range s.Y {
		x := x0 + float64(k)
		if s.X != nil {
			x = s.X[k]
		}
		ok := finite(x) && finite(y) && (!logX || x > 0) && (!logY || y > 0)
		if !ok {
			if len(cur) > 0 {
				runs = append(runs, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, plotter.XY{X: x, Y: y})
	}
	if len(cur) > 0 {
		runs = append(runs, cur)
	}
	glyph := draw.GlyphStyle{Color: sty.Color, Radius: vg.Points(2.2), Shape: draw.CircleGlyph{}}
	var thumbs []plot.Thumbnailer
	for _, r := range runs {
		l, err := plotter.NewLine(r)
		if err != nil {
			continue
		}
		l.LineStyle = sty
		p.Add(l)
		if len(thumbs) == 0 {
			thumbs = append(thumbs, l)
		}
		if points || len(r) == 1 {
			sc, err := plotter.NewScatter(r)
			if err == nil {
				sc.GlyphStyle = glyph
				p.Add(sc)
				if len(thumbs) == 1 {
					thumbs = append(thumbs, sc)
				}
			}
		}
	}
	if s.Name == "" || len(thumbs) == 0 {
		return nil
	}
	return []key{{name: s.Name, thumbs: thumbs}}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// setLog makes an axis logarithmic with labelled powers of ten.
func setLog(a *plot.Axis) {
	a.Scale = plot.LogScale{}
	a.Tick.Marker = decadeTicks{}
}

// decadeTicks marks a log axis at powers of ten, labelled exactly ("0.01",
// "1e-05"), with unlabelled minor ticks between them. plot.LogTicks builds
// its powers by repeated multiplication, so its labels read
// "0.1000000000000006" once an axis spans decades below one.
type decadeTicks struct{}

// Ticks implements plot.Ticker.
func (decadeTicks) Ticks(min, max float64) []plot.Tick {
	if min <= 0 || max <= min {
		return plot.DefaultTicks{}.Ticks(min, max)
	}
	lo, hi := int(math.Floor(math.Log10(min))), int(math.Ceil(math.Log10(max)))
	if hi-lo < 1 {
		return plot.DefaultTicks{}.Ticks(min, max)
	}
	var ticks []plot.Tick
	for k := lo; k <= hi; k++ {
		major := decade(k)
		if major >= min && major <= max {
			ticks = append(ticks, plot.Tick{Value: major, Label: decadeLabel(k)})
		}
		for m := 2; m <= 9; m++ {
			if v := float64(m) * major; v >= min && v <= max {
				ticks = append(ticks, plot.Tick{Value: v})
			}
		}
	}
	if len(ticks) == 0 || countLabels(ticks) < 2 {
		return plot.DefaultTicks{}.Ticks(min, max)
	}
	return ticks
}

// decade returns 10^k, parsed rather than multiplied so that it is the
// float64 nearest the exact power.
func decade(k int) float64 {
	v, _ := strconv.ParseFloat("1e"+strconv.Itoa(k), 64)
	return v
}

func decadeLabel(k int) string {
	if k >= -3 && k <= 4 {
		return strconv.FormatFloat(decade(k), 'f', -1, 64)
	}
	return "1e" + strconv.Itoa(k)
}

func countLabels(ticks []plot.Tick) int {
	n := 0
	for _, t := range ticks {
		if t.Label != "" {
			n++
		}
	}
	return n
}

// fixLogRange keeps a log axis's range positive after plotters set it.
func fixLogRange(a *plot.Axis) {
	if a.Min <= 0 {
		a.Min = math.Min(1e-3, a.Max/10)
	}
	if a.Max <= a.Min {
		a.Max = a.Min * 10
	}
}

// guide returns a thin dotted line style for reference lines.
func guide(c color.Color) draw.LineStyle {
	return draw.LineStyle{Color: c, Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(2), vg.Points(2)}}
}
