// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package compiled

import "testing"

// TestProbes runs corners found by hand: method expressions, conversions,
// pointers to promoted fields, anonymous structs embedding a type of an
// earlier cell, recovered panics and defers at top level.
func TestProbes(t *testing.T) {
	e := newEngine(t)
	steps := [][2]string{
		{"type inner struct{ a, b int }\ntype T1 struct{ x int }\ntype T2 struct{ x int }\nfunc (p *inner) twice() int { return 2 * (p.a + p.b) }", ""},
		{"type wrap struct {\n\tin inner\n\tname string\n}\nw := wrap{in: inner{1, 2}, name: \"w\"}\nw.in.a + w.in.b", "3"},
		{"f := (*inner).twice\nv := inner{3, 4}\nf(&v)", "14"},
		{"t1 := T1{5}\nt2 := T2(t1)\nt2.x", "5"},
		{"pa := &v.a\n*pa = 10\nv.a", "10"},
		{"inn := inner{7, 8}\ninn.b", "8"},
		{"anon := struct {\n\tinner\n\tz int\n}{inner{1, 1}, 2}\nanon.a + anon.z", "3"},
		{"// just a comment", ""},
		{"defer func() { recover() }()\npanic(\"x\")", ""},
		{"for i := range 3 {\n\tdefer func() { v.a += i }()\n}\nv.a", "10"},
		{"v.a", "13"},
	}
	for _, s := range steps {
		if got := run(t, e, s[0]); got != s[1] {
			t.Errorf("cell:\n%s\n= %q, want %q", s[0], got, s[1])
		}
	}
}
