// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package conformance

import (
	"strings"
	"testing"
)

// TestSplitCell checks how cells are cut into package-level
// declarations and statements for main.
func TestSplitCell(t *testing.T) {
	code := `import (
	"fmt"
	str "strings"
)

type T struct{ n int }

func (t T) Get() int { return t.n }
func Id[X any](x X) X { return x }
func f() { g() }
func g() {}
const c = 1

x, y := 1, 2
var z, _ = 3, 4
for i := 0; i < 3; i++ {
	x += i
}
if v := x; v > 0 { y++ } else { y-- }
outer:
for range 2 {
	break outer
}
func() { fmt.Println(str.ToUpper("a")) }()
func(n int) int { return n }(3)
fmt.Println(x); x++
(x + 1)
`
	items, err := splitCell(code)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		prefix string
		decl   bool
		line   int
		vars   string
		expr   bool
		call   bool
	}
	wants := []want{
		{"import (", true, 1, "", false, false},
		{"type T struct", true, 6, "", false, false},
		{"func (t T) Get", true, 8, "", false, false},
		{"func Id[X any]", true, 9, "", false, false},
		{"func f()", true, 10, "", false, false},
		{"func g()", true, 11, "", false, false},
		{"const c = 1", true, 12, "", false, false},
		{"x, y := 1, 2", false, 14, "x y", false, false},
		{"var z, _ = 3, 4", false, 15, "z", false, false},
		{"for i := 0; i < 3; i++ {", false, 16, "", false, false},
		{"if v := x; v > 0 { y++ } else { y-- }", false, 19, "", false, false},
		{"outer:\nfor range 2", false, 20, "", false, false},
		{"func() { fmt.Println", false, 24, "", true, true},
		{"func(n int) int { return n }(3)", false, 25, "", true, true},
		{"fmt.Println(x)", false, 26, "", true, true},
		{"x++", false, 26, "", false, false},
		{"(x + 1)", false, 27, "", true, false},
	}
	if len(items) != len(wants) {
		for _, it := range items {
			t.Logf("%d: %q", it.line, it.text)
		}
		t.Fatalf("got %d items, want %d", len(items), len(wants))
	}
	for i, w := range wants {
		it := items[i]
		if !strings.HasPrefix(it.text, w.prefix) || it.decl != w.decl || it.line != w.line ||
			strings.Join(it.vars, " ") != w.vars || it.expr != w.expr || it.call != w.call {
			t.Errorf("item %d = %+v, want %+v", i, it, w)
		}
	}
	if got := items[0].imports; len(got) != 2 || got[0] != [2]string{"", "fmt"} || got[1] != [2]string{"str", "strings"} {
		t.Errorf("imports = %q", got)
	}
	if last := items[len(items)-1].text; last != "(x + 1)" {
		t.Errorf("last item %q: the text must end at its last token", last)
	}
}

// TestRender checks a derived program: declarations at package level,
// statements in main with `_ = name` after declarations, the trailing
// expression shown, line directives pointing into the case file.
func TestRender(t *testing.T) {
	c, err := parseCase("testdata/x/y.txtar", `what it tests
-- cell --
import "fmt"

func sq(x int) int { return x * x }
n := sq(3)
-- cell --
fmt.Println(n)
n
-- error cell --
bad(
-- cell --
sq(2)
`)
	if err != nil {
		t.Fatal(err)
	}
	d, err := derive(c)
	if err != nil {
		t.Fatal(err)
	}
	src, usesShow, trailing := d.render(c)
	for _, want := range []string{
		"package main\n",
		"import (\n\t\"fmt\"\n)\n",
		"\n/*line testdata/x/y.txtar:5:1*/func sq(x int) int { return x * x }\n",
		"\tconformanceShow(/*line testdata/x/y.txtar:9:1*/n)\n",
		"/*line testdata/x/y.txtar:6:1*/n := sq(3)\n\t_ = n\n",
		"/*line testdata/x/y.txtar:13:1*/sq(2)\n",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("program lacks %q:\n%s", want, src)
		}
	}
	if strings.Contains(src, "bad(") {
		t.Errorf("program has the error cell:\n%s", src)
	}
	if !usesShow || len(trailing) != 1 {
		t.Errorf("usesShow %v, %d trailing calls; want true, 1", usesShow, len(trailing))
	}
}

func TestSplitRun(t *testing.T) {
	for _, tc := range []struct {
		pat  string
		want string
	}{
		{"TestConformance", "TestConformance"},
		{"TestConformance/issue/xor_slice", "TestConformance|issue|xor_slice"},
		{"TestConformance/(a/b|c)$", "TestConformance|(a/b|c)$"},
		{`TestConformance/x\/y/[/]`, `TestConformance|x\/y|[/]`},
	} {
		if got := strings.Join(splitRun(tc.pat), "|"); got != tc.want {
			t.Errorf("splitRun(%q) = %q, want %q", tc.pat, got, tc.want)
		}
	}
}
