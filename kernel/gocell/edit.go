// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gocell

import (
	"fmt"
	"sort"
	"strings"
)

// An edit replaces the cell text in [start, end) (byte offsets in the
// cell) by what its function returns; an empty range inserts. Edits
// nest: the function renders parts of its range, with the edits inside
// them applied, through the editor's text method. Of two edits with one
// range, the one added first is the outer one. Edits may not overlap
// otherwise.
type edit struct {
	start, end int
	f          func(r *editor) string
	id         int
}

// editor applies a set of edits to a cell's source.
type editor struct {
	src   string
	edits []*edit
	cur   []*edit // the edits in effect while an edit's function runs
	err   error
}

func (r *editor) add(start, end int, f func(r *editor) string) {
	r.edits = append(r.edits, &edit{start: start, end: end, f: f, id: len(r.edits)})
}

// insert adds text at a position.
func (r *editor) insert(at int, text string) {
	r.add(at, at, func(*editor) string { return text })
}

// replace replaces a range by fixed text.
func (r *editor) replace(start, end int, text string) {
	r.add(start, end, func(*editor) string { return text })
}

// prepare sorts the edits: by start, the longer first, then in the
// order they were added.
func (r *editor) prepare() {
	sort.SliceStable(r.edits, func(i, j int) bool {
		a, b := r.edits[i], r.edits[j]
		if a.start != b.start {
			return a.start < b.start
		}
		if a.end != b.end {
			return a.end > b.end
		}
		return a.id < b.id
	})
	r.cur = r.edits
}

// inside reports whether edit e lies within [s, t). An insertion lies
// within a range that contains its point before the end, or is empty at
// its point.
func inside(e *edit, s, t int) bool {
	if e.start == e.end {
		return s <= e.start && (e.start < t || s == t && e.start == s)
	}
	return s <= e.start && e.end <= t
}

// text renders [start, end) of the cell with the edits in effect that
// lie within it applied.
func (r *editor) text(start, end int) string {
	var out strings.Builder
	es := r.cur
	pos := start
	for i := 0; i < len(es); i++ {
		e := es[i]
		if e.start < pos || !inside(e, pos, end) {
			if e.start >= pos && e.start < end && e.end > end && r.err == nil {
				r.err = fmt.Errorf("gocell: internal error: overlapping rewrites at bytes %d-%d and %d-%d", start, end, e.start, e.end)
			}
			continue
		}
		out.WriteString(r.src[pos:e.start])
		j := i + 1
		if e.start != e.end {
			for j < len(es) && inside(es[j], e.start, e.end) {
				j++
			}
		}
		saved := r.cur
		r.cur = es[i+1 : j]
		out.WriteString(e.f(r))
		r.cur = saved
		pos = e.end
		i = j - 1
	}
	out.WriteString(r.src[pos:end])
	return out.String()
}
