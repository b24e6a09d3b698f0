// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gocell

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// rewrite records the edits that turn one checked node of a cell into
// code of the cell's own package:
//   - names declared by earlier cells become slots (variables and
//     functions) or exported aliases in those cells' packages (types,
//     constants, generic functions);
//   - unexported fields of struct types of earlier cells are reached
//     through accessors, and unexported methods of cell types carry an
//     exported name;
//   - loops poll for interrupts, and channel operations, selects and
//     sleeps wait interruptibly; goroutines recover their panics;
//   - os.Exit and log.Fatal end the cell, not the kernel.
func (g *gen) rewrite(p *pass, ci int, root ast.Node) {
	off := func(pos token.Pos) int { return g.off(p, ci, pos) }
	g.curFunc = ""
	if fd, ok := root.(*ast.FuncDecl); ok && fd.Recv == nil {
		g.curFunc = fd.Name.Name
	}
	g.markContexts(p, root)
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			g.ident(p, off, n)
		case *ast.SelectorExpr:
			return g.selector(p, off, n)
		case *ast.CompositeLit:
			g.compositeLit(p, off, n, nil)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if lit, ok := ast.Unparen(n.X).(*ast.CompositeLit); ok && g.needsBuild(p, lit) {
					g.compositeLit(p, off, lit, n)
				}
			}
			if n.Op == token.ARROW && g.marks[n] != markSelectComm {
				fn := "_bbrt.Recv("
				if g.marks[n] == markRecv2 {
					fn = "_bbrt.Recv2("
				}
				x := n.X
				g.ed.add(off(n.Pos()), off(n.End()), func(r *editor) string {
					return fn + r.text(off(x.Pos()), off(x.End())) + ")"
				})
			}
		case *ast.SendStmt:
			if g.marks[n] != markSelectComm {
				ch, v := n.Chan, n.Value
				g.ed.add(off(n.Pos()), off(n.End()), func(r *editor) string {
					return "_bbrt.Send(" + r.text(off(ch.Pos()), off(ch.End())) + ", " + r.text(off(v.Pos()), off(v.End())) + ")"
				})
			}
		case *ast.SelectStmt:
			g.ed.insert(off(n.Body.Lbrace)+1, " case <-_bbrt.Stopped(): _bbrt.Abort();")
		case *ast.ForStmt:
			g.ed.insert(off(n.Body.Lbrace)+1, " _bbrt.Poll();")
		case *ast.RangeStmt:
			g.ed.insert(off(n.Body.Lbrace)+1, " _bbrt.Poll();")
			if tv, ok := p.info.Types[n.X]; ok {
				if _, isChan := tv.Type.Underlying().(*types.Chan); isChan {
					x := n.X
					g.ed.add(off(x.Pos()), off(x.End()), func(r *editor) string {
						return "_bbrt.RangeChan(" + r.text(off(x.Pos()), off(x.End())) + ")"
					})
				}
			}
		case *ast.GoStmt:
			g.goStmt(p, off, n)
		case *ast.InterfaceType:
			for _, f := range n.Methods.List {
				for _, name := range f.Names {
					if !name.IsExported() && name.Name != "_" {
						g.ed.replace(off(name.Pos()), off(name.End()), methodPrefix+name.Name)
					}
				}
			}
		case *ast.FuncLit:
			// nothing special; its body is walked
		}
		return true
	})
}

// markContexts marks the nodes whose rewriting depends on their parent.
func (g *gen) markContexts(p *pass, root ast.Node) {
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CommClause:
			switch c := n.Comm.(type) {
			case *ast.SendStmt:
				g.marks[c] = markSelectComm
			case *ast.ExprStmt:
				g.marks[ast.Unparen(c.X)] = markSelectComm
			case *ast.AssignStmt:
				g.marks[ast.Unparen(c.Rhs[0])] = markSelectComm
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				if u, ok := ast.Unparen(n.Rhs[0]).(*ast.UnaryExpr); ok && u.Op == token.ARROW && g.marks[u] == 0 {
					g.marks[u] = markRecv2
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == 2 && len(n.Values) == 1 {
				if u, ok := ast.Unparen(n.Values[0]).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
					g.marks[u] = markRecv2
				}
			}
		case *ast.CompositeLit:
			t := p.info.Types[n].Type
			if t == nil {
				break
			}
			var elem types.Type
			switch u := t.Underlying().(type) {
			case *types.Slice:
				elem = u.Elem()
			case *types.Array:
				elem = u.Elem()
			case *types.Map:
				elem = u.Elem()
				if _, ok := u.Key().(*types.Pointer); ok {
					for _, e := range n.Elts {
						if kv, ok := e.(*ast.KeyValueExpr); ok {
							if lit, ok := kv.Key.(*ast.CompositeLit); ok && lit.Type == nil {
								g.marks[lit] = markPtrElided
							}
						}
					}
				}
			}
			if _, ok := elem.(*types.Pointer); ok {
				for _, e := range n.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						e = kv.Value
					}
					if lit, ok := e.(*ast.CompositeLit); ok && lit.Type == nil {
						g.marks[lit] = markPtrElided
					}
				}
			}
		}
		return true
	})
}

// ident rewrites a name that refers to an earlier cell's declaration or
// to one of this cell's statement variables.
func (g *gen) ident(p *pass, off func(token.Pos) int, id *ast.Ident) {
	if g.selIdents[id] || g.dropped[id] {
		return // a field, method or package member (see selector), or dropped text
	}
	obj := p.info.Uses[id]
	if obj == nil {
		obj = p.info.Defs[id]
	}
	if obj == nil {
		return
	}
	if name, ok := g.hoisted[obj]; ok {
		if name != id.Name {
			g.ed.replace(off(id.Pos()), off(id.End()), name)
		}
		return
	}
	if fn, ok := obj.(*types.Func); ok && p.info.Uses[id] == fn && g.lateFuncs[fn.Name()] != nil && fn.Name() != g.curFunc &&
		g.here(fn.Pos()) && fn.Type().(*types.Signature).Recv() == nil {
		g.ed.replace(off(id.Pos()), off(id.End()), "_bbf_"+fn.Name())
		return
	}
	if pn, ok := obj.(*types.PkgName); ok {
		g.userImports[id.Name] = pn.Imported().Path()
		return
	}
	if pkg := obj.Pkg(); pkg != nil && pkg.Path() != SessionPath && obj.Parent() == pkg.Scope() && p.info.Uses[id] == obj {
		// A package member used unqualified: a dot import.
		if repl, ok := runtimeReplacement(obj); ok {
			g.ed.replace(off(id.Pos()), off(id.End()), repl)
			return
		}
		g.dotImports[pkg.Path()] = true
		return
	}
	o, ok := g.s.origin[obj]
	if !ok || p.info.Uses[id] != obj {
		return
	}
	var repl string
	switch obj := obj.(type) {
	case *types.Var:
		repl = "(*" + slotName(g.slot(o, false)) + ")"
	case *types.Func:
		if o.Generic() {
			repl = g.cellRef(o) + "." + exportPrefix + obj.Name()
		} else {
			repl = slotName(g.slot(o, true))
		}
	case *types.TypeName, *types.Const:
		g.localAlias[obj.Name()] = o
		return
	default:
		return
	}
	g.ed.replace(off(id.Pos()), off(id.End()), repl)
}

// runtimeReplacement names the cellrt function that replaces a standard
// function which would end the kernel or wait uninterruptibly.
func runtimeReplacement(obj types.Object) (string, bool) {
	fn, ok := obj.(*types.Func)
	if !ok || fn.Pkg() == nil {
		return "", false
	}
	switch fn.Pkg().Path() + "." + fn.Name() {
	case "os.Exit":
		return "_bbrt.Exit", true
	case "time.Sleep":
		return "_bbrt.Sleep", true
	case "log.Fatal":
		return "_bbrt.Fatal", true
	case "log.Fatalf":
		return "_bbrt.Fatalf", true
	case "log.Fatalln":
		return "_bbrt.Fatalln", true
	}
	return "", false
}

// selector rewrites x.f; it returns whether to walk into the node.
func (g *gen) selector(p *pass, off func(token.Pos) int, se *ast.SelectorExpr) bool {
	g.selIdents[se.Sel] = true
	sel, ok := p.info.Selections[se]
	if !ok {
		// A qualified identifier, pkg.Name.
		if obj := p.info.Uses[se.Sel]; obj != nil {
			if repl, ok := runtimeReplacement(obj); ok {
				g.ed.replace(off(se.Pos()), off(se.End()), repl)
				return false
			}
		}
		return true
	}
	path := sel.Index()
	steps := path
	if sel.Kind() != types.FieldVal {
		steps = path[:len(path)-1] // the embedded fields before the method
	}
	xt := sel.Recv()
	if sel.Kind() == types.MethodExpr {
		steps = nil // T.m: no field steps to take on a value
	}
	if g.blocked(xt, steps) {
		x := se.X
		addressable := p.info.Types[x].Addressable()
		g.ed.add(off(se.Pos()), off(se.End()), func(r *editor) string {
			e := r.text(off(x.Pos()), off(x.End()))
			e = g.fieldChain("("+e+")", xt, steps, addressable)
			if sel.Kind() == types.FieldVal {
				return e
			}
			return e + "." + g.methodName(sel.Obj().(*types.Func))
		})
		return true
	}
	if fn, ok := sel.Obj().(*types.Func); ok {
		if name := g.methodName(fn); name != se.Sel.Name {
			g.ed.replace(off(se.Sel.Pos()), off(se.Sel.End()), name)
		}
	}
	return true
}

// blocked reports whether a path of field indices from type t crosses an
// unexported field of a struct type declared in an earlier cell.
func (g *gen) blocked(t types.Type, steps []int) bool {
	for _, i := range steps {
		st, _ := derefStruct(t)
		if st == nil {
			return false
		}
		f := st.Field(i)
		if g.foreignField(f) {
			return true
		}
		t = f.Type()
	}
	return false
}

// foreignField reports whether a field cannot be named in this cell's
// package: unexported and declared in another cell.
func (g *gen) foreignField(f *types.Var) bool {
	return !f.Exported() && g.inCell(f.Pos()) && !g.here(f.Pos())
}

func derefStruct(t types.Type) (*types.Struct, bool) {
	ptr := false
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t, ptr = p.Elem(), true
	}
	st, _ := t.Underlying().(*types.Struct)
	return st, ptr
}

// fieldChain follows field indices from an expression e of type t,
// through accessors where a field is unexported in another cell.
func (g *gen) fieldChain(e string, t types.Type, steps []int, addressable bool) string {
	for _, i := range steps {
		st, ptr := derefStruct(t)
		f := st.Field(i)
		if !g.foreignField(f) {
			e = e + "." + f.Name()
			addressable = addressable || ptr
			t = f.Type()
			continue
		}
		arg := e
		switch {
		case ptr:
		case addressable:
			arg = "&" + e
		default:
			arg = "_bbrt.Ptr(" + e + ")"
		}
		e = "(*" + g.accessor(t, f) + "(" + arg + "))"
		addressable = true
		t = f.Type()
	}
	return e
}

// accessor returns the expression naming the accessor of field f of the
// named struct type t (or *t), declared in an earlier cell.
func (g *gen) accessor(t types.Type, f *types.Var) string {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	if !ok {
		g.fail("the field %s of an unnamed struct type declared in another cell cannot be used here; give the struct type a name", f.Name())
		return "_"
	}
	o, ok := g.s.origin[n.Obj()]
	if !ok {
		g.fail("the field %s of %s cannot be used here", f.Name(), n.Obj().Name())
		return "_"
	}
	name := g.cellRef(o) + "." + accessorName(n.Obj().Name(), f.Name())
	if args := n.TypeArgs(); args.Len() > 0 {
		var b strings.Builder
		b.WriteString(name + "[")
		for i := 0; i < args.Len(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(g.typeString(args.At(i)))
		}
		return b.String() + "]"
	}
	return name + "[int]"
}

// accessorName is the name of the accessor of field f of type t:
// unambiguous because t's length is spelled out.
func accessorName(t, f string) string {
	return fieldPrefix + strconv.Itoa(len(t)) + t + "_" + f
}

// needsBuild reports whether a composite literal sets unexported fields
// of a struct type declared in an earlier cell, which only a function
// using accessors can do.
func (g *gen) needsBuild(p *pass, lit *ast.CompositeLit) bool {
	t := p.info.Types[lit].Type
	if t == nil {
		return false
	}
	if ptr, ok := t.Underlying().(*types.Pointer); ok {
		t = ptr.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i, e := range lit.Elts {
		var f *types.Var
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			f, _ = p.info.Uses[kv.Key.(*ast.Ident)].(*types.Var)
		} else if i < st.NumFields() {
			f = st.Field(i)
		}
		if f != nil && g.foreignField(f) {
			return true
		}
	}
	return false
}

// compositeLit rewrites a literal of a struct type of an earlier cell
// with unexported fields into a function building the value; amp is the
// & taking its address, if any. An elided literal ({...} in a slice of
// such structs) gets its type written out.
func (g *gen) compositeLit(p *pass, off func(token.Pos) int, lit *ast.CompositeLit, amp *ast.UnaryExpr) {
	if g.built[lit] || !g.needsBuild(p, lit) {
		return
	}
	g.built[lit] = true
	t := p.info.Types[lit].Type
	if ptr, ok := t.(*types.Pointer); ok {
		t = ptr.Elem()
	}
	st := t.Underlying().(*types.Struct)
	pointer := amp != nil || g.marks[lit] == markPtrElided
	start, end := off(lit.Pos()), off(lit.End())
	if amp != nil {
		start, end = off(amp.Pos()), off(amp.End())
	}
	type set struct {
		f     *types.Var
		value ast.Expr
	}
	var sets []set
	for i, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			f, _ := p.info.Uses[kv.Key.(*ast.Ident)].(*types.Var)
			sets = append(sets, set{f, kv.Value})
		} else {
			sets = append(sets, set{st.Field(i), e})
		}
	}
	g.ed.add(start, end, func(r *editor) string {
		ts := g.typeString(t)
		var b strings.Builder
		if pointer {
			fmt.Fprintf(&b, "func() *%s { _bbv := new(%s); ", ts, ts)
		} else {
			fmt.Fprintf(&b, "func() %s { var _bbv %s; ", ts, ts)
		}
		for _, s := range sets {
			val := r.text(off(s.value.Pos()), off(s.value.End()))
			if g.foreignField(s.f) {
				ref := "&_bbv"
				if pointer {
					ref = "_bbv"
				}
				fmt.Fprintf(&b, "*%s(%s) = %s; ", g.accessor(t, s.f), ref, val)
			} else {
				fmt.Fprintf(&b, "_bbv.%s = %s; ", s.f.Name(), val)
			}
		}
		b.WriteString("return _bbv }()")
		return b.String()
	})
}
