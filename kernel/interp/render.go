// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"reflect"
	"strings"

	xr "github.com/cosmos72/gomacro/xreflect"

	"github.com/boltzbook/boltzbook/kernel/display"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// Rendering a cell's value. Values of compiled types go to
// display.Render, which finds HTML(), SVG() and the like through
// reflection. Types declared in a cell are different: gomacro cannot add
// methods to the reflect types it builds, so their methods are visible
// only through gomacro's own type information, and are called from there.

// result pairs a value with its gomacro type.
type result struct {
	v any
	t xr.Type
	x xr.Value
}

// render makes the execute_result bundle. One value (or one non-nil
// value next to nil errors) renders richly; several show as text
// separated by spaces.
func render(rs []result) jupyter.MIMEBundle {
	var only result
	count := 0
	vals := make([]any, len(rs))
	for i, r := range rs {
		vals[i] = r.v
		if r.v != nil {
			only = r
			count++
		}
	}
	if count == 1 {
		if _, isErr := only.v.(error); !isErr || len(rs) == 1 {
			return renderOne(only)
		}
	}
	return jupyter.MIMEBundle{display.MIMEText: display.Texts(vals...)}
}

// renderOne renders a single value, richly when its type allows.
func renderOne(r result) jupyter.MIMEBundle {
	b := display.Render(r.v)
	if len(b) > 1 {
		return b
	}
	b[display.MIMEText] = nameNotebookType(b[display.MIMEText], r)
	if proxy := interpretedRich(r.x, r.t); proxy != nil {
		rich := display.Render(proxy)
		if _, ok := proxy.(display.MIME); !ok || rich[display.MIMEText] == nil {
			rich[display.MIMEText] = b[display.MIMEText]
		}
		return rich
	}
	return b
}

// nameNotebookType puts the name of a type declared in the notebook
// where Go syntax shows the anonymous struct gomacro builds for it:
// point{X:1, Y:2} rather than struct { X int; Y int }{X:1, Y:2}.
func nameNotebookType(text any, r result) any {
	s, ok := text.(string)
	if !ok || r.t == nil || r.v == nil {
		return text
	}
	named := r.t
	if named.Kind() == reflect.Ptr {
		named = named.Elem()
	}
	if !named.Named() {
		return text
	}
	rt := reflect.TypeOf(r.v)
	prefix := ""
	if rt.Kind() == reflect.Ptr {
		rt, prefix = rt.Elem(), "&"
	}
	name := strings.TrimPrefix(named.String(), "main.")
	if rt.Name() != "" || rt.Kind() != reflect.Struct || !strings.HasPrefix(s, prefix+rt.String()) {
		return text
	}
	return prefix + name + strings.TrimPrefix(s, prefix+rt.String())
}

// interpretedRich calls the first display method (in display.Render's
// order) that a notebook-declared type has, and returns a compiled value
// with the same content; nil when there is none or it panics.
func interpretedRich(v xr.Value, t xr.Type) (proxy any) {
	if t == nil || !v.IsValid() {
		return nil
	}
	defer func() {
		if recover() != nil {
			proxy = nil
		}
	}()
	rv := v.ReflectValue()
	for _, name := range []string{"MIMEBundle", "HTML", "Markdown", "SVG", "PNG"} {
		m, n := t.MethodByName(name, "")
		if n != 1 || m.Funs == nil || m.Index < 0 || m.Index >= len(*m.Funs) {
			continue
		}
		f := (*m.Funs)[m.Index]
		if !f.IsValid() || f.Kind() != reflect.Func || f.Type().NumIn() != 1 || f.Type().NumOut() != 1 ||
			!rv.Type().AssignableTo(f.Type().In(0)) {
			continue // e.g. a pointer method on a value
		}
		out := f.Call([]reflect.Value{rv})[0].Interface()
		switch x := out.(type) {
		case map[string]any:
			return display.MIME(x)
		case []byte:
			return pngBytes(x)
		case string:
			switch name {
			case "HTML":
				return display.HTMLText(x)
			case "Markdown":
				return display.MarkdownText(x)
			case "SVG":
				return display.SVGText(x)
			}
		}
	}
	return nil
}

// pngBytes displays as a PNG image.
type pngBytes []byte

func (p pngBytes) PNG() []byte { return p }
