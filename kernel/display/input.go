// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package display

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// ErrInputNotAllowed is returned by Input and Password when the front
// end does not accept input requests (allow_stdin off, as in a
// headless `boltzbook run`).
var ErrInputNotAllowed = errors.New("display: this front end does not accept input")

// ErrInputInterrupted is returned by Input and Password when the kernel
// is interrupted while waiting for the answer.
var ErrInputInterrupted = errors.New("display: input interrupted")

// Inputter is a Sink that can also ask the user for a line of text; the
// kernel's sink is one.
type Inputter interface {
	Input(prompt string, password bool) (string, error)
}

// Input shows prompt and returns the line the user types, without its
// newline. In a notebook it is an input box below the cell (the
// protocol's input_request); in a plain program it reads a line of
// standard input after printing prompt.
//
//	name, err := display.Input("Your name: ")
func Input(prompt string) (string, error) { return ask(prompt, false) }

// Password is Input with the answer hidden as it is typed (the front
// end shows dots). In a plain program it reads a line of standard
// input, which a terminal echoes.
func Password(prompt string) (string, error) { return ask(prompt, true) }

func ask(prompt string, password bool) (string, error) {
	if in, ok := currentSink().(Inputter); ok {
		return in.Input(prompt, password)
	}
	fmt.Fprint(os.Stdout, prompt)
	return readLine(os.Stdin)
}

// readLine reads up to a newline one byte at a time, so that nothing
// after the line is taken from r.
func readLine(r io.Reader) (string, error) {
	var b strings.Builder
	var c [1]byte
	for {
		n, err := r.Read(c[:])
		if n == 1 {
			if c[0] == '\n' {
				return strings.TrimSuffix(b.String(), "\r"), nil
			}
			b.WriteByte(c[0])
		}
		if err != nil {
			if err == io.EOF && b.Len() > 0 {
				return b.String(), nil
			}
			return b.String(), err
		}
	}
}
