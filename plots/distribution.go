// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import (
	"fmt"
	"image/color"
	"math"
	"math/bits"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DistributionOptions adjusts a DistributionComparison. The zero value
// gives the defaults.
type DistributionOptions struct {
	Title string

	// Labels name the configurations; by default configuration k of
	// 2^n is labelled with the states of its n units, unit 0 first,
	// where unit i is bit i of k (the order of bm.StateIndex): k = 1
	// of four units is "1000".
	Labels []string

	// ExactName and SampledName label the two kinds of bar; they
	// default to "exact Boltzmann" and "sampled".
	ExactName, SampledName string

	// Log uses a logarithmic probability axis, to see the rare
	// configurations.
	Log bool

	// Sort orders the configurations by exact probability, most
	// probable first.
	Sort bool
}

// DistributionComparison shows, for every configuration of a small
// net, the exact Boltzmann probability p(s) ∝ exp(−E(s)/T) beside the
// frequency with which a sampler visited it, as pairs of bars. At
// thermal equilibrium the pairs agree up to sampling noise.
//
// It panics if exact and sampled differ in length.
func DistributionComparison(exact, sampled []float64, opt *DistributionOptions) *Figure {
	if opt == nil {
		opt = &DistributionOptions{}
	}
	n := len(exact)
	if len(sampled) != n {
		panic(fmt.Sprintf("plots: DistributionComparison: %d exact probabilities but %d sampled", n, len(sampled)))
	}
	labels := opt.Labels
	if labels == nil {
		labels = configLabels(n)
	}
	if len(labels) != n {
		panic(fmt.Sprintf("plots: DistributionComparison: %d labels for %d configurations", len(labels), n))
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	if opt.Sort {
		sort.SliceStable(order, func(a, b int) bool { return exact[order[a]] > exact[order[b]] })
	}
	bars := &groupedBars{log: opt.Log}
	bars.vals = [2][]float64{make([]float64, n), make([]float64, n)}
	names := make([]string, n)
	for k, i := range order {
		bars.vals[0][k], bars.vals[1][k] = exact[i], sampled[i]
		names[k] = labels[i]
	}
	bars.colors = [2]color.Color{SeriesColor(0), SeriesColor(1)}

	p := newPlot()
	addGridY(p)
	p.Add(bars)
	if opt.Log {
		setLog(&p.Y)
		lo, hi := math.Inf(1), 0.0
		for _, vs := range bars.vals {
			for _, v := range vs {
				if v > 0 {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
		if hi == 0 {
			lo, hi = 1e-3, 1
		}
		p.Y.Min, p.Y.Max = lo/2, hi*1.5
		bars.base = p.Y.Min
	} else {
		p.Y.Min = 0
		p.Y.Max *= 1.05
	}
	en, sn := opt.ExactName, opt.SampledName
	if en == "" {
		en = "exact Boltzmann"
	}
	if sn == "" {
		sn = "sampled"
	}
	p.X.Tick.Marker = configTicks(names)
	p.X.Tick.Label.Font = font.From(font.Font{Typeface: "Liberation", Variant: "Mono"}, tickSize)
	if n > 12 {
		p.X.Tick.Label.Rotation = math.Pi / 2
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YCenter
	}
	p.X.Label.Text = "configuration"
	p.Y.Label.Text = "probability"
	p.X.Padding = 0
	f := newFigure(fmt.Sprintf("DistributionComparison of %d configurations", n), p)
	f.Title = opt.Title
	f.keys = []key{{en, []plot.Thumbnailer{barThumb{bars.colors[0]}}}, {sn, []plot.Thumbnailer{barThumb{bars.colors[1]}}}}
	if n > 12 {
		f.Height = 4.4 * vg.Inch
	}
	return f
}

// configLabels returns the unit states of configurations 0…n-1, unit
// i being bit i of the index, when n is a power of two, else their
// numbers.
func configLabels(n int) []string {
	labels := make([]string, n)
	width := bits.Len(uint(n)) - 1
	pow2 := n > 1 && n&(n-1) == 0
	for k := range labels {
		if pow2 {
			b := make([]byte, width)
			for i := range b {
				b[i] = '0' + byte(k>>i&1)
			}
			labels[k] = string(b)
		} else {
			labels[k] = fmt.Sprint(k)
		}
	}
	return labels
}

// configTicks labels the configurations, every one up to 32 and
// thinned beyond, so that labels never overlap at the default width.
func configTicks(names []string) plot.ConstantTicks {
	step := 1
	for (len(names)+step-1)/step > 32 {
		step *= 2
	}
	var ts plot.ConstantTicks
	for k := 0; k < len(names); k += step {
		ts = append(ts, plot.Tick{Value: float64(k), Label: names[k]})
	}
	return ts
}

// groupedBars draws a pair of bars at each x = 0, 1, …, rising from
// base (zero, or the bottom of a log axis).
type groupedBars struct {
	vals   [2][]float64
	colors [2]color.Color
	log    bool
	base   float64
}

func (b *groupedBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	n := len(b.vals[0])
	for _, vs := range b.vals {
		for _, v := range vs {
			if finite(v) {
				ymax = math.Max(ymax, v)
			}
		}
	}
	return -0.5, float64(n) - 0.5, 0, ymax
}

func (b *groupedBars) Plot(c draw.Canvas, p *plot.Plot) {
	x, y := p.Transforms(&c)
	base := y(b.base)
	if b.log {
		base = c.Min.Y
	}
	w := (x(1) - x(0)) * 0.4
	for g, vs := range b.vals {
		c.SetColor(b.colors[g])
		for k, v := range vs {
			if !finite(v) || v <= 0 || (b.log && v <= p.Y.Min) {
				continue
			}
			left := x(float64(k)) - w + vg.Length(g)*w
			r := vg.Rectangle{Min: vg.Point{X: left, Y: base}, Max: vg.Point{X: left + w, Y: y(v)}}
			c.Fill(r.Path())
		}
	}
}

// barThumb is the legend swatch of a bar colour.
type barThumb struct{ c color.Color }

func (t barThumb) Thumbnail(c *draw.Canvas) {
	c.SetColor(t.c)
	c.Fill(c.Rectangle.Path())
}
