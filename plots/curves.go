// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import (
	"fmt"
	"strings"

	"gonum.org/v1/plot"
)

// CurveOptions adjusts learning-curve figures. The zero value gives
// the defaults.
type CurveOptions struct {
	Title string
	// XLabel defaults to "epoch"; YLabel to the series name when there
	// is one series, else nothing.
	XLabel, YLabel string
	// LogX and LogY make the axes logarithmic.
	LogX, LogY bool
	// Points marks every value; by default only series of at most 30
	// values are marked.
	Points bool
	// Panels draws each series in its own panel, for series on
	// different scales (reconstruction error and log-likelihood).
	Panels bool
}

// LearningCurves plots named series against epochs: reconstruction
// error, log-likelihood, test error. A series with nil X is plotted
// against epochs 1, 2, …, len(Y); NaN values (epochs where a statistic
// was not measured) leave gaps.
func LearningCurves(series []Series, opt *CurveOptions) *Figure {
	if opt == nil {
		opt = &CurveOptions{}
	}
	if opt.Panels && len(series) > 1 {
		panels := make([]*Figure, len(series))
		for i, s := range series {
			o := *opt
			o.YLabel = ""
			// Each panel keeps the colour its series has in one plot.
			p, _ := curvesPlot([]Series{s}, &o, i)
			panels[i] = newFigure("LearningCurves ["+s.Name+"]", p)
			panels[i].Title = s.Name
			panels[i].Plot.Y.Label.Text = ""
		}
		g := Grid(min(len(series), 3), panels...)
		g.Title = opt.Title
		return g
	}
	p, keys := curvesPlot(series, opt, 0)
	names := make([]string, len(series))
	for i, s := range series {
		names[i] = s.Name
	}
	f := newFigure(fmt.Sprintf("LearningCurves [%s]", strings.Join(names, ", ")), p)
	f.Title = opt.Title
	if len(series) > 1 {
		f.keys = keys
	}
	return f
}

// curvesPlot plots series in colours from the first-th on and returns
// the plot and its legend keys.
func curvesPlot(series []Series, opt *CurveOptions, first int) (*plot.Plot, []key) {
	p := newPlot()
	addGrid(p)
	if opt.LogX {
		setLog(&p.X)
	}
	if opt.LogY {
		setLog(&p.Y)
	}
	n := 0
	for _, s := range series {
		n = max(n, len(s.Y))
	}
	var keys []key
	for i, s := range series {
		keys = append(keys, addSeries(p, s, 1, opt.LogX, opt.LogY, opt.Points || n <= 30, lineStyle(first+i))...)
	}
	p.X.Label.Text = opt.XLabel
	if p.X.Label.Text == "" {
		p.X.Label.Text = "epoch"
	}
	p.Y.Label.Text = opt.YLabel
	if p.Y.Label.Text == "" && len(series) == 1 {
		p.Y.Label.Text = series[0].Name
	}
	if opt.LogX {
		fixLogRange(&p.X)
	}
	if opt.LogY {
		fixLogRange(&p.Y)
	}
	// A short run of epochs reads better as 1, 2, 3; x values of a wider
	// range (given with the series) keep the round-number ticks.
	if !opt.LogX && n > 0 && n < 12 && p.X.Max-p.X.Min < 12 {
		p.X.Tick.Marker = integerTicks{}
	}
	return p, keys
}

// A SeriesSource holds named statistics per epoch; bm.History is one.
type SeriesSource interface {
	Series(name string) []float64
}

// HistoryCurves plots the named statistics of h (for example a
// *bm.History filled by a trainer) against epochs.
func HistoryCurves(h SeriesSource, opt *CurveOptions, names ...string) *Figure {
	if len(names) == 0 {
		panic("plots: HistoryCurves: no statistic names given")
	}
	series := make([]Series, len(names))
	for i, name := range names {
		series[i] = Series{Name: name, Y: h.Series(name)}
	}
	return LearningCurves(series, opt)
}

// DivergenceOptions adjusts a Divergence figure. The zero value gives
// the defaults.
type DivergenceOptions struct {
	Title string
	// XLabel defaults to "sweeps".
	XLabel string
	// Linear uses linear axes instead of the default log–log axes, on
	// which sampling error falling as 1/√n is a straight line.
	Linear bool
}

// Divergence plots how far sampled frequencies are from the exact
// distribution as sampling goes on: the KL divergence and the total
// variation distance against the number of sweeps. Either kl or tv may
// be nil.
func Divergence(sweeps, kl, tv []float64, opt *DivergenceOptions) *Figure {
	if opt == nil {
		opt = &DivergenceOptions{}
	}
	var series []Series
	if kl != nil {
		series = append(series, Series{Name: "KL divergence (nats)", X: sweeps, Y: kl})
	}
	if tv != nil {
		series = append(series, Series{Name: "total variation", X: sweeps, Y: tv})
	}
	xl := opt.XLabel
	if xl == "" {
		xl = "sweeps"
	}
	co := &CurveOptions{XLabel: xl, YLabel: "distance from exact", LogX: !opt.Linear, LogY: !opt.Linear}
	p, keys := curvesPlot(series, co, 0)
	if len(series) == 1 {
		p.Y.Label.Text = series[0].Name
	}
	f := newFigure(fmt.Sprintf("Divergence over %d sample sizes", len(sweeps)), p)
	f.Title = opt.Title
	if len(series) > 1 {
		f.keys = keys
	}
	return f
}
