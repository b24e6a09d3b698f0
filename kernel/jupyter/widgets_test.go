// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter_test

import (
	"encoding/json"
	"testing"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
	"github.com/boltzbook/boltzbook/kernel/jupyter/jupytertest"
)

// widgetInterp opens widget comms as kernel/widgets does: each cell's
// code names what to send.
type widgetInterp struct {
	jupytertest.Fake
	cellIDs []string
}

func (w *widgetInterp) Execute(req jupyter.ExecuteRequest, pub jupyter.Publisher) jupyter.ExecuteResult {
	w.cellIDs = append(w.cellIDs, req.CellID)
	cs := pub.(jupyter.CommSender)
	switch req.Code {
	case "open":
		cs.SendComm("comm_open", map[string]any{"comm_id": "s1", "target_name": "jupyter.widget", "data": map[string]any{
			"state": map[string]any{"_model_name": "IntSliderModel", "_model_module": "@jupyter-widgets/controls",
				"_model_module_version": "2.0.0", "value": 1.0}, "buffer_paths": [][]any{}}}, nil, nil)
		cs.SendComm("comm_open", map[string]any{"comm_id": "i1", "target_name": "jupyter.widget", "data": map[string]any{
			"state": map[string]any{"_model_name": "ImageModel", "_model_module": "@jupyter-widgets/controls",
				"_model_module_version": "2.0.0", "format": "png"}, "buffer_paths": [][]any{{"value"}}}}, nil, [][]byte{{1, 2, 3}})
		cs.SendComm("comm_open", map[string]any{"comm_id": "gone", "target_name": "jupyter.widget", "data": map[string]any{
			"state": map[string]any{"_model_name": "LabelModel"}}}, nil, nil)
		cs.SendComm("comm_open", map[string]any{"comm_id": "other", "target_name": "some.extension", "data": map[string]any{}}, nil, nil)
		return jupyter.ExecuteResult{Data: jupyter.MIMEBundle{"application/vnd.jupyter.widget-view+json": map[string]any{"model_id": "s1"}, "text/plain": "IntSlider"}}
	case "update":
		cs.SendComm("comm_msg", map[string]any{"comm_id": "s1", "data": map[string]any{"method": "update", "state": map[string]any{"value": 7.0}}}, nil, nil)
		cs.SendComm("comm_msg", map[string]any{"comm_id": "i1", "data": map[string]any{"method": "update", "state": map[string]any{},
			"buffer_paths": [][]any{{"value"}}}}, nil, [][]byte{{9}})
		cs.SendComm("comm_close", map[string]any{"comm_id": "gone", "data": map[string]any{}}, nil, nil)
	}
	return jupyter.ExecuteResult{}
}

func TestRunNotebookStoresWidgetState(t *testing.T) {
	src := notebook("open", "update")
	out, err := jupyter.RunNotebook(src, &widgetInterp{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Metadata struct {
			Widgets map[string]struct {
				VersionMajor int `json:"version_major"`
				State        map[string]struct {
					ModelName string           `json:"model_name"`
					State     map[string]any   `json:"state"`
					Buffers   []map[string]any `json:"buffers"`
				} `json:"state"`
			} `json:"widgets"`
		} `json:"metadata"`
		Cells []struct {
			ID string `json:"id"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(out, &nb); err != nil {
		t.Fatal(err)
	}
	ws, ok := nb.Metadata.Widgets["application/vnd.jupyter.widget-state+json"]
	if !ok || ws.VersionMajor != 2 {
		t.Fatalf("no widget state in the metadata: %s", out)
	}
	if len(ws.State) != 2 {
		t.Errorf("want the two open widgets (closed and foreign comms left out), got %v", ws.State)
	}
	if s := ws.State["s1"]; s.ModelName != "IntSliderModel" || s.State["value"] != 7.0 {
		t.Errorf("slider state %+v, want the last update (value 7)", s)
	}
	img := ws.State["i1"]
	if len(img.Buffers) != 1 || img.Buffers[0]["data"] != "CQ==" || img.Buffers[0]["encoding"] != "base64" {
		t.Errorf("image buffers %v, want the last one, base64", img.Buffers)
	}

	// A run without widgets removes state a previous run left.
	out, err = jupyter.RunNotebook(out, &jupytertest.Fake{}, &jupyter.RunOptions{AllowErrors: true})
	if err != nil {
		t.Fatal(err)
	}
	var again map[string]any
	json.Unmarshal(out, &again)
	if _, ok := again["metadata"].(map[string]any)["widgets"]; ok {
		t.Error("stale widget state kept")
	}
}

func TestRunNotebookPassesCellIDs(t *testing.T) {
	w := &widgetInterp{}
	out, err := jupyter.RunNotebook(notebook("a", "b"), w, nil)
	if err != nil {
		t.Fatal(err)
	}
	nb := parseNB(t, out)
	if len(w.cellIDs) != 2 || w.cellIDs[0] != nb.Cells[0].ID || w.cellIDs[1] != nb.Cells[1].ID || w.cellIDs[0] == "" {
		t.Errorf("cell ids passed %q, notebook's %q %q", w.cellIDs, nb.Cells[0].ID, nb.Cells[1].ID)
	}
}
