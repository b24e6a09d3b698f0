// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package widgets

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/boltzbook/boltzbook/kernel/comm"
)

// The versions of the protocol and of the front-end modules this
// package speaks: ipywidgets 8, as jupyterlab_widgets 3 renders it.
const (
	ProtocolVersion = "2.1.0"
	controlsModule  = "@jupyter-widgets/controls"
	baseModule      = "@jupyter-widgets/base"
	outputModule    = "@jupyter-widgets/output"
	controlsVersion = "2.0.0"
	baseVersion     = "2.0.0"
	outputVersion   = "1.0.0"

	// WidgetViewMIME is the MIME type of a widget's display.
	WidgetViewMIME = "application/vnd.jupyter.widget-view+json"
	// WidgetStateMIME is the MIME type of the saved state of a
	// notebook's widgets (notebook metadata "widgets").
	WidgetStateMIME = "application/vnd.jupyter.widget-state+json"

	target        = "jupyter.widget"
	controlTarget = "jupyter.widget.control"
	modelPrefix   = "IPY_MODEL_"
)

// Widget is a widget of this package: a Go value whose state the front
// end shows and changes. Its exported fields hold the state; a change
// made in Go goes to the front end when the cell or callback that made
// it ends, or at once with Update; a change made in the front end sets
// the field and calls the Observe functions.
type Widget interface {
	// ModelID returns the widget's model id (its comm id).
	ModelID() string
	// Update sends the fields changed since the last update to the
	// front end now, and calls the Observe functions for them.
	Update()
	// Observe calls f after the named attributes change, from the
	// front end or from Go ("value" when no name is given).
	Observe(f func(Change), names ...string)
	// Get returns the attribute of the widget model named name (a
	// protocol name such as "value", "min" or "description") as its Go
	// field holds it.
	Get(name string) (any, error)
	// Set sets the attribute named name as a front end would: the
	// value is converted to the field's type, clamped into range, and
	// rejected with an error when it has the wrong type.
	Set(name string, value any) error
	// Close closes the widget: the front end removes its views.
	Close()
	// Closed reports whether the widget is closed.
	Closed() bool

	coreOf() *core
}

// Change describes a change of one attribute, for Observe functions.
type Change struct {
	Widget Widget // the widget that changed
	Name   string // the attribute, e.g. "value"
	Old    any    // the value before, as the field holds it
	New    any    // the value now
	// FromFrontEnd is true when the change came from the front end
	// (a user moved a slider), false when Go code made it.
	FromFrontEnd bool
}

// spec is a widget model's identity in the front end.
type spec struct {
	model, modelModule, modelVersion string
	view, viewModule, viewVersion    string
}

func controls(model, view string) spec {
	s := spec{model, controlsModule, controlsVersion, view, controlsModule, controlsVersion}
	if view == "" {
		s.viewModule, s.viewVersion = controlsModule, controlsVersion
	}
	return s
}

// model is what each widget type implements on top of Widget.
type model interface {
	Widget
	spec() spec
	// attrs binds the protocol's attributes to the widget's fields,
	// besides the _model_* and _view_* keys.
	attrs() []attr
	String() string
}

// validator is implemented by widgets that keep their fields
// consistent (a value within [min, max]); it is called before every
// update and after every change from the front end.
type validator interface{ validate() }

// customer is implemented by widgets that take custom messages (a
// Button's clicks).
type customer interface {
	custom(content map[string]any)
}

type observer struct {
	f     func(Change)
	names []string
	owner string
}

func (o observer) wants(name string) bool {
	for _, n := range o.names {
		if n == name {
			return true
		}
	}
	return false
}

// core is the part every widget shares: its comm and the state last
// sent to or received from the front end.
type core struct {
	syncMu    sync.Mutex // one sync at a time
	mu        sync.Mutex
	self      model
	id        string
	c         *comm.Comm // nil without a front end
	owner     string     // key of the cell that created it
	seq       int        // creation order
	opened    bool
	closed    bool
	wire      map[string]any // state as last sent or received
	values    map[string]any // the fields' Go values at that time
	observers []observer
}

func (c *core) coreOf() *core { return c }

var (
	regMu   sync.Mutex
	live    = map[string]model{} // open widgets by model id
	nextSeq int
	owner   string // key of the cell running now, or of the widget whose callback runs
)

// currentOwner returns the key new widgets and observers belong to.
func currentOwner() string {
	regMu.Lock()
	defer regMu.Unlock()
	return owner
}

// setOwner makes key the current owner and returns the function that
// restores the previous one.
func setOwner(key string) (restore func()) {
	regMu.Lock()
	prev := owner
	owner = key
	regMu.Unlock()
	return func() {
		regMu.Lock()
		owner = prev
		regMu.Unlock()
	}
}

// open creates the widget's model in the front end. Widgets open when
// they are made (New functions); Layouts and Styles when a widget first
// refers to them.
func open(m model) {
	c := m.coreOf()
	c.mu.Lock()
	if c.opened {
		c.mu.Unlock()
		return
	}
	c.opened = true
	c.self = m
	c.mu.Unlock()
	if v, ok := m.(validator); ok {
		v.validate()
	}
	wire, values := snapshot(m)
	state, paths, buffers := splitBuffers(wire)
	regMu.Lock()
	nextSeq++
	c.seq = nextSeq
	c.owner = owner
	regMu.Unlock()
	cm, err := comm.Open(target, map[string]any{"state": state, "buffer_paths": paths},
		map[string]any{"version": ProtocolVersion}, buffers)
	c.mu.Lock()
	c.wire, c.values = wire, values
	if err == nil {
		c.c = cm
		c.id = cm.ID()
	} else {
		// No front end (a plain Go program): the widget works alone.
		c.id = newID()
	}
	c.mu.Unlock()
	if cm != nil {
		cm.OnMsg(func(_ *comm.Comm, data map[string]any, buffers [][]byte) { receive(m, data, buffers) })
		cm.OnClose(func(*comm.Comm, map[string]any) { forget(m) })
	}
	regMu.Lock()
	live[c.id] = m
	regMu.Unlock()
}

// snapshot returns the widget's full state: the protocol's values
// (wire) and the fields' Go values.
func snapshot(m model) (wire, values map[string]any) {
	s := m.spec()
	wire = map[string]any{
		"_model_name": s.model, "_model_module": s.modelModule, "_model_module_version": s.modelVersion,
		"_view_name": nil, "_view_module": s.viewModule, "_view_module_version": s.viewVersion,
	}
	if s.view != "" {
		wire["_view_name"] = s.view
	}
	values = map[string]any{}
	for _, a := range m.attrs() {
		w := a.wire()
		if w == omit {
			continue
		}
		wire[a.name] = w
		values[a.name] = a.get()
	}
	return wire, values
}

// ModelID returns the widget's model id.
func (c *core) ModelID() string {
	c.mustBeMade()
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.id
}

func (c *core) mustBeMade() {
	c.mu.Lock()
	ok := c.self != nil
	c.mu.Unlock()
	if !ok {
		panic("widgets: a widget must be made with its New function (e.g. widgets.NewIntSlider), not as a literal")
	}
}

// Closed reports whether the widget is closed.
func (c *core) Closed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

// Close closes the widget's model in the front end, which removes its
// views. A closed widget keeps its fields but no longer syncs.
func (c *core) Close() {
	c.mu.Lock()
	if c.closed || c.self == nil {
		c.mu.Unlock()
		return
	}
	c.closed = true
	cm, m := c.c, c.self
	c.observers = nil
	c.mu.Unlock()
	if cm != nil {
		cm.Close(nil)
	}
	unregister(m)
}

// forget is called when the front end closes the widget's comm.
func forget(m model) {
	c := m.coreOf()
	c.mu.Lock()
	c.closed = true
	c.observers = nil
	c.mu.Unlock()
	unregister(m)
}

func unregister(m model) {
	c := m.coreOf()
	regMu.Lock()
	if live[c.id] == m {
		delete(live, c.id)
	}
	regMu.Unlock()
}

// Observe calls f after each change of the named attributes ("value"
// when none is named), whether the front end or Go made it; f runs on
// the kernel's cell goroutine, between cells. An observer registered by
// a cell is dropped when that cell runs again.
func (c *core) Observe(f func(Change), names ...string) {
	c.mustBeMade()
	if f == nil {
		return
	}
	if len(names) == 0 {
		names = []string{"value"}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.observers = append(c.observers, observer{f: f, names: names, owner: currentOwner()})
}

// Get returns the attribute named name as its field holds it.
func (c *core) Get(name string) (any, error) {
	c.mustBeMade()
	for _, a := range c.self.attrs() {
		if a.name == name {
			return a.get(), nil
		}
	}
	return nil, fmt.Errorf("widgets: %s has no attribute %q", c.self.spec().model, name)
}

// Set sets the attribute named name from a Go or protocol value and
// sends the change, as Update does.
func (c *core) Set(name string, value any) error {
	c.mustBeMade()
	if err := setAttr(c.self, name, value); err != nil {
		return err
	}
	c.Update()
	return nil
}

func setAttr(m model, name string, value any) error {
	for _, a := range m.attrs() {
		if a.name != name {
			continue
		}
		if a.set == nil {
			return fmt.Errorf("widgets: %s.%s cannot be set", m.spec().model, name)
		}
		if err := a.set(value); err != nil {
			return fmt.Errorf("widgets: %s.%s: %w", m.spec().model, name, err)
		}
		return nil
	}
	return fmt.Errorf("widgets: %s has no attribute %q", m.spec().model, name)
}

// Update sends the attributes changed since the last update to the
// front end, then calls the observers of the changed attributes.
func (c *core) Update() {
	c.mustBeMade()
	for _, ch := range c.sync(nil) {
		c.notify(ch)
	}
}

// sync sends what changed since the last sync as an update message and
// returns the changes. Keys in echo were just received from the front
// end: those whose value the validation kept go back as echo_update,
// the others (clamped) as update.
func (c *core) sync(echo map[string]any) []Change {
	c.syncMu.Lock()
	defer c.syncMu.Unlock()
	m := c.self
	if v, ok := m.(validator); ok {
		v.validate()
	}
	wire, values := snapshot(m)
	c.mu.Lock()
	if c.closed || !c.opened {
		c.mu.Unlock()
		return nil
	}
	update, echoed := map[string]any{}, map[string]any{}
	var changes []Change
	for k, w := range wire {
		old, had := c.wire[k]
		received, fromFront := echo[k]
		switch {
		case fromFront && equalWire(received, w):
			echoed[k] = w
		case !had || !equalWire(old, w) || fromFront:
			update[k] = w
		default:
			continue
		}
		if !had || !equalWire(old, w) {
			changes = append(changes, Change{Widget: m, Name: k, Old: c.values[k], New: values[k], FromFrontEnd: fromFront})
		}
	}
	c.wire, c.values = wire, values
	cm := c.c
	c.mu.Unlock()
	if cm != nil {
		for method, st := range map[string]map[string]any{"echo_update": echoed, "update": update} {
			if len(st) == 0 {
				continue
			}
			state, paths, buffers := splitBuffers(st)
			if err := cm.Send(map[string]any{"method": method, "state": state, "buffer_paths": paths}, nil, buffers); err != nil && !errors.Is(err, comm.ErrClosed) {
				comm.Logf("widgets: sending %s of %s: %v", method, c.id, err)
			}
		}
	}
	sort.Slice(changes, func(i, j int) bool { return changes[i].Name < changes[j].Name })
	return changes
}

// notify calls the observers of ch.Name.
func (c *core) notify(ch Change) {
	c.mu.Lock()
	obs := append([]observer(nil), c.observers...)
	c.mu.Unlock()
	for _, o := range obs {
		if o.wants(ch.Name) {
			callObserver(o, ch)
		}
	}
}

// describe formats a widget for text/plain: Name(key=value, ...).
func describe(name string, kv ...any) string {
	var b strings.Builder
	b.WriteString(name)
	b.WriteByte('(')
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%v=%v", kv[i], kv[i+1])
	}
	b.WriteByte(')')
	return b.String()
}

// equalWire compares two protocol values.
func equalWire(a, b any) bool {
	return reflect.DeepEqual(a, b)
}

func newID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Widgets returns the open widgets, in the order they were made.
func Widgets() []Widget {
	ws := liveModels()
	out := make([]Widget, len(ws))
	for i, m := range ws {
		out[i] = m
	}
	return out
}

// liveModels returns the open widgets' models in the order they were made.
func liveModels() []model {
	regMu.Lock()
	ws := make([]model, 0, len(live))
	for _, m := range live {
		ws = append(ws, m)
	}
	regMu.Unlock()
	sort.Slice(ws, func(i, j int) bool { return ws[i].coreOf().seq < ws[j].coreOf().seq })
	return ws
}
