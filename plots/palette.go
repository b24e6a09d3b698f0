// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// One palette for every figure, so that a notebook reads as one piece.

// SeriesColors are the colours given to overlaid series in order
// (the Okabe–Ito set, distinguishable with the common colour-vision
// deficiencies; the pale yellow is left out because it vanishes on white).
var SeriesColors = []color.Color{
	rgb(0x00, 0x72, 0xB2), // blue
	rgb(0xD5, 0x5E, 0x00), // vermillion
	rgb(0x00, 0x9E, 0x73), // bluish green
	rgb(0xCC, 0x79, 0xA7), // reddish purple
	rgb(0xE6, 0x9F, 0x00), // orange
	rgb(0x56, 0xB4, 0xE9), // sky blue
	rgb(0x00, 0x00, 0x00), // black
}

var (
	// Positive and Negative colour signed quantities in line drawings
	// (network weights): excitatory blue, inhibitory red.
	Positive color.Color = rgb(0x21, 0x66, 0xAC)
	Negative color.Color = rgb(0xB2, 0x18, 0x2B)

	// HintonPositive, HintonNegative and HintonBackground are the
	// colours of Hinton diagrams: white squares for positive weights,
	// black for negative, on mid grey.
	HintonPositive   color.Color = color.White
	HintonNegative   color.Color = color.Black
	HintonBackground color.Color = rgb(0x80, 0x80, 0x80)

	// UnitOn and UnitOff fill the circles of binary units in network
	// drawings; states between 0 and 1 (probabilities) are shaded
	// between them.
	UnitOn  color.Color = rgb(0x30, 0x30, 0x30)
	UnitOff color.Color = color.White

	// Ink is the colour of text and outlines; Faint that of grid lines.
	Ink   color.Color = rgb(0x22, 0x22, 0x22)
	Faint color.Color = rgb(0xE4, 0xE4, 0xE4)

	// backgroundColor fills every figure.
	backgroundColor color.Color = color.White

	// TileGap is the colour between the tiles of a Tiles figure.
	TileGap color.Color = color.White
)

// SeriesColor returns the colour of the i-th series, cycling through
// SeriesColors.
func SeriesColor(i int) color.Color {
	return SeriesColors[i%len(SeriesColors)]
}

// DivergingMap returns the colour map of signed heat maps (blue for
// negative, white-ish at zero, red for positive), spanning [-m, m].
func DivergingMap(m float64) palette.ColorMap {
	cm := moreland.SmoothBlueRed()
	cm.SetMin(-m)
	cm.SetMax(m)
	return cm
}

// SequentialMap returns the colour map of non-negative heat maps
// (white to dark blue), spanning [min, max].
func SequentialMap(min, max float64) palette.ColorMap {
	// Luminance maps run dark to light; reverse for light to dark.
	dark, err := moreland.NewLuminance([]color.Color{
		rgb(0x08, 0x30, 0x6B),
		rgb(0x21, 0x71, 0xB5),
		rgb(0x6B, 0xAE, 0xD6),
		rgb(0xC6, 0xDB, 0xEF),
		rgb(0xF7, 0xFB, 0xFF),
	})
	if err != nil {
		panic("plots: sequential colour map: " + err.Error())
	}
	cm := palette.Reverse(dark)
	cm.SetMin(min)
	cm.SetMax(max)
	return cm
}

// colorAt returns cm's colour for v, clamped to the map's range.
func colorAt(cm palette.ColorMap, v float64) color.Color {
	if math.IsNaN(v) {
		return rgb(0xFF, 0x00, 0xFF)
	}
	v = math.Max(cm.Min(), math.Min(cm.Max(), v))
	c, err := cm.At(v)
	if err != nil {
		return color.Black
	}
	return c
}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{R: r, G: g, B: b, A: 0xFF} }

// mix returns the colour a fraction t of the way from a to b.
func mix(a, b color.Color, t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t))
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	f := func(x, y uint32) uint8 {
		return uint8(math.Round((float64(x)*(1-t) + float64(y)*t) / 257))
	}
	return rgb(f(ar, br), f(ag, bg), f(ab, bb))
}

// Type sizes chosen to read well when a 6-inch figure is shown at
// notebook width.
const (
	titleSize  vg.Length = 13
	labelSize  vg.Length = 11
	tickSize   vg.Length = 9.5
	legendSize vg.Length = 10
	noteSize   vg.Length = 9
)

// sans is the typeface of every figure: Liberation Sans ships inside
// gonum/plot, so output does not depend on the fonts of the machine.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

func sansFont(size vg.Length) font.Font { return font.From(sans, size) }

// textStyle returns a text style in the figure typeface.
func textStyle(size vg.Length, c color.Color, xa draw.XAlignment, ya draw.YAlignment) draw.TextStyle {
	return draw.TextStyle{
		Color:   c,
		Font:    sansFont(size),
		XAlign:  xa,
		YAlign:  ya,
		Handler: plot.DefaultTextHandler,
	}
}

// newPlot returns a gonum plot in the house style: sans type, dark grey
// axes, no title (the Figure draws its own), legend top right.
func newPlot() *plot.Plot {
	p := plot.New()
	p.Title.TextStyle.Font = sansFont(titleSize)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sansFont(labelSize)
		a.Label.TextStyle.Color = Ink
		a.Tick.Label.Font = sansFont(tickSize)
		a.Tick.Label.Color = Ink
		a.LineStyle.Color = Ink
		a.Tick.LineStyle.Color = Ink
		a.Padding = vg.Points(3)
		a.Tick.Marker = niceTicks{}
	}
	p.X.Label.Padding = vg.Points(3)
	p.Y.Label.Padding = vg.Points(3)
	p.Legend.TextStyle.Font = sansFont(legendSize)
	p.Legend.TextStyle.Color = Ink
	p.Legend.Top = true
	p.Legend.ThumbnailWidth = vg.Points(22)
	return p
}

// addGrid adds faint grid lines behind the data.
func addGrid(p *plot.Plot) { p.Add(newGrid()) }

// addGridY adds faint horizontal grid lines only (for bar charts).
func addGridY(p *plot.Plot) {
	g := newGrid()
	g.Vertical.Color = nil
	p.Add(g)
}

func newGrid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = Faint
	g.Horizontal.Color = Faint
	g.Vertical.Width = vg.Points(0.6)
	g.Horizontal.Width = vg.Points(0.6)
	return g
}
