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
