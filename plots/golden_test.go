// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots_test

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/cmpimg"

	"github.com/boltzbook/boltzbook/plots"
)

// Golden-image tests as gonum/plot does them: each figure is rendered
// to PNG and compared with testdata/NAME_golden.png by cmpimg. On a
// mismatch the new rendering is written to testdata/NAME.png for
// inspection; `go test -regen` (cmpimg's flag) rewrites the goldens
// instead.

// goldenDelta is cmpimg's normalised colour distance accepted per
// pixel: about a difference of 8 of 255 in every channel, so that
// anti-aliasing differences between font rasteriser versions do not
// fail the test while any real change of a figure does.
const goldenDelta = 0.03

func checkGolden(t *testing.T, name string, fig *plots.Figure) {
	t.Helper()
	got := fig.PNG()
	checkStructure(t, name, fig, got)
	golden := filepath.Join("testdata", name+"_golden.png")
	if *cmpimg.GenerateTestData {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%s: no golden image (run go test -regen): %v", name, err)
	}
	same, err := cmpimg.EqualApprox("png", got, want, goldenDelta)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !same {
		out := filepath.Join("testdata", name+".png")
		os.WriteFile(out, got, 0o644)
		t.Errorf("%s: differs from %s; new rendering written to %s", name, golden, out)
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
