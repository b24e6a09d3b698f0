// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package imports_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	gomacro "github.com/cosmos72/gomacro/imports"
)

// TestEveryPackageImports imports, in a fresh interpreter, every package
// of gomacro's table: the standard library bindings gomacro ships
// (generated for Go 1.22) and ours. A binding that no longer matches the
// compiled package makes gomacro panic on import. gomacro's own packages,
// which register themselves too, are left out: some of their proxies are
// broken upstream and no notebook imports them.
func TestEveryPackageImports(t *testing.T) {
	var paths []string
	for path := range gomacro.Packages {
		if !strings.HasPrefix(path, "github.com/cosmos72/gomacro") {
			paths = append(paths, path)
		}
	}
	sort.Strings(paths)
	ir := newInterp()
	for i, path := range paths {
		alias := fmt.Sprintf("p%d", i) // distinct names: crypto/rand vs math/rand
		err := func() (err error) {
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("%v", r)
				}
			}()
			ir.Eval(fmt.Sprintf("import %s %q", alias, path))
			return nil
		}()
		if err != nil {
			t.Errorf("import %q: %v", path, strings.SplitN(err.Error(), "\n", 2)[0])
		}
	}
	t.Logf("%d packages imported", len(paths))
}
