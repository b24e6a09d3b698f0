// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package display

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"strings"
)

// MIME types this package produces.
const (
	MIMEText     = "text/plain"
	MIMEHTML     = "text/html"
	MIMEMarkdown = "text/markdown"
	MIMELaTeX    = "text/latex"
	MIMESVG      = "image/svg+xml"
	MIMEPNG      = "image/png"
	MIMEJSON     = "application/json"
)

// The method sets that make a value displayable, in order of preference.
type (
	mimeBundler interface{ MIMEBundle() map[string]any }
	htmler      interface{ HTML() string }
	markdowner  interface{ Markdown() string }
	svger       interface{ SVG() string }
	pnger       interface{ PNG() []byte }
)

// Render returns the MIME bundle that displays v: the first of
// MIMEBundle, HTML, Markdown, SVG, PNG or image.Image that v has, plus a
// text/plain entry (Text(v) unless the bundle brings its own). Binary
// data is base64-encoded, as Jupyter expects.
func Render(v any) (data map[string]any) {
	data = map[string]any{}
	defer func() {
		// A display method that panics must not take the cell's
		// result (or the kernel) down with it.
		if r := recover(); r != nil {
			data = map[string]any{MIMEText: fmt.Sprintf("%s (display failed: %v)", Text(v), r)}
		}
	}()
	switch x := v.(type) {
	case mimeBundler:
		for mime, d := range x.MIMEBundle() {
			data[mime] = wireData(mime, d)
		}
	case htmler:
		data[MIMEHTML] = x.HTML()
	case markdowner:
		data[MIMEMarkdown] = x.Markdown()
	case svger:
		data[MIMESVG] = x.SVG()
	case pnger:
		addPNG(data, x.PNG())
	case image.Image:
		var buf bytes.Buffer
		if err := png.Encode(&buf, x); err != nil {
			data[MIMEText] = fmt.Sprintf("display: cannot encode image as PNG: %v", err)
			return data
		}
		addPNG(data, buf.Bytes())
		b := x.Bounds()
		data[MIMEText] = fmt.Sprintf("<%T %d×%d>", v, b.Dx(), b.Dy())
	}
	if _, ok := data[MIMEText]; !ok {
		data[MIMEText] = Text(v)
	}
	return data
}

// addPNG stores PNG bytes base64-encoded.
func addPNG(data map[string]any, b []byte) {
	data[MIMEPNG] = base64.StdEncoding.EncodeToString(b)
	if cfg, err := png.DecodeConfig(bytes.NewReader(b)); err == nil {
		data[MIMEText] = fmt.Sprintf("<PNG image %d×%d>", cfg.Width, cfg.Height)
	}
}

// wireData converts one entry of a MIMEBundle to what the wire carries:
// bytes of text types become strings, bytes of other types base64.
func wireData(mime string, d any) any {
	b, ok := d.([]byte)
	if !ok {
		return d
	}
	if isTextual(mime) {
		return string(b)
	}
	return base64.StdEncoding.EncodeToString(b)
}

// isTextual reports whether mime travels as plain text (not base64).
func isTextual(mime string) bool {
	return strings.HasPrefix(mime, "text/") || mime == MIMESVG ||
		strings.HasSuffix(mime, "json") || strings.HasSuffix(mime, "javascript")
}
