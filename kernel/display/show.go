// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package display

import (
	"encoding/json"
	"fmt"
	"html"
	"image"
	"regexp"
	"strings"
)

// Show displays v by its method set (see Render).
func Show(v any) { send(Render(v), nil, nil, false) }

// HTML displays an HTML fragment.
func HTML(s string) { Show(HTMLText(s)) }

// Markdown displays Markdown text.
func Markdown(s string) { Show(MarkdownText(s)) }

// LaTeX displays a LaTeX formula, e.g. `$E = -\sum_{i<j} s_i s_j w_{ij}$`.
func LaTeX(s string) { Show(LaTeXText(s)) }

// SVG displays an SVG document.
func SVG(s string) { Show(SVGText(s)) }

// PNG displays a PNG-encoded image.
func PNG(b []byte) { Show(pngData(b)) }

// Image displays img, encoded as PNG.
func Image(img image.Image) { Show(img) }

// JSON displays v (anything encoding/json accepts) as an interactive
// JSON tree; the text fallback is the indented JSON.
func JSON(v any) { Show(jsonValue{v}) }

// HTMLText is an HTML fragment that displays as HTML.
type HTMLText string

// HTML returns t.
func (t HTMLText) HTML() string { return string(t) }

// String returns the text of t without its tags, the plain-text fallback.
func (t HTMLText) String() string { return stripTags(string(t)) }

// MarkdownText is Markdown that displays rendered.
type MarkdownText string

// Markdown returns t.
func (t MarkdownText) Markdown() string { return string(t) }

// String returns t unrendered.
func (t MarkdownText) String() string { return string(t) }

// LaTeXText is a LaTeX formula that displays typeset.
type LaTeXText string

// MIMEBundle returns t as text/latex with itself as the text fallback.
func (t LaTeXText) MIMEBundle() map[string]any {
	return map[string]any{MIMELaTeX: string(t), MIMEText: string(t)}
}

// SVGText is an SVG document that displays as an image.
type SVGText string

// SVG returns t.
func (t SVGText) SVG() string { return string(t) }

// String describes t briefly.
func (t SVGText) String() string { return fmt.Sprintf("<SVG image, %d bytes>", len(t)) }

// MIME is a ready-made bundle: MIME type → data. Byte slices of binary
// types are base64-encoded when sent.
type MIME map[string]any

// MIMEBundle returns m.
func (m MIME) MIMEBundle() map[string]any { return m }

// pngData is PNG bytes that display as an image.
type pngData []byte

func (p pngData) PNG() []byte { return p }

// jsonValue displays its value as application/json.
type jsonValue struct{ v any }

func (j jsonValue) MIMEBundle() map[string]any {
	b, err := json.MarshalIndent(j.v, "", "  ")
	if err != nil {
		return map[string]any{MIMEText: fmt.Sprintf("display: cannot encode as JSON: %v", err)}
	}
	// Round-trip to plain maps and slices, which every transport encodes.
	var plain any
	if err := json.Unmarshal(b, &plain); err != nil {
		return map[string]any{MIMEText: string(b)}
	}
	return map[string]any{MIMEJSON: plain, MIMEText: string(b)}
}

var tag = regexp.MustCompile(`<[^>]*>`)

// stripTags turns an HTML fragment into readable text.
func stripTags(s string) string {
	s = tag.ReplaceAllString(s, "")
	return strings.TrimSpace(html.UnescapeString(s))
}
