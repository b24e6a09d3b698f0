// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package widgets

import (
	"fmt"
	"strings"
	"sync"

	"github.com/boltzbook/boltzbook/kernel/comm"
	"github.com/boltzbook/boltzbook/kernel/display"
)

// Output is an output area inside a widget layout. What Capture runs
// displays and prints goes into it rather than into the cell; Show
// and Clear fill and empty it from Go. Its content is part of the
// widget's state, so a saved notebook keeps it.
type Output struct {
	Common

	omu       sync.Mutex
	outputs   []map[string]any // nbformat outputs
	clearNext bool             // ClearOutput(wait): clear at the next output
	displays  map[string]int   // display_id → index in outputs
}

// NewOutput returns an empty output area.
func NewOutput() *Output {
	w := &Output{}
	open(w)
	return w
}

func (o *Output) spec() spec {
	return spec{"OutputModel", outputModule, outputVersion, "OutputView", outputModule, outputVersion}
}

func (o *Output) attrs() []attr {
	outputs := attr{name: "outputs",
		get: func() any { return o.Outputs() },
		wire: func() any {
			o.omu.Lock()
			defer o.omu.Unlock()
			out := make([]any, len(o.outputs))
			for i, m := range o.outputs {
				c := make(map[string]any, len(m))
				for k, v := range m {
					c[k] = v
				}
				out[i] = c
			}
			return out
		},
		set: func(v any) error {
			list, ok := v.([]any)
			if !ok {
				return typeErr("a list of outputs", v)
			}
			outs := make([]map[string]any, 0, len(list))
			for _, e := range list {
				m, ok := e.(map[string]any)
				if !ok || m["output_type"] == nil {
					return typeErr("a list of outputs", v)
				}
				outs = append(outs, m)
			}
			o.omu.Lock()
			o.outputs, o.displays, o.clearNext = outs, nil, false
			o.omu.Unlock()
			return nil
		}}
	return append(o.commonAttrs(), fixed("msg_id", ""), outputs)
}

func (o *Output) String() string {
	o.omu.Lock()
	defer o.omu.Unlock()
	return describe("Output", "outputs", len(o.outputs))
}

// Outputs returns a copy of the outputs, in nbformat form.
func (o *Output) Outputs() []map[string]any {
	o.omu.Lock()
	defer o.omu.Unlock()
	out := make([]map[string]any, len(o.outputs))
	for i, m := range o.outputs {
		c := make(map[string]any, len(m))
		for k, v := range m {
			c[k] = v
		}
		out[i] = c
	}
	return out
}

// add appends an output (or merges a stream into the last one) and
// sends the new state.
func (o *Output) add(out map[string]any) {
	o.omu.Lock()
	if o.clearNext {
		o.outputs, o.displays, o.clearNext = nil, nil, false
	}
	n := len(o.outputs)
	if out["output_type"] == "stream" && n > 0 && o.outputs[n-1]["output_type"] == "stream" && o.outputs[n-1]["name"] == out["name"] {
		last := o.outputs[n-1]
		merged := map[string]any{"output_type": "stream", "name": last["name"], "text": last["text"].(string) + out["text"].(string)}
		o.outputs[n-1] = merged
	} else {
		o.outputs = append(o.outputs, out)
	}
	o.omu.Unlock()
	o.Update()
}

// Display implements display.Sink: a display_data (or, with update, a
// replacement of the output with the same display_id).
func (o *Output) Display(data, metadata, transient map[string]any, update bool) {
	if metadata == nil {
		metadata = map[string]any{}
	}
	id, _ := transient["display_id"].(string)
	if update {
		o.omu.Lock()
		i, ok := o.displays[id]
		if ok && i < len(o.outputs) {
			o.outputs[i] = map[string]any{"output_type": "display_data", "data": data, "metadata": metadata}
		}
		o.omu.Unlock()
		o.Update()
		return
	}
	out := map[string]any{"output_type": "display_data", "data": data, "metadata": metadata}
	o.add(out)
	if id != "" {
		o.omu.Lock()
		if o.displays == nil {
			o.displays = map[string]int{}
		}
		o.displays[id] = len(o.outputs) - 1
		o.omu.Unlock()
	}
}

// ClearOutput implements display.Sink: with wait, the area is cleared
// when the next output arrives, so a redraw does not flicker.
func (o *Output) ClearOutput(wait bool) {
	o.omu.Lock()
	if wait {
		o.clearNext = true
		o.omu.Unlock()
		return
	}
	o.outputs, o.displays, o.clearNext = nil, nil, false
	o.omu.Unlock()
	o.Update()
}

// Stream implements display.StreamSink: text printed while Capture runs.
func (o *Output) Stream(name, text string) {
	if text == "" {
		return
	}
	if name != "stderr" {
		name = "stdout"
	}
	o.add(map[string]any{"output_type": "stream", "name": name, "text": text})
}

// Show displays v (as display.Show would) in the output area.
func (o *Output) Show(v any) { o.Display(display.Render(v), nil, nil, false) }

// Clear empties the output area.
func (o *Output) Clear() { o.ClearOutput(false) }

// Capture runs f with everything it displays (display.Show, figures)
// and prints (fmt.Println, os.Stderr) going into the output area
// instead of the cell. A panic in f — or an interrupt — is shown in the
// area as an error and returned; it does not go further.
func (o *Output) Capture(f func()) (err error) {
	restore := display.Redirect(o)
	defer func() {
		r := recover()
		restore()
		if r != nil {
			err = o.showPanic(r)
		}
	}()
	f()
	return nil
}

// showPanic shows a recovered panic as an error output and returns it.
func (o *Output) showPanic(r any) error {
	name, msg := "panic", fmt.Sprint(r)
	if e, ok := r.(error); ok {
		msg = e.Error()
	}
	if comm.Interrupted() {
		name, msg = "Interrupted", "the callback was interrupted (Kernel › Interrupt); the kernel and its variables are intact"
	}
	o.addError(name, msg)
	return fmt.Errorf("%s: %s", name, msg)
}

// addError shows an error output.
func (o *Output) addError(name, msg string) {
	o.add(map[string]any{"output_type": "error", "ename": name, "evalue": msg,
		"traceback": []any{name + ": " + strings.TrimSpace(msg)}})
}
