// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package widgets

import (
	"fmt"
	"strings"
)

// Common holds the attributes every visible widget has. It is embedded
// in each widget type; its fields are set like the widget's own.
type Common struct {
	core
	// Layout sets the widget's CSS box (size, margins, flex and grid
	// properties); nil leaves the front end's defaults.
	Layout *Layout
	// Tooltip is shown when the pointer rests on the widget.
	Tooltip string
}

// MIMEBundle displays the widget: the front end draws it live, and
// text/plain describes it where widgets do not render.
func (c *core) MIMEBundle() map[string]any {
	c.mustBeMade()
	return viewBundle(c.self)
}

func (c *Common) commonAttrs() []attr {
	return []attr{
		layoutAttr(&c.Layout),
		nullStringAttr("tooltip", &c.Tooltip),
		fixed("_dom_classes", []any{}),
		fixed("tabbable", nil),
	}
}

func layoutAttr(p **Layout) attr {
	return attr{name: "layout",
		get: func() any { return *p },
		wire: func() any {
			if *p == nil {
				return omit
			}
			return ref(*p)
		},
		set: setRef(p, "a Layout")}
}

// Layout is the CSS box of a widget: ipywidgets' Layout. Empty fields
// are unset. Make one with a literal and assign it to a widget's
// Layout field:
//
//	s.Layout = &widgets.Layout{Width: "400px"}
//
// A Layout may be shared by several widgets; changing it changes them all.
type Layout struct {
	core
	Width, Height, MinWidth, MaxWidth, MinHeight, MaxHeight string
	Margin, Padding                                         string
	// Border sets the four borders, e.g. "1px solid #ccc".
	Border                                                   string
	Display, Visibility, Overflow, Order                     string
	Flex, FlexFlow, AlignItems, AlignContent, AlignSelf      string
	JustifyContent, JustifyItems                             string
	GridTemplateColumns, GridTemplateRows, GridTemplateAreas string
	GridGap, GridArea, GridRow, GridColumn, GridAutoFlow     string
	GridAutoColumns, GridAutoRows, ObjectFit, ObjectPosition string
	Top, Left, Bottom, Right                                 string
}

func (l *Layout) spec() spec {
	return spec{"LayoutModel", baseModule, baseVersion, "LayoutView", baseModule, baseVersion}
}

func (l *Layout) attrs() []attr {
	fields := []struct {
		name string
		p    *string
	}{
		{"width", &l.Width}, {"height", &l.Height}, {"min_width", &l.MinWidth}, {"max_width", &l.MaxWidth},
		{"min_height", &l.MinHeight}, {"max_height", &l.MaxHeight}, {"margin", &l.Margin}, {"padding", &l.Padding},
		{"border_top", &l.Border}, {"border_right", &l.Border}, {"border_bottom", &l.Border}, {"border_left", &l.Border},
		{"display", &l.Display}, {"visibility", &l.Visibility}, {"overflow", &l.Overflow}, {"order", &l.Order},
		{"flex", &l.Flex}, {"flex_flow", &l.FlexFlow}, {"align_items", &l.AlignItems}, {"align_content", &l.AlignContent},
		{"align_self", &l.AlignSelf}, {"justify_content", &l.JustifyContent}, {"justify_items", &l.JustifyItems},
		{"grid_template_columns", &l.GridTemplateColumns}, {"grid_template_rows", &l.GridTemplateRows},
		{"grid_template_areas", &l.GridTemplateAreas}, {"grid_gap", &l.GridGap}, {"grid_area", &l.GridArea},
		{"grid_row", &l.GridRow}, {"grid_column", &l.GridColumn}, {"grid_auto_flow", &l.GridAutoFlow},
		{"grid_auto_columns", &l.GridAutoColumns}, {"grid_auto_rows", &l.GridAutoRows},
		{"object_fit", &l.ObjectFit}, {"object_position", &l.ObjectPosition},
		{"top", &l.Top}, {"left", &l.Left}, {"bottom", &l.Bottom}, {"right", &l.Right},
	}
	out := make([]attr, len(fields))
	for i, f := range fields {
		out[i] = nullStringAttr(f.name, f.p)
	}
	return out
}

func (l *Layout) String() string {
	var kv []any
	for _, a := range l.attrs() {
		if s := a.get().(string); s != "" && !strings.HasPrefix(a.name, "border_") {
			kv = append(kv, a.name, fmt.Sprintf("%q", s))
		}
	}
	if l.Border != "" {
		kv = append(kv, "border", fmt.Sprintf("%q", l.Border))
	}
	return describe("Layout", kv...)
}

// Style holds a widget's styling: ipywidgets' style models. Each kind
// of widget uses the fields that apply to it (a slider DescriptionWidth
// and HandleColor, a progress bar BarColor, a button ButtonColor,
// FontWeight and TextColor, ...) and ignores the others; a Style takes
// the kind of the first widget it is given to.
type Style struct {
	core
	kind string

	DescriptionWidth string // width of the description beside the control, e.g. "120px" or "initial"
	HandleColor      string // slider handle
	BarColor         string // progress bar
	ButtonColor      string // button background
	ButtonWidth      string // width of each of ToggleButtons' buttons
	FontWeight       string // e.g. "bold"
	FontSize         string
	FontFamily       string
	TextColor        string
	Background       string
}

// styleFields lists, for each style model, the attributes it has.
var styleFields = map[string][]string{
	"DescriptionStyleModel":   {"description_width"},
	"SliderStyleModel":        {"description_width", "handle_color"},
	"ProgressStyleModel":      {"description_width", "bar_color"},
	"ButtonStyleModel":        {"button_color", "font_family", "font_size", "font_weight", "text_color"},
	"ToggleButtonsStyleModel": {"button_width", "description_width", "font_weight"},
	"CheckboxStyleModel":      {"background", "description_width"},
	"TextStyleModel":          {"background", "description_width", "font_size", "text_color"},
	"LabelStyleModel":         {"background", "description_width", "font_family", "font_size", "font_weight", "text_color"},
	"HTMLStyleModel":          {"background", "description_width", "font_size", "text_color"},
	"HTMLMathStyleModel":      {"background", "description_width", "font_size", "text_color"},
}

func (s *Style) spec() spec {
	kind := s.kind
	if kind == "" {
		kind = "DescriptionStyleModel"
	}
	return spec{kind, controlsModule, controlsVersion, "StyleView", baseModule, baseVersion}
}

func (s *Style) attrs() []attr {
	all := map[string]*string{
		"description_width": &s.DescriptionWidth, "handle_color": &s.HandleColor, "bar_color": &s.BarColor,
		"button_color": &s.ButtonColor, "button_width": &s.ButtonWidth, "font_weight": &s.FontWeight,
		"font_size": &s.FontSize, "font_family": &s.FontFamily, "text_color": &s.TextColor, "background": &s.Background,
	}
	var out []attr
	for _, name := range styleFields[s.spec().model] {
		switch name {
		case "description_width", "button_width":
			out = append(out, stringAttr(name, all[name]))
		case "font_weight":
			if s.kind == "ToggleButtonsStyleModel" {
				out = append(out, stringAttr(name, all[name]))
				continue
			}
			out = append(out, nullStringAttr(name, all[name]))
		default:
			out = append(out, nullStringAttr(name, all[name]))
		}
	}
	return out
}

func (s *Style) String() string {
	var kv []any
	for _, a := range s.attrs() {
		if v := a.get().(string); v != "" {
			kv = append(kv, a.name, fmt.Sprintf("%q", v))
		}
	}
	return describe("Style", kv...)
}

func styleAttr(p **Style, kind string) attr {
	return attr{name: "style",
		get: func() any { return *p },
		wire: func() any {
			s := *p
			if s == nil {
				return omit
			}
			s.mu.Lock()
			if !s.opened && s.kind == "" {
				s.kind = kind
			}
			s.mu.Unlock()
			return ref(s)
		},
		set: setRef(p, "a Style")}
}

// described is the part of the controls that have a description.
type described struct {
	Common
	// Description labels the control.
	Description string
	// Style styles it; nil leaves the front end's defaults.
	Style *Style
	// Disabled stops the user from changing it.
	Disabled bool
}

func (d *described) describedAttrs(styleKind string) []attr {
	return append(d.commonAttrs(),
		stringAttr("description", &d.Description),
		fixed("description_allow_html", false),
		styleAttr(&d.Style, styleKind),
		boolAttr("disabled", &d.Disabled),
	)
}

// labelled is described without Disabled, for what the user cannot
// change (Progress, Label, HTML).
type labelled struct {
	Common
	// Description labels the widget.
	Description string
	// Style styles it; nil leaves the front end's defaults.
	Style *Style
}

func (d *labelled) labelledAttrs(styleKind string) []attr {
	return append(d.commonAttrs(),
		stringAttr("description", &d.Description),
		fixed("description_allow_html", false),
		styleAttr(&d.Style, styleKind),
	)
}

// setRef is the set function of an attribute holding a reference to a
// widget of type P, such as a *Layout or a *Style: a model reference
// from the front end, or nil to unset it.
func setRef[P interface {
	*W
	Widget
}, W any](p *P, what string) func(v any) error {
	return func(v any) error {
		if v == nil {
			*p = nil
			return nil
		}
		w, err := lookup(v)
		if err != nil {
			return err
		}
		x, ok := w.(P)
		if !ok {
			return typeErr(what, w)
		}
		*p = x
		return nil
	}
}
