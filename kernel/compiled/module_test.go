// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package compiled

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestImportAnyPackage imports a package the kernel does not preload
// (a gonum package outside the preloaded set) and a module that is not
// in the kernel's build at all, fetched from the Go module proxy.
func TestImportAnyPackage(t *testing.T) {
	e := newEngine(t)
	got := run(t, e, "import \"gonum.org/v1/gonum/graph/simple\"\ng := simple.NewUndirectedGraph()\n"+
		"g.SetEdge(g.NewEdge(simple.Node(1), simple.Node(2)))\ng.Edges().Len()")
	if got != "1" {
		t.Errorf("gonum graph: %q, want 1", got)
	}
	if os.Getenv("BOLTZBOOK_OFFLINE") != "" {
		t.Skip("BOLTZBOOK_OFFLINE is set: not fetching a module from the proxy")
	}
	got = run(t, e, "import \"github.com/google/uuid\"\nuuid.NewSHA1(uuid.NameSpaceDNS, []byte(\"boltzbook\")).String()")
	if got != "94a08872-58ce-5cb8-a8dd-b5ef5d09ef6c" {
		t.Errorf("uuid: %q", got)
	}
}

func TestImportErrors(t *testing.T) {
	e := newEngine(t)
	err := e.PrepareImports(context.Background(), "import (\n\t\"fmt\"\n\t\"example.invalid/no/such/module\"\n)")
	if err == nil || !strings.Contains(err.Error(), "3:1:") || !strings.Contains(err.Error(), "example.invalid/no/such/module") {
		t.Errorf("import of an unknown module: %v", err)
	}
}
