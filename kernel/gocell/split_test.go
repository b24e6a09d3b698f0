// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gocell

import (
	"fmt"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	src := `import "fmt"
// a comment
type point struct{ x, y int }
func (p point) String() string {
	return fmt.Sprint(p.x)
}
x := 1; y := 2
func() { fmt.Println(x) }()
var z = []int{
	1, 2,
}
const c = 3
for i := range 3 {
	fmt.Println(i)
}
if v := x; v > 0 { x = 2 }; switch y := 1; y { }
x + y`
	var got []string
	for _, c := range Split(src) {
		got = append(got, fmt.Sprintf("%s@%d:%d %q", c.Kind, c.Line, c.Col, strings.SplitN(c.Text(src), "\n", 2)[0]))
	}
	want := []string{
		`import@1:1 "import \"fmt\""`,
		`type@3:1 "type point struct{ x, y int }"`,
		`func@4:1 "func (p point) String() string {"`,
		`statement@7:1 "x := 1"`,
		`statement@7:9 "y := 2"`,
		`statement@8:1 "func() { fmt.Println(x) }()"`,
		`var@9:1 "var z = []int{"`,
		`const@12:1 "const c = 3"`,
		`statement@13:1 "for i := range 3 {"`,
		`statement@16:1 "if v := x; v > 0 { x = 2 }"`,
		`statement@16:29 "switch y := 1; y { }"`,
		`statement@17:1 "x + y"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Split:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
