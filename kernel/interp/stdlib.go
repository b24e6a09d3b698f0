// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	randv2 "math/rand/v2"
	"reflect"

	"github.com/cosmos72/gomacro/imports"
)

// registerStdlib adds standard packages that gomacro's bundled table
// predates (it was generated before math/rand/v2 existed), unless
// kernel/imports already registered them. Without this, a cell's
// `import "math/rand/v2"` would try to build a plugin.
func registerStdlib() {
	if _, ok := imports.Packages["math/rand/v2"]; ok {
		return
	}
	imports.Packages["math/rand/v2"] = imports.Package{
		Name: "rand",
		Binds: map[string]reflect.Value{
			"ExpFloat64":  reflect.ValueOf(randv2.ExpFloat64),
			"Float32":     reflect.ValueOf(randv2.Float32),
			"Float64":     reflect.ValueOf(randv2.Float64),
			"Int":         reflect.ValueOf(randv2.Int),
			"Int32":       reflect.ValueOf(randv2.Int32),
			"Int32N":      reflect.ValueOf(randv2.Int32N),
			"Int64":       reflect.ValueOf(randv2.Int64),
			"Int64N":      reflect.ValueOf(randv2.Int64N),
			"IntN":        reflect.ValueOf(randv2.IntN),
			"New":         reflect.ValueOf(randv2.New),
			"NewChaCha8":  reflect.ValueOf(randv2.NewChaCha8),
			"NewPCG":      reflect.ValueOf(randv2.NewPCG),
			"NewZipf":     reflect.ValueOf(randv2.NewZipf),
			"NormFloat64": reflect.ValueOf(randv2.NormFloat64),
			"Perm":        reflect.ValueOf(randv2.Perm),
			"Shuffle":     reflect.ValueOf(randv2.Shuffle),
			"Uint":        reflect.ValueOf(randv2.Uint),
			"Uint32":      reflect.ValueOf(randv2.Uint32),
			"Uint32N":     reflect.ValueOf(randv2.Uint32N),
			"Uint64":      reflect.ValueOf(randv2.Uint64),
			"Uint64N":     reflect.ValueOf(randv2.Uint64N),
			"UintN":       reflect.ValueOf(randv2.UintN),
		},
		Types: map[string]reflect.Type{
			"ChaCha8": reflect.TypeOf((*randv2.ChaCha8)(nil)).Elem(),
			"PCG":     reflect.TypeOf((*randv2.PCG)(nil)).Elem(),
			"Rand":    reflect.TypeOf((*randv2.Rand)(nil)).Elem(),
			"Source":  reflect.TypeOf((*randv2.Source)(nil)).Elem(),
			"Zipf":    reflect.TypeOf((*randv2.Zipf)(nil)).Elem(),
		},
		Proxies: map[string]reflect.Type{
			"Source": reflect.TypeOf((*sourceProxy)(nil)).Elem(),
		},
	}
}

// sourceProxy lets a type declared in a cell implement rand.Source: the
// shape (Object plus one func field per method, named with a trailing
// underscore) is the one gomacro expects of interface proxies.
type sourceProxy struct {
	Object  any
	Uint64_ func(any) uint64
}

func (p *sourceProxy) Uint64() uint64 { return p.Uint64_(p.Object) }
