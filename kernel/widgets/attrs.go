// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package widgets

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
)

// attr binds one attribute of a widget model to a Go field.
type attr struct {
	name string
	get  func() any        // the field's Go value
	wire func() any        // the protocol value (numbers as float64); omit leaves the key out
	set  func(v any) error // from a protocol or Go value; nil: read-only
}

// omit is returned by wire for an attribute to leave out of the state
// (a Layout or Style that is not set).
var omit = &struct{ omit bool }{}

var errType = errors.New("wrong type")

func typeErr(want string, v any) error {
	return fmt.Errorf("%w: want %s, got %T", errType, want, v)
}

func toFloat(v any) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case float32:
		return float64(x), nil
	case int:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case int32:
		return float64(x), nil
	case uint:
		return float64(x), nil
	case json.Number:
		return x.Float64()
	}
	return 0, typeErr("a number", v)
}

func toInt(v any) (int, error) {
	f, err := toFloat(v)
	if err != nil {
		return 0, err
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1<<53 {
		return 0, fmt.Errorf("%w: %v is not an integer", errType, f)
	}
	return int(math.Round(f)), nil
}

func floatAttr(name string, p *float64) attr {
	return attr{name: name,
		get:  func() any { return *p },
		wire: func() any { return finite(*p) },
		set: func(v any) error {
			f, err := toFloat(v)
			if err != nil {
				return err
			}
			if math.IsNaN(f) || math.IsInf(f, 0) {
				return fmt.Errorf("%w: %v is not a finite number", errType, f)
			}
			*p = f
			return nil
		}}
}

// finite keeps NaN and infinities, which JSON cannot carry, off the wire.
func finite(f float64) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return f
}

func intAttr(name string, p *int) attr {
	return attr{name: name,
		get:  func() any { return *p },
		wire: func() any { return float64(*p) },
		set: func(v any) error {
			n, err := toInt(v)
			if err == nil {
				*p = n
			}
			return err
		}}
}

func boolAttr(name string, p *bool) attr {
	return attr{name: name,
		get:  func() any { return *p },
		wire: func() any { return *p },
		set: func(v any) error {
			b, ok := v.(bool)
			if !ok {
				return typeErr("a boolean", v)
			}
			*p = b
			return nil
		}}
}

func stringAttr(name string, p *string) attr {
	return attr{name: name,
		get:  func() any { return *p },
		wire: func() any { return *p },
		set: func(v any) error {
			s, ok := v.(string)
			if !ok {
				return typeErr("a string", v)
			}
			*p = s
			return nil
		}}
}

// nullStringAttr is a string attribute whose "" is null on the wire
// (tooltips, CSS properties).
func nullStringAttr(name string, p *string) attr {
	a := stringAttr(name, p)
	a.wire = func() any {
		if *p == "" {
			return nil
		}
		return *p
	}
	set := a.set
	a.set = func(v any) error {
		if v == nil {
			*p = ""
			return nil
		}
		return set(v)
	}
	return a
}

// choiceAttr is a string attribute that takes one of a few values ("" allowed).
func choiceAttr(name string, p *string, choices ...string) attr {
	a := stringAttr(name, p)
	set := a.set
	a.set = func(v any) error {
		old := *p
		if err := set(v); err != nil {
			return err
		}
		for _, c := range choices {
			if *p == c {
				return nil
			}
		}
		bad := *p
		*p = old
		return fmt.Errorf("%w: %q is not one of %s", errType, bad, strings.Join(quoteAll(choices), ", "))
	}
	return a
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

func stringsAttr(name string, p *[]string) attr {
	return attr{name: name,
		get: func() any { return append([]string(nil), (*p)...) },
		wire: func() any {
			out := make([]any, len(*p))
			for i, s := range *p {
				out[i] = s
			}
			return out
		},
		set: func(v any) error {
			var out []string
			switch x := v.(type) {
			case []string:
				out = append([]string(nil), x...)
			case []any:
				for _, e := range x {
					s, ok := e.(string)
					if !ok {
						return typeErr("a list of strings", v)
					}
					out = append(out, s)
				}
			default:
				return typeErr("a list of strings", v)
			}
			*p = out
			return nil
		}}
}

// indexAttr is a selection index: -1 (nothing selected) is null.
func indexAttr(name string, p *int) attr {
	return attr{name: name,
		get: func() any { return *p },
		wire: func() any {
			if *p < 0 {
				return nil
			}
			return float64(*p)
		},
		set: func(v any) error {
			if v == nil {
				*p = -1
				return nil
			}
			n, err := toInt(v)
			if err == nil {
				*p = n
			}
			return err
		}}
}

func bytesAttr(name string, p *[]byte) attr {
	return attr{name: name,
		get:  func() any { return *p },
		wire: func() any { return append([]byte{}, (*p)...) },
		set: func(v any) error {
			b, ok := v.([]byte)
			if !ok {
				return typeErr("binary data", v)
			}
			*p = append([]byte(nil), b...)
			return nil
		}}
}

// ref returns the protocol reference to w, opening it if needed.
func ref(w Widget) any {
	if w == nil {
		return nil
	}
	m, ok := w.(model)
	if !ok {
		return nil
	}
	open(m)
	return modelPrefix + m.coreOf().id
}

// lookup resolves a protocol reference (or a Widget) to an open widget.
func lookup(v any) (Widget, error) {
	switch x := v.(type) {
	case Widget:
		return x, nil
	case string:
		id, ok := strings.CutPrefix(x, modelPrefix)
		if !ok {
			return nil, fmt.Errorf("%w: %q is not a widget reference", errType, x)
		}
		regMu.Lock()
		m := live[id]
		regMu.Unlock()
		if m == nil {
			return nil, fmt.Errorf("no open widget %s", id)
		}
		return m, nil
	}
	return nil, typeErr("a widget reference", v)
}

func childrenAttr(name string, p *[]Widget) attr {
	return attr{name: name,
		get: func() any { return append([]Widget(nil), (*p)...) },
		wire: func() any {
			out := make([]any, 0, len(*p))
			for _, w := range *p {
				if w != nil {
					out = append(out, ref(w))
				}
			}
			return out
		},
		set: func(v any) error {
			var out []Widget
			switch x := v.(type) {
			case []Widget:
				out = append(out, x...)
			case []any:
				for _, e := range x {
					w, err := lookup(e)
					if err != nil {
						return err
					}
					out = append(out, w)
				}
			default:
				return typeErr("a list of widgets", v)
			}
			*p = out
			return nil
		}}
}

// fixed is a read-only attribute.
func fixed(name string, v any) attr {
	return attr{name: name, get: func() any { return v }, wire: func() any { return v }}
}
