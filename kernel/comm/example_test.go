// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package comm_test

import (
	"fmt"

	"github.com/boltzbook/boltzbook/kernel/comm"
)

// printer stands in for the kernel: it prints what would go to the
// front end.
type printer struct{}

func (printer) SendComm(msgType string, content, metadata map[string]any, buffers [][]byte) error {
	fmt.Println(msgType, content["target_name"], content["data"], metadata, len(buffers), "buffer(s)")
	return nil
}

// A counter that the front end clicks: the front end opens a comm to
// the target "counter" and sends messages on it; each is answered with
// the new count.
func Example() {
	comm.SetTransport(printer{}) // in a notebook, the kernel has done this
	defer comm.SetTransport(nil)

	comm.RegisterTarget("counter", func(c *comm.Comm, data map[string]any, buffers [][]byte) {
		n := 0
		c.OnMsg(func(c *comm.Comm, data map[string]any, buffers [][]byte) {
			n++
			c.Send(map[string]any{"count": n}, nil, nil)
		})
	})

	// What the kernel does for the front end's comm_open and comm_msgs.
	comm.DeliverOpen("c1", "counter", nil, nil)
	comm.DeliverMsg("c1", map[string]any{"event": "click"}, nil)
	comm.DeliverMsg("c1", map[string]any{"event": "click"}, nil)
	fmt.Println(comm.Info())

	// A comm the kernel opens, as a widget library does.
	w, _ := comm.Open("jupyter.widget", map[string]any{"state": map[string]any{}},
		map[string]any{"version": "2.1.0"}, [][]byte{{0x01, 0x02}})
	w.Close(nil)
	// Output:
	// comm_msg <nil> map[count:1] map[] 0 buffer(s)
	// comm_msg <nil> map[count:2] map[] 0 buffer(s)
	// map[c1:counter]
	// comm_open jupyter.widget map[state:map[]] map[version:2.1.0] 1 buffer(s)
	// comm_close <nil> map[] map[] 0 buffer(s)
}
