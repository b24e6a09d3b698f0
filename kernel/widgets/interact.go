// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package widgets

import (
	"fmt"
	"os"
	"reflect"
	"sync"

	"github.com/boltzbook/boltzbook/kernel/comm"
	"github.com/boltzbook/boltzbook/kernel/display"
)

// Interactive is what Interact returns: its controls above an Output
// area that shows f's result. It displays as a VBox of both.
type Interactive struct {
	*VBox
	// Controls are the widgets whose changes redraw.
	Controls []Widget
	// Out is the output area f draws into.
	Out *Output

	f     reflect.Value
	owner string

	mu      sync.Mutex
	pending bool
	draws   int
}

// Interact shows controls and, below them, an output area with what f
// returns (a figure, an image, text: anything display.Show takes), and
// calls f again whenever a control changes.
//
// f is a func() or a func of one argument per control, which receives
// the control's value (a slider's Value, a Dropdown's chosen option,
// a Checkbox's bool ...), converted to the parameter's type; its first
// result, if any and not nil, is displayed, and a non-nil error as a
// second result is shown instead. What f prints goes into the area
// too, and so does a panic, as an error.
//
// Redraws are debounced: a change schedules one redraw, which runs
// once the kernel has handled the messages already waiting and draws
// the controls' latest values, so a slider dragged faster than f can
// draw costs one redraw per draw time, never a backlog. f first runs
// before Interact returns, so the area is filled even where no front
// end is attached (a headless run).
func Interact(f any, controls ...Widget) *Interactive {
	fv := reflect.ValueOf(f)
	if fv.Kind() != reflect.Func || fv.IsNil() {
		panic(fmt.Sprintf("widgets: Interact wants a function, got %T", f))
	}
	if t := fv.Type(); t.NumIn() != 0 && t.NumIn() != len(controls) || t.IsVariadic() {
		panic(fmt.Sprintf("widgets: Interact wants a func() or a func of one argument per control (%d), got %s", len(controls), t))
	}
	out := NewOutput()
	children := append(append([]Widget(nil), controls...), out)
	i := &Interactive{VBox: NewVBox(children...), Controls: controls, Out: out, f: fv, owner: currentOwner()}
	for _, c := range controls {
		c.Observe(func(Change) { i.schedule() }, watched(c))
	}
	i.draw()
	return i
}

// watched returns the attribute of a control whose changes matter.
func watched(w Widget) string {
	switch w.(type) {
	case *Dropdown, *RadioButtons, *ToggleButtons:
		return "index"
	case *Button:
		return "_click"
	case *Tab, *Accordion:
		return "selected_index"
	}
	return "value"
}

// argument returns the value of control w passed to f.
func argument(w Widget) any {
	switch x := w.(type) {
	case *Dropdown:
		return x.Value()
	case *RadioButtons:
		return x.Value()
	case *ToggleButtons:
		return x.Value()
	case *Button:
		return nil
	}
	v, err := w.Get(watched(w))
	if err != nil {
		return nil
	}
	return v
}

// schedule posts one redraw unless one is waiting already.
func (i *Interactive) schedule() {
	i.mu.Lock()
	if i.pending {
		i.mu.Unlock()
		return
	}
	i.pending = true
	i.mu.Unlock()
	comm.Post(func() {
		i.mu.Lock()
		i.pending = false
		i.mu.Unlock()
		i.draw()
	})
}

// Redraw calls f again now and shows its result.
func (i *Interactive) Redraw() { i.draw() }

// Draws returns how many times f has been called.
func (i *Interactive) Draws() int {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.draws
}

func (i *Interactive) draw() {
	if i.Out.Closed() || i.VBox.Closed() {
		return
	}
	restore := setOwner(i.owner)
	defer restore()
	i.mu.Lock()
	i.draws++
	i.mu.Unlock()
	i.Out.Capture(func() {
		display.ClearOutput(true)
		results := i.f.Call(i.args())
		if len(results) == 0 {
			return
		}
		if len(results) > 1 {
			if e, ok := results[len(results)-1].Interface().(error); ok && e != nil {
				i.Out.addError("error", e.Error())
				return
			}
		}
		r := results[0]
		switch r.Kind() {
		case reflect.Interface, reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
			if r.IsNil() {
				return
			}
		}
		display.Show(r.Interface())
	})
	flushAll()
}

// args converts the controls' values to f's parameters.
func (i *Interactive) args() []reflect.Value {
	t := i.f.Type()
	if t.NumIn() == 0 {
		return nil
	}
	args := make([]reflect.Value, t.NumIn())
	for k, c := range i.Controls {
		pt := t.In(k)
		v := reflect.ValueOf(argument(c))
		switch {
		case !v.IsValid():
			args[k] = reflect.Zero(pt)
		case v.Type().AssignableTo(pt):
			args[k] = v
		case v.Type().ConvertibleTo(pt):
			args[k] = v.Convert(pt)
		default:
			panic(fmt.Sprintf("widgets: Interact: the value of control %d is a %s, which the function's parameter %d (%s) cannot take", k, v.Type(), k, pt))
		}
	}
	return args
}

// callObserver calls an Observe function, reporting a panic in it
// rather than letting it end the callback: on stderr, which is the
// Output area when the callback runs inside Output.Capture (as
// Interact's do).
func callObserver(o observer, ch Change) {
	defer func() {
		if r := recover(); r != nil {
			if comm.Interrupted() {
				fmt.Fprintf(os.Stderr, "Interrupted: an Observe function of %s was stopped\n", describeWidget(ch.Widget))
				return
			}
			fmt.Fprintf(os.Stderr, "panic in an Observe function of %s (%s changed): %v\n", describeWidget(ch.Widget), ch.Name, r)
		}
	}()
	o.f(ch)
}

func describeWidget(w Widget) string {
	if m, ok := w.(model); ok {
		return m.spec().model + " " + m.coreOf().id
	}
	return fmt.Sprintf("%T", w)
}
