// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package display

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// maxText bounds the text/plain form of a value, so that printing a
// large slice cannot flood the notebook.
const maxText = 8000

// matrix is the method set of gonum's mat.Matrix, matched structurally
// so that this package does not depend on gonum.
type matrix interface {
	Dims() (r, c int)
	At(i, j int) float64
}

// Text returns the text/plain form of v: Error() or String() when v has
// them, a grid for matrices, and Go syntax (%#v) otherwise, with strings
// quoted. Long results are cut with an ellipsis.
func Text(v any) (s string) {
	defer func() {
		// A String method that panics (a nil receiver, say) must not
		// take the display down with it.
		if r := recover(); r != nil {
			s = fmt.Sprintf("%#v (String panicked: %v)", v, r)
		}
		s = truncate(s, maxText)
	}()
	switch x := v.(type) {
	case nil:
		return "<nil>"
	case error:
		return x.Error()
	case fmt.Stringer:
		return x.String()
	case fmt.GoStringer:
		return x.GoString()
	case string:
		return strconv.Quote(x)
	case matrix:
		return matrixText(x)
	}
	switch reflect.ValueOf(v).Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return fmt.Sprint(v)
	}
	return fmt.Sprintf("%#v", v)
}

// Texts joins the text forms of several values with spaces, as the
// kernel shows a cell ending in a call with several results.
func Texts(vs ...any) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = Text(v)
	}
	return strings.Join(parts, " ")
}

// matrixText lays a matrix out as a grid, eliding the middle of large ones.
func matrixText(m matrix) string {
	const edge = 4 // rows or columns shown at each end of a large dimension
	r, c := m.Dims()
	rows, cols := elide(r, edge), elide(c, edge)
	cells := make([][]string, len(rows))
	width := make([]int, len(cols)) // per column
	for i, ri := range rows {
		cells[i] = make([]string, len(cols))
		for j, cj := range cols {
			s := "⋯"
			switch {
			case ri < 0 && cj < 0:
				s = "⋱"
			case ri < 0:
				s = "⋮"
			case cj >= 0:
				s = strconv.FormatFloat(m.At(ri, cj), 'g', 4, 64)
			}
			cells[i][j] = s
			width[j] = max(width[j], len([]rune(s)))
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%T %d×%d\n", m, r, c)
	for i, row := range cells {
		open, close := "│", "│"
		switch {
		case len(cells) == 1:
			open, close = "[", "]"
		case i == 0:
			open, close = "⎡", "⎤"
		case i == len(cells)-1:
			open, close = "⎣", "⎦"
		}
		b.WriteString(open)
		for j, s := range row {
			if j > 0 {
				b.WriteString("  ")
			}
			b.WriteString(strings.Repeat(" ", width[j]-len([]rune(s))))
			b.WriteString(s)
		}
		b.WriteString(close)
		if i < len(cells)-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// elide returns the indices 0..n-1, or the first and last edge of them
// with -1 marking the gap when n is large.
func elide(n, edge int) []int {
	var idx []int
	if n <= 2*edge+1 {
		for i := 0; i < n; i++ {
			idx = append(idx, i)
		}
		return idx
	}
	for i := 0; i < edge; i++ {
		idx = append(idx, i)
	}
	idx = append(idx, -1)
	for i := n - edge; i < n; i++ {
		idx = append(idx, i)
	}
	return idx
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + fmt.Sprintf("… (%d bytes more)", len(s)-cut)
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
