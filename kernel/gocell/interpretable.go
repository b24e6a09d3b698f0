// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gocell

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
)

// Interpreter describes what the interpreter (gomacro) has: the
// packages it has bindings for, and the session objects bound in it.
type Interpreter interface {
	// HasPackage reports whether the interpreter can import path, and
	// member, when not empty, is one of its functions, variables or
	// types.
	HasPackage(path, member string) bool
	// Bound reports whether a session object is declared in the
	// interpreter.
	Bound(o *Object) bool
}

// Interpretable reports whether the interpreter runs a cell exactly as
// compiled Go would, so that it may run it without a build: a cell of
// simple statements (calls, assignments, increments) and expressions
// that declares nothing and uses only what the interpreter is known to
// get right. It errs on the side of the compiler; why says what sent
// the cell there.
func (c *Cell) Interpretable(in Interpreter) (ok bool, why string) {
	for _, ch := range c.Chunks {
		switch ch.Kind {
		case Import, Stmt, Package:
		default:
			return false, ch.Kind.String() + " declaration"
		}
	}
	for _, is := range c.Imports {
		if !in.HasPackage(is.Path, "") {
			return false, "import of " + is.Path
		}
	}
	if c.a == nil {
		return true, ""
	}
	if len(c.a.info.Instances) > 0 {
		return false, "generics"
	}
	for _, st := range c.stmts {
		switch s := st.(type) {
		case *ast.ExprStmt:
		case *ast.AssignStmt:
			switch s.Tok {
			case token.ASSIGN:
			case token.ADD_ASSIGN, token.SUB_ASSIGN, token.MUL_ASSIGN, token.QUO_ASSIGN:
				for _, l := range s.Lhs {
					if _, ok := l.(*ast.Ident); !ok {
						return false, "op-assignment to a place"
					}
				}
			default:
				return false, s.Tok.String() + " statement"
			}
		case *ast.IncDecStmt:
			if _, ok := s.X.(*ast.Ident); !ok {
				return false, "increment of a place"
			}
		default:
			return false, fmt.Sprintf("%T", st)
		}
		if why := c.simple(in, st); why != "" {
			return false, why
		}
	}
	return true, ""
}

// interpretedBuiltins are the builtins gomacro gets right.
var interpretedBuiltins = map[string]bool{
	"len": true, "cap": true, "append": true, "make": true, "new": true, "panic": true,
	"complex": true, "real": true, "imag": true, "delete": true, "close": true,
}

// simple checks the expressions of a statement for the interpreter; it
// returns why not, or "".
func (c *Cell) simple(in Interpreter, st ast.Stmt) (why string) {
	info := c.a.info
	ast.Inspect(st, func(n ast.Node) bool {
		if why != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			why = "function literal"
		case *ast.StructType, *ast.InterfaceType, *ast.FuncType:
			why = "type literal"
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				why = "channel receive"
			}
		case *ast.BinaryExpr:
			switch n.Op {
			case token.AND, token.OR, token.XOR, token.AND_NOT, token.SHL, token.SHR:
				why = "bit operation"
			}
		case *ast.SliceExpr:
			if n.Slice3 {
				why = "three-index slice"
			}
		case *ast.CallExpr:
			if tv, ok := info.Types[n.Fun]; ok && tv.IsType() {
				if types.IsInterface(tv.Type) {
					why = "conversion to an interface"
				}
			}
			for _, a := range n.Args {
				if ix, ok := ast.Unparen(a).(*ast.IndexExpr); ok {
					if tv, ok := info.Types[ix.X]; ok {
						if _, isMap := tv.Type.Underlying().(*types.Map); isMap {
							why = "map element as an argument"
						}
					}
				}
			}
		case *ast.SelectorExpr:
			if sel, ok := info.Selections[n]; ok {
				if !sel.Obj().Exported() {
					why = "unexported field or method"
				}
				return true
			}
			if pn, ok := info.Uses[identOf(n.X)].(*types.PkgName); ok {
				if !in.HasPackage(pn.Imported().Path(), n.Sel.Name) {
					why = pn.Imported().Path() + "." + n.Sel.Name
				}
				return false
			}
		case *ast.Ident:
			obj := info.Uses[n]
			if obj == nil {
				return true
			}
			switch o := obj.(type) {
			case *types.Builtin:
				if !interpretedBuiltins[o.Name()] {
					why = "builtin " + o.Name()
				}
			case *types.PkgName:
				if !in.HasPackage(o.Imported().Path(), "") {
					why = "package " + o.Imported().Path()
				}
			case *types.Nil:
			default:
				if obj.Pkg() == nil {
					return true // universe types and constants
				}
				if obj.Pkg().Path() != SessionPath {
					why = "dot-imported " + obj.Name()
					return false
				}
				so, ok := c.scope.origin[obj]
				if !ok || !in.Bound(so) {
					why = obj.Name() + " is not in the interpreter"
				}
			}
		}
		return true
	})
	return why
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// Constant returns the value of a cell that is a single constant
// expression of a basic type, such as 1+1 or math.Pi/2, as a value of
// its type (the default type for untyped constants): the type checker
// has computed it exactly, so nothing needs to run. ok is false for
// other cells; err reports a constant that overflows its type, as the
// compiler would.
func (c *Cell) Constant() (v any, ok bool, err error) {
	if len(c.Chunks) != 1 || c.final == nil || c.a == nil {
		return nil, false, nil
	}
	tv, found := c.a.info.Types[c.final.X]
	if !found || tv.Value == nil {
		return nil, false, nil
	}
	t, isBasic := types.Default(tv.Type).(*types.Basic)
	if !isBasic || tv.Type != types.Default(tv.Type) && !isUntyped(tv.Type) {
		return nil, false, nil
	}
	val := tv.Value
	overflow := func() (any, bool, error) {
		return nil, true, Errors{{Line: c.Chunks[0].Line, Col: c.Chunks[0].Col,
			Msg: fmt.Sprintf("cannot use %s (constant %s) as %s value (overflows)", c.Src[c.Chunks[0].Start:c.Chunks[0].End], val, t)}}
	}
	switch t.Kind() {
	case types.Bool:
		return constant.BoolVal(val), true, nil
	case types.String:
		return constant.StringVal(val), true, nil
	case types.Int, types.Int64:
		i, exact := constant.Int64Val(constant.ToInt(val))
		if !exact {
			return overflow()
		}
		if t.Kind() == types.Int {
			return int(i), true, nil
		}
		return i, true, nil
	case types.Int32: // rune
		i, exact := constant.Int64Val(constant.ToInt(val))
		if !exact || i < math.MinInt32 || i > math.MaxInt32 {
			return overflow()
		}
		return int32(i), true, nil
	case types.Float64:
		f, _ := constant.Float64Val(constant.ToFloat(val))
		if math.IsInf(f, 0) {
			return overflow()
		}
		return f, true, nil
	}
	return nil, false, nil
}

func isUntyped(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && b.Info()&types.IsUntyped != 0
}
