// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package compiled

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/boltzbook/boltzbook/kernel/toolchain/toolchaintest"
)

func newEngine(t *testing.T) *Engine {
	t.Helper()
	e := New(toolchaintest.Find(t))
	t.Cleanup(func() { e.Close() })
	return e
}

// run runs one cell and returns its final values printed with %v.
func run(t *testing.T, e *Engine, src string) string {
	t.Helper()
	ctx := context.Background()
	if err := e.PrepareImports(ctx, src); err != nil {
		t.Fatalf("imports of %q: %v", src, err)
	}
	c, err := e.Check(src)
	if err != nil {
		t.Fatalf("Check(%q): %v", src, err)
	}
	l, err := e.Build(ctx, c)
	if err != nil {
		var be *BuildError
		if errors.As(err, &be) {
			t.Logf("generated:\n%s", be.Unit.Source)
		}
		t.Fatalf("Build(%q): %v", src, err)
	}
	vals := l.Run()
	e.Commit(l)
	if len(vals) == 0 {
		return ""
	}
	return fmt.Sprint(vals...)
}

func TestCellsShareState(t *testing.T) {
	e := newEngine(t)
	steps := []struct{ src, want string }{
		{`import "fmt"
type point struct{ x, y int }
func (p point) String() string { return fmt.Sprintf("(%d,%d)", p.x, p.y) }
func (p point) norm1() int { return abs(p.x) + abs(p.y) }
func abs(x int) int { if x < 0 { return -x }; return x }
p := point{3, -4}
fmt.Sprintf("%v %+v %T", p, p, p)`, "(3,-4) (3,-4) main.point"},
		{"q := point{x: 1}\nq.y = p.y * 2\nq.x += p.norm1()\nq", "(8,-8)"},
		{"s := []int{1, 0, 1, 1}\ns[2] ^= 1\ns", "[1 0 0 1]"},
		{"func Map[T, U any](xs []T, f func(T) U) []U {\n\tout := make([]U, 0, len(xs))\n\tfor _, x := range xs {\n\t\tout = append(out, f(x))\n\t}\n\treturn out\n}\nMap(s, func(i int) string { return fmt.Sprint(i * 2) })", "[2 0 0 2]"},
		{"Map([]point{{1, 2}, {x: 3}}, point.norm1)", "[3 3]"},
		{"type shape interface{ area() float64 }\ntype sq struct{ s float64 }\nfunc (q sq) area() float64 { return q.s * q.s }", ""},
		{"var sh shape = sq{3}\nsh.area()", "9"},
		{"m := map[string]int{\"a\": 1}\nfmt.Sprint(m[\"a\"])", "1"},
		{"func abs(x int) int { return 1000 }\np.norm1() + abs(-1)", "3000"},
		{"func abs(x int64) int64 { return 5 }\np.norm1()", "2000"},
		{"k := 2\nfunc twiceK() int { return 2 * k }", ""},
		{"k := 5\ntwiceK()", "10"},
		{"k := \"five\"\ntwiceK()", "10"},
		{"min(3, 1, 2) + max(1, 5)", "6"},
	}
	for _, s := range steps {
		if got := run(t, e, s.src); got != s.want {
			t.Errorf("cell %q = %q, want %q", s.src, got, s.want)
		}
	}
}
