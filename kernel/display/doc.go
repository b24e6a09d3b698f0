// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package display shows rich output (HTML, Markdown, LaTeX, images, JSON)
// from Go code running in a boltzbook notebook.
//
// # Showing things
//
// The functions HTML, Markdown, LaTeX, SVG, PNG, Image and JSON each send
// one output to the notebook, below the running cell:
//
//	display.Markdown("## Energy of the Hopfield net")
//	display.HTML("<b>converged</b> after 12 sweeps")
//	display.Image(img) // any image.Image, sent as PNG
//
// Show(v) displays any value by its method set; the first of these that
// v has wins:
//
//	MIMEBundle() map[string]any  // full control: MIME type → data
//	HTML() string
//	Markdown() string
//	SVG() string
//	PNG() []byte
//	image.Image
//
// Every output also carries a text/plain fallback, so it reads well in a
// terminal console and in `boltzbook run` logs. Render(v) returns the
// MIME bundle Show(v) would send; the kernel uses the same rules for the
// value of a cell's last expression. The types HTMLText, MarkdownText,
// LaTeXText, SVGText and MIME turn strings and maps into displayable
// values, e.g. for Handle.Update.
//
// Libraries need not import this package to be displayable: giving a
// type one of the methods above is enough (plots figures have SVG and
// PNG methods, for example).
//
// # Updating in place
//
// A Handle is one output area that can be replaced later, for progress
// bars and animations:
//
//	h := display.New()
//	for i := 0; i <= 10; i++ {
//		h.Update(display.HTMLText(fmt.Sprintf("step %d", i)))
//		time.Sleep(100 * time.Millisecond)
//	}
//
// ClearOutput clears the cell's output area.
//
// # Asking for input
//
// Input and Password ask the user for a line of text in an input box
// below the cell (Password hides what is typed):
//
//	name, err := display.Input("Your name: ")
//	key, err := display.Password("API key: ")
//
// In a front end that does not accept input (a headless `boltzbook
// run`) they return ErrInputNotAllowed at once; an interrupt ends the
// wait with ErrInputInterrupted. Reading os.Stdin (fmt.Scanln,
// bufio.Scanner) asks the same way, without a prompt.
//
// # Outside the kernel
//
// In a plain Go program nothing is attached, and every function prints
// the text/plain form to standard output instead, so code written in a
// notebook still runs unchanged with `go run`. The kernel attaches itself
// with SetSink.
package display
