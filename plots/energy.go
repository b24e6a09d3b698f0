// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TraceOptions adjusts an EnergyTrace. The zero value gives the
// defaults.
type TraceOptions struct {
	Title string
	// XLabel defaults to "update"; YLabel to "energy E".
	XLabel, YLabel string
	// Names label the runs in a legend; by default runs are unnamed.
	Names []string
	// Steps draws each run as a staircase, the energy being constant
	// between updates.
	Steps bool
}

// EnergyTrace plots the energy of one or more runs against time:
// runs[r][t] is the energy of run r after t updates (t = 0 is the
// starting state). Under the deterministic Hopfield rule every trace
// goes down and stops in a minimum; noisy units let it go up.
func EnergyTrace(runs [][]float64, opt *TraceOptions) *Figure {
	if opt == nil {
		opt = &TraceOptions{}
	}
	p := newPlot()
	addGrid(p)
	n := 0
	for _, r := range runs {
		n = max(n, len(r))
	}
	var keys []key
	for i, r := range runs {
		s := Series{Y: r}
		if i < len(opt.Names) {
			s.Name = opt.Names[i]
		}
		sty := lineStyle(i)
		if len(runs) > len(SeriesColors) {
			sty.Width = vg.Points(1.1)
		}
		if opt.Steps {
			keys = append(keys, addSteps(p, s, sty)...)
			continue
		}
		keys = append(keys, addSeries(p, s, 0, false, false, n <= 40, sty)...)
	}
	p.X.Label.Text, p.Y.Label.Text = opt.XLabel, opt.YLabel
	if p.X.Label.Text == "" {
		p.X.Label.Text = "update"
	}
	if p.Y.Label.Text == "" {
		p.Y.Label.Text = "energy E"
	}
	if n > 0 && n <= 12 {
		p.X.Tick.Marker = integerTicks{}
	}
	f := newFigure(fmt.Sprintf("EnergyTrace %d runs of up to %d steps", len(runs), n), p)
	f.Title = opt.Title
	f.keys = keys
	return f
}

// addSteps adds s (x = 0, 1, …) as a staircase and returns its key.
func addSteps(p *plot.Plot, s Series, sty draw.LineStyle) []key {
	var xys plotter.XYs
	for t, y := range s.Y {
		if finite(y) {
			xys = append(xys, plotter.XY{X: float64(t), Y: y})
		}
	}
	if len(xys) == 0 {
		return nil
	}
	l, err := plotter.NewLine(xys)
	if err != nil {
		return nil
	}
	l.LineStyle = sty
	l.StepStyle = plotter.PostStep
	p.Add(l)
	if s.Name == "" {
		return nil
	}
	return []key{{name: s.Name, thumbs: []plot.Thumbnailer{l}}}
}

// A Mark is a labelled position on an energy landscape.
type Mark struct {
	X     float64
	Label string
}

// LandscapeOptions adjusts an EnergyLandscape. The zero value draws
// the lecture's picture.
type LandscapeOptions struct {
	Title string

	// Energy is the curve; nil means a landscape over [0, 10] with a
	// shallow minimum A near 3 and a deeper minimum B near 7.
	Energy func(x float64) float64
	// XMin and XMax bound the curve; both zero mean [0, 10].
	XMin, XMax float64

	// Ball is where the ball sits; zero means 1.6, on the slope above
	// A. NoBall leaves it out.
	Ball   float64
	NoBall bool

	// Marks label positions on the curve; nil means the local minima,
	// lettered A, B, C, … from the left.
	Marks []Mark
}

// lectureLandscape has a shallow well at about 3 and a deeper one at
// about 7, separated by a barrier, inside rising walls.
func lectureLandscape(x float64) float64 {
	return 0.06*(x-5)*(x-5) - 1.4*math.Exp(-(x-3)*(x-3)/1.1) - 2.6*math.Exp(-(x-7)*(x-7)/1.3)
}

// EnergyLandscape sketches a one-dimensional energy landscape with a
// ball on it: the lecture's picture of why deterministic descent stops
// in the local minimum A instead of the deeper minimum B, and of how
// noise lets the ball jump the barrier.
func EnergyLandscape(opt *LandscapeOptions) *Figure {
	if opt == nil {
		opt = &LandscapeOptions{}
	}
	e := opt.Energy
	lo, hi := opt.XMin, opt.XMax
	if lo == 0 && hi == 0 {
		lo, hi = 0, 10
	}
	if e == nil {
		e = lectureLandscape
	}
	ball := opt.Ball
	if ball == 0 {
		ball = lo + 0.16*(hi-lo)
	}
	marks := opt.Marks
	if marks == nil {
		marks = localMinima(e, lo, hi)
	}

	p := newPlot()
	const n = 400
	xys := make(plotter.XYs, n+1)
	for i := range xys {
		x := lo + (hi-lo)*float64(i)/n
		xys[i] = plotter.XY{X: x, Y: e(x)}
	}
	l, err := plotter.NewLine(xys)
	if err != nil {
		panic("plots: EnergyLandscape: the energy is not finite on [XMin, XMax]")
	}
	l.LineStyle = draw.LineStyle{Color: Ink, Width: vg.Points(2.2)}
	p.Add(l)
	ymin, ymax := math.Inf(1), math.Inf(-1)
	for _, xy := range xys {
		ymin, ymax = math.Min(ymin, xy.Y), math.Max(ymax, xy.Y)
	}
	// Extra room below for the letters under the minima.
	pad := 0.12 * (ymax - ymin)
	p.X.Min, p.X.Max = lo, hi
	p.Y.Min, p.Y.Max = ymin-2.5*pad, ymax+pad
	p.Add(&landscapeMarks{e: e, marks: marks, ball: ball, noBall: opt.NoBall})
	p.X.Label.Text, p.Y.Label.Text = "configuration", "energy"
	p.X.Tick.Marker = plot.ConstantTicks{}
	p.Y.Tick.Marker = plot.ConstantTicks{}
	f := newFigure(fmt.Sprintf("EnergyLandscape with %d marks", len(marks)), p)
	f.Title = opt.Title
	return f
}

// localMinima finds the interior local minima of e on [lo, hi],
// lettered from the left.
func localMinima(e func(float64) float64, lo, hi float64) []Mark {
	const n = 1000
	var ms []Mark
	prev, cur := e(lo), e(lo+(hi-lo)/n)
	for i := 2; i <= n; i++ {
		x := lo + (hi-lo)*float64(i)/n
		next := e(x)
		if cur < prev && cur <= next {
			ms = append(ms, Mark{X: x - (hi-lo)/n, Label: string(rune('A' + len(ms)%26))})
		}
		prev, cur = cur, next
	}
	return ms
}

// landscapeMarks draws the ball and the lettered minima in screen
// units, so that the ball stays round and rests on the curve whatever
// the figure's shape.
type landscapeMarks struct {
	e      func(float64) float64
	marks  []Mark
	ball   float64
	noBall bool
}

func (m *landscapeMarks) Plot(c draw.Canvas, p *plot.Plot) {
	x, y := p.Transforms(&c)
	pt := func(u float64) vg.Point { return vg.Point{X: x(u), Y: y(m.e(u))} }
	// Regular weight: vgpdf cannot embed the bold face (gonum/plot v0.17).
	sty := textStyle(titleSize+3, Ink, draw.XCenter, draw.YTop)
	for _, mk := range m.marks {
		q := pt(mk.X)
		c.FillText(sty, vg.Point{X: q.X, Y: q.Y - vg.Points(6)}, mk.Label)
	}
	if m.noBall {
		return
	}
	// Offset the centre from the curve along its normal in screen space.
	r := vg.Points(9)
	h := (p.X.Max - p.X.Min) * 1e-4
	a, b := pt(m.ball-h), pt(m.ball+h)
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	norm := math.Hypot(dx, dy)
	q := pt(m.ball)
	ctr := vg.Point{X: q.X - vg.Length(dy/norm)*r, Y: q.Y + vg.Length(dx/norm)*r}
	var ball vg.Path
	ball.Move(vg.Point{X: ctr.X + r, Y: ctr.Y})
	ball.Arc(ctr, r, 0, 2*math.Pi)
	ball.Close()
	c.SetColor(SeriesColor(1))
	c.Fill(ball)
	c.SetLineStyle(draw.LineStyle{Color: Ink, Width: vg.Points(1)})
	c.Stroke(ball)
}
