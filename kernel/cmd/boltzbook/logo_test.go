// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/cmpimg"
)

// TestLogoFiles checks that the logos kept in kernel/kernelspec (for
// people browsing the repository, and packagers) are the ones install
// draws. Run with -regen (gonum/plot cmpimg's flag) after changing the
// drawing.
func TestLogoFiles(t *testing.T) {
	for _, size := range []int{32, 64} {
		want, err := logoPNG(size)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("..", "..", "kernelspec", fmt.Sprintf("logo-%dx%d.png", size, size))
		if *cmpimg.GenerateTestData {
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
		same, err := cmpimg.Equal("png", got, want)
		if err != nil {
			t.Fatal(err)
		}
		if !same {
			t.Errorf("%s differs from the drawn logo; run go test -run TestLogoFiles -regen", path)
		}
	}
}
