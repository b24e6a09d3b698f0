// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"context"
	"fmt"
	"reflect"

	"github.com/cosmos72/gomacro/imports"
)

// Declare makes a value of the host program a variable of the session,
// which every cell can read and assign, in both tiers: a program
// embedding the kernel can hand cells its data this way. The variable's
// type is v's type when every type it is made of comes from an
// importable package, and any otherwise.
func (s *Session) Declare(name string, v any) (err error) {
	s.do(func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("interp: cannot declare %s: %v", name, r)
			}
		}()
		if s.tiers.engine == nil {
			s.ir.DeclVar(name, nil, v)
			return
		}
		<-s.tiers.ready
		box, derr := s.tiers.engine.Declare(context.Background(), name, v)
		if derr != nil {
			err = derr
			return
		}
		path := fmt.Sprintf("boltzbook.session/%p/host/%s", s, name)
		imports.Packages[path] = imports.Package{Name: "main", Binds: map[string]reflect.Value{name: box}}
		s.ir.ImportPackage(".", path)
		o, _ := s.tiers.engine.Scope().Lookup(name)
		s.tiers.bound[o] = true
	})
	return err
}
