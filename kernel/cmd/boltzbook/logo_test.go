// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"bytes"
	"flag"
	"fmt"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var regen = flag.Bool("regen", false, "rewrite kernel/kernelspec's logo files")

// TestLogoFiles checks that the logos kept in kernel/kernelspec (for
// people browsing the repository, and packagers) are the ones install
// draws. Run with -regen after changing the drawing.
func TestLogoFiles(t *testing.T) {
	for _, size := range []int{32, 64} {
		want, err := logoPNG(size)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("..", "..", "kernelspec", fmt.Sprintf("logo-%dx%d.png", size, size))
		if *regen {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestLogoFiles -regen)", err)
		}
		// Compare pixels, not bytes: PNG compression may differ between
		// Go releases.
		if !samePixels(t, got, want) {
			t.Errorf("%s differs from the drawn logo; run go test -run TestLogoFiles -regen", path)
		}
	}
}

func samePixels(t *testing.T, a, b []byte) bool {
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
		return false
	}
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.NRGBAModel.Convert(ia.At(x, y)) != color.NRGBAModel.Convert(ib.At(x, y)) {
				return false
			}
		}
	}
	return true
}
