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
		case Import, Stmt, Var, Package:
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
		if why := c.interpretableStmt(in, st, true); why != "" {
			return false, why
		}
	}
	// A variable declared again with another type must not be used by
	// the cell before: the interpreter sees the new variable from the
	// start.
	for _, v := range c.vars {
		if v.reuse != nil {
			continue
		}
		for id, obj := range c.a.info.Uses {
			if id.Name == v.name && obj != v.a {
				return false, v.name + " declared again after a use"
			}
		}
	}
	return true, ""
}

// interpretableStmt checks one statement; top is true at the cell's top
// level. It returns why the interpreter should not run it, or "".
func (c *Cell) interpretableStmt(in Interpreter, st ast.Stmt, top bool) string {
	switch s := st.(type) {
	case *ast.ExprStmt:
	case *ast.AssignStmt:
		switch s.Tok {
		case token.ASSIGN, token.DEFINE:
		case token.ADD_ASSIGN, token.SUB_ASSIGN, token.MUL_ASSIGN, token.QUO_ASSIGN:
			for _, l := range s.Lhs {
				if _, ok := l.(*ast.Ident); !ok {
					return "op-assignment to a place"
				}
			}
		default:
			return s.Tok.String() + " statement"
		}
	case *ast.IncDecStmt:
		if _, ok := s.X.(*ast.Ident); !ok {
			return "increment of a place"
		}
	case *ast.DeclStmt:
		if g, ok := s.Decl.(*ast.GenDecl); !ok || g.Tok != token.VAR || !top {
			return "declaration"
		}
	case *ast.IfStmt:
		if s.Init != nil {
			if why := c.interpretableStmt(in, s.Init, false); why != "" {
				return why
			}
		}
		if why := c.simple(in, s.Cond); why != "" {
			return why
		}
		for _, b := range s.Body.List {
			if why := c.interpretableStmt(in, b, false); why != "" {
				return why
			}
		}
		switch e := s.Else.(type) {
		case nil:
		case *ast.BlockStmt:
			for _, b := range e.List {
				if why := c.interpretableStmt(in, b, false); why != "" {
					return why
				}
			}
		default:
			return c.interpretableStmt(in, e, false)
		}
		return ""
	default:
		return fmt.Sprintf("%T", st)
	}
	return c.simple(in, st)
}

// interpretedBuiltins are the builtins gomacro gets right.
var interpretedBuiltins = map[string]bool{
	"len": true, "cap": true, "append": true, "make": true, "new": true, "panic": true,
	"complex": true, "real": true, "imag": true, "delete": true, "close": true,
}

// simple checks the expressions of a statement for the interpreter; it
// returns why not, or "".
func (c *Cell) simple(in Interpreter, node ast.Node) (why string) {
	info := c.a.info
	ast.Inspect(node, func(n ast.Node) bool {
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
			// gomacro's run-time panics carry reflect's messages, not
			// Go's: what can panic that way is compiled.
			why = "slice expression"
		case *ast.IndexExpr:
			if tv, ok := info.Types[n.X]; ok {
				if _, isMap := tv.Type.Underlying().(*types.Map); !isMap {
					why = "index expression"
				}
			}
		case *ast.TypeAssertExpr:
			why = "type assertion"
		case *ast.CallExpr:
			if tv, ok := info.Types[n.Fun]; ok && tv.IsType() {
				if _, basic := tv.Type.(*types.Basic); !basic {
					why = "conversion to " + tv.Type.String()
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
					return false
				}
				why = c.simple(in, n.X)
				return false
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
			if v, ok := obj.(*types.Var); ok && v.Parent() != c.a.pkg.Scope() && c.scope.origin[obj] == nil {
				return true // a variable of the cell
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

// Vars returns the variables the cell's top-level statements declare,
// in order.
func (c *Cell) Vars() []*types.Var {
	out := make([]*types.Var, len(c.vars))
	for i, v := range c.vars {
		out[i] = v.a
	}
	return out
}

// Reused returns, for the i-th variable of Vars, the session variable
// it is the same as (declared again with its type), or nil.
func (c *Cell) Reused(i int) *Object { return c.vars[i].reuse }

// InterpreterSource returns the cell with its top-level variable
// declarations turned into assignments, for an interpreter in which the
// variables are declared beforehand.
func (c *Cell) InterpreterSource() (string, error) {
	if c.a == nil {
		return c.Src, nil
	}
	g := newGen(c, "")
	ed := g.ed
	for _, v := range c.vars {
		g.hoisted[v.a] = v.name
	}
	for k, st := range c.stmts {
		switch st.(type) {
		case *ast.AssignStmt, *ast.DeclStmt:
			g.topEdits(c.a, c.stmtOf[st], st, k)
		}
	}
	ed.prepare()
	var out []byte
	pos := 0
	for _, ch := range c.Chunks {
		out = append(out, c.Src[pos:ch.Start]...)
		out = append(out, ed.text(ch.Start, ch.End)...)
		pos = ch.End
	}
	out = append(out, c.Src[pos:]...)
	return string(out), ed.err
}
