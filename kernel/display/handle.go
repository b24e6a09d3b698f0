// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package display

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
)

// Handle is one output area that can be replaced in place: the first
// Update displays it, later Updates replace its content wherever it is
// shown (Jupyter's display_id mechanism).
type Handle struct {
	id string

	mu    sync.Mutex
	shown bool
}

// New returns a Handle with a fresh display id. Nothing is shown until
// the first Update.
func New() *Handle {
	var b [8]byte
	rand.Read(b[:])
	return &Handle{id: "bb-" + hex.EncodeToString(b[:])}
}

// ID returns the Jupyter display_id of h.
func (h *Handle) ID() string { return h.id }

// Update shows v (rendered as by Show) in h's output area.
func (h *Handle) Update(v any) { h.send(Render(v)) }

// Clear empties h's output area but keeps it, so that it can be updated again.
func (h *Handle) Clear() { h.send(map[string]any{MIMEText: ""}) }

func (h *Handle) send(data map[string]any) {
	h.mu.Lock()
	update := h.shown
	h.shown = true
	h.mu.Unlock()
	if currentSink() == nil && update {
		// In a terminal there is nothing to update in place: print the
		// new state as a new line, as a plain program would.
		update = false
	}
	send(data, nil, map[string]any{"display_id": h.id}, update)
}
