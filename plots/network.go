// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// NetworkOptions adjusts a NetworkDiagram. The zero value gives the
// defaults.
type NetworkOptions struct {
	Title string

	// States shade the units: 1 is on (dark), 0 off (white), values
	// between are greys (probabilities of being on), and negative
	// values count as off (the ±1 convention). Nil leaves all white.
	States []float64

	// Labels name the units, written inside their circles when short
	// enough and below them otherwise.
	Labels []string

	// Positions place the units (x to the right, y up, any units).
	// Nil means Layers if given, else a circle starting at the top and
	// going clockwise.
	Positions [][2]float64

	// Layers lays the units out in rows from the bottom up: the first
	// Layers[0] units in the bottom row (visible units, say), the next
	// Layers[1] above them, and so on. Layers []int{n} puts all n units
	// in one row, as for a chain. The counts must add up to the number
	// of units.
	Layers []int

	// WeightLabels writes each weight's value on its line, formatted
	// with Format (default "%.3g").
	WeightLabels bool
	Format       string

	// Radius is the radius of a unit in points; zero means 12.
	Radius vg.Length

	// MaxWidth is the width in points of the line of the largest
	// |w|; zero means 5.
	MaxWidth vg.Length
}

// NetworkDiagram draws a small network: units as circles shaded by
// state, weights as lines whose width grows with |w|, blue for
// positive (excitatory) and red for negative (inhibitory). w is the
// symmetric n × n weight matrix; zero entries draw no line. Entry
// (i, j) with i < j is drawn, or (j, i) if that one is zero.
//
// It panics if w is not square or an option's length does not match
// the number of units.
func NetworkDiagram(w mat.Matrix, opt *NetworkOptions) *Figure {
	if opt == nil {
		opt = &NetworkOptions{}
	}
	n, c := w.Dims()
	if n != c {
		panic(fmt.Sprintf("plots: NetworkDiagram: %d×%d weight matrix is not square", n, c))
	}
	check := func(name string, l int) {
		if l != 0 && l != n {
			panic(fmt.Sprintf("plots: NetworkDiagram: %d %s for %d units", l, name, n))
		}
	}
	check("states", len(opt.States))
	check("labels", len(opt.Labels))
	check("positions", len(opt.Positions))

	pos, rows := layout(n, opt)
	net := &network{
		pos:    append([][2]float64(nil), pos...),
		labels: append([]string(nil), opt.Labels...),
		states: append([]float64(nil), opt.States...),
		radius: opt.Radius, maxWidth: opt.MaxWidth, rows: rows,
	}
	if net.radius <= 0 {
		net.radius = 12
	}
	if net.maxWidth <= 0 {
		net.maxWidth = 5
	}
	if opt.WeightLabels {
		net.format = opt.Format
		if net.format == "" {
			net.format = "%.3g"
		}
	}
	var edges int
	for i := range n {
		for j := i + 1; j < n; j++ {
			v := w.At(i, j)
			if v == 0 {
				v = w.At(j, i)
			}
			if v == 0 || math.IsNaN(v) {
				continue
			}
			net.edges = append(net.edges, edge{i: i, j: j, w: v})
			net.max = math.Max(net.max, math.Abs(v))
			edges++
		}
	}

	p := newPlot()
	p.HideAxes()
	xmin, xmax, ymin, ymax := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, q := range pos {
		xmin, xmax = math.Min(xmin, q[0]), math.Max(xmax, q[0])
		ymin, ymax = math.Min(ymin, q[1]), math.Max(ymax, q[1])
	}
	if n == 0 {
		xmin, xmax, ymin, ymax = 0, 1, 0, 1
	}
	// Room around the outermost units for their circles and labels,
	// in data units: 0.4 of a spacing plus a little of the spread.
	sp := net.spacing()
	padX := 0.4*sp + 0.06*(xmax-xmin)
	padY := 0.4*sp + 0.06*(ymax-ymin)
	p.X.Min, p.X.Max = xmin-padX, xmax+padX
	p.Y.Min, p.Y.Max = ymin-padY, ymax+padY
	p.Y.Max += net.arcRoom() // room for lines bowed over a row
	p.Add(net)

	f := newFigure(fmt.Sprintf("NetworkDiagram %d units, %d weights", n, edges), p)
	f.Title = opt.Title
	f.aspect = (p.X.Max - p.X.Min) / (p.Y.Max - p.Y.Min)
	if f.aspect > 2.2 {
		f.Height = max(1.8*vg.Inch, DefaultWidth/vg.Length(f.aspect)+vg.Inch)
	}
	return f
}

// RBMDiagram draws a restricted Boltzmann machine from its visible ×
// hidden weight matrix: visible units in the bottom row, hidden units
// above, labelled v1… and h1… unless opt gives Labels. States, if
// given, list the visible states then the hidden ones.
func RBMDiagram(w mat.Matrix, opt *NetworkOptions) *Figure {
	nv, nh := w.Dims()
	full := mat.NewDense(nv+nh, nv+nh, nil)
	for i := range nv {
		for j := range nh {
			full.Set(i, nv+j, w.At(i, j))
		}
	}
	o := NetworkOptions{}
	if opt != nil {
		o = *opt
	}
	if o.Positions == nil {
		o.Layers = []int{nv, nh}
	}
	if o.Labels == nil {
		for i := range nv {
			o.Labels = append(o.Labels, fmt.Sprintf("v%d", i+1))
		}
		for j := range nh {
			o.Labels = append(o.Labels, fmt.Sprintf("h%d", j+1))
		}
	}
	f := NetworkDiagram(full, &o)
	f.kind = fmt.Sprintf("RBMDiagram %d visible, %d hidden", nv, nh)
	return f
}

// layout returns the unit positions and whether they are in rows.
func layout(n int, opt *NetworkOptions) (pos [][2]float64, rows bool) {
	switch {
	case opt.Positions != nil:
		return opt.Positions, false
	case opt.Layers != nil:
		total, widest := 0, 0
		for _, l := range opt.Layers {
			if l < 0 {
				panic("plots: NetworkDiagram: negative layer size")
			}
			total += l
			widest = max(widest, l)
		}
		if total != n {
			panic(fmt.Sprintf("plots: NetworkDiagram: layers hold %d units, the weights %d", total, n))
		}
		gap := 1.6 // between rows, in unit spacings
		if len(opt.Layers) > 1 && widest > 6 {
			gap = float64(widest) / 4
		}
		for r, l := range opt.Layers {
			for k := range l {
				x := float64(k) - float64(l-1)/2 + float64(widest-1)/2
				pos = append(pos, [2]float64{x, gap * float64(r)})
			}
		}
		return pos, true
	}
	for k := range n {
		a := math.Pi/2 - 2*math.Pi*float64(k)/float64(n)
		pos = append(pos, [2]float64{math.Cos(a), math.Sin(a)})
	}
	return pos, false
}

// minus sets a leading hyphen as a typographic minus sign.
func minus(s string) string {
	if strings.HasPrefix(s, "-") {
		return "−" + s[1:]
	}
	return s
}

type edge struct {
	i, j int
	w    float64
}

type network struct {
	pos      [][2]float64
	edges    []edge
	max      float64
	labels   []string
	states   []float64
	format   string
	radius   vg.Length
	maxWidth vg.Length
	rows     bool
}

// bowed reports whether e joins two units of one row with others
// between them, and is drawn as an arc over them.
func (n *network) bowed(e edge, sp float64) bool {
	a, b := n.pos[e.i], n.pos[e.j]
	return n.rows && a[1] == b[1] && math.Abs(a[0]-b[0]) > 1.5*sp
}

// arcRoom is the height the highest arc rises above its row.
func (n *network) arcRoom() float64 {
	sp := n.spacing()
	var h float64
	for _, e := range n.edges {
		if n.bowed(e, sp) {
			h = math.Max(h, 0.3*math.Abs(n.pos[e.i][0]-n.pos[e.j][0]))
		}
	}
	return h
}

// spacing is the distance between the two closest units.
func (n *network) spacing() float64 {
	d := math.Inf(1)
	for i := range n.pos {
		for j := i + 1; j < len(n.pos); j++ {
			d = math.Min(d, math.Hypot(n.pos[i][0]-n.pos[j][0], n.pos[i][1]-n.pos[j][1]))
		}
	}
	if math.IsInf(d, 1) || d == 0 {
		return 1
	}
	return d
}

func (n *network) Plot(c draw.Canvas, p *plot.Plot) {
	x, y := p.Transforms(&c)
	at := func(k int) vg.Point { return vg.Point{X: x(n.pos[k][0]), Y: y(n.pos[k][1])} }
	sp := n.spacing()

	// Weights first, so that units sit on top of their lines.
	type label struct {
		at  vg.Point
		txt string
		col color.Color
	}
	var labels []label
	for _, e := range n.edges {
		a, b := at(e.i), at(e.j)
		col := Positive
		if e.w < 0 {
			col = Negative
		}
		width := vg.Points(0.7) + (n.maxWidth-vg.Points(0.7))*vg.Length(math.Abs(e.w)/n.max)
		var path vg.Path
		path.Move(a)
		mid := vg.Point{X: (a.X + b.X) / 2, Y: (a.Y + b.Y) / 2}
		// Units in one row with others between them: bow the line
		// upwards so it does not run through the units in between.
		if n.bowed(e, sp) {
			lift := 0.3 * (b.X - a.X)
			if lift < 0 {
				lift = -lift
			}
			ctrl := vg.Point{X: mid.X, Y: mid.Y + 2*lift}
			path.QuadTo(ctrl, b)
			mid = vg.Point{X: mid.X, Y: mid.Y + lift}
		} else {
			path.Line(b)
		}
		c.SetLineStyle(draw.LineStyle{Color: col, Width: width})
		c.Stroke(path)
		if n.format != "" {
			labels = append(labels, label{mid, minus(fmt.Sprintf(n.format, e.w)), col})
		}
	}
	for _, l := range labels {
		sty := textStyle(noteSize+1, l.col, draw.XCenter, draw.YCenter)
		w, h := sty.Width(l.txt)+vg.Points(4), sty.Height(l.txt)+vg.Points(1)
		box := vg.Rectangle{Min: vg.Point{X: l.at.X - w/2, Y: l.at.Y - h/2}, Max: vg.Point{X: l.at.X + w/2, Y: l.at.Y + h/2}}
		c.SetColor(color.White)
		c.Fill(box.Path())
		c.FillText(sty, l.at, l.txt)
	}

	r := n.radius
	for k := range n.pos {
		q := at(k)
		s := 0.0
		if len(n.states) > 0 {
			s = math.Max(0, math.Min(1, n.states[k]))
		}
		var circle vg.Path
		circle.Move(vg.Point{X: q.X + r, Y: q.Y})
		circle.Arc(q, r, 0, 2*math.Pi)
		circle.Close()
		c.SetColor(mix(UnitOff, UnitOn, s))
		c.Fill(circle)
		c.SetLineStyle(draw.LineStyle{Color: Ink, Width: vg.Points(1.2)})
		c.Stroke(circle)
		if len(n.labels) == 0 || n.labels[k] == "" {
			continue
		}
		ink := Ink
		if s > 0.5 {
			ink = color.White
		}
		sty := textStyle(noteSize+1, ink, draw.XCenter, draw.YCenter)
		if sty.Width(n.labels[k]) > 1.7*r {
			sty = textStyle(noteSize+1, Ink, draw.XCenter, draw.YTop)
			c.FillText(sty, vg.Point{X: q.X, Y: q.Y - r - vg.Points(2)}, n.labels[k])
			continue
		}
		c.FillText(sty, q, n.labels[k])
	}
}
