// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// LogisticOptions adjusts a LogisticRule figure. The zero value gives
// the defaults.
type LogisticOptions struct {
	Title string
	// Temperatures are the curves drawn; 0 is the deterministic step.
	// Nil means 0, 0.5, 1 and 2.
	Temperatures []float64
	// XMax bounds the total input to [-XMax, XMax]; zero means 6.
	XMax float64
}

// LogisticRule plots the noisy unit's decision rule: the probability
// p(s_i = 1) = σ(ΔE_i / T) that a unit turns on, against its total
// input ΔE_i, at several temperatures. At T = 1 it is the Boltzmann
// machine's unit; as T → 0 the curve sharpens into the deterministic
// Hopfield step.
func LogisticRule(opt *LogisticOptions) *Figure {
	if opt == nil {
		opt = &LogisticOptions{}
	}
	ts := opt.Temperatures
	if ts == nil {
		ts = []float64{0, 0.5, 1, 2}
	}
	xmax := opt.XMax
	if xmax <= 0 {
		xmax = 6
	}
	p := newPlot()
	addGrid(p)
	half, _ := plotter.NewLine(plotter.XYs{{X: -xmax, Y: 0.5}, {X: xmax, Y: 0.5}})
	half.LineStyle = guide(Ink)
	zero, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 0, Y: 1}})
	zero.LineStyle = guide(Ink)
	p.Add(half, zero)
	var keys []key
	i := 0
	for _, t := range ts {
		if t < 0 || math.IsNaN(t) {
			panic(fmt.Sprintf("plots: LogisticRule: temperature %v", t))
		}
		if t == 0 {
			step, _ := plotter.NewLine(plotter.XYs{{X: -xmax, Y: 0}, {X: 0, Y: 0}, {X: 0, Y: 1}, {X: xmax, Y: 1}})
			step.LineStyle = lineStyle(len(SeriesColors) - 1) // black
			step.LineStyle.Width = vg.Points(1.3)
			step.LineStyle.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
			p.Add(step)
			keys = append(keys, key{"T → 0 (step)", []plot.Thumbnailer{step}})
			continue
		}
		const n = 240
		xys := make(plotter.XYs, n+1)
		for k := range xys {
			x := -xmax + 2*xmax*float64(k)/n
			xys[k] = plotter.XY{X: x, Y: 1 / (1 + math.Exp(-x/t))}
		}
		l, _ := plotter.NewLine(xys)
		l.LineStyle = lineStyle(i)
		i++
		p.Add(l)
		keys = append(keys, key{"T = " + strconv.FormatFloat(t, 'g', 4, 64), []plot.Thumbnailer{l}})
	}
	p.X.Min, p.X.Max = -xmax, xmax
	p.Y.Min, p.Y.Max = 0, 1
	p.X.Label.Text = "total input ΔE_i"
	p.Y.Label.Text = "p(s_i = 1)"
	f := newFigure(fmt.Sprintf("LogisticRule at T = %v", ts), p)
	f.Title = opt.Title
	f.keys = keys
	return f
}
