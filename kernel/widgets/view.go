// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package widgets

// viewBundle is the display of a widget.
func viewBundle(m model) map[string]any {
	m.coreOf().Update()
	c := m.coreOf()
	c.mu.Lock()
	id, front := c.id, c.c != nil && !c.closed
	c.mu.Unlock()
	out := map[string]any{"text/plain": m.String()}
	if front {
		out[WidgetViewMIME] = map[string]any{"version_major": 2, "version_minor": 0, "model_id": id}
	}
	// Where widgets do not render (a notebook on a code-hosting site,
	// a terminal), the last image drawn inside stands in for them.
	if png := lastImage(m, 0); png != nil {
		out["image/png"] = png
	}
	return out
}

// lastImage returns the last PNG (base64) in the Output areas inside
// w, searching containers depth first; nil if there is none.
func lastImage(w Widget, depth int) any {
	if depth > 20 {
		return nil
	}
	switch x := w.(type) {
	case *Output:
		outs := x.Outputs()
		for i := len(outs) - 1; i >= 0; i-- {
			if d, ok := outs[i]["data"].(map[string]any); ok && d["image/png"] != nil {
				return d["image/png"]
			}
		}
	case *Interactive:
		return lastImage(x.Out, depth+1)
	default:
		var children []Widget
		switch b := w.(type) {
		case *Box:
			children = b.Children
		case *HBox:
			children = b.Children
		case *VBox:
			children = b.Children
		case *GridBox:
			children = b.Children
		case *Tab:
			children = b.Children
		case *Accordion:
			children = b.Children
		}
		for i := len(children) - 1; i >= 0; i-- {
			if png := lastImage(children[i], depth+1); png != nil {
				return png
			}
		}
	}
	return nil
}
