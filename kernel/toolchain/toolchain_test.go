// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package toolchain

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/boltzbook/boltzbook/kernel/cellrt"
)

var shared *Toolchain

func toolchain(t *testing.T) *Toolchain {
	t.Helper()
	if shared == nil {
		tc, err := Find()
		var u *Unavailable
		if errors.As(err, &u) {
			t.Skip(err)
		}
		if err != nil {
			t.Fatal(err)
		}
		shared = tc
	}
	return shared
}

func TestBuildAndLoad(t *testing.T) {
	tc := toolchain(t)
	ctx := context.Background()
	if err := tc.Prepare(ctx, "fmt", "github.com/boltzbook/boltzbook/kernel/cellrt"); err != nil {
		t.Fatal(err)
	}
	const path = "boltzbook.cells/test/c1"
	src := `package main

import (
	"fmt"
	"github.com/boltzbook/boltzbook/kernel/cellrt"
)

type point struct{ x, y int }

func (p point) String() string { return fmt.Sprintf("(%d,%d)", p.x, p.y) }

type Xpoint = point

var p point

func run() []any { p = point{1, 2}; return cellrt.Values(fmt.Sprintf("%T %v", p, p)) }

func init() {
	cellrt.Register(&cellrt.Cell{Path: "` + path + `", Run: run, Vars: map[string]any{"p": &p}})
}
`
	dir := t.TempDir()
	so, err := tc.Build(ctx, dir, path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := tc.Load(so); err != nil {
		t.Fatal(err)
	}
	c, ok := cellrt.Take(path)
	if !ok {
		t.Fatal("the plugin did not register its cell")
	}
	got := c.Run()
	if len(got) != 1 || got[0] != "main.point (1,2)" {
		t.Errorf("Run() = %v, want [main.point (1,2)]", got)
	}
	if s := fmt.Sprint(c.Vars["p"]); s != "(1,2)" {
		t.Errorf("the variable p prints as %s, want (1,2)", s)
	}

	// A later package imports the first one, named main too.
	const path2 = "boltzbook.cells/test/c2"
	src2 := `package main

import (
	"fmt"
	c1 "` + path + `"
	"github.com/boltzbook/boltzbook/kernel/cellrt"
)

var p *c1.Xpoint

func run() []any { return cellrt.Values(fmt.Sprint(*p)) }

func init() { cellrt.Register(&cellrt.Cell{Path: "` + path2 + `", Run: run, Slots: map[string]any{"p": &p}}) }
`
	so, err = tc.Build(ctx, dir, path2, []byte(src2))
	if err != nil {
		t.Fatal(err)
	}
	if err := tc.Load(so); err != nil {
		t.Fatal(err)
	}
	c2, ok := cellrt.Take(path2)
	if !ok {
		t.Fatal("the second plugin did not register")
	}
	reflect.ValueOf(c2.Slots["p"]).Elem().Set(reflect.ValueOf(c.Vars["p"]))
	if got := c2.Run(); len(got) != 1 || got[0] != "(1,2)" {
		t.Errorf("the second cell's Run() = %v, want [(1,2)]", got)
	}
}

func TestCompileError(t *testing.T) {
	tc := toolchain(t)
	src := "package main\n\n//line cell9:3:1\nfunc f() int { return \"x\" }\n"
	_, err := tc.Build(context.Background(), t.TempDir(), "boltzbook.cells/test/bad", []byte(src))
	var ce *CompileError
	if !errors.As(err, &ce) || !strings.Contains(ce.Output, "cell9:3:") {
		t.Fatalf("Build of a bad package: %v, want a CompileError at cell9:3", err)
	}
}

func TestPrepareUnknownPackage(t *testing.T) {
	tc := toolchain(t)
	err := tc.Prepare(context.Background(), "example.invalid/nothing/here")
	var ie *ImportError
	if !errors.As(err, &ie) || ie.Path != "example.invalid/nothing/here" {
		t.Fatalf("Prepare of an unknown package: %v, want an ImportError", err)
	}
}

func TestDriftRefused(t *testing.T) {
	tc := &Toolchain{deps: map[string]string{"gonum.org/v1/gonum": "v0.17.0", "golang.org/x/text": "v0.28.0"}}
	list := "boltzbook.cells\ngithub.com/boltzbook/boltzbook v0.0.0-00010101000000-000000000000 => /src\n" +
		"gonum.org/v1/gonum v0.18.0\ngolang.org/x/text v0.28.0\nexample.com/new v1.0.0\n"
	got := tc.drift([]byte(list))
	if len(got) != 1 || got[0] != "gonum.org/v1/gonum v0.18.0 (kernel: v0.17.0)" {
		t.Errorf("drift = %q", got)
	}
}

func TestPreparedRoundTrip(t *testing.T) {
	tc := toolchain(t)
	if err := tc.Prepare(context.Background(), "fmt"); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "prepared.importcfg")
	if err := tc.ExportPrepared(name); err != nil {
		t.Fatal(err)
	}
	fresh := &Toolchain{version: tc.version, tags: tc.tags, source: tc.source, archives: map[string]string{}}
	if err := fresh.loadPrepared(name); err != nil {
		t.Fatal(err)
	}
	if a, _ := tc.Archive("fmt"); !fresh.Prepared("fmt") || fresh.archives["fmt"] != a {
		t.Errorf("fmt after a round trip: %q, want %q", fresh.archives["fmt"], a)
	}
	other := &Toolchain{version: "go0.0", tags: tc.tags, source: tc.source, archives: map[string]string{}}
	if err := other.loadPrepared(name); err == nil {
		t.Error("a file prepared for another Go release was accepted")
	}
}
