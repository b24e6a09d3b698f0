// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package widgets_test

import (
	"fmt"

	"github.com/boltzbook/boltzbook/kernel/comm"
	"github.com/boltzbook/boltzbook/kernel/widgets"
)

// A slider and a function of its value. In a notebook the cell shows
// the slider above the function's result, redrawn as the slider moves;
// here, without a front end, the value is set from Go.
func ExampleInteract() {
	T := widgets.NewFloatLogSlider("temperature", 1, -1, 1, 0.1)
	in := widgets.Interact(func(T float64) string {
		return fmt.Sprintf("drawn at T = %.2f", T)
	}, T)
	T.Set("value", 2.5) // as the browser would; a value outside [0.1, 10] would be clamped
	in.Redraw()         // the kernel does this itself, between cells
	fmt.Println(in.Out.Outputs()[0]["data"].(map[string]any)["text/plain"])
	// Output:
	// "drawn at T = 2.50"
}

// Observe functions hear of every change of the attributes they name.
func ExampleWidget_observe() {
	s := widgets.NewIntSlider("units", 5, 1, 20)
	s.Observe(func(c widgets.Change) { fmt.Println(c.Name, "from", c.Old, "to", c.New) })
	s.Value = 12
	s.Update()         // or wait for the cell to end
	s.Set("value", 99) // clamped to Max
	// Output:
	// value from 5 to 12
	// value from 12 to 20
}

// What the front end receives: a comm_open per widget with its state.
func Example_protocol() {
	comm.SetTransport(printer{})
	defer comm.SetTransport(nil)
	b := widgets.NewButton("run")
	b.ButtonStyle = "success"
	b.Update()
	b.Close()
	// Output:
	// comm_open ButtonModel
	// comm_msg map[button_style:success]
	// comm_close
}

type printer struct{}

func (printer) SendComm(msgType string, content, metadata map[string]any, buffers [][]byte) error {
	data, _ := content["data"].(map[string]any)
	switch msgType {
	case "comm_open":
		fmt.Println(msgType, data["state"].(map[string]any)["_model_name"])
	case "comm_msg":
		fmt.Println(msgType, data["state"])
	default:
		fmt.Println(msgType)
	}
	return nil
}
