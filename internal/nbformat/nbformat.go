// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package nbformat holds what the kernel's notebook runner
// (kernel/jupyter) and the exercise tools (kernel/assign) both need of
// the Jupyter notebook format (nbformat 4), which they keep as generic
// JSON so that fields they do not know survive a round trip: reading a
// multi-line text field, writing one back as a list of lines, and
// encoding a notebook the way Jupyter itself writes it.
package nbformat

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Source returns the text of a multi-line field such as a cell's
// "source" or a stream's "text": nbformat allows a string or a list of
// strings (lines, each ending in "\n" but the last), which are joined.
// Anything else gives "".
func Source(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case []any:
		var b strings.Builder
		for _, l := range s {
			if l, ok := l.(string); ok {
				b.WriteString(l)
			}
		}
		return b.String()
	}
	return ""
}

// Lines splits text into the list of lines Jupyter stores: every line
// keeps its "\n", the last one only if text ends in one, and "" is an
// empty list.
func Lines(text string) []any {
	lines := []any{}
	for text != "" {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			lines = append(lines, text)
			break
		}
		lines = append(lines, text[:i+1])
		text = text[i+1:]
	}
	return lines
}

// Marshal encodes a notebook as Jupyter writes it: keys sorted, a
// one-space indent, <, > and & left as they are, and a final newline.
func Marshal(nb any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
