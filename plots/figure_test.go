// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots_test

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/boltzbook/boltzbook/plots"
)

func TestGrid(t *testing.T) {
	m := digits(16, 9)
	g := plots.Grid(2,
		plots.Tiles(m, 28, 28, &plots.TilesOptions{Title: "data", Cols: 4}),
		plots.LogisticRule(&plots.LogisticOptions{Title: "noisy unit", Temperatures: []float64{0, 1}}),
		plots.EnergyLandscape(&plots.LandscapeOptions{Title: "landscape"}),
		plots.Hinton(mat.NewDense(3, 4, []float64{1, -2, 0.5, 0, -1, 3, 2, -0.5, 0.2, 1, -1, 2}), &plots.HintonOptions{Title: "weights"}),
	)
	g.Title = "Four panels"
	checkGolden(t, "grid", g)
	if got, want := g.String(), `Figure 660×540: Grid 2×2 [Tiles, LogisticRule, EnergyLandscape, Hinton] "Four panels"`; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

func TestSizeAndDPI(t *testing.T) {
	f := plots.LogisticRule(nil)
	if w, h := f.Pixels(); w != 600 || h != 400 {
		t.Errorf("default size %d×%d pixels, want 600×400", w, h)
	}
	f.SetSize(3*vg.Inch, 2*vg.Inch).DPI = 200
	img, err := png.Decode(bytes.NewReader(f.PNG()))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 600 || b.Dy() != 400 {
		t.Errorf("3×2 in at 200 dpi rendered %d×%d, want 600×400", b.Dx(), b.Dy())
	}
}

func TestSVG(t *testing.T) {
	for _, f := range []*plots.Figure{
		plots.Tiles(digits(4, 3), 28, 28, nil),
		plots.HeatMap(mat.NewDense(2, 3, []float64{1, -1, 0, 2, 0.5, -2}), nil),
		plots.NetworkDiagram(mat.NewDense(2, 2, []float64{0, 1, 1, 0}), nil),
	} {
		svg := f.SVG()
		if svg != f.SVG() {
			t.Errorf("%v: two SVG renderings differ", f)
		}
		d := xml.NewDecoder(strings.NewReader(svg))
		var root string
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%v: SVG is not well-formed XML: %v", f, err)
			}
			if se, ok := tok.(xml.StartElement); ok && root == "" {
				root = se.Name.Local
			}
		}
		if root != "svg" {
			t.Errorf("%v: SVG root element %q", f, root)
		}
	}
}

func TestMIMEBundle(t *testing.T) {
	f := plots.Tiles(digits(100, 1), 28, 28, &plots.TilesOptions{Cols: 10})
	b := f.MIMEBundle()
	if got, want := b["text/plain"], "Figure 600×617: Tiles 10×10 of 28×28"; got != want {
		t.Errorf("text/plain %q, want %q", got, want)
	}
	s, ok := b["image/png"].(string)
	if !ok {
		t.Fatalf("image/png is %T, want a base64 string", b["image/png"])
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(raw, f.PNG()) {
		t.Error("image/png does not decode to the figure's PNG")
	}
}

func TestSave(t *testing.T) {
	dir := t.TempDir()
	f := plots.EnergyLandscape(nil)
	for _, name := range []string{"a.png", "b.svg", "c.pdf", "D.PNG"} {
		path := filepath.Join(dir, name)
		if err := f.Save(path); err != nil {
			t.Fatalf("Save(%s): %v", name, err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var magic string
		switch strings.ToLower(filepath.Ext(name)) {
		case ".png":
			magic = "\x89PNG"
		case ".svg":
			magic = "<?xml"
		case ".pdf":
			magic = "%PDF"
		}
		if !bytes.HasPrefix(data, []byte(magic)) {
			t.Errorf("%s starts %q, want %q", name, data[:min(8, len(data))], magic)
		}
	}
	if err := f.Save(filepath.Join(dir, "e.gif")); err == nil || !strings.Contains(err.Error(), ".gif") {
		t.Errorf("Save to .gif: error %v, want one naming the extension", err)
	}
	if err := f.Save(filepath.Join(dir, "missing", "f.png")); err == nil {
		t.Error("Save into a missing directory succeeded")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
	if len(entries) != 4 {
		t.Errorf("%d files in the directory, want 4", len(entries))
	}
}

func TestNewFromPlot(t *testing.T) {
	p := plot.New()
	p.Title.Text = "plain gonum"
	l, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	if err != nil {
		t.Fatal(err)
	}
	p.Add(l)
	f := plots.New(p)
	if f.Title != "plain gonum" || p.Title.Text != "" {
		t.Errorf("New did not move the title: figure %q, plot %q", f.Title, p.Title.Text)
	}
	checkStructure(t, "new", f, f.PNG())
}

func TestPanics(t *testing.T) {
	for name, fn := range map[string]func(){
		"tiles shape":     func() { plots.Tiles(mat.NewDense(2, 10, nil), 3, 3, nil) },
		"image shape":     func() { plots.Image(make([]float64, 5), 2, 2, nil) },
		"confusion shape": func() { plots.ConfusionMatrix(mat.NewDense(2, 3, nil), nil) },
		"network shape":   func() { plots.NetworkDiagram(mat.NewDense(2, 3, nil), nil) },
		"network states":  func() { plots.NetworkDiagram(mat.NewDense(2, 2, nil), &plots.NetworkOptions{States: []float64{1}}) },
		"network layers":  func() { plots.NetworkDiagram(mat.NewDense(3, 3, nil), &plots.NetworkOptions{Layers: []int{1, 1}}) },
		"distribution":    func() { plots.DistributionComparison([]float64{0.5, 0.5}, []float64{1}, nil) },
		"grid":            func() { plots.Grid(0) },
		"labels":          func() { plots.ConfusionFromLabels([]int{1}, []int{1, 2}, nil) },
		"series":          func() { plots.LearningCurves([]plots.Series{{X: []float64{1}, Y: []float64{1, 2}}}, nil) },
	} {
		func() {
			defer func() {
				r := recover()
				if r == nil {
					t.Errorf("%s: no panic", name)
					return
				}
				if s, ok := r.(string); !ok || !strings.HasPrefix(s, "plots: ") {
					t.Errorf("%s: panic %v, want a string starting \"plots: \"", name, r)
				}
			}()
			fn()
		}()
	}
}

// TestTilesContrast checks the grey mapping on pixels: with global
// contrast the brightest value overall is white and the darkest black;
// with per-tile contrast every tile spans black to white.
func TestTilesContrast(t *testing.T) {
	m := mat.NewDense(2, 4, []float64{0, 1, 2, 3, 0, 10, 20, 30})
	for _, tc := range []struct {
		c    plots.Contrast
		want [2][4]uint8
	}{
		{plots.PerTileContrast, [2][4]uint8{{0, 85, 170, 255}, {0, 85, 170, 255}}},
		{plots.GlobalContrast, [2][4]uint8{{0, 9, 17, 26}, {0, 85, 170, 255}}},
		{plots.FixedContrast, [2][4]uint8{{0, 255, 255, 255}, {0, 255, 255, 255}}},
	} {
		f := plots.Tiles(m, 2, 2, &plots.TilesOptions{Contrast: tc.c, Cols: 2, Spacing: -1})
		f.SetSize(4*vg.Inch, 2*vg.Inch+12)
		img := f.RGBA()
		// The 4×2 mosaic is centred and zoomed by a whole factor; sample
		// the centre of each source pixel.
		b := img.Bounds()
		zoom := min((b.Dx()-2*8)/4, (b.Dy()-8-3)/2)
		x0 := (b.Dx() - 4*zoom) / 2
		y0 := -1
		for y := range b.Dy() {
			if img.RGBAAt(x0+zoom/2, y).R != 0xFF || img.RGBAAt(x0+zoom/2, y).G != 0xFF {
				y0 = y
				break
			}
		}
		for k := range 2 {
			for py := range 2 {
				for px := range 2 {
					g := img.RGBAAt(x0+(2*k+px)*zoom+zoom/2, y0+py*zoom+zoom/2).R
					if want := tc.want[k][2*py+px]; int(g)-int(want) > 1 || int(want)-int(g) > 1 {
						t.Errorf("contrast %d tile %d pixel (%d,%d): grey %d, want %d", tc.c, k, py, px, g, want)
					}
				}
			}
		}
	}
}
