// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package cellrt

import "sync"

// Cell is what a compiled cell's package registers when its plugin loads.
type Cell struct {
	// Path is the package's import path, which names the plugin.
	Path string
	// Run runs the cell's top-level statements and returns the values
	// of its final expression, or nil when it has none.
	Run func() []any
	// Done counts the top-level statements that have run to their end.
	Done *int
	// Vars maps the names of the variables the cell declares at top
	// level to pointers to them.
	Vars map[string]any
	// Funcs maps the names of the non-generic functions the cell
	// declares to the functions.
	Funcs map[string]any
	// Types maps the names of the non-generic types the cell declares
	// to a nil pointer of each, (*T)(nil).
	Types map[string]any
	// Slots maps the names of what the cell uses from earlier cells to
	// pointers to the package variables through which it reaches them:
	// a *T for a variable of type T, a func value for a function. The
	// kernel fills them before Run.
	Slots map[string]any
}

var (
	mu    sync.Mutex
	cells = map[string]*Cell{}
)

// Register records c under c.Path. A generated package calls it from
// its init function.
func Register(c *Cell) {
	mu.Lock()
	cells[c.Path] = c
	mu.Unlock()
}

// Take returns and forgets the cell registered under path.
func Take(path string) (*Cell, bool) {
	mu.Lock()
	defer mu.Unlock()
	c, ok := cells[path]
	delete(cells, path)
	return c, ok
}
