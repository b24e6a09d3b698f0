// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package plots

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"path/filepath"
	"strings"

	"git.sr.ht/~sbinet/gg"
	xdraw "golang.org/x/image/draw"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/boltzbook/boltzbook/internal/atomicfile"
)

// Default size and resolution of a figure: 6 × 4 inches at 100 dots
// per inch is a 600 × 400 PNG, which fits a notebook column unscaled.
const (
	DefaultWidth  = 6 * vg.Inch
	DefaultHeight = 4 * vg.Inch
	DefaultDPI    = 100
)

// A Figure is a picture ready to be shown or saved: one gonum plot, a
// special drawing (tiles, a network) or a grid of panels, with a title.
//
// In a notebook, a cell whose last value is a *Figure shows the figure
// inline (the kernel finds the MIMEBundle, PNG and SVG methods).
// Rendering is deterministic: the same figure gives the same bytes.
type Figure struct {
	// Title is drawn centred above the figure; empty for none.
	Title string

	// Width and Height are the size of the figure (1 inch = 72 points,
	// so Width = 8 * vg.Inch and Width = 576 mean the same). Zero
	// means DefaultWidth and DefaultHeight.
	Width, Height vg.Length

	// DPI is the resolution of PNG output in dots per inch; zero means
	// DefaultDPI.
	DPI int

	// Plot is the gonum plot behind the figure, for figures drawn as
	// one plot; change its axes (Min, Max, Scale, Label), legend or
	// plotters to adjust the figure. It is nil for Tiles and Grid.
	Plot *plot.Plot

	// kind describes the figure in its text/plain summary.
	kind string

	// body draws figures that are not a single plot (tiles, grids).
	body drawer

	// aspect, if positive, fixes the width/height ratio of the plot's
	// data area (e.g. square matrix cells).
	aspect float64

	// bar, if non-nil, is drawn to the right of the data area.
	bar *colorBar

	// keys are the legend entries drawn above the plot.
	keys []key
}

// A drawer draws a figure's content into the area below its title.
type drawer interface {
	draw(c draw.Canvas)
}

// New returns a figure that shows p, for plots built with gonum/plot
// directly. The figure takes p's title as its own.
func New(p *plot.Plot) *Figure {
	f := &Figure{Plot: p, kind: "plot"}
	f.Title, p.Title.Text = p.Title.Text, ""
	return f
}

// newFigure returns a figure of the given kind around p.
func newFigure(kind string, p *plot.Plot) *Figure {
	return &Figure{Plot: p, kind: kind}
}

// SetTitle sets the title and returns f, for chaining.
func (f *Figure) SetTitle(title string) *Figure {
	f.Title = title
	return f
}

// SetLabels sets the axis labels of a plot figure and returns f.
// It does nothing to figures without a Plot.
func (f *Figure) SetLabels(x, y string) *Figure {
	if f.Plot != nil {
		f.Plot.X.Label.Text = x
		f.Plot.Y.Label.Text = y
	}
	return f
}

// SetSize sets the width and height and returns f.
func (f *Figure) SetSize(w, h vg.Length) *Figure {
	f.Width, f.Height = w, h
	return f
}

// size returns the figure's size and resolution with defaults filled in.
func (f *Figure) size() (w, h vg.Length, dpi int) {
	w, h, dpi = f.Width, f.Height, f.DPI
	if w <= 0 {
		w = DefaultWidth
	}
	if h <= 0 {
		h = DefaultHeight
	}
	if dpi <= 0 {
		dpi = DefaultDPI
	}
	return w, h, dpi
}

// Pixels returns the size of the figure's PNG in pixels.
func (f *Figure) Pixels() (w, h int) {
	wl, hl, dpi := f.size()
	return pixels(wl, dpi), pixels(hl, dpi)
}

func pixels(l vg.Length, dpi int) int {
	return int(math.Round(l.Dots(float64(dpi))))
}

// String returns a one-line summary such as
// "Figure 600×400: Tiles 10×10 of 28×28", the figure's text/plain form.
func (f *Figure) String() string {
	w, h := f.Pixels()
	s := fmt.Sprintf("Figure %d×%d: %s", w, h, f.kind)
	if f.Title != "" {
		s += fmt.Sprintf(" %q", f.Title)
	}
	return s
}

// Draw draws the figure onto c, filling c's rectangle. Use it to place
// a figure on a canvas of your own.
func (f *Figure) Draw(c draw.Canvas) {
	c.SetColor(backgroundColor)
	c.Fill(c.Rectangle.Path())
	if f.Title != "" {
		sty := textStyle(titleSize, Ink, draw.XCenter, draw.YTop)
		top := c.Max.Y - vg.Points(5)
		c.FillText(sty, vg.Point{X: c.Center().X, Y: top}, f.Title)
		c.Max.Y = top - sty.Height(f.Title) - vg.Points(4)
	}
	switch {
	case f.body != nil:
		f.body.draw(c)
	case f.Plot != nil:
		f.drawPlot(c)
	}
}

// drawPlot draws f.Plot inside a small margin, keeping the data area's
// aspect ratio and room for the colour bar if asked to.
func (f *Figure) drawPlot(c draw.Canvas) {
	m := vg.Points(6)
	c = draw.Crop(c, m, -m-vg.Points(2), m, -m)
	if f.Title == "" && f.Plot.Title.Text == "" {
		c.Max.Y -= vg.Points(2)
	}
	c = drawKeys(c, f.keys)
	pc := c
	if f.bar != nil {
		pc.Max.X -= f.bar.width()
	}
	if f.aspect > 0 {
		da := f.Plot.DataCanvas(pc)
		w, h := da.Max.X-da.Min.X, da.Max.Y-da.Min.Y
		if w <= 0 || h <= 0 {
			return
		}
		if want := h * vg.Length(f.aspect); w > want {
			dx := (w - want) / 2
			pc.Min.X += dx
			pc.Max.X -= dx
		} else {
			dy := (h - w/vg.Length(f.aspect)) / 2
			pc.Min.Y += dy
			pc.Max.Y -= dy
		}
	}
	f.Plot.Draw(pc)
	if f.bar != nil {
		f.bar.draw(c, f.Plot.DataCanvas(pc))
	}
}

// RGBA renders the figure to an image at its resolution.
func (f *Figure) RGBA() *image.RGBA {
	w, h, dpi := f.size()
	img := image.NewRGBA(image.Rect(0, 0, pixels(w, dpi), pixels(h, dpi)))
	// Our own gg context, set up as vgimg sets up its own, but with
	// nearest-neighbour image scaling so that pixel images (tiles,
	// heat maps) stay crisp instead of being blurred.
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt()
	ctx.InvertY()
	ctx.SetInterpolator(xdraw.NearestNeighbor)
	cv := vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(dpi))
	f.Draw(draw.New(cv))
	return img
}

// PNG returns the figure as a PNG image.
func (f *Figure) PNG() []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, compact(f.RGBA())); err != nil {
		panic("plots: encoding PNG: " + err.Error()) // cannot fail writing to memory
	}
	return buf.Bytes()
}

// SVG returns the figure as an SVG document. Text refers to the
// Liberation Sans font by name (metric-compatible with Arial).
func (f *Figure) SVG() string {
	w, h, _ := f.size()
	cv := vgsvg.New(w, h)
	f.Draw(draw.New(cv))
	var buf bytes.Buffer
	if _, err := cv.WriteTo(&buf); err != nil {
		panic("plots: encoding SVG: " + err.Error())
	}
	return buf.String()
}

// MIMEBundle returns the figure for Jupyter: a base64 PNG and the
// text/plain summary.
func (f *Figure) MIMEBundle() map[string]any {
	return map[string]any{
		"image/png":  base64.StdEncoding.EncodeToString(f.PNG()),
		"text/plain": f.String(),
	}
}

// Encode writes the figure to w in the named format: "png", "svg" or
// "pdf". PDF output embeds its creation time, so unlike PNG and SVG it
// differs from run to run.
func (f *Figure) Encode(w io.Writer, format string) error {
	switch strings.ToLower(format) {
	case "png":
		_, err := w.Write(f.PNG())
		return err
	case "svg":
		_, err := io.WriteString(w, f.SVG())
		return err
	case "pdf":
		fw, fh, _ := f.size()
		cv := vgpdf.New(fw, fh)
		f.Draw(draw.New(cv))
		_, err := cv.WriteTo(w)
		return err
	}
	return fmt.Errorf("plots: unknown image format %q (use png, svg or pdf)", format)
}

// Save writes the figure to path in the format named by its extension
// (.png, .svg or .pdf). The file is written to a temporary name and
// renamed into place, so a reader never sees half a file.
func (f *Figure) Save(path string) (err error) {
	format := strings.TrimPrefix(filepath.Ext(path), ".")
	switch strings.ToLower(format) {
	case "png", "svg", "pdf":
	default:
		return fmt.Errorf("plots: cannot save %s: unknown extension %q (use .png, .svg or .pdf)", path, filepath.Ext(path))
	}
	err = atomicfile.Write(path, 0o644, func(w io.Writer) error { return f.Encode(w, format) })
	if err != nil {
		return fmt.Errorf("plots: saving figure: %w", err)
	}
	return nil
}
