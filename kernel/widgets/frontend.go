// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package widgets

import (
	"sort"

	"github.com/boltzbook/boltzbook/kernel/comm"
)

// receive handles a comm message from the front end.
func receive(m model, data map[string]any, buffers [][]byte) {
	c := m.coreOf()
	restore := setOwner(c.owner)
	defer restore()
	switch method, _ := data["method"].(string); method {
	case "update":
		state, ok := data["state"].(map[string]any)
		if !ok {
			comm.Logf("widgets: update for %s without a state object; ignored", c.id)
			return
		}
		if err := putBuffers(state, data["buffer_paths"], buffers); err != nil {
			comm.Logf("widgets: update for %s: %v; ignored", c.id, err)
			return
		}
		applied := map[string]any{}
		for k, v := range state {
			if err := setAttr(m, k, v); err != nil {
				comm.Logf("widgets: update for %s: %v; ignored", c.id, err)
				continue
			}
			applied[k] = v
		}
		for _, ch := range c.sync(applied) {
			c.notify(ch)
		}
		flushAll()
	case "request_state":
		c.mu.Lock()
		wire, cm := c.wire, c.c
		c.mu.Unlock()
		if cm != nil {
			state, paths, bufs := splitBuffers(wire)
			cm.Send(map[string]any{"method": "update", "state": state, "buffer_paths": paths}, nil, bufs)
		}
	case "custom":
		content, _ := data["content"].(map[string]any)
		if cu, ok := m.(customer); ok {
			cu.custom(content)
			flushAll()
		} else {
			comm.Logf("widgets: custom message for %s, which takes none; ignored", c.id)
		}
	default:
		comm.Logf("widgets: message with method %q for %s; ignored", method, c.id)
	}
}

// flushAll updates every open widget until nothing changes (observers
// may change other widgets), at most a few rounds.
func flushAll() {
	for round := 0; round < 10; round++ {
		any := false
		for _, m := range liveModels() {
			chs := m.coreOf().sync(nil)
			for _, ch := range chs {
				m.coreOf().notify(ch)
			}
			any = any || len(chs) > 0
		}
		if !any {
			return
		}
	}
}

// cellStart closes the widgets and drops the observers that an earlier
// run of the cell key made, and makes key the owner of what it makes.
func cellStart(key string) {
	regMu.Lock()
	var doomed, all []model
	for _, m := range live {
		all = append(all, m)
		if m.coreOf().owner == key {
			doomed = append(doomed, m)
		}
	}
	owner = key
	regMu.Unlock()
	sort.Slice(doomed, func(i, j int) bool { return doomed[i].coreOf().seq > doomed[j].coreOf().seq })
	for _, m := range doomed {
		m.Close()
	}
	for _, m := range all {
		c := m.coreOf()
		c.mu.Lock()
		kept := c.observers[:0]
		for _, o := range c.observers {
			if o.owner != key {
				kept = append(kept, o)
			}
		}
		c.observers = kept
		c.mu.Unlock()
	}
}

func init() {
	comm.OnCellStart(cellStart)
	comm.OnCellEnd(flushAll)
	comm.RegisterTarget(controlTarget, openControl)
}
