// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package widgets

import (
	"github.com/boltzbook/boltzbook/kernel/comm"
)

// The jupyter.widget.control target: a front end that connects to a
// running kernel (a reloaded page) asks for every widget's state in one
// message, request_states, answered with update_states.

func openControl(c *comm.Comm, data map[string]any, buffers [][]byte) {
	c.OnMsg(func(c *comm.Comm, data map[string]any, buffers [][]byte) {
		if data["method"] != "request_states" {
			comm.Logf("widgets: control message with method %v; ignored", data["method"])
			return
		}
		states, paths, bufs := States()
		c.Send(map[string]any{"method": "update_states", "states": states, "buffer_paths": paths}, nil, bufs)
	})
}

// States returns the state of every open widget in the form of the
// control protocol's update_states: model id → {model_name,
// model_module, model_module_version, state}, with the binary buffers
// taken out at paths that start with the model id.
func States() (states map[string]any, paths [][]any, buffers [][]byte) {
	states = map[string]any{}
	paths = [][]any{}
	for _, w := range Widgets() {
		m := w.(model)
		c := m.coreOf()
		c.mu.Lock()
		wire, id := c.wire, c.id
		c.mu.Unlock()
		st, ps, bs := splitBuffers(wire)
		s := m.spec()
		states[id] = map[string]any{"model_name": s.model, "model_module": s.modelModule,
			"model_module_version": s.modelVersion, "state": st}
		for _, p := range ps {
			paths = append(paths, append([]any{id}, p...))
		}
		buffers = append(buffers, bs...)
	}
	return states, paths, buffers
}
