// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package widgets gives Go cells the interactive widgets of Jupyter:
// sliders, buttons, drop-downs, output areas and layouts that the
// browser draws and the kernel reads. It speaks the Jupyter widget
// protocol (version 2, as ipywidgets 8 does), so JupyterLab's own
// widget renderer (jupyterlab_widgets) shows them, saved notebooks keep
// their state, and any tool that understands the protocol can render
// them.
//
// # A dial and a figure
//
//	T := widgets.NewFloatLogSlider("temperature", 1, -1, 1, 0.05) // 0.1 … 10
//	widgets.Interact(func(T float64) any {
//		return histogramAt(T) // anything display.Show takes: a figure, an image, text
//	}, T)
//
// The cell shows the slider above an output area; every move of the
// slider calls the function again with the new value and redraws.
//
// # Widgets are Go values
//
// Each widget is a struct whose exported fields hold its state: a
// slider's Value, Min, Max and Description, a Dropdown's Options and
// Index, any widget's Layout. Set a field from Go and the browser
// follows when the cell (or callback) ends — or at once with Update:
//
//	p := widgets.NewProgress("training", 0, 0, 100)
//	display.Show(p)
//	for epoch := range 100 {
//		train()
//		p.Value = float64(epoch + 1)
//		p.Update()
//	}
//
// Move the slider in the browser and the field changes; Observe
// functions hear of it:
//
//	s := widgets.NewIntSlider("units", 5, 1, 20)
//	s.Observe(func(c widgets.Change) { fmt.Println("from", c.Old, "to", c.New) })
//
// Make widgets with their New functions (a literal is not connected to
// the front end); Layout and Style are the exception: assign literals,
// &widgets.Layout{Width: "400px"}, to a widget's field. Get and Set
// read and write attributes by their protocol names ("value",
// "description"), with the checks a front end's update goes through.
// Every widget displays itself when it is a cell's value or is passed
// to display.Show; HBox, VBox, GridBox, Tab and Accordion arrange
// several.
//
// # The widgets
//
// IntSlider, FloatSlider, FloatLogSlider, IntRangeSlider, Play,
// Progress, Checkbox, Dropdown, RadioButtons, ToggleButtons, Button
// (OnClick), Text, Textarea, Label, HTML, HTMLMath, Image (bytes sent
// as a binary buffer), Output, Box, HBox, VBox, GridBox, Tab,
// Accordion; Layout and Style; Link and DirectionalLink (kept by the
// kernel), JSLink and JSDirectionalLink (kept by the browser).
//
// # Where callbacks run, and when
//
// Observe functions, OnClick functions and Interact's redraws run on
// the kernel's cell goroutine, between cells: never while a cell runs,
// never two at a time, so they may use the notebook's variables
// without locks. A change that arrives while a cell runs waits for it.
//
// Interact's redraws are debounced: a burst of slider updates leads to
// one redraw of the latest values once the updates already received
// are handled; a redraw slower than the slider never builds a backlog.
//
// Kernel › Interrupt stops a running callback as it stops a cell. A
// panic or an interrupt inside Interact's function or Output.Capture
// shows in that output area; one in an Observe function is printed on
// stderr (in the output area, when the callback runs inside one). The
// kernel and its variables are unharmed.
//
// # Output areas
//
// Output is an output area inside a layout. Output.Capture runs a
// function with its displays and prints going into the area; Show and
// Clear fill and empty it. Its content is part of its state: a saved
// notebook keeps the last figure an Interact drew.
//
// # Lifetime
//
// Running a cell again closes the widgets its earlier run made and
// drops the Observe functions it registered, so re-running a cell
// replaces its widgets rather than piling them up. Close closes one
// widget.
//
// # Bad input
//
// Updates from a front end with unknown attributes, values of the
// wrong type or malformed binary buffers are logged in the kernel's
// log and ignored; values out of range are clamped as the front end
// would clamp them, and the corrected value is sent back.
//
// # Outside the kernel
//
// In a plain Go program (no front end), widgets work as values:
// fields, Set, Observe and Interact behave the same, and displaying one
// prints its text form.
package widgets
