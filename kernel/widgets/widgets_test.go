// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package widgets

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/boltzbook/boltzbook/kernel/comm"
	"github.com/boltzbook/boltzbook/kernel/display"
)

// msg is one comm message the widgets sent.
type msg struct {
	typ      string
	id       string
	data     map[string]any
	metadata map[string]any
	buffers  [][]byte
}

// front stands in for the kernel and a front end: it records what the
// widgets send, and queues what they Post.
type front struct {
	mu     sync.Mutex
	msgs   []msg
	posted []func()
	log    bytes.Buffer
}

func (f *front) SendComm(msgType string, content, metadata map[string]any, buffers [][]byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	// Round-trip through JSON, as the wire does.
	b, err := json.Marshal(content["data"])
	if err != nil {
		return err
	}
	var data map[string]any
	json.Unmarshal(b, &data)
	f.msgs = append(f.msgs, msg{msgType, content["comm_id"].(string), data, metadata, buffers})
	return nil
}

func (f *front) take() []msg {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := f.msgs
	f.msgs = nil
	return m
}

func (f *front) runPosted() int {
	f.mu.Lock()
	ps := f.posted
	f.posted = nil
	f.mu.Unlock()
	for _, p := range ps {
		p()
	}
	return len(ps)
}

// attach connects a fresh front end for one test; each test runs as a
// cell of its own, so what it opened is closed at its end.
func attach(t *testing.T) *front {
	f := &front{}
	prevT := comm.SetTransport(f)
	prevP := comm.SetPoster(func(p func()) {
		f.mu.Lock()
		f.posted = append(f.posted, p)
		f.mu.Unlock()
	})
	prevL := comm.SetLogOutput(&f.log)
	key := "test:" + t.Name()
	comm.CellStarting(key)
	t.Cleanup(func() {
		comm.CellStarting(key) // closes what the test made
		comm.CellStarting("")
		comm.SetTransport(prevT)
		comm.SetPoster(prevP)
		comm.SetLogOutput(prevL)
	})
	return f
}

// fromFront delivers a comm_msg from the front end to w.
func fromFront(w Widget, data map[string]any, buffers ...[]byte) {
	comm.DeliverMsg(w.ModelID(), data, buffers)
}

func update(state map[string]any) map[string]any {
	return map[string]any{"method": "update", "state": state, "buffer_paths": []any{}}
}

func TestOpenSendsFullState(t *testing.T) {
	f := attach(t)
	s := NewIntSlider("units", 5, 1, 20)
	ms := f.take()
	if len(ms) != 1 || ms[0].typ != "comm_open" {
		t.Fatalf("sent %+v, want one comm_open", ms)
	}
	o := ms[0]
	if o.id != s.ModelID() || o.metadata["version"] != "2.1.0" {
		t.Errorf("comm_open id %s metadata %v", o.id, o.metadata)
	}
	st := o.data["state"].(map[string]any)
	want := map[string]any{"_model_name": "IntSliderModel", "_model_module": "@jupyter-widgets/controls",
		"_model_module_version": "2.0.0", "_view_name": "IntSliderView", "_view_module": "@jupyter-widgets/controls",
		"_view_module_version": "2.0.0", "value": 5.0, "min": 1.0, "max": 20.0, "step": 1.0,
		"description": "units", "orientation": "horizontal", "readout": true, "continuous_update": true,
		"disabled": false, "tooltip": nil}
	for k, v := range want {
		if fmt.Sprint(st[k]) != fmt.Sprint(v) {
			t.Errorf("state[%q] = %v, want %v", k, st[k], v)
		}
	}
	if _, ok := st["layout"]; ok {
		t.Error("a widget without a Layout refers to one")
	}
	if bp := o.data["buffer_paths"].([]any); len(bp) != 0 {
		t.Errorf("buffer_paths %v", bp)
	}
	if got := s.MIMEBundle()[WidgetViewMIME]; fmt.Sprint(got) != fmt.Sprintf("map[model_id:%s version_major:2 version_minor:0]", s.ModelID()) {
		t.Errorf("widget view %v", got)
	}
}

func TestGoChangesSyncOnlyWhatChanged(t *testing.T) {
	f := attach(t)
	s := NewFloatSlider("T", 1, 0.1, 10, 0.1)
	f.take()
	var seen []Change
	s.Observe(func(c Change) { seen = append(seen, c) })
	s.Value = 2.5
	s.Description = "temperature"
	comm.CellEnded() // the kernel does this after each cell
	ms := f.take()
	if len(ms) != 1 || ms[0].typ != "comm_msg" || ms[0].data["method"] != "update" {
		t.Fatalf("sent %+v, want one update", ms)
	}
	if got := fmt.Sprint(ms[0].data["state"]); got != "map[description:temperature value:2.5]" {
		t.Errorf("update state %s", got)
	}
	if len(seen) != 1 || seen[0].Old != 1.0 || seen[0].New != 2.5 || seen[0].FromFrontEnd {
		t.Errorf("observer saw %+v", seen)
	}
	comm.CellEnded()
	if ms := f.take(); len(ms) != 0 {
		t.Errorf("nothing changed, yet sent %+v", ms)
	}
	// Out of range from Go: clamped, as ipywidgets validates.
	s.Value = 99
	s.Update()
	if s.Value != 10 {
		t.Errorf("value %v, want it clamped to max 10", s.Value)
	}
	if ms := f.take(); len(ms) != 1 || ms[0].data["state"].(map[string]any)["value"] != 10.0 {
		t.Errorf("sent %+v", ms)
	}
}

func TestFrontEndUpdates(t *testing.T) {
	f := attach(t)
	s := NewIntSlider("n", 5, 0, 10)
	f.take()
	var seen []string
	s.Observe(func(c Change) { seen = append(seen, fmt.Sprint(c.Name, " ", c.Old, "→", c.New, " ", c.FromFrontEnd)) })

	fromFront(s, update(map[string]any{"value": 7.0}))
	ms := f.take()
	if s.Value != 7 || len(ms) != 1 || ms[0].data["method"] != "echo_update" || ms[0].data["state"].(map[string]any)["value"] != 7.0 {
		t.Errorf("value %d, sent %+v; want 7 echoed", s.Value, ms)
	}
	// Out of range: clamped as the front end would, and corrected.
	fromFront(s, update(map[string]any{"value": 1000.0}))
	ms = f.take()
	if s.Value != 10 || len(ms) != 1 || ms[0].data["method"] != "update" || ms[0].data["state"].(map[string]any)["value"] != 10.0 {
		t.Errorf("value %d, sent %+v; want clamped to 10 and an update", s.Value, ms)
	}
	// Wrong types, unknown attributes, missing state, unknown methods:
	// logged and ignored.
	fromFront(s, update(map[string]any{"value": "seven", "no_such_attr": 1.0}))
	fromFront(s, map[string]any{"method": "update", "state": "not an object"})
	fromFront(s, map[string]any{"method": "frobnicate"})
	fromFront(s, update(map[string]any{"_model_name": "Evil"}))
	if s.Value != 10 {
		t.Errorf("bad updates changed the value to %d", s.Value)
	}
	if ms := f.take(); len(ms) != 0 {
		t.Errorf("bad updates sent %+v", ms)
	}
	log := f.log.String()
	for _, want := range []string{"wrong type", "no attribute \"no_such_attr\"", "without a state", "frobnicate", "no attribute \"_model_name\""} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	if want := "[value 5→7 true value 7→10 true]"; fmt.Sprint(seen) != want {
		t.Errorf("observer saw %v, want %s", seen, want)
	}
	// request_state: the whole state again.
	fromFront(s, map[string]any{"method": "request_state"})
	ms = f.take()
	if len(ms) != 1 || ms[0].data["state"].(map[string]any)["_model_name"] != "IntSliderModel" {
		t.Errorf("request_state answered %+v", ms)
	}
}

func TestSelectionAndRange(t *testing.T) {
	f := attach(t)
	d := NewDropdown("pick", []string{"a", "b", "c"}, 0)
	r := NewIntRangeSlider("range", 2, 5, 0, 10)
	f.take()
	fromFront(d, update(map[string]any{"index": 2.0}))
	if d.Value() != "c" {
		t.Errorf("dropdown chose %q", d.Value())
	}
	fromFront(d, update(map[string]any{"index": 9.0}))
	if d.Index != 2 {
		t.Errorf("index %d, want clamped to 2", d.Index)
	}
	fromFront(d, update(map[string]any{"index": nil}))
	if d.Index != -1 || d.Value() != "" {
		t.Errorf("null index gave %d %q", d.Index, d.Value())
	}
	fromFront(r, update(map[string]any{"value": []any{8.0, 3.0}}))
	if r.Lower != 3 || r.Upper != 8 {
		t.Errorf("range %d..%d", r.Lower, r.Upper)
	}
	fromFront(r, update(map[string]any{"value": []any{1.0}}))
	if r.Lower != 3 || !strings.Contains(f.log.String(), "pair of integers") {
		t.Errorf("a malformed range was taken: %d..%d", r.Lower, r.Upper)
	}
}

func TestBinaryBuffers(t *testing.T) {
	f := attach(t)
	img := NewImage([]byte{0x89, 'P', 'N', 'G'}, "png")
	o := f.take()[0]
	if fmt.Sprint(o.data["buffer_paths"]) != "[[value]]" || len(o.buffers) != 1 || string(o.buffers[0][1:]) != "PNG" {
		t.Errorf("comm_open buffers %v paths %v", o.buffers, o.data["buffer_paths"])
	}
	if _, ok := o.data["state"].(map[string]any)["value"]; ok {
		t.Error("the buffer is also in the JSON state")
	}
	img.Value = []byte("new")
	img.Update()
	m := f.take()[0]
	if fmt.Sprint(m.data["buffer_paths"]) != "[[value]]" || string(m.buffers[0]) != "new" {
		t.Errorf("update %+v", m)
	}
	// From the front end: with buffers, and malformed ones.
	fromFront(img, map[string]any{"method": "update", "state": map[string]any{}, "buffer_paths": []any{[]any{"value"}}}, []byte("front"))
	if string(img.Value) != "front" {
		t.Errorf("value %q", img.Value)
	}
	for _, bad := range []map[string]any{
		{"method": "update", "state": map[string]any{}, "buffer_paths": []any{[]any{"value"}, []any{"x"}}},
		{"method": "update", "state": map[string]any{}, "buffer_paths": []any{[]any{}}},
		{"method": "update", "state": map[string]any{}, "buffer_paths": "value"},
		{"method": "update", "state": map[string]any{}, "buffer_paths": []any{[]any{"value", 3.0}}},
		{"method": "update", "state": map[string]any{"format": 7.0}},
	} {
		fromFront(img, bad, []byte("evil"))
	}
	if string(img.Value) != "front" || img.Format != "png" {
		t.Errorf("malformed buffers changed the image: %q %q", img.Value, img.Format)
	}
	if n := strings.Count(f.log.String(), "ignored"); n < 5 {
		t.Errorf("%d log lines for 5 bad messages:\n%s", n, f.log.String())
	}
}

func TestSplitAndPutBuffers(t *testing.T) {
	st := map[string]any{"a": []byte("A"), "b": map[string]any{"c": []any{1.0, []byte("C")}}, "d": 2.0}
	out, paths, bufs := splitBuffers(st)
	if fmt.Sprint(out) != "map[b:map[c:[1 <nil>]] d:2]" || fmt.Sprint(paths) != "[[a] [b c 1]]" || string(bufs[0])+string(bufs[1]) != "AC" {
		t.Errorf("split: %v %v %q", out, paths, bufs)
	}
	if _, ok := st["a"].([]byte); !ok {
		t.Error("splitBuffers changed its argument")
	}
	jp, _ := json.Marshal(paths)
	var decoded any
	json.Unmarshal(jp, &decoded)
	if err := putBuffers(out, decoded, bufs); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(out) != fmt.Sprint(st) {
		t.Errorf("round trip %v, want %v", out, st)
	}
}

func TestContainersLayoutStyle(t *testing.T) {
	f := attach(t)
	a, b := NewCheckbox("a", true), NewButton("go")
	box := NewHBox(a, b)
	f.take()
	box.Layout = &Layout{Width: "50%", Border: "1px solid red"}
	a.Style = &Style{DescriptionWidth: "initial", HandleColor: "red"}
	comm.CellEnded()
	var layoutState, styleState, boxUpdate, aUpdate map[string]any
	for _, m := range f.take() {
		st, _ := m.data["state"].(map[string]any)
		switch {
		case m.typ == "comm_open" && st["_model_name"] == "LayoutModel":
			layoutState = st
		case m.typ == "comm_open" && st["_model_name"] == "CheckboxStyleModel":
			styleState = st
		case m.id == box.ModelID():
			boxUpdate = st
		case m.id == a.ModelID():
			aUpdate = st
		}
	}
	if layoutState["width"] != "50%" || layoutState["border_left"] != "1px solid red" || layoutState["height"] != nil {
		t.Errorf("layout state %v", layoutState)
	}
	if styleState["description_width"] != "initial" || styleState["handle_color"] != nil {
		t.Errorf("checkbox style %v (a checkbox has no handle)", styleState)
	}
	if l, _ := boxUpdate["layout"].(string); !strings.HasPrefix(l, "IPY_MODEL_") {
		t.Errorf("box update %v", boxUpdate)
	}
	if s, _ := aUpdate["style"].(string); !strings.HasPrefix(s, "IPY_MODEL_") {
		t.Errorf("checkbox update %v", aUpdate)
	}
	want := []any{"IPY_MODEL_" + a.ModelID(), "IPY_MODEL_" + b.ModelID()}
	if got, _ := box.Get("children"); len(got.([]Widget)) != 2 {
		t.Errorf("children %v", got)
	}
	fromFront(box, update(map[string]any{"children": []any{want[1]}}))
	if len(box.Children) != 1 || box.Children[0] != Widget(b) {
		t.Errorf("children from the front end %v", box.Children)
	}
	fromFront(box, update(map[string]any{"children": []any{"IPY_MODEL_nope"}}))
	if len(box.Children) != 1 {
		t.Errorf("an unknown child was taken: %v", box.Children)
	}
	tab := NewTab([]string{"one"}, a, b)
	if tab.SelectedIndex != 0 || len(tab.Titles) != 2 {
		t.Errorf("tab %v %v", tab.SelectedIndex, tab.Titles)
	}
}

func TestButtonClicks(t *testing.T) {
	f := attach(t)
	b := NewButton("run")
	n := 0
	b.OnClick(func() { n++ })
	fromFront(b, map[string]any{"method": "custom", "content": map[string]any{"event": "click"}})
	fromFront(b, map[string]any{"method": "custom", "content": map[string]any{"event": "dblclick"}})
	b.Click()
	if n != 2 {
		t.Errorf("%d clicks counted, want 2", n)
	}
	l := NewLabel("x")
	fromFront(l, map[string]any{"method": "custom", "content": map[string]any{"event": "click"}})
	if !strings.Contains(f.log.String(), "takes none") {
		t.Errorf("custom message to a label not logged: %s", f.log.String())
	}
}

func TestRerunClosesWidgetsAndObservers(t *testing.T) {
	f := attach(t)
	comm.CellStarting("cell-A")
	s := NewIntSlider("s", 1, 0, 10)
	comm.CellStarting("cell-B")
	other := NewIntSlider("other", 1, 0, 10)
	calls := 0
	s.Observe(func(Change) { calls++ })
	f.take()

	comm.CellStarting("cell-B") // B runs again: its widget and its observer go
	ms := f.take()
	if len(ms) != 1 || ms[0].typ != "comm_close" || ms[0].id != other.ModelID() || !other.Closed() {
		t.Errorf("re-running B sent %+v", ms)
	}
	if s.Closed() {
		t.Error("A's widget closed when B ran again")
	}
	fromFront(s, update(map[string]any{"value": 4.0}))
	if calls != 0 {
		t.Error("the observer B registered survived B's re-run")
	}
	comm.CellStarting("cell-A")
	if !s.Closed() {
		t.Error("A's widget stays open when A runs again")
	}
	for _, w := range Widgets() {
		if w == Widget(s) || w == Widget(other) {
			t.Errorf("a closed widget is still listed: %v", w)
		}
	}
	// The front end closing a widget.
	comm.CellStarting("cell-C")
	c := NewCheckbox("c", false)
	comm.DeliverClose(c.ModelID(), nil)
	if !c.Closed() {
		t.Error("a widget the front end closed is open")
	}
	c.Value = true
	comm.CellEnded()
	for _, m := range f.take() {
		if m.id == c.ModelID() && m.typ == "comm_msg" {
			t.Errorf("a closed widget sent %+v", m)
		}
	}
}

func TestInteractDebounces(t *testing.T) {
	f := attach(t)
	s := NewIntSlider("x", 0, 0, 1000)
	var drawn []int
	i := Interact(func(x int) string {
		drawn = append(drawn, x)
		fmt.Println("printed", x)
		return fmt.Sprintf("drawn %d", x)
	}, s)
	if fmt.Sprint(drawn) != "[0]" {
		t.Fatalf("first draw %v, want it before Interact returns", drawn)
	}
	for v := 1; v <= 100; v++ {
		fromFront(s, update(map[string]any{"value": float64(v)}))
	}
	if n := f.runPosted(); n != 1 {
		t.Errorf("100 updates posted %d redraws, want 1", n)
	}
	if fmt.Sprint(drawn) != "[0 100]" || i.Draws() != 2 {
		t.Errorf("drawn %v, want the first value and the last", drawn)
	}
	outs := i.Out.Outputs()
	var texts []string
	for _, o := range outs {
		switch o["output_type"] {
		case "display_data":
			texts = append(texts, o["data"].(map[string]any)["text/plain"].(string))
		case "stream":
			texts = append(texts, o["text"].(string))
		}
	}
	// (Outside the kernel printed text is not captured; the kernel's
	// tests check it.)
	if got := strings.Join(texts, "|"); got != `"drawn 100"` {
		t.Errorf("output area holds %q, want only the last redraw's result", got)
	}
	// The output's state went to the front end.
	var last map[string]any
	for _, m := range f.take() {
		if m.id == i.Out.ModelID() && m.typ == "comm_msg" {
			last = m.data["state"].(map[string]any)
		}
	}
	if got := fmt.Sprint(last["outputs"]); !strings.Contains(got, "drawn 100") {
		t.Errorf("last outputs sent: %s", got)
	}
}

func TestInteractErrors(t *testing.T) {
	attach(t)
	c := NewCheckbox("boom", false)
	d := NewDropdown("what", []string{"x", "y"}, 0)
	i := Interact(func(boom bool, what string) (string, error) {
		if boom {
			panic("the figure failed")
		}
		if what == "y" {
			return "", fmt.Errorf("no y")
		}
		return "ok " + what, nil
	}, c, d)
	c.Value = true
	c.Update()
	i.Redraw()
	if got := fmt.Sprint(i.Out.Outputs()); !strings.Contains(got, "output_type:error") || !strings.Contains(got, "the figure failed") {
		t.Errorf("a panic in the function shows %s", got)
	}
	c.Value = false
	d.Index = 1
	comm.CellEnded()
	i.Redraw()
	if got := fmt.Sprint(i.Out.Outputs()); !strings.Contains(got, "evalue:no y") {
		t.Errorf("an error result shows %s", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("Interact with a function of the wrong arity did not panic")
		}
	}()
	Interact(func(a, b, c int) {}, NewIntSlider("", 0, 0, 1))
}

func TestOutputCapture(t *testing.T) {
	attach(t)
	o := NewOutput()
	var seen []string
	restore := display.Redirect(sink{&seen})
	defer restore()
	o.Capture(func() {
		display.Show(display.HTMLText("<b>in</b>"))
		h := display.New()
		h.Update("v1")
		h.Update("v2")
	})
	display.Show("outside")
	outs := o.Outputs()
	if len(outs) != 2 || fmt.Sprint(outs[1]["data"].(map[string]any)["text/plain"]) != "\"v2\"" {
		t.Errorf("captured %v", outs)
	}
	if fmt.Sprint(seen) != "[\"outside\"]" {
		t.Errorf("outside the capture, output went %v", seen)
	}
	err := o.Capture(func() { panic("oops") })
	if err == nil || !strings.Contains(fmt.Sprint(o.Outputs()), "oops") {
		t.Errorf("panic: %v, outputs %v", err, o.Outputs())
	}
	o.Clear()
	if len(o.Outputs()) != 0 {
		t.Error("Clear left outputs")
	}
}

type sink struct{ seen *[]string }

func (s sink) Display(data, metadata, transient map[string]any, update bool) {
	*s.seen = append(*s.seen, fmt.Sprint(data["text/plain"]))
}
func (s sink) ClearOutput(bool)      {}
func (s sink) Stream(string, string) {}

func TestLinks(t *testing.T) {
	f := attach(t)
	a := NewFloatSlider("a", 1, 0, 10, 0.1)
	b := NewFloatSlider("b", 2, 0, 10, 0.1)
	l := Link(a, "value", b, "value")
	if b.Value != 1 {
		t.Errorf("b = %v after linking, want a's 1", b.Value)
	}
	fromFront(a, update(map[string]any{"value": 3.0}))
	fromFront(b, update(map[string]any{"value": 4.0}))
	if a.Value != 4 || b.Value != 4 {
		t.Errorf("linked values %v %v", a.Value, b.Value)
	}
	l.Unlink()
	fromFront(a, update(map[string]any{"value": 5.0}))
	if b.Value != 4 {
		t.Error("unlinked, yet b followed")
	}
	lbl := NewLabel("")
	DirectionalLink(a, "value", lbl, "value", func(v any) any { return fmt.Sprintf("T = %.1f", v) })
	if lbl.Value != "T = 5.0" {
		t.Errorf("label %q", lbl.Value)
	}
	f.take()
	jl := JSLink(a, "value", b, "max")
	o := f.take()
	st := o[len(o)-1].data["state"].(map[string]any)
	if st["_model_name"] != "LinkModel" || fmt.Sprint(st["source"]) != fmt.Sprintf("[IPY_MODEL_%s value]", a.ModelID()) ||
		fmt.Sprint(st["target"]) != fmt.Sprintf("[IPY_MODEL_%s max]", b.ModelID()) {
		t.Errorf("jslink state %v", st)
	}
	jl.Close()
	if !jl.Closed() {
		t.Error("link not closed")
	}
}

func frontOf(t *testing.T) *front {
	f := &front{}
	prev := comm.SetTransport(f)
	t.Cleanup(func() { comm.SetTransport(prev) })
	return f
}

func TestControlStates(t *testing.T) {
	attach(t)
	s := NewIntSlider("s", 3, 0, 5)
	img := NewImage([]byte("xyz"), "png")
	states, paths, bufs := States()
	st := states[s.ModelID()].(map[string]any)
	if st["model_name"] != "IntSliderModel" || st["state"].(map[string]any)["value"] != 3.0 {
		t.Errorf("slider entry %v", st)
	}
	found := false
	for i, p := range paths {
		if fmt.Sprint(p) == fmt.Sprintf("[%s value]", img.ModelID()) && string(bufs[i]) == "xyz" {
			found = true
		}
	}
	if !found {
		t.Errorf("image buffer not in %v", paths)
	}
	// Through the comm, as the front end asks.
	f := frontOf(t)
	comm.DeliverOpen("ctl", "jupyter.widget.control", nil, nil)
	comm.DeliverMsg("ctl", map[string]any{"method": "request_states"}, nil)
	ms := f.take()
	if len(ms) != 1 || ms[0].data["method"] != "update_states" {
		t.Fatalf("request_states answered %+v", ms)
	}
	if _, ok := ms[0].data["states"].(map[string]any)[s.ModelID()]; !ok {
		t.Error("the slider is not in update_states")
	}
}

func TestWithoutFrontEnd(t *testing.T) {
	prev := comm.SetTransport(nil)
	defer comm.SetTransport(prev)
	s := NewIntSlider("alone", 2, 0, 4)
	defer s.Close()
	if s.ModelID() == "" {
		t.Error("no model id")
	}
	if err := s.Set("value", 9); err != nil || s.Value != 4 {
		t.Errorf("Set: %v, value %d", err, s.Value)
	}
	if err := s.Set("value", "x"); err == nil {
		t.Error("Set with a string succeeded")
	}
	if _, ok := s.MIMEBundle()[WidgetViewMIME]; ok {
		t.Error("a widget without a front end displays as a widget view")
	}
	if s.String() != `IntSlider(value=4, min=0, max=4, step=1, description="alone")` {
		t.Errorf("text %s", s.String())
	}
	defer func() {
		if recover() == nil {
			t.Error("a literal widget did not panic")
		}
	}()
	(&IntSlider{}).Update()
}

func TestDisplayFallsBackToLastImage(t *testing.T) {
	attach(t)
	s := NewIntSlider("x", 1, 0, 2)
	i := Interact(func(x int) display.MIME { return display.MIME{"image/png": []byte{0x89, 'P', 'N', byte('G' + x)}} }, s)
	box := NewVBox(NewLabel("dial"), i)
	b := box.MIMEBundle()
	if b[WidgetViewMIME] == nil || b["image/png"] == nil {
		t.Fatalf("bundle %v: want the widget view and the last figure as a fallback", b)
	}
	if got := b["image/png"].(string); got != "iVBOSA==" { // the bytes drawn for x = 1
		t.Errorf("fallback image %q", got)
	}
}
