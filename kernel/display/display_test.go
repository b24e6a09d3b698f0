// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package display_test

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"strings"
	"sync"
	"testing"

	"github.com/boltzbook/boltzbook/kernel/display"
)

type withBundle struct{}

func (withBundle) MIMEBundle() map[string]any {
	return map[string]any{"text/html": "<i>b</i>", "image/png": []byte{1, 2, 3}, "text/plain": "bundle"}
}

type withHTML struct{}

func (withHTML) HTML() string     { return "<b>h</b>" }
func (withHTML) Markdown() string { return "*ignored: HTML comes first*" }

type withMarkdown struct{}

func (withMarkdown) Markdown() string { return "# m" }

type withSVG struct{}

func (withSVG) SVG() string { return "<svg></svg>" }

type withPanic struct{}

func (withPanic) SVG() string { panic("no picture") }

type withPNG struct{ b []byte }

func (p withPNG) PNG() []byte { return p.b }

func tinyPNG(t *testing.T) ([]byte, image.Image) {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.RGBA{255, 0, 0, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), img
}

func TestRender(t *testing.T) {
	pngBytes, img := tinyPNG(t)
	pngB64 := base64.StdEncoding.EncodeToString(pngBytes)
	for _, c := range []struct {
		name string
		v    any
		want map[string]any // exact bundle, "" text/plain means any
	}{
		{"bundle", withBundle{}, map[string]any{"text/html": "<i>b</i>", "image/png": "AQID", "text/plain": "bundle"}},
		{"html first", withHTML{}, map[string]any{"text/html": "<b>h</b>", "text/plain": ""}},
		{"markdown", withMarkdown{}, map[string]any{"text/markdown": "# m", "text/plain": ""}},
		{"svg", withSVG{}, map[string]any{"image/svg+xml": "<svg></svg>", "text/plain": ""}},
		{"png", withPNG{pngBytes}, map[string]any{"image/png": pngB64, "text/plain": "<PNG image 3×2>"}},
		{"image", img, map[string]any{"image/png": pngB64, "text/plain": "<*image.RGBA 3×2>"}},
		{"int", 42, map[string]any{"text/plain": "42"}},
		{"panicking method", withPanic{}, map[string]any{"text/plain": "display_test.withPanic{} (display failed: no picture)"}},
		{"string", "hi", map[string]any{"text/plain": `"hi"`}},
		{"HTMLText", display.HTMLText("<p>a &amp; b</p>"), map[string]any{"text/html": "<p>a &amp; b</p>", "text/plain": "a & b"}},
		{"LaTeXText", display.LaTeXText("$x^2$"), map[string]any{"text/latex": "$x^2$", "text/plain": "$x^2$"}},
		{"MIME", display.MIME{"text/csv": []byte("a,b")}, map[string]any{"text/csv": "a,b", "text/plain": "display.MIME{\"text/csv\":[]uint8{0x61, 0x2c, 0x62}}"}},
	} {
		got := display.Render(c.v)
		if len(got) != len(c.want) {
			t.Errorf("%s: bundle %v, want keys of %v", c.name, got, c.want)
			continue
		}
		for k, w := range c.want {
			g, ok := got[k]
			if !ok || (w != "" && g != w) {
				t.Errorf("%s: %s = %v, want %v", c.name, k, g, w)
			}
		}
		if _, ok := got["text/plain"].(string); !ok {
			t.Errorf("%s: no text/plain fallback", c.name)
		}
	}
}

// fakeMatrix has gonum's mat.Matrix method set.
type fakeMatrix struct{ r, c int }

func (m fakeMatrix) Dims() (int, int)    { return m.r, m.c }
func (m fakeMatrix) At(i, j int) float64 { return float64(10*i + j) }

func TestTextOfMatrices(t *testing.T) {
	small := display.Text(fakeMatrix{2, 3})
	want := "display_test.fakeMatrix 2×3\n⎡ 0   1   2⎤\n⎣10  11  12⎦"
	if small != want {
		t.Errorf("2×3 matrix:\n%s\nwant\n%s", small, want)
	}
	big := display.Text(fakeMatrix{100, 100})
	if lines := strings.Split(big, "\n"); len(lines) != 1+9 || !strings.Contains(big, "⋱") || !strings.Contains(big, "990") {
		t.Errorf("100×100 matrix not elided to 9 rows:\n%s", big)
	}
}

func TestTextIsBounded(t *testing.T) {
	s := display.Text(make([]int, 100000))
	if len(s) > 9000 || !strings.Contains(s, "bytes more") {
		t.Errorf("text of a long slice is %d bytes", len(s))
	}
}

// recorder is a Sink that records.
type recorder struct {
	mu    sync.Mutex
	sends []sent
	clear []bool
}

type sent struct {
	data, transient map[string]any
	update          bool
}

func (r *recorder) Display(data, metadata, transient map[string]any, update bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sends = append(r.sends, sent{data, transient, update})
}

func (r *recorder) ClearOutput(wait bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clear = append(r.clear, wait)
}

func withRecorder(t *testing.T) *recorder {
	r := &recorder{}
	prev := display.SetSink(r)
	t.Cleanup(func() { display.SetSink(prev) })
	return r
}

func TestFunctionsSendBundles(t *testing.T) {
	r := withRecorder(t)
	pngBytes, img := tinyPNG(t)
	display.HTML("<b>x</b>")
	display.Markdown("**y**")
	display.LaTeX(`$\sigma$`)
	display.SVG("<svg/>")
	display.PNG(pngBytes)
	display.Image(img)
	display.JSON(map[string]int{"a": 1})
	display.Show(withMarkdown{})
	display.ClearOutput(true)
	wantKey := []string{"text/html", "text/markdown", "text/latex", "image/svg+xml", "image/png", "image/png", "application/json", "text/markdown"}
	if len(r.sends) != len(wantKey) {
		t.Fatalf("%d displays, want %d", len(r.sends), len(wantKey))
	}
	for i, k := range wantKey {
		s := r.sends[i]
		if _, ok := s.data[k]; !ok || s.update || s.transient != nil {
			t.Errorf("display %d: %+v, want %s and no update", i, s, k)
		}
		if _, ok := s.data["text/plain"]; !ok {
			t.Errorf("display %d: no text/plain", i)
		}
	}
	if js := r.sends[6].data["application/json"].(map[string]any); js["a"] != 1.0 {
		t.Errorf("JSON data %v", js)
	}
	if len(r.clear) != 1 || !r.clear[0] {
		t.Errorf("ClearOutput(true) sent %v", r.clear)
	}
}

func TestHandleUpdatesInPlace(t *testing.T) {
	r := withRecorder(t)
	h := display.New()
	other := display.New()
	if h.ID() == other.ID() || h.ID() == "" {
		t.Fatalf("display ids %q and %q", h.ID(), other.ID())
	}
	h.Update(display.HTMLText("1"))
	h.Update(display.HTMLText("2"))
	h.Clear()
	if len(r.sends) != 3 {
		t.Fatalf("%d sends", len(r.sends))
	}
	for i, s := range r.sends {
		if s.transient["display_id"] != h.ID() {
			t.Errorf("send %d: display_id %v, want %s", i, s.transient["display_id"], h.ID())
		}
		if s.update != (i > 0) {
			t.Errorf("send %d: update = %v", i, s.update)
		}
	}
	if r.sends[1].data["text/html"] != "2" {
		t.Errorf("second update carries %v", r.sends[1].data)
	}
}

func ExampleHTML() {
	// Outside a notebook, outputs print their text form.
	display.HTML("<b>RBM</b> trained in <i>12</i> epochs")
	display.Show(fakeMatrix{1, 2})
	display.JSON([]int{1, 2})
	// Output:
	// RBM trained in 12 epochs
	// display_test.fakeMatrix 1×2
	// [0  1]
	// [
	//   1,
	//   2
	// ]
}
