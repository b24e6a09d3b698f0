// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package widgets

import "fmt"

// box is what the containers share.
type box struct {
	Common
	// Children are the widgets inside, in order.
	Children []Widget
	// BoxStyle is "", "success", "info", "warning" or "danger".
	BoxStyle string
}

func (b *box) boxAttrs() []attr {
	return append(b.commonAttrs(), childrenAttr("children", &b.Children),
		choiceAttr("box_style", &b.BoxStyle, "", "success", "info", "warning", "danger"))
}

func (b *box) describe(kind string) string {
	return describe(kind, "children", len(b.Children))
}

// Box lays its children out with CSS flexbox as its Layout says.
type Box struct{ box }

// HBox lays its children out in a row.
type HBox struct{ box }

// VBox lays its children out in a column.
type VBox struct{ box }

// GridBox lays its children out on a CSS grid, set by its Layout
// (GridTemplateColumns, GridTemplateRows, GridGap, ...).
type GridBox struct{ box }

// NewBox returns a Box of children.
func NewBox(children ...Widget) *Box {
	w := &Box{box{Children: children}}
	open(w)
	return w
}

// NewHBox returns a row of children.
func NewHBox(children ...Widget) *HBox {
	w := &HBox{box{Children: children}}
	open(w)
	return w
}

// NewVBox returns a column of children.
func NewVBox(children ...Widget) *VBox {
	w := &VBox{box{Children: children}}
	open(w)
	return w
}

// NewGridBox returns a grid of children with the given CSS
// grid-template-columns, e.g. "repeat(3, 200px)".
func NewGridBox(columns string, children ...Widget) *GridBox {
	w := &GridBox{box{Children: children}}
	w.Layout = &Layout{GridTemplateColumns: columns}
	open(w)
	return w
}

func (w *Box) spec() spec      { return controls("BoxModel", "BoxView") }
func (w *Box) attrs() []attr   { return w.boxAttrs() }
func (w *Box) String() string  { return w.describe("Box") }
func (w *HBox) spec() spec     { return controls("HBoxModel", "HBoxView") }
func (w *HBox) attrs() []attr  { return w.boxAttrs() }
func (w *HBox) String() string { return w.describe("HBox") }
func (w *VBox) spec() spec     { return controls("VBoxModel", "VBoxView") }
func (w *VBox) attrs() []attr  { return w.boxAttrs() }
func (w *VBox) String() string { return w.describe("VBox") }
func (w *GridBox) spec() spec  { return controls("GridBoxModel", "GridBoxView") }
func (w *GridBox) attrs() []attr {
	return w.boxAttrs()
}
func (w *GridBox) String() string { return w.describe("GridBox") }

// pages is what Tab and Accordion share: children shown one at a time.
type pages struct {
	box
	// Titles name the pages, one per child.
	Titles []string
	// SelectedIndex is the page shown, -1 for none. Observe
	// "selected_index" to hear of changes.
	SelectedIndex int
}

func (p *pages) pagesAttrs() []attr {
	return append(p.boxAttrs(), stringsAttr("titles", &p.Titles), indexAttr("selected_index", &p.SelectedIndex))
}

func (p *pages) validate() {
	for len(p.Titles) < len(p.Children) {
		p.Titles = append(p.Titles, "")
	}
	if p.SelectedIndex >= len(p.Children) {
		p.SelectedIndex = len(p.Children) - 1
	}
	if p.SelectedIndex < -1 {
		p.SelectedIndex = -1
	}
}

func (p *pages) describe(kind string) string {
	return describe(kind, "titles", fmt.Sprintf("%q", p.Titles), "selected_index", p.SelectedIndex)
}

// Tab shows one of its children at a time under a row of tabs.
type Tab struct{ pages }

// Accordion shows its children as collapsible sections, one open at a time.
type Accordion struct{ pages }

// NewTab returns tabs titled titles over children; the first is shown.
func NewTab(titles []string, children ...Widget) *Tab {
	w := &Tab{pages{box: box{Children: children}, Titles: append([]string(nil), titles...)}}
	open(w)
	return w
}

// NewAccordion returns an accordion of children titled titles, all closed.
func NewAccordion(titles []string, children ...Widget) *Accordion {
	w := &Accordion{pages{box: box{Children: children}, Titles: append([]string(nil), titles...), SelectedIndex: -1}}
	open(w)
	return w
}

func (w *Tab) spec() spec           { return controls("TabModel", "TabView") }
func (w *Tab) attrs() []attr        { return w.pagesAttrs() }
func (w *Tab) String() string       { return w.describe("Tab") }
func (w *Accordion) spec() spec     { return controls("AccordionModel", "AccordionView") }
func (w *Accordion) attrs() []attr  { return w.pagesAttrs() }
func (w *Accordion) String() string { return w.describe("Accordion") }
