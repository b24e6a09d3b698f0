// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Contrast says how Tiles maps values to grey levels.
type Contrast int

const (
	// PerTileContrast stretches each tile from its own minimum (black)
	// to its maximum (white): every filter shows its pattern, whatever
	// its scale.
	PerTileContrast Contrast = iota
	// GlobalContrast uses one range, the minimum and maximum over all
	// tiles, so that tiles can be compared with each other.
	GlobalContrast
	// FixedContrast maps TilesOptions.Min to black and Max to white
	// (both zero mean [0, 1], the range of pixel intensities and
	// probabilities).
	FixedContrast
)

// TilesOptions adjusts a Tiles figure. The zero value gives the
// defaults.
type TilesOptions struct {
	Title string

	// Cols is the number of tiles in a row; zero means about square.
	Cols int

	// Contrast is the grey mapping (default PerTileContrast).
	Contrast Contrast

	// Symmetric centres the mapping on zero (mid grey), with the range
	// ±max|v|: positive weights light, negative dark. It applies to
	// PerTileContrast and GlobalContrast.
	Symmetric bool

	// Min and Max are the range of FixedContrast.
	Min, Max float64

	// Spacing is the gap between tiles in image pixels: zero means 1,
	// negative means no gap.
	Spacing int

	// Labels, if given, are written under the tiles, one per row of m
	// (a class, a predicted label, an error).
	Labels []string
}

// Tiles shows each row of m as an h × w grey image (row-major pixels),
// the tiles laid out in a grid: data, reconstructions and fantasies,
// or the weights of hidden units as filters. An RBM's W is visible ×
// hidden, so its filters are the rows of W.T().
//
// Tiles panics if m does not have h·w columns.
func Tiles(m mat.Matrix, h, w int, opt *TilesOptions) *Figure {
	if opt == nil {
		opt = &TilesOptions{}
	}
	n, c := m.Dims()
	if h < 1 || w < 1 || c != h*w {
		panic(fmt.Sprintf("plots: Tiles: rows of length %d are not %d×%d images", c, h, w))
	}
	if opt.Labels != nil && len(opt.Labels) != n {
		panic(fmt.Sprintf("plots: Tiles: %d labels for %d tiles", len(opt.Labels), n))
	}
	cols := opt.Cols
	if cols <= 0 {
		cols = int(math.Ceil(math.Sqrt(float64(n))))
	}
	cols = max(1, min(cols, n))
	rows := (n + cols - 1) / cols
	gap := opt.Spacing
	switch {
	case gap == 0:
		gap = 1
	case gap < 0:
		gap = 0
	}
	mw, mh := cols*w+(cols-1)*gap, rows*h+(rows-1)*gap
	if n == 0 {
		mw, mh = 1, 1
	}
	img := image.NewRGBA(image.Rect(0, 0, mw, mh))
	fill(img, TileGap)

	lo, hi := tileRange(m, 0, n, opt)
	row := make([]float64, c)
	for k := range n {
		for j := range c {
			row[j] = m.At(k, j)
		}
		if opt.Contrast == PerTileContrast {
			lo, hi = tileRange(m, k, k+1, opt)
		}
		x0, y0 := (k%cols)*(w+gap), (k/cols)*(h+gap)
		for y := range h {
			p := img.Pix[(y0+y)*img.Stride+4*x0:]
			for x := range w {
				g := greyLevel(row[y*w+x], lo, hi)
				p[4*x], p[4*x+1], p[4*x+2], p[4*x+3] = g, g, g, 0xFF
			}
		}
	}

	// Default size: 6 inches across (narrower for a few tiles), tall
	// enough for the mosaic's shape plus the title.
	fw := min(6*vg.Inch, vg.Length(mw)*6)
	fh := fw * vg.Length(mh) / vg.Length(mw)
	if fh > 6*vg.Inch {
		fw, fh = fw*6*vg.Inch/fh, 6*vg.Inch
	}
	fw = max(fw, 2*vg.Inch)
	fh += vg.Points(12)
	if opt.Labels != nil {
		fh += vg.Length(rows) * tileLabelHeight
	}
	if opt.Title != "" {
		fh += vg.Points(24)
	}
	return &Figure{
		Title:  opt.Title,
		Width:  fw,
		Height: fh,
		kind:   fmt.Sprintf("Tiles %d×%d of %d×%d", rows, cols, h, w),
		body: &mosaic{
			img: img, rows: rows, cols: cols, th: h, tw: w, gap: gap,
			labels: append([]string(nil), opt.Labels...),
		},
	}
}

// tileRange returns the grey range for rows [from, to) of m.
func tileRange(m mat.Matrix, from, to int, opt *TilesOptions) (lo, hi float64) {
	if opt.Contrast == FixedContrast {
		if opt.Min == 0 && opt.Max == 0 {
			return 0, 1
		}
		return opt.Min, opt.Max
	}
	_, c := m.Dims()
	lo, hi = math.Inf(1), math.Inf(-1)
	for i := from; i < to; i++ {
		for j := range c {
			v := m.At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if opt.Symmetric {
		a := math.Max(math.Abs(lo), math.Abs(hi))
		lo, hi = -a, a
	}
	return lo, hi
}

// greyLevel maps v in [lo, hi] to 0…255; a flat range gives mid grey.
func greyLevel(v, lo, hi float64) uint8 {
	if !(hi > lo) || math.IsNaN(v) {
		return 0x80
	}
	t := (v - lo) / (hi - lo)
	return uint8(math.Round(255 * math.Max(0, math.Min(1, t))))
}

func fill(img *image.RGBA, c color.Color) {
	r, g, b, a := c.RGBA()
	px := [4]uint8{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
	for i := 0; i < len(img.Pix); i += 4 {
		copy(img.Pix[i:i+4], px[:])
	}
}

// tileLabelHeight is the band under each row of tiles for labels.
const tileLabelHeight = noteSize + 4

// A mosaic draws the tile image as large as fits, centred; on raster
// canvases by a whole zoom factor so that every source pixel becomes
// an equal square block. With labels, the rows of tiles are drawn
// apart, each with its labels underneath.
type mosaic struct {
	img                     *image.RGBA
	rows, cols, th, tw, gap int
	labels                  []string
}

func (m *mosaic) draw(c draw.Canvas) {
	c = draw.Crop(c, vg.Points(6), -vg.Points(6), vg.Points(6), -vg.Points(2))
	sw, sh := vg.Length(m.img.Bounds().Dx()), vg.Length(m.img.Bounds().Dy())
	var band vg.Length
	if len(m.labels) > 0 {
		band = tileLabelHeight
	}
	aw, ah := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y-vg.Length(m.rows)*band
	if aw <= 0 || ah <= 0 {
		return
	}
	scale := min(aw/sw, ah/sh) // points per source pixel
	snap := func(l vg.Length) vg.Length { return l }
	if cv, ok := c.Canvas.(*vgimg.Canvas); ok {
		d := cv.DPI() / 72 // dots per point
		if z := math.Floor(float64(scale) * d); z >= 1 {
			scale = vg.Length(z / d)
		}
		// Snap corners so the zoomed image lands on whole pixels.
		snap = func(l vg.Length) vg.Length { return vg.Length(math.Round(float64(l)*d) / d) }
	}
	w, h := sw*scale, sh*scale+vg.Length(m.rows)*band
	ctr := c.Center()
	left, top := snap(ctr.X-w/2), snap(ctr.Y+h/2)
	if band == 0 {
		rect := vg.Rectangle{Min: vg.Point{X: left, Y: top - sh*scale}}
		rect.Max = vg.Point{X: left + w, Y: top}
		drawRaster(c, rect, m.img)
		return
	}
	sty := textStyle(noteSize, Ink, draw.XCenter, draw.YTop)
	rowH := vg.Length(m.th) * scale
	for r := range m.rows {
		y0 := r * (m.th + m.gap)
		sub := m.img.SubImage(image.Rect(0, y0, m.img.Bounds().Dx(), y0+m.th)).(*image.RGBA)
		rowTop := snap(top - vg.Length(r)*(rowH+band+vg.Length(m.gap)*scale))
		rect := vg.Rectangle{
			Min: vg.Point{X: left, Y: rowTop - rowH},
			Max: vg.Point{X: left + w, Y: rowTop},
		}
		drawRaster(c, rect, sub)
		for k := r * m.cols; k < min((r+1)*m.cols, len(m.labels)); k++ {
			x := left + (vg.Length((k%m.cols)*(m.tw+m.gap))+vg.Length(m.tw)/2)*scale
			c.FillText(sty, vg.Point{X: x, Y: rect.Min.Y - vg.Points(1)}, m.labels[k])
		}
	}
}

// Image shows one vector as an h × w grey image (row-major pixels): a
// single digit, a fantasy, one hidden unit's filter.
func Image(v []float64, h, w int, opt *TilesOptions) *Figure {
	if len(v) != h*w {
		panic(fmt.Sprintf("plots: Image: %d values are not a %d×%d image", len(v), h, w))
	}
	o := TilesOptions{}
	if opt != nil {
		o = *opt
	}
	o.Cols = 1
	f := Tiles(mat.NewDense(1, h*w, append([]float64(nil), v...)), h, w, &o)
	f.kind = fmt.Sprintf("Image %d×%d", h, w)
	return f
}
