// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import (
	"image"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// vectorDPI is the resolution at which pixel images are embedded in
// vector output (SVG, PDF), high enough that a viewer's smoothing of
// the embedded image does not show.
const vectorDPI = 192

// drawRaster draws src stretched over rect with every source pixel a
// sharp block. On raster canvases it snaps rect to device pixels and
// resamples src itself to exactly the pixels covered, so the canvas
// copies pixels one to one; on vector canvases it embeds a copy
// enlarged by whole factors.
func drawRaster(c draw.Canvas, rect vg.Rectangle, src *image.RGBA) {
	sw, sh := src.Bounds().Dx(), src.Bounds().Dy()
	if sw == 0 || sh == 0 || rect.Max.X <= rect.Min.X || rect.Max.Y <= rect.Min.Y {
		return
	}
	if img, ok := c.Canvas.(*vgimg.Canvas); ok {
		dpi := img.DPI()
		x0 := math.Round(rect.Min.X.Dots(dpi))
		x1 := math.Round(rect.Max.X.Dots(dpi))
		y0 := math.Round(rect.Min.Y.Dots(dpi))
		y1 := math.Round(rect.Max.Y.Dots(dpi))
		tw, th := int(x1-x0), int(y1-y0)
		if tw <= 0 || th <= 0 {
			return
		}
		inch := func(d float64) vg.Length { return vg.Length(d/dpi) * vg.Inch }
		snapped := vg.Rectangle{
			Min: vg.Point{X: inch(x0), Y: inch(y0)},
			Max: vg.Point{X: inch(x1), Y: inch(y1)},
		}
		c.DrawImage(snapped, resample(src, tw, th))
		return
	}
	tw := int(math.Ceil((rect.Max.X - rect.Min.X).Dots(vectorDPI)))
	th := int(math.Ceil((rect.Max.Y - rect.Min.Y).Dots(vectorDPI)))
	kx, ky := max(1, (tw+sw-1)/sw), max(1, (th+sh-1)/sh)
	c.DrawImage(rect, resample(src, kx*sw, ky*sh))
}

// compact returns img as an 8-bit grey image when every pixel is an
// opaque grey (tiles, Hinton diagrams), which encodes to a PNG four
// times smaller and faster; otherwise img itself.
func compact(img *image.RGBA) image.Image {
	p := img.Pix
	for i := 0; i < len(p); i += 4 {
		if p[i] != p[i+1] || p[i] != p[i+2] || p[i+3] != 0xFF {
			return img
		}
	}
	b := img.Bounds()
	g := image.NewGray(b)
	for y := range b.Dy() {
		src := p[y*img.Stride:]
		dst := g.Pix[y*g.Stride : y*g.Stride+b.Dx()]
		for x := range dst {
			dst[x] = src[4*x]
		}
	}
	return g
}

// resample returns src scaled to w × h pixels: nearest neighbour when
// enlarging (sharp blocks), the mean of the covered source pixels when
// shrinking (no aliasing).
func resample(src *image.RGBA, w, h int) *image.RGBA {
	sw, sh := src.Bounds().Dx(), src.Bounds().Dy()
	if sw == w && sh == h {
		return src
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	// Source span [lo, hi) of each destination column and row.
	span := func(n, sn int) (lo, hi []int) {
		lo, hi = make([]int, n), make([]int, n)
		for i := range n {
			if n >= sn {
				j := (2*i + 1) * sn / (2 * n) // centre of pixel i
				lo[i], hi[i] = j, j+1
				continue
			}
			lo[i] = i * sn / n
			hi[i] = max(lo[i]+1, (i+1)*sn/n)
		}
		return lo, hi
	}
	xlo, xhi := span(w, sw)
	ylo, yhi := span(h, sh)
	if w >= sw && h >= sh {
		// Enlarging: each destination pixel copies one source pixel,
		// and consecutive rows from the same source row are copies.
		for y := range h {
			drow := dst.Pix[y*dst.Stride : y*dst.Stride+4*w]
			if y > 0 && ylo[y] == ylo[y-1] {
				copy(drow, dst.Pix[(y-1)*dst.Stride:])
				continue
			}
			srow := src.Pix[ylo[y]*src.Stride:]
			for x := range w {
				copy(drow[4*x:4*x+4], srow[4*xlo[x]:4*xlo[x]+4])
			}
		}
		return dst
	}
	for y := range h {
		drow := dst.Pix[y*dst.Stride:]
		for x := range w {
			var r, g, b, a, n int
			for sy := ylo[y]; sy < yhi[y]; sy++ {
				srow := src.Pix[(sy)*src.Stride:]
				for sx := xlo[x]; sx < xhi[x]; sx++ {
					p := srow[4*sx : 4*sx+4]
					r += int(p[0])
					g += int(p[1])
					b += int(p[2])
					a += int(p[3])
					n++
				}
			}
			d := drow[4*x : 4*x+4]
			d[0] = uint8((r + n/2) / n)
			d[1] = uint8((g + n/2) / n)
			d[2] = uint8((b + n/2) / n)
			d[3] = uint8((a + n/2) / n)
		}
	}
	return dst
}
