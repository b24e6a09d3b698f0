// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots_test

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/boltzbook/boltzbook/plots"
)

// Golden-image tests in the style of gonum/plot: each figure is rendered
// to PNG and compared pixel by pixel with testdata/NAME_golden.png. On a
// mismatch the new rendering is written to testdata/NAME.png for
// inspection; `go test -regen` rewrites the goldens instead.
var regen = flag.Bool("regen", false, "rewrite the golden images in testdata")

// goldenTolerance is the largest per-channel difference (of 255)
// accepted between a rendering and its golden, so that anti-aliasing
// differences between font rasteriser versions do not fail the test
// while any real change of a figure does.
const goldenTolerance = 8

func checkGolden(t *testing.T, name string, fig *plots.Figure) {
	t.Helper()
	got := fig.PNG()
	checkStructure(t, name, fig, got)
	golden := filepath.Join("testdata", name+"_golden.png")
	if *regen {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%s: no golden image (run go test -regen): %v", name, err)
	}
	if n, ok := samePixels(t, got, want); !ok {
		out := filepath.Join("testdata", name+".png")
		os.WriteFile(out, got, 0o644)
		t.Errorf("%s: %d pixels differ from %s; new rendering written to %s", name, n, golden, out)
	}
}

// checkStructure checks what must hold for every figure: the PNG has
// the figure's size, is not blank, and renders to the same bytes twice.
func checkStructure(t *testing.T, name string, fig *plots.Figure, pngData []byte) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(pngData))
	if err != nil {
		t.Fatalf("%s: PNG does not decode: %v", name, err)
	}
	w, h := fig.Pixels()
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Errorf("%s: PNG is %d×%d, want %d×%d", name, b.Dx(), b.Dy(), w, h)
	}
	if frac := inkFraction(img); frac < 0.01 {
		t.Errorf("%s: only %.4f of the pixels are not background: blank figure", name, frac)
	}
	if again := fig.PNG(); !bytes.Equal(again, pngData) {
		t.Errorf("%s: two renderings differ", name)
	}
}

// inkFraction returns the fraction of pixels that are not white.
func inkFraction(img image.Image) float64 {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xF000 || g < 0xF000 || bl < 0xF000 {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}

// samePixels compares two PNGs within goldenTolerance and returns the
// number of differing pixels.
func samePixels(t *testing.T, a, b []byte) (int, bool) {
	t.Helper()
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if ia.Bounds() != ib.Bounds() {
		return ia.Bounds().Dx() * ia.Bounds().Dy(), false
	}
	n := 0
	bd := ia.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			r1, g1, b1, a1 := ia.At(x, y).RGBA()
			r2, g2, b2, a2 := ib.At(x, y).RGBA()
			if far(r1, r2) || far(g1, g2) || far(b1, b2) || far(a1, a2) {
				n++
			}
		}
	}
	return n, n == 0
}

func far(x, y uint32) bool {
	d := int(x>>8) - int(y>>8)
	return d > goldenTolerance || d < -goldenTolerance
}
