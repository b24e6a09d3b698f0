// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package comm lets Go code in a boltzbook notebook talk to the front
// end through Jupyter comms: two-way channels between an object in the
// kernel and one in the browser, each bound to a target name. Widget
// libraries (ipywidgets' protocol uses the targets "jupyter.widget" and
// "jupyter.widget.control") and front-end extensions are built on them.
//
// # Opening a comm from the kernel
//
//	c, err := comm.Open("my.target", map[string]any{"state": 1}, nil, nil)
//	c.OnMsg(func(c *comm.Comm, data map[string]any, buffers [][]byte) {
//		fmt.Println("the front end says", data)
//	})
//	c.Send(map[string]any{"method": "update", "value": 2}, nil, nil)
//	c.Close(nil)
//
// Open, Send and Close take the message's data (JSON), optional
// metadata (e.g. {"version": "2.1.0"} for ipywidgets) and optional
// binary buffers, which travel as raw frames, not JSON.
//
// # Comms opened by the front end
//
// RegisterTarget names a function that is called for every comm the
// front end opens to that target; a comm_open to a target nobody
// registered is answered with comm_close.
//
//	comm.RegisterTarget("my.target", func(c *comm.Comm, data map[string]any, buffers [][]byte) {
//		c.OnMsg(func(c *comm.Comm, data map[string]any, buffers [][]byte) { ... })
//	})
//
// Data arrives as encoding/json decodes it into an any: numbers are
// float64, objects map[string]any, arrays []any.
//
// # Where callbacks run
//
// Target functions, OnMsg and OnClose callbacks run on the kernel's
// interpreter goroutine, between cells: never while a cell runs, never
// two at a time, in the order the messages arrived. A message that
// arrives while a cell runs waits until the cell ends (as with
// ipykernel), so a callback may use the notebook's variables without
// locks. A callback should return quickly: while it runs the kernel
// handles nothing else. Messages a callback sends have the message it
// handles as parent. Open, Send and Close may be called from any
// goroutine.
//
// # Outside the kernel
//
// In a plain Go program no front end is attached: Open returns
// ErrNoFrontEnd. The kernel attaches itself with SetTransport and hands
// messages from the front end to DeliverOpen, DeliverMsg and
// DeliverClose.
package comm
