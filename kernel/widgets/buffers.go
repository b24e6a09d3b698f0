// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package widgets

import (
	"fmt"
	"math"
	"sort"
)

// Binary buffers (protocol version 2): a []byte anywhere in a state
// travels as a raw frame of the comm message. It is taken out of the
// JSON state (a map entry is removed, a list element becomes null) and
// its place is named by a path of keys and indices in buffer_paths.

// splitBuffers returns a copy of state without its []byte values, their
// paths and the bytes. state itself is not changed.
func splitBuffers(state map[string]any) (out map[string]any, paths [][]any, buffers [][]byte) {
	var walk func(v any, path []any) any
	walk = func(v any, path []any) any {
		switch x := v.(type) {
		case []byte:
			paths = append(paths, append([]any(nil), path...))
			buffers = append(buffers, x)
			return omit
		case map[string]any:
			m := make(map[string]any, len(x))
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys) // buffers in a stable order
			for _, k := range keys {
				if w := walk(x[k], append(path, k)); w != omit {
					m[k] = w
				}
			}
			return m
		case []any:
			l := make([]any, len(x))
			for i, e := range x {
				if w := walk(e, append(path, i)); w != omit {
					l[i] = w
				}
			}
			return l
		}
		return v
	}
	out = walk(state, nil).(map[string]any)
	if paths == nil {
		paths = [][]any{}
	}
	return out, paths, buffers
}

// putBuffers puts buffers into state at paths (buffer_paths as decoded
// from JSON: a list of lists of strings and numbers). Malformed paths,
// or as many paths as buffers not, are an error and state is then left
// as it was.
func putBuffers(state map[string]any, pathsV any, buffers [][]byte) error {
	if pathsV == nil {
		if len(buffers) > 0 {
			return fmt.Errorf("%d buffers without buffer_paths", len(buffers))
		}
		return nil
	}
	list, ok := pathsV.([]any)
	if !ok {
		return fmt.Errorf("buffer_paths is a %T, not a list", pathsV)
	}
	if len(list) != len(buffers) {
		return fmt.Errorf("%d buffer paths for %d buffers", len(list), len(buffers))
	}
	type place struct {
		container any
		key       any
	}
	places := make([]place, len(list))
	for i, p := range list {
		path, ok := p.([]any)
		if !ok || len(path) == 0 {
			return fmt.Errorf("buffer path %d is not a non-empty list", i)
		}
		var cur any = state
		for j, elem := range path {
			last := j == len(path)-1
			switch c := cur.(type) {
			case map[string]any:
				k, ok := elem.(string)
				if !ok {
					return fmt.Errorf("buffer path %d: %v is not an object key", i, elem)
				}
				if last {
					places[i] = place{c, k}
				} else if cur, ok = c[k]; !ok {
					return fmt.Errorf("buffer path %d: no key %q", i, k)
				}
			case []any:
				f, ok := elem.(float64)
				if !ok || f != math.Trunc(f) || f < 0 || int(f) >= len(c) {
					return fmt.Errorf("buffer path %d: %v is not an index of a list of %d", i, elem, len(c))
				}
				if last {
					places[i] = place{c, int(f)}
				} else {
					cur = c[int(f)]
				}
			default:
				return fmt.Errorf("buffer path %d goes through a %T", i, cur)
			}
		}
	}
	for i, pl := range places {
		switch c := pl.container.(type) {
		case map[string]any:
			c[pl.key.(string)] = buffers[i]
		case []any:
			c[pl.key.(int)] = buffers[i]
		}
	}
	return nil
}
