// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"encoding/json"
	"errors"
)

// publisher sends a cell's output on iopub under the header of the
// execute_request that started it. It stays usable after the cell has
// finished, so output from goroutines the cell started still reaches
// the right cell in the front end.
type publisher struct {
	k          *Kernel
	parent     *Message
	silent     bool // silent requests broadcast nothing
	allowStdin bool
}

var _ Publisher = (*publisher)(nil)

func (p *publisher) Stream(name, text string) {
	if p.silent || text == "" {
		return
	}
	if name != "stderr" {
		name = "stdout"
	}
	p.k.publish("stream", p.parent, map[string]any{"name": name, "text": text})
}

func (p *publisher) Display(data MIMEBundle, metadata, transient map[string]any, update bool) {
	if p.silent {
		return
	}
	if metadata == nil {
		metadata = map[string]any{}
	}
	if transient == nil {
		transient = map[string]any{}
	}
	t := "display_data"
	if update {
		t = "update_display_data"
	}
	p.k.publish(t, p.parent, map[string]any{"data": wireBundle(data), "metadata": metadata, "transient": transient})
}

func (p *publisher) ClearOutput(wait bool) {
	if p.silent {
		return
	}
	p.k.publish("clear_output", p.parent, map[string]any{"wait": wait})
}

// ErrStdinNotAllowed is returned by Input when the front end does not
// accept input requests (allow_stdin false, e.g. a headless run).
var ErrStdinNotAllowed = errors.New("jupyter: this front end does not support input requests")

// ErrInputInterrupted is returned by Input when the kernel is
// interrupted while waiting for the user.
var ErrInputInterrupted = errors.New("jupyter: input interrupted")

func (p *publisher) Input(prompt string, password bool) (string, error) {
	if !p.allowStdin {
		return "", ErrStdinNotAllowed
	}
	k := p.k
	k.stdinMu.Lock()
	defer k.stdinMu.Unlock()
	// Forget replies and interrupts meant for an earlier request.
	for drained := false; !drained; {
		select {
		case <-k.inputReply:
		case <-k.inputCancel:
		default:
			drained = true
		}
	}
	m, err := newMessage(k.session, "input_request", p.parent, map[string]any{"prompt": prompt, "password": password})
	if err != nil {
		return "", err
	}
	k.sendTo(k.stdin, nil, p.parent, m)
	select {
	case r := <-k.inputReply:
		var c struct {
			Value string `json:"value"`
		}
		if err := json.Unmarshal(r.Content, &c); err != nil {
			return "", errors.New("jupyter: malformed input_reply")
		}
		return c.Value, nil
	case <-k.inputCancel:
		return "", ErrInputInterrupted
	case <-k.done:
		return "", ErrInputInterrupted
	}
}
