// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gocell

import (
	"fmt"
	"go/types"
	"strconv"
	"strings"
)

// typePrinter writes types as Go source in the context of one generated
// file, where each named type is reached its own way (a bare name, an
// import alias, an exported alias in an earlier cell's package). It
// records what it could not write.
type typePrinter struct {
	// named returns the expression naming a named type's declaration,
	// without type arguments.
	named func(obj *types.TypeName) string
	// method returns the name of an interface's method as written in
	// the file.
	method func(m *types.Func) string
	// field reports whether a struct field may be written in this file;
	// unexported fields of another package's struct types cannot.
	field func(f *types.Var) bool

	err error
}

func (tp *typePrinter) String(t types.Type) string {
	var b strings.Builder
	tp.write(&b, t)
	return b.String()
}

func (tp *typePrinter) fail(format string, args ...any) {
	if tp.err == nil {
		tp.err = fmt.Errorf(format, args...)
	}
}

func (tp *typePrinter) write(b *strings.Builder, t types.Type) {
	switch t := t.(type) {
	case *types.Basic:
		switch t.Kind() {
		case types.UntypedBool:
			b.WriteString("bool")
		case types.UntypedInt:
			b.WriteString("int")
		case types.UntypedRune:
			b.WriteString("rune")
		case types.UntypedFloat:
			b.WriteString("float64")
		case types.UntypedComplex:
			b.WriteString("complex128")
		case types.UntypedString:
			b.WriteString("string")
		case types.UntypedNil, types.Invalid:
			tp.fail("a value of type %s", t)
			b.WriteString("any")
		default:
			b.WriteString(t.Name())
		}
	case *types.Pointer:
		b.WriteByte('*')
		tp.write(b, t.Elem())
	case *types.Slice:
		b.WriteString("[]")
		tp.write(b, t.Elem())
	case *types.Array:
		fmt.Fprintf(b, "[%d]", t.Len())
		tp.write(b, t.Elem())
	case *types.Map:
		b.WriteString("map[")
		tp.write(b, t.Key())
		b.WriteByte(']')
		tp.write(b, t.Elem())
	case *types.Chan:
		switch t.Dir() {
		case types.SendRecv:
			b.WriteString("chan ")
			if c, ok := t.Elem().(*types.Chan); ok && c.Dir() == types.RecvOnly {
				b.WriteByte('(')
				tp.write(b, t.Elem())
				b.WriteByte(')')
				return
			}
		case types.SendOnly:
			b.WriteString("chan<- ")
		case types.RecvOnly:
			b.WriteString("<-chan ")
		}
		tp.write(b, t.Elem())
	case *types.Signature:
		b.WriteString("func")
		tp.signature(b, t)
	case *types.Struct:
		b.WriteString("struct{")
		for i := 0; i < t.NumFields(); i++ {
			f := t.Field(i)
			if i > 0 {
				b.WriteString("; ")
			}
			if !tp.field(f) {
				tp.fail("a struct type with the unexported field %s, declared in another cell (give the struct type a name)", f.Name())
			}
			if !f.Embedded() {
				b.WriteString(f.Name())
				b.WriteByte(' ')
			}
			tp.write(b, f.Type())
			if tag := t.Tag(i); tag != "" {
				b.WriteByte(' ')
				b.WriteString(strconv.Quote(tag))
			}
		}
		b.WriteByte('}')
	case *types.Interface:
		b.WriteString("interface{")
		first := true
		sep := func() {
			if !first {
				b.WriteString("; ")
			}
			first = false
		}
		for i := 0; i < t.NumEmbeddeds(); i++ {
			sep()
			tp.write(b, t.EmbeddedType(i))
		}
		for i := 0; i < t.NumExplicitMethods(); i++ {
			m := t.ExplicitMethod(i)
			sep()
			b.WriteString(tp.method(m))
			tp.signature(b, m.Type().(*types.Signature))
		}
		b.WriteByte('}')
	case *types.Union:
		for i := 0; i < t.Len(); i++ {
			if i > 0 {
				b.WriteString(" | ")
			}
			term := t.Term(i)
			if term.Tilde() {
				b.WriteByte('~')
			}
			tp.write(b, term.Type())
		}
	case *types.Named:
		b.WriteString(tp.named(t.Obj()))
		if args := t.TypeArgs(); args.Len() > 0 {
			b.WriteByte('[')
			for i := 0; i < args.Len(); i++ {
				if i > 0 {
					b.WriteString(", ")
				}
				tp.write(b, args.At(i))
			}
			b.WriteByte(']')
		}
	case *types.TypeParam:
		b.WriteString(t.Obj().Name())
	case *types.Tuple:
		tp.tuple(b, t, false)
	default:
		tp.fail("a value of type %s", t)
		b.WriteString("any")
	}
}

// signature writes (params) results.
func (tp *typePrinter) signature(b *strings.Builder, sig *types.Signature) {
	tp.tuple(b, sig.Params(), sig.Variadic())
	res := sig.Results()
	switch res.Len() {
	case 0:
	case 1:
		b.WriteByte(' ')
		tp.write(b, res.At(0).Type())
	default:
		b.WriteByte(' ')
		tp.tuple(b, res, false)
	}
}

func (tp *typePrinter) tuple(b *strings.Builder, t *types.Tuple, variadic bool) {
	b.WriteByte('(')
	for i := 0; i < t.Len(); i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		typ := t.At(i).Type()
		if variadic && i == t.Len()-1 {
			b.WriteString("...")
			typ = typ.(*types.Slice).Elem()
		}
		tp.write(b, typ)
	}
	b.WriteByte(')')
}
