// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// These tests use the bindings and doc tables of kernel/imports.

func TestPreloadedCompletion(t *testing.T) {
	mustRun(t, "import \"gonum.org/v1/gonum/mat\"\nplM := mat.NewDense(2, 2, []float64{1, 2, 3, 4})")
	for _, c := range []struct {
		code string
		want []string
		back int
	}{
		{"mat.NewD", []string{"NewDense", "NewDiagDense"}, 4},
		{"bm.", []string{"Progress", "History", "LineMonitor", "DefaultMonitor"}, 0}, // not imported yet
		{"plM.", []string{"At", "Dims", "Mul", "T"}, 0},
		{"plM.Mu", []string{"Mul", "MulElem"}, 2},
		{"ma", []string{"mat", "math", "make", "map"}, 2},
		{"import \"gonum.org/v1/gonum/st", []string{"gonum.org/v1/gonum/stat", "gonum.org/v1/gonum/stat/distuv"}, 21},
		{"import \"github.com/boltzbook/boltzbook/", []string{"github.com/boltzbook/boltzbook/bm"}, 31},
	} {
		n := utf8.RuneCountInString(c.code)
		res := session.Complete(c.code, n)
		for _, w := range c.want {
			if !slices.Contains(res.Matches, w) {
				t.Errorf("%q: matches %v lack %q", c.code, res.Matches, w)
			}
		}
		if res.CursorStart != n-c.back || res.CursorEnd != n {
			t.Errorf("%q: cursor %d..%d, want %d..%d", c.code, res.CursorStart, res.CursorEnd, n-c.back, n)
		}
	}
}

func TestPreloadedInspection(t *testing.T) {
	mustRun(t, "import \"gonum.org/v1/gonum/mat\"\nplA := mat.NewDense(2, 3, nil)")
	for _, c := range []struct {
		code string
		want []string
	}{
		{"mat.NewDense", []string{"func NewDense(r, c int, data []float64) *Dense", "NewDense creates"}},
		{"bm.LineMonitor", []string{"type LineMonitor struct", "one line per completed epoch"}},
		{"bm.Progress", []string{"Progress is what a trainer tells its Monitor"}},
		{"plA", []string{"plA: *mat.Dense", "2×3", "Dense is a dense matrix"}},
		{"plA.Mul", []string{"Mul", "Mul takes the matrix product"}},
		{"mat", []string{"mat"}},
	} {
		res := session.Inspect(c.code, utf8.RuneCountInString(c.code), 0)
		text, _ := res.Data["text/plain"].(string)
		if !res.Found {
			t.Errorf("%q: not found", c.code)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%q: %q lacks %q", c.code, text, w)
			}
		}
	}
}

func TestMatrixResult(t *testing.T) {
	res, _ := mustRun(t, "import \"gonum.org/v1/gonum/mat\"\nmat.NewDense(2, 2, []float64{1, 2, 3, 4.5})")
	want := "*mat.Dense 2×2\n⎡1    2⎤\n⎣3  4.5⎦"
	if got := plain(res); got != want {
		t.Errorf("matrix shows as\n%s\nwant\n%s", got, want)
	}
}
