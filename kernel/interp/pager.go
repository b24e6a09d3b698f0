// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// The pager.
//
// A cell that is only a name followed by ? (or ??), a name preceded by
// ?, or %doc and a name — bm.RBM?, ?mat.NewDense, %doc bm.CD — shows
// the name's documentation in the front end's pager (a "page" payload
// of execute_reply) instead of running: the signature and doc comment
// that inspection gives (Shift+Tab). None of these forms is Go, so no
// program means anything else by them.

var pagerQuery = regexp.MustCompile(`^(?:%doc\s+(\pL[\pL\pN_]*(?:\.\pL[\pL\pN_]*)*)\s*|\?\??\s*(\pL[\pL\pN_]*(?:\.\pL[\pL\pN_]*)*)|(\pL[\pL\pN_]*(?:\.\pL[\pL\pN_]*)*)\s*\?\??)$`)

// pagerName returns the name a pager cell asks about.
func pagerName(code string) (string, bool) {
	m := pagerQuery.FindStringSubmatch(strings.TrimSpace(code))
	if m == nil {
		return "", false
	}
	return m[1] + m[2] + m[3], true
}

// page answers a pager cell; ok is false for any other cell, which then
// runs as usual.
func (s *Session) page(req jupyter.ExecuteRequest, pub jupyter.Publisher) (res jupyter.ExecuteResult, ok bool) {
	name, ok := pagerName(req.Code)
	if !ok {
		return res, false
	}
	r := s.Inspect(name, utf8.RuneCountInString(name), 1)
	if !r.Found {
		if !req.Silent {
			pub.Stream("stdout", "no documentation found for "+name+"\n")
		}
		return res, true
	}
	res.Payload = []map[string]any{jupyter.PagePayload(r.Data)}
	return res, true
}
