// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Widget state in headless runs.
//
// RunNotebook has no front end, but it records the comm messages of
// widgets (target jupyter.widget, protocol 2) as a widget manager
// would, and stores the state of the widgets still open at the end in
// the notebook's metadata under "widgets" as
// application/vnd.jupyter.widget-state+json, the way JupyterLab saves
// it: a reopened notebook, or one rendered by nbconvert, shows the
// widgets as the run left them.

const widgetStateMIME = "application/vnd.jupyter.widget-state+json"

// widgetRecord is what the recorder knows of one widget model.
type widgetRecord struct {
	state   map[string]any
	buffers map[string]map[string]any // path (as JSON) → {path, data, encoding}
}

// SendComm records widget comm messages; other comms are accepted and
// dropped, as no front end is there to answer them.
func (p *cellPublisher) SendComm(msgType string, content, metadata map[string]any, buffers [][]byte) error {
	id, _ := content["comm_id"].(string)
	r := p.rec
	r.mu.Lock()
	defer r.mu.Unlock()
	switch msgType {
	case "comm_open":
		if content["target_name"] != "jupyter.widget" {
			return nil
		}
		r.widgets[id] = &widgetRecord{state: map[string]any{}, buffers: map[string]map[string]any{}}
		r.widgets[id].merge(content["data"], buffers)
	case "comm_msg":
		w := r.widgets[id]
		if w == nil {
			return nil
		}
		data, _ := content["data"].(map[string]any)
		switch data["method"] {
		case "update", "echo_update":
			w.merge(data, buffers)
		}
	case "comm_close":
		delete(r.widgets, id)
	default:
		return ErrNotComm
	}
	return nil
}

// merge applies the state and binary buffers of a comm_open's or an
// update's data.
func (w *widgetRecord) merge(d any, buffers [][]byte) {
	data, _ := d.(map[string]any)
	state, _ := data["state"].(map[string]any)
	// A JSON round trip copies the state, so that later changes by
	// the sender cannot reach the record.
	if b, err := json.Marshal(state); err == nil {
		var copied map[string]any
		if json.Unmarshal(b, &copied) == nil {
			state = copied
		}
	}
	for k, v := range state {
		w.state[k] = v
		for p := range w.buffers {
			if strings.HasPrefix(p, fmt.Sprintf("[%q", k)) {
				delete(w.buffers, p) // replaced by the new value
			}
		}
	}
	paths, _ := toAnySlice(data["buffer_paths"])
	for i, p := range paths {
		if i >= len(buffers) {
			break
		}
		key, _ := json.Marshal(p)
		w.buffers[string(key)] = map[string]any{"path": p, "encoding": "base64",
			"data": base64.StdEncoding.EncodeToString(buffers[i])}
	}
}

// toAnySlice turns buffer_paths, as a sender builds it ([][]any) or as
// JSON decodes it ([]any), into a []any of paths.
func toAnySlice(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case [][]any:
		out := make([]any, len(x))
		for i, p := range x {
			out[i] = p
		}
		return out, true
	}
	return nil, false
}

// storeWidgets writes the open widgets' state into the notebook's
// metadata, or removes a stale one when there are none. Called with
// r.mu held.
func (r *recorder) storeWidgets(nb map[string]any) {
	md, _ := nb["metadata"].(map[string]any)
	if md == nil {
		return
	}
	if len(r.widgets) == 0 {
		delete(md, "widgets")
		return
	}
	states := map[string]any{}
	for id, w := range r.widgets {
		entry := map[string]any{
			"model_name": w.state["_model_name"], "model_module": w.state["_model_module"],
			"model_module_version": w.state["_model_module_version"], "state": w.state,
		}
		if len(w.buffers) > 0 {
			keys := make([]string, 0, len(w.buffers))
			for k := range w.buffers {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			var bufs []any
			for _, k := range keys {
				bufs = append(bufs, w.buffers[k])
			}
			entry["buffers"] = bufs
		}
		states[id] = entry
	}
	md["widgets"] = map[string]any{widgetStateMIME: map[string]any{
		"version_major": 2, "version_minor": 0, "state": states,
	}}
}
