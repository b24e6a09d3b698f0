// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"strings"
	"testing"
	"time"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// TestWidgetsFromCells drives kernel/widgets from cells in both tiers:
// a slider made in a gomacro cell, an Interact whose function is an
// interpreted closure, an update from the "front end", and the redraw
// it causes, which runs between cells.
func TestWidgetsFromCells(t *testing.T) {
	pub := &commPub{}
	res := runWith(t, pub, `import "github.com/boltzbook/boltzbook/kernel/widgets"
wT := widgets.NewFloatSlider("T", 1, 0.1, 10, 0.1)
wT.Description = "temperature"
wSeen := []float64{}
wI := widgets.Interact(func(T float64) string { wSeen = append(wSeen, T); return "drawn" }, wT)
wI`)
	if res.Error != nil {
		t.Fatalf("cell: %s: %s\n%s", res.Error.Name, res.Error.Value, strings.Join(res.Error.Traceback, "\n"))
	}
	if _, ok := res.Data["application/vnd.jupyter.widget-view+json"]; !ok {
		t.Fatalf("an Interact is displayed as a widget: %v", res.Data)
	}
	sent := strings.Join(pub.all(), "\n")
	if !strings.Contains(sent, "FloatSliderModel") || !strings.Contains(sent, "description:temperature") {
		t.Errorf("slider state not sent:\n%s", sent)
	}
	id := text(t, runWith(t, pub, "wT.ModelID()"))
	id = strings.Trim(id, `"`)
	msgPub := &commPub{}
	for _, v := range []float64{2, 3, 4} {
		session.CommMsg(jupyter.CommMessage{ID: id, Data: map[string]any{"method": "update", "state": map[string]any{"value": v}}}, msgPub)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := text(t, runWith(t, pub, "wSeen"))
		if got == "[]float64{1, 4}" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after three updates, the function saw %s, want one redraw with the latest value", got)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got := text(t, runWith(t, pub, "wT.Value")); got != "4" {
		t.Errorf("slider value %s", got)
	}
}

// TestWidgetCallbackInterrupt: a redraw that never ends is stopped by
// an interrupt, in either tier; the output area says so and the kernel
// goes on. What a redraw prints lands in the output area.
func TestWidgetCallbackInterrupt(t *testing.T) {
	pub := &commPub{}
	mustRunWith := func(code string) string {
		t.Helper()
		return text(t, runWith(t, pub, code))
	}
	mustRunWith(`import (
	"fmt"
	"github.com/boltzbook/boltzbook/kernel/widgets"
)
func wSpin(on bool) string {
	n := 0
	for on {
		n++
	}
	return fmt.Sprint("compiled idle ", n)
}`)
	for _, c := range []struct{ name, f string }{
		{"interpreted", `func(on bool) string { fmt.Println("printed", on); for on { }; return "idle" }`},
		{"compiled", `func(on bool) string { fmt.Println("printed", on); return wSpin(on) }`},
	} {
		t.Run(c.name, func(t *testing.T) {
			mustRunWith(`wLoop := widgets.NewCheckbox("loop", false)
wLoopI := widgets.Interact(` + c.f + `, wLoop)`)
			if got := mustRunWith("fmt.Sprint(wLoopI.Out.Outputs())"); !strings.Contains(got, "printed false") {
				t.Errorf("what the function printed is not in the output area: %s", got)
			}
			id := strings.Trim(mustRunWith("wLoop.ModelID()"), `"`)
			session.CommMsg(jupyter.CommMessage{ID: id, Data: map[string]any{"method": "update", "state": map[string]any{"value": true}}}, &commPub{})
			time.Sleep(300 * time.Millisecond) // the redraw is spinning now
			start := time.Now()
			session.Interrupt()
			got := mustRunWith("fmt.Sprint(wLoopI.Out.Outputs())")
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("the cell after the interrupt waited %v", d)
			}
			if !strings.Contains(got, "Interrupted") {
				t.Errorf("the output area after the interrupt: %s", got)
			}
			if got := mustRunWith("1 + 1"); got != "2" {
				t.Errorf("kernel after the interrupt: %s", got)
			}
		})
	}
}
