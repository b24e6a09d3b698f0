// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/boltzbook/boltzbook/bm"
	"github.com/boltzbook/boltzbook/kernel/display"
)

type richBundle struct{}

func (richBundle) MIMEBundle() map[string]any {
	return map[string]any{"text/html": "<i>b</i>", "text/plain": "bundle"}
}

type richHTML struct{}

func (richHTML) HTML() string { return "<b>h</b>" }

type richMarkdown struct{}

func (richMarkdown) Markdown() string { return "# m" }

type richSVG struct{}

func (*richSVG) SVG() string { return "<svg></svg>" }

type richPanics struct{}

func (richPanics) HTML() string { panic("broken HTML method") }

type richPNG struct{}

func (richPNG) PNG() []byte { return []byte{0x89, 'P', 'N', 'G'} }

func TestNotebookTypesRenderByMethodSet(t *testing.T) {
	mustRun(t, `import "fmt"`)
	mustRun(t, `type nbHTML struct{ A int }
func (h nbHTML) HTML() string { return fmt.Sprint("<b>", h.A, "</b>") }
type nbPtr struct{ B int }
func (p *nbPtr) Markdown() string { return "# md" }
type nbBundle struct{}
func (nbBundle) MIMEBundle() map[string]any { return map[string]any{"text/html": "<i>x</i>"} }
type nbBroken struct{}
func (nbBroken) SVG() string { panic("no picture") }`)
	for _, c := range []struct{ code, key, want string }{
		{"nbHTML{A: 3}", "text/html", "<b>3</b>"},
		{"&nbPtr{B: 1}", "text/markdown", "# md"},
		{"nbPtr{B: 1}", "", ""}, // a pointer method does not apply to a value
		{"nbBundle{}", "text/html", "<i>x</i>"},
		{"nbBroken{}", "", ""},
	} {
		res, _ := mustRun(t, c.code)
		if c.key == "" {
			if len(res.Data) != 1 || res.Data["text/plain"] == nil {
				t.Errorf("%s: bundle %v, want text only", c.code, res.Data)
			}
			continue
		}
		if res.Data[c.key] != c.want {
			t.Errorf("%s: %s = %v, want %q", c.code, c.key, res.Data[c.key], c.want)
		}
		if text, _ := res.Data["text/plain"].(string); text == "" {
			t.Errorf("%s: no text/plain fallback in %v", c.code, res.Data)
		}
	}
}

// declare binds Go values into the interpreter, standing in for the
// generated package bindings.
func declare(binds map[string]any) {
	for name, v := range binds {
		if err := session.Declare(name, v); err != nil {
			panic(err)
		}
	}
}

func TestResultRendersByMethodSet(t *testing.T) {
	declare(map[string]any{
		"rbBundle": richBundle{}, "rbHTML": richHTML{}, "rbMarkdown": richMarkdown{},
		"rbSVG": &richSVG{}, "rbPNG": richPNG{}, "rbHTMLText": display.HTMLText("<p>t</p>"),
		"rbPanics": richPanics{},
	})
	mustRun(t, `import "image"`)
	for _, c := range []struct{ code, key string }{
		{"rbBundle", "text/html"},
		{"rbHTML", "text/html"},
		{"rbMarkdown", "text/markdown"},
		{"rbSVG", "image/svg+xml"},
		{"rbPNG", "image/png"},
		{"rbHTMLText", "text/html"},
		{"image.NewGray(image.Rect(0, 0, 4, 4))", "image/png"},
		{"rbPanics", "text/plain"}, // a failing display method leaves the text
	} {
		res, _ := mustRun(t, c.code)
		if _, ok := res.Data[c.key]; !ok {
			t.Errorf("%s: bundle %v lacks %s", c.code, res.Data, c.key)
		}
		if _, ok := res.Data["text/plain"].(string); !ok {
			t.Errorf("%s: no text/plain fallback", c.code)
		}
	}
}

func TestDisplayFromCellKeepsOrder(t *testing.T) {
	declare(map[string]any{
		"showHTML": display.HTML, "showImage": display.Image, "clearOutput": display.ClearOutput,
		"newHandle": display.New,
	})
	mustRun(t, `import ("fmt"; "image")`)
	res, pub := mustRun(t, `fmt.Println("before")
showHTML("<b>x</b>")
fmt.Println("after")
showImage(image.NewGray(image.Rect(0, 0, 2, 2)))
clearOutput(true)`)
	if res.Data != nil {
		t.Errorf("unexpected result %v", res.Data)
	}
	var kinds []string
	for _, e := range pub.all() {
		k := e.kind
		if e.kind == "stream" {
			k = strings.TrimSpace(e.text)
		}
		kinds = append(kinds, k)
	}
	want := "before display after display clear"
	if got := strings.Join(kinds, " "); got != want {
		t.Errorf("events %q, want %q", got, want)
	}
	ds := pub.displays()
	if len(ds) != 2 || ds[0].data["text/html"] != "<b>x</b>" || ds[1].data["image/png"] == nil {
		t.Errorf("displays %+v", ds)
	}

	_, pub = mustRun(t, `h := newHandle()
h.Update(1)
h.Update(2)`)
	ds = pub.displays()
	if len(ds) != 2 || ds[0].update || !ds[1].update ||
		ds[0].transient["display_id"] == nil || ds[0].transient["display_id"] != ds[1].transient["display_id"] {
		t.Errorf("handle displays %+v", ds)
	}
}

// fakeTrainer reports like a bm trainer with a nil Monitor.
func fakeTrainer(epochs int, pause time.Duration) {
	m := bm.DefaultMonitor()
	for e := 1; e <= epochs; e++ {
		for b := 1; b <= 4; b++ {
			time.Sleep(pause)
			m.Report(bm.Progress{Task: "fake RBM", Epoch: e, Epochs: epochs, Batch: b, Batches: 4,
				Examples: 100 * b, Elapsed: time.Duration(b) * pause})
		}
		m.Report(bm.Progress{Task: "fake RBM", Epoch: e, Epochs: epochs, Batch: 4, Batches: 4,
			Examples: 400, Elapsed: 4 * pause, EpochDone: true,
			Stats: []bm.Stat{{Name: "recon", Value: 1 / float64(e)}, {Name: "loglik", Value: -float64(epochs - e)}}})
	}
}

func TestLiveTrainingDisplay(t *testing.T) {
	declare(map[string]any{"fakeTrainer": fakeTrainer})
	mustRun(t, `import "time"`)
	start := time.Now()
	_, pub := mustRun(t, "fakeTrainer(8, 25*time.Millisecond)")
	took := time.Since(start)
	ds := pub.displays()
	if len(ds) < 2 {
		t.Fatalf("%d displays, want one display and updates", len(ds))
	}
	id := ds[0].transient["display_id"]
	if id == nil || ds[0].update {
		t.Errorf("first display %+v", ds[0])
	}
	for i, d := range ds[1:] {
		if !d.update || d.transient["display_id"] != id {
			t.Errorf("display %d is not an update of %v: %+v", i+1, id, d)
		}
	}
	// About four updates a second, plus the first and the final one.
	if max := int(took.Seconds()*4) + 3; len(ds) > max {
		t.Errorf("%d updates in %v, want at most %d", len(ds), took, max)
	}
	// While it runs: HTML with a progress bar and SVG curves.
	live, _ := ds[len(ds)-2].data["text/html"].(string)
	for _, want := range []string{"fake RBM", "epoch", "ex/s", "recon", "<svg", "<polyline"} {
		if !strings.Contains(live, want) {
			t.Errorf("live display lacks %q:\n%s", want, live)
		}
	}
	// The final state, which the notebook stores, is a PNG and a caption
	// and no HTML: JupyterLab renders a stored PNG in an untrusted
	// notebook but sanitises stored HTML (the SVG curves would vanish).
	last := ds[len(ds)-1].data
	if _, ok := last["text/html"]; ok {
		t.Errorf("final display still has HTML: %v", last["text/html"])
	}
	b64, _ := last["image/png"].(string)
	img, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || !bytes.HasPrefix(img, []byte("\x89PNG")) {
		t.Errorf("final display has no PNG (%d bytes, %v)", len(img), err)
	}
	if text, _ := last["text/plain"].(string); !strings.Contains(text, "epoch 8/8") || !strings.Contains(text, "done") ||
		!strings.Contains(text, "recon=") {
		t.Errorf("caption %q", text)
	}
	if out := pub.stream("stdout"); out != "" {
		t.Errorf("the live display also printed lines: %q", out)
	}
	// A second run gets a display of its own.
	_, pub2 := mustRun(t, "fakeTrainer(1, time.Millisecond)")
	if ds2 := pub2.displays(); len(ds2) == 0 || ds2[0].transient["display_id"] == id {
		t.Errorf("second run reused display %v", id)
	}
}
