// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package widgets

import "fmt"

// Checkbox is a boolean.
type Checkbox struct {
	described
	Value bool
	// Indent lines the box up with the controls that have a description.
	Indent bool
}

// NewCheckbox returns a checkbox at value.
func NewCheckbox(description string, value bool) *Checkbox {
	w := &Checkbox{described: described{Description: description}, Value: value, Indent: true}
	open(w)
	return w
}

func (w *Checkbox) spec() spec { return controls("CheckboxModel", "CheckboxView") }

func (w *Checkbox) attrs() []attr {
	return append(w.describedAttrs("CheckboxStyleModel"), boolAttr("value", &w.Value), boolAttr("indent", &w.Indent))
}

func (w *Checkbox) String() string {
	return describe("Checkbox", "value", w.Value, "description", fmt.Sprintf("%q", w.Description))
}

// selection is what Dropdown, RadioButtons and ToggleButtons share: a
// choice among Options by Index.
type selection struct {
	described
	// Options are the labels to choose from.
	Options []string
	// Index is the chosen option's position, -1 for none. Observe
	// "index" to hear of choices.
	Index int
}

func (s *selection) selectionAttrs(styleKind string) []attr {
	return append(s.describedAttrs(styleKind), stringsAttr("_options_labels", &s.Options), indexAttr("index", &s.Index))
}

func (s *selection) validate() {
	if s.Index >= len(s.Options) {
		s.Index = len(s.Options) - 1
	}
	if s.Index < -1 {
		s.Index = -1
	}
}

// Value returns the chosen option, or "" when none is.
func (s *selection) Value() string {
	if s.Index < 0 || s.Index >= len(s.Options) {
		return ""
	}
	return s.Options[s.Index]
}

// Select chooses option by its label and reports whether there is one.
func (s *selection) Select(option string) bool {
	for i, o := range s.Options {
		if o == option {
			s.Index = i
			return true
		}
	}
	return false
}

func (s *selection) describe(kind string) string {
	return describe(kind, "value", fmt.Sprintf("%q", s.Value()), "options", fmt.Sprintf("%q", s.Options), "description", fmt.Sprintf("%q", s.Description))
}

func newSelection(description string, options []string, index int) selection {
	return selection{described: described{Description: description}, Options: append([]string(nil), options...), Index: index}
}

// Dropdown chooses one of Options from a drop-down list.
type Dropdown struct{ selection }

// NewDropdown returns a drop-down list with options[index] chosen (-1: none).
func NewDropdown(description string, options []string, index int) *Dropdown {
	w := &Dropdown{newSelection(description, options, index)}
	open(w)
	return w
}

func (w *Dropdown) spec() spec     { return controls("DropdownModel", "DropdownView") }
func (w *Dropdown) attrs() []attr  { return w.selectionAttrs("DescriptionStyleModel") }
func (w *Dropdown) String() string { return w.describe("Dropdown") }

// RadioButtons chooses one of Options with radio buttons.
type RadioButtons struct{ selection }

// NewRadioButtons returns radio buttons with options[index] chosen (-1: none).
func NewRadioButtons(description string, options []string, index int) *RadioButtons {
	w := &RadioButtons{newSelection(description, options, index)}
	open(w)
	return w
}

func (w *RadioButtons) spec() spec     { return controls("RadioButtonsModel", "RadioButtonsView") }
func (w *RadioButtons) attrs() []attr  { return w.selectionAttrs("DescriptionStyleModel") }
func (w *RadioButtons) String() string { return w.describe("RadioButtons") }

// ToggleButtons chooses one of Options with a row of buttons.
type ToggleButtons struct {
	selection
	// Tooltips are shown on the buttons, one per option.
	Tooltips []string
	// Icons are Font Awesome names (without "fa-"), one per option.
	Icons []string
	// ButtonStyle is "", "primary", "success", "info", "warning" or "danger".
	ButtonStyle string
}

// NewToggleButtons returns toggle buttons with options[index] chosen (-1: none).
func NewToggleButtons(description string, options []string, index int) *ToggleButtons {
	w := &ToggleButtons{selection: newSelection(description, options, index)}
	open(w)
	return w
}

func (w *ToggleButtons) spec() spec { return controls("ToggleButtonsModel", "ToggleButtonsView") }
func (w *ToggleButtons) attrs() []attr {
	return append(w.selectionAttrs("ToggleButtonsStyleModel"), stringsAttr("tooltips", &w.Tooltips),
		stringsAttr("icons", &w.Icons), choiceAttr("button_style", &w.ButtonStyle, buttonStyles...))
}
func (w *ToggleButtons) String() string { return w.describe("ToggleButtons") }

var buttonStyles = []string{"", "primary", "success", "info", "warning", "danger"}

// Button is a push button; OnClick registers what a click does.
type Button struct {
	Common
	Description string
	// ButtonStyle is "", "primary", "success", "info", "warning" or "danger".
	ButtonStyle string
	// Icon is a Font Awesome name without "fa-", e.g. "play".
	Icon     string
	Disabled bool
	Style    *Style
}

// NewButton returns a button labelled description.
func NewButton(description string) *Button {
	w := &Button{Description: description}
	open(w)
	return w
}

func (w *Button) spec() spec { return controls("ButtonModel", "ButtonView") }

func (w *Button) attrs() []attr {
	return append(w.commonAttrs(), stringAttr("description", &w.Description),
		choiceAttr("button_style", &w.ButtonStyle, buttonStyles...), stringAttr("icon", &w.Icon),
		boolAttr("disabled", &w.Disabled), styleAttr(&w.Style, "ButtonStyleModel"))
}

func (w *Button) String() string {
	return describe("Button", "description", fmt.Sprintf("%q", w.Description))
}

// OnClick calls f on every click, on the kernel's cell goroutine
// between cells. A function registered by a cell is dropped when that
// cell runs again.
func (w *Button) OnClick(f func()) {
	if f == nil {
		return
	}
	w.Observe(func(Change) { f() }, "_click")
}

// Click clicks the button from Go, as the front end does.
func (w *Button) Click() { w.custom(map[string]any{"event": "click"}) }

func (w *Button) custom(content map[string]any) {
	if content["event"] != "click" {
		return
	}
	w.notify(Change{Widget: w, Name: "_click", FromFrontEnd: true})
}

// Text is a line of text input.
type Text struct {
	described
	Value       string
	Placeholder string
	// ContinuousUpdate sends the value on every keystroke, not only on
	// Enter or when the field loses focus.
	ContinuousUpdate bool
}

// NewText returns a text field holding value.
func NewText(description, value string) *Text {
	w := &Text{described: described{Description: description}, Value: value, ContinuousUpdate: true}
	open(w)
	return w
}

func (w *Text) spec() spec { return controls("TextModel", "TextView") }

func (w *Text) attrs() []attr {
	return append(w.describedAttrs("TextStyleModel"), stringAttr("value", &w.Value),
		stringAttr("placeholder", &w.Placeholder), boolAttr("continuous_update", &w.ContinuousUpdate))
}

func (w *Text) String() string { return describe("Text", "value", fmt.Sprintf("%q", w.Value)) }

// Textarea is multi-line text input.
type Textarea struct {
	described
	Value       string
	Placeholder string
	// Rows is the number of visible lines; 0 leaves it to the front end.
	Rows             int
	ContinuousUpdate bool
}

// NewTextarea returns a text area holding value.
func NewTextarea(description, value string) *Textarea {
	w := &Textarea{described: described{Description: description}, Value: value, ContinuousUpdate: true}
	open(w)
	return w
}

func (w *Textarea) spec() spec { return controls("TextareaModel", "TextareaView") }

func (w *Textarea) attrs() []attr {
	rows := indexAttr("rows", &w.Rows)
	wire := rows.wire
	rows.wire = func() any {
		if w.Rows <= 0 {
			return nil
		}
		return wire()
	}
	return append(w.describedAttrs("TextStyleModel"), stringAttr("value", &w.Value),
		stringAttr("placeholder", &w.Placeholder), rows, boolAttr("continuous_update", &w.ContinuousUpdate))
}

func (w *Textarea) String() string { return describe("Textarea", "value", fmt.Sprintf("%q", w.Value)) }

// Label is a line of plain text, e.g. a caption beside a control.
type Label struct {
	labelled
	Value string
}

// NewLabel returns a label showing value.
func NewLabel(value string) *Label {
	w := &Label{Value: value}
	open(w)
	return w
}

func (w *Label) spec() spec { return controls("LabelModel", "LabelView") }
func (w *Label) attrs() []attr {
	return append(w.labelledAttrs("LabelStyleModel"), stringAttr("value", &w.Value), fixed("placeholder", "\u200b"))
}
func (w *Label) String() string { return describe("Label", "value", fmt.Sprintf("%q", w.Value)) }

// HTML shows an HTML fragment.
type HTML struct {
	labelled
	Value string
}

// NewHTML returns a widget showing the HTML fragment value.
func NewHTML(value string) *HTML {
	w := &HTML{Value: value}
	open(w)
	return w
}

func (w *HTML) spec() spec { return controls("HTMLModel", "HTMLView") }
func (w *HTML) attrs() []attr {
	return append(w.labelledAttrs("HTMLStyleModel"), stringAttr("value", &w.Value), fixed("placeholder", "\u200b"))
}
func (w *HTML) String() string { return describe("HTML", "value", fmt.Sprintf("%q", w.Value)) }

// HTMLMath shows HTML with LaTeX ($...$) typeset by MathJax.
type HTMLMath struct {
	labelled
	Value string
}

// NewHTMLMath returns a widget showing value, HTML with LaTeX in it.
func NewHTMLMath(value string) *HTMLMath {
	w := &HTMLMath{Value: value}
	open(w)
	return w
}

func (w *HTMLMath) spec() spec { return controls("HTMLMathModel", "HTMLMathView") }
func (w *HTMLMath) attrs() []attr {
	return append(w.labelledAttrs("HTMLMathStyleModel"), stringAttr("value", &w.Value), fixed("placeholder", "\u200b"))
}
func (w *HTMLMath) String() string { return describe("HTMLMath", "value", fmt.Sprintf("%q", w.Value)) }

// Image shows an image from its encoded bytes, which travel as a
// binary buffer (no base64): the fastest way to redraw a figure.
type Image struct {
	Common
	// Value holds the encoded image (PNG, JPEG, GIF or SVG bytes).
	Value []byte
	// Format is the image type: "png" (the default), "jpeg", "gif" or "svg+xml".
	Format string
	// Width and Height size the image, e.g. "400" (pixels) or "50%".
	Width, Height string
}

// NewImage returns an image showing the encoded image data.
func NewImage(data []byte, format string) *Image {
	if format == "" {
		format = "png"
	}
	w := &Image{Value: data, Format: format}
	open(w)
	return w
}

func (w *Image) spec() spec { return controls("ImageModel", "ImageView") }
func (w *Image) attrs() []attr {
	return append(w.commonAttrs(), bytesAttr("value", &w.Value), stringAttr("format", &w.Format),
		stringAttr("width", &w.Width), stringAttr("height", &w.Height))
}
func (w *Image) String() string {
	return describe("Image", "format", w.Format, "bytes", len(w.Value))
}
