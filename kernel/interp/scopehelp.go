// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"fmt"
	"go/types"
	"strings"

	"github.com/boltzbook/boltzbook/kernel/display"
	"github.com/boltzbook/boltzbook/kernel/gocell"
)

// Completion and inspection of what cells declared, from the type
// checker's view of the session: it knows every declaration, compiled
// or interpreted, generic or not, with the names as written (the
// compiled tier renames unexported methods; gomacro sees those names).

// sessionChain resolves a selector chain rooted at a session object to
// the type its last complete word has: x.f.g → the type of x.f when the
// last word is being completed. ok is false when the root is not a
// session object.
func (s *Session) sessionChain(words []string) (t types.Type, root *gocell.Object, ok bool) {
	e := s.tiers.engine
	if e == nil {
		return nil, nil, false
	}
	root, ok = e.Scope().Lookup(words[0])
	if !ok {
		return nil, nil, false
	}
	t = root.Obj.Type()
	if _, isType := root.Obj.(*types.TypeName); isType && len(words) > 1 {
		t = types.NewPointer(t) // T.method: the method set of *T covers T's
	}
	for _, w := range words[1 : len(words)-1] {
		obj, _, _ := types.LookupFieldOrMethod(t, true, root.Obj.Pkg(), w)
		if obj == nil {
			return nil, root, false
		}
		switch o := obj.(type) {
		case *types.Var:
			t = o.Type()
		case *types.Func:
			sig := o.Type().(*types.Signature)
			if sig.Results().Len() != 1 {
				return nil, root, false
			}
			t = sig.Results().At(0).Type()
		}
	}
	return t, root, true
}

// sessionCompletions returns the session's names for the last word:
// session objects for a lone word, fields and methods after a session
// object. ok is false when the chain is not the session's.
func (s *Session) sessionCompletions(words []string) (names []string, ok bool) {
	e := s.tiers.engine
	if e == nil {
		return nil, false
	}
	last := words[len(words)-1]
	if len(words) == 1 {
		for _, n := range e.Scope().Names() {
			if strings.HasPrefix(n, last) {
				names = append(names, n)
			}
		}
		return names, false // gomacro and packages add theirs
	}
	t, root, found := s.sessionChain(words)
	if !found || t == nil {
		return nil, root != nil
	}
	seen := map[string]bool{}
	add := func(n string) {
		if strings.HasPrefix(n, last) && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	ms := types.NewMethodSet(t)
	if _, isPtr := t.Underlying().(*types.Pointer); !isPtr && !types.IsInterface(t) {
		ms = types.NewMethodSet(types.NewPointer(t))
	}
	for i := 0; i < ms.Len(); i++ {
		add(ms.At(i).Obj().Name())
	}
	st := t
	if p, isPtr := st.Underlying().(*types.Pointer); isPtr {
		st = p.Elem()
	}
	if str, isStruct := st.Underlying().(*types.Struct); isStruct {
		for i := 0; i < str.NumFields(); i++ {
			add(str.Field(i).Name())
		}
	}
	return names, true
}

// describeSession documents a session object or a member of one: its
// declaration as Go writes it and, for a variable, its value.
func (s *Session) describeSession(words []string) (string, bool) {
	e := s.tiers.engine
	if e == nil {
		return "", false
	}
	root, ok := e.Scope().Lookup(words[0])
	if !ok {
		return "", false
	}
	qual := func(p *types.Package) string {
		if p == nil || p.Path() == gocell.SessionPath {
			return ""
		}
		return p.Name()
	}
	if len(words) == 1 {
		var b strings.Builder
		if v, isVar := root.Obj.(*types.Var); isVar {
			fmt.Fprintf(&b, "%s: %s", v.Name(), types.TypeString(v.Type(), qual))
			if val, ok := e.Value(root); ok && val.CanInterface() {
				fmt.Fprintf(&b, "\nvalue: %s", truncate(display.Text(val.Interface()), maxSummary))
			}
			if doc := namedDoc(v.Type(), ""); doc != "" {
				b.WriteString("\n\n" + doc)
			}
		} else {
			b.WriteString(types.ObjectString(root.Obj, qual))
		}
		if root.Cell > 0 {
			fmt.Fprintf(&b, "\n(declared in cell %d)", root.Cell)
		}
		return b.String(), true
	}
	t, _, found := s.sessionChain(words)
	if !found || t == nil {
		return "", false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, root.Obj.Pkg(), words[len(words)-1])
	if obj == nil {
		if p, isPtr := t.(*types.Pointer); isPtr {
			obj, _, _ = types.LookupFieldOrMethod(p.Elem(), true, root.Obj.Pkg(), words[len(words)-1])
		}
	}
	if obj == nil {
		return "", false
	}
	text := types.ObjectString(obj, qual)
	if f, isField := obj.(*types.Var); isField {
		text = fmt.Sprintf("%s: %s (field)", f.Name(), types.TypeString(f.Type(), qual))
	}
	if doc := namedDoc(t, obj.Name()); doc != "" {
		text += "\n\n" + doc
	}
	return text, true
}

// namedDoc is the documentation of a package's named type (through a
// pointer), or of its member when member is not "".
func namedDoc(t types.Type, member string) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() == gocell.SessionPath {
		return ""
	}
	name := n.Obj().Name()
	if member != "" {
		name += "." + member
	}
	if d, ok := lookupDoc(n.Obj().Pkg().Path(), name); ok {
		return formatDoc(d)
	}
	return ""
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
