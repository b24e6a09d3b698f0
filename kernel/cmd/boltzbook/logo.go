// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
)

// logoPNG draws the kernel's logo at size×size pixels: a Go-blue disc
// holding a small Boltzmann machine, three white units joined by
// symmetric connections. Edges are antialiased by supersampling.
func logoPNG(size int) ([]byte, error) {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const ss = 4 // samples per pixel side
	s := float64(size)
	units := [3][2]float64{{0.5, 0.27}, {0.28, 0.66}, {0.72, 0.66}}
	blue := color.NRGBA{0x00, 0xad, 0xd8, 0xff}
	ink := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					px := (float64(x) + (float64(sx)+0.5)/ss) / s
					py := (float64(y) + (float64(sy)+0.5)/ss) / s
					c, ok := logoSample(px, py, units, blue, ink)
					if !ok {
						continue
					}
					r += float64(c.R)
					g += float64(c.G)
					b += float64(c.B)
					a++
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(x, y, color.NRGBA{
				R: uint8(r / a), G: uint8(g / a), B: uint8(b / a),
				A: uint8(math.Round(255 * a / (ss * ss))),
			})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// logoSample is the colour at (x, y) in unit coordinates, or false
// outside the disc.
func logoSample(x, y float64, units [3][2]float64, bg, ink color.NRGBA) (color.NRGBA, bool) {
	if math.Hypot(x-0.5, y-0.5) > 0.48 {
		return color.NRGBA{}, false
	}
	for _, u := range units {
		if math.Hypot(x-u[0], y-u[1]) < 0.1 {
			return ink, true
		}
	}
	for i := range units {
		p, q := units[i], units[(i+1)%3]
		if segmentDistance(x, y, p, q) < 0.035 {
			return ink, true
		}
	}
	return bg, true
}

// segmentDistance is the distance from (x, y) to the segment pq.
func segmentDistance(x, y float64, p, q [2]float64) float64 {
	dx, dy := q[0]-p[0], q[1]-p[1]
	t := ((x-p[0])*dx + (y-p[1])*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(x-(p[0]+t*dx), y-(p[1]+t*dy))
}
