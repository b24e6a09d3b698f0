// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package widgets

import (
	"fmt"
	"sync"
)

// Linked is a link kept by the kernel (Link, DirectionalLink).
type Linked struct {
	mu     sync.Mutex
	active bool
}

// Unlink stops the link.
func (l *Linked) Unlink() {
	l.mu.Lock()
	l.active = false
	l.mu.Unlock()
}

func (l *Linked) on() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.active
}

// Link keeps attribute aName of a and bName of b equal, in the kernel:
// b takes a's value now, and a change of either, from the front end or
// from Go, is copied to the other. Compare JSLink, which links them in
// the front end without a round trip.
func Link(a Widget, aName string, b Widget, bName string) *Linked {
	l := &Linked{active: true}
	copyAttr(l, a, aName, b, bName, nil)
	a.Observe(func(Change) { copyAttr(l, a, aName, b, bName, nil) }, aName)
	b.Observe(func(Change) { copyAttr(l, b, bName, a, aName, nil) }, bName)
	return l
}

// DirectionalLink copies attribute sName of source to tName of target,
// now and after every change, through transform (nil: as is).
func DirectionalLink(source Widget, sName string, target Widget, tName string, transform func(any) any) *Linked {
	l := &Linked{active: true}
	copyAttr(l, source, sName, target, tName, transform)
	source.Observe(func(Change) { copyAttr(l, source, sName, target, tName, transform) }, sName)
	return l
}

func copyAttr(l *Linked, from Widget, fromName string, to Widget, toName string, transform func(any) any) {
	if !l.on() || from.Closed() || to.Closed() {
		return
	}
	v, err := from.Get(fromName)
	if err != nil {
		panic(err)
	}
	if transform != nil {
		v = transform(v)
	}
	if cur, err := to.Get(toName); err == nil && fmt.Sprint(cur) == fmt.Sprint(v) {
		return
	}
	if err := to.Set(toName, v); err != nil {
		panic(err)
	}
}

// FrontLink is a link kept by the front end (JSLink,
// JSDirectionalLink): it works without the kernel, even in a saved
// notebook. Close it to unlink.
type FrontLink struct {
	core
	directional bool
	source      [2]any
	target      [2]any
}

// JSLink links attribute aName of a and bName of b in the front end
// (ipywidgets' jslink): the browser keeps them equal with no message
// to the kernel.
func JSLink(a Widget, aName string, b Widget, bName string) *FrontLink {
	l := &FrontLink{source: [2]any{a, aName}, target: [2]any{b, bName}}
	open(l)
	return l
}

// JSDirectionalLink copies attribute sName of source to tName of
// target in the front end (ipywidgets' jsdlink).
func JSDirectionalLink(source Widget, sName string, target Widget, tName string) *FrontLink {
	l := &FrontLink{directional: true, source: [2]any{source, sName}, target: [2]any{target, tName}}
	open(l)
	return l
}

func (l *FrontLink) spec() spec {
	if l.directional {
		return controls("DirectionalLinkModel", "")
	}
	return controls("LinkModel", "")
}

func (l *FrontLink) attrs() []attr {
	pair := func(p [2]any) any { return []any{ref(p[0].(Widget)), p[1]} }
	return []attr{
		{name: "source", get: func() any { return l.source }, wire: func() any { return pair(l.source) }},
		{name: "target", get: func() any { return l.target }, wire: func() any { return pair(l.target) }},
	}
}

func (l *FrontLink) String() string {
	return describe(l.spec().model, "source", l.source[1], "target", l.target[1])
}
