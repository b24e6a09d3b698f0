// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gocell

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/boltzbook/boltzbook/kernel/toolchain/toolchaintest"
)

// newTestScope returns a scope whose packages come from the real
// toolchain; the test is skipped where no toolchain can build cells.
func newTestScope(t *testing.T, paths ...string) *Scope {
	t.Helper()
	tc := toolchaintest.Find(t, append(paths, "fmt", "strings")...)
	return NewScope(func(path string) (io.ReadCloser, error) {
		a, ok := tc.Archive(path)
		if !ok {
			return nil, errors.New("not prepared: " + path)
		}
		return os.Open(a)
	})
}

func mustCheck(t *testing.T, s *Scope, serial int, src string) *Cell {
	t.Helper()
	c, err := s.Check(serial, src)
	if err != nil {
		t.Fatalf("Check(%q): %v", src, err)
	}
	return c
}

func TestCheckStatementsAndDeclarations(t *testing.T) {
	s := newTestScope(t)
	c := mustCheck(t, s, 1, `import "fmt"
n := 3
func twice() int { return n * 2 }
type point struct{ x, y int }
func (p point) String() string { return fmt.Sprint(p.x, ",", p.y) }
p := point{1, 2}
twice()`)
	if len(c.vars) != 2 || c.vars[0].name != "n" || c.vars[1].name != "p" {
		t.Fatalf("top-level variables: %v", c.vars)
	}
	if c.vars[1].b == nil || c.vars[1].b.Type().String() != "main.point" {
		t.Errorf("pass B's p: %v", c.vars[1].b)
	}
	if c.final == nil {
		t.Error("the final expression was not found")
	}
	s.Commit(c, "boltzbook.cells/t/c1", len(c.stmts))

	// A later cell sees the session's names, unexported fields included.
	c2 := mustCheck(t, s, 2, "q := p\nq.x += twice()\nfmt.Println(q.x, n)")
	if len(c2.vars) != 1 {
		t.Errorf("cell 2 variables: %v", c2.vars)
	}
}

func TestCheckErrors(t *testing.T) {
	s := newTestScope(t)
	for _, tc := range []struct{ src, want string }{
		{"x := \"a\" + 1", "1:"},
		{"x := 1\ny := undefinedName", "2:6: undefined: undefinedName"},
		{"func f() int {\n\treturn \"s\"\n}", "2:9:"},
		{"for {\n\tx := 1\n}", "2:2: declared and not used: x"},
		{"1 +", "1:"},
		{"x := 1\nx + 1\nx", "2:1: x + 1 (value of type int) is not used"},
	} {
		_, err := s.Check(1, tc.src)
		var errs Errors
		if !errors.As(err, &errs) {
			t.Errorf("Check(%q) = %v, want Errors", tc.src, err)
			continue
		}
		if !strings.Contains(errs.Error(), tc.want) {
			t.Errorf("Check(%q) = %v, want %q", tc.src, errs, tc.want)
		}
	}
}

func TestMethodsOfEarlierTypes(t *testing.T) {
	s := newTestScope(t)
	c := mustCheck(t, s, 1, "type T int\nfunc (T) A() {}")
	s.Commit(c, "boltzbook.cells/t/c1", 0)
	_, err := s.Check(2, "func (t *T) B() {}")
	if err == nil || !strings.Contains(err.Error(), "1:13: method B of T: T was declared in an earlier cell") {
		t.Errorf("method on an earlier cell's type: %v", err)
	}
	// Declaring the type again with the method is fine.
	mustCheck(t, s, 3, "type T int\nfunc (t *T) B() {}")
}
