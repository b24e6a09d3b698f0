// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package compiled

import (
	"strings"
	"testing"
)

// TestGeneratedCorners runs sequences of cells that exercise the
// rewrites across cells: each step's final values, printed with %v.
func TestGeneratedCorners(t *testing.T) {
	for _, tc := range []struct {
		name  string
		steps [][2]string
	}{
		{"embedded and promoted unexported fields", [][2]string{
			{"type inner struct{ a, b int }\nfunc (i inner) sum() int { return i.a + i.b }", ""},
			{"type outer struct {\n\tinner\n\tc int\n}\no := outer{inner{1, 2}, 3}\no.a + o.b + o.c + o.sum()", "9"},
			{"o.a = 10\npo := &o\npo.b = 20\no.inner.sum() + po.sum()", "60"},
			{"xs := []inner{{1, 1}, {2, 2}}\nps := []*inner{{3, 3}}\nm := map[string]inner{\"k\": {4, 4}}\nxs[1].a + ps[0].b + m[\"k\"].a", "9"},
			{"f := func() inner { return inner{5, 6} }\nf().b", "6"},
		}},
		{"generic types across cells", [][2]string{
			{"type stack[T any] struct{ items []T }\nfunc (s *stack[T]) push(v T) { s.items = append(s.items, v) }\nfunc (s *stack[T]) pop() T {\n\tv := s.items[len(s.items)-1]\n\ts.items = s.items[:len(s.items)-1]\n\treturn v\n}", ""},
			{"var st stack[string]\nst.push(\"a\")\nst.push(\"b\")\nst.pop() + st.pop() + string(rune('0'+len(st.items)))", "ba0"},
			{"type pair[K comparable, V any] struct {\n\tk K\n\tv V\n}\np := pair[int, string]{k: 1, v: \"x\"}\np.v", "x"},
			{"q := pair[int, string]{2, \"y\"}\nq.k + p.k", "3"},
		}},
		{"interfaces with unexported methods", [][2]string{
			{"type shape interface{ area() float64 }\nfunc total(ss ...shape) (t float64) {\n\tfor _, s := range ss {\n\t\tt += s.area()\n\t}\n\treturn\n}", ""},
			{"type sq struct{ s float64 }\nfunc (q sq) area() float64 { return q.s * q.s }\ntype rect struct{ w, h float64 }\nfunc (r *rect) area() float64 { return r.w * r.h }", ""},
			{"total(sq{2}, &rect{2, 3})", "10"},
			{"var s shape = sq{3}\n_, isSq := s.(sq)\nf := s.area\nisSq && f() == 9", "true"},
		}},
		{"goroutines, channels, select, defer", [][2]string{
			{"import \"sync\"\nch := make(chan int, 10)\nvar wg sync.WaitGroup\nfor i := range 5 {\n\twg.Add(1)\n\tgo func(k int) {\n\t\tdefer wg.Done()\n\t\tch <- k * k\n\t}(i)\n}\nwg.Wait()\nclose(ch)\nsum := 0\nfor v := range ch {\n\tsum += v\n}\nsum", "30"},
			{"done := make(chan struct{})\nres := make(chan string, 1)\ngo func() {\n\tselect {\n\tcase <-done:\n\t\tres <- \"done\"\n\t}\n}()\nclose(done)\n<-res", "done"},
			{"v, ok := <-ch\nfmt := \"x\"\nv == 0 && !ok && fmt == \"x\"", "true"},
			{"func safeDiv(a, b int) (q int, err error) {\n\tdefer func() {\n\t\tif r := recover(); r != nil {\n\t\t\terr = errFrom(r)\n\t\t}\n\t}()\n\treturn a / b, nil\n}\ntype errS string\nfunc (e errS) Error() string { return string(e) }\nfunc errFrom(r any) error { return errS(\"recovered\") }\n_, err := safeDiv(1, 0)\nerr.Error()", "recovered"},
		}},
		{"top-level statements", [][2]string{
			{"n := 0\nL:\nfor {\n\tfor {\n\t\tn++\n\t\tif n > 3 {\n\t\t\tbreak L\n\t\t}\n\t}\n}\nvar (\n\ta = n * 2\n\tb, c = a + 1, \"s\"\n)\nn + a + b", "21"},
			{"counter := 0\nfunc inc() { counter++ }\ninc()\ninc()\ncounter", "2"},
			{"func init() { counter = 100 }\ncounter", "100"},
			{"const (\n\tA = iota * 10\n\tB\n\tC\n)\ntype E int\nconst big = 1 << 40\nC + B + big>>38", "34"},
			{"E(A) + E(C)", "20"},
		}},
		{"closures capture top-level variables", [][2]string{
			{"var fs []func() int\nfor i := range 3 {\n\tfs = append(fs, func() int { return i * 10 })\n}\nx := 5\ng := func() int { return x }\nx = 6", ""},
			{"fs[0]() + fs[1]() + fs[2]() + g()", "36"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEngine(t)
			for _, s := range tc.steps {
				got := run(t, e, s[0])
				if got != s[1] {
					t.Fatalf("cell:\n%s\n= %q, want %q", s[0], got, s[1])
				}
			}
		})
	}
	_ = strings.Contains
}
