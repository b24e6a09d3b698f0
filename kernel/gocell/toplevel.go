// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gocell

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
)

// goStmt rewrites go f(x) so that a panic in the goroutine is reported
// instead of ending the kernel. The function value and the arguments are
// still evaluated where the go statement is: into temporaries, except
// constants and functions named by a declaration, which cannot change.
func (g *gen) goStmt(p *pass, off func(token.Pos) int, gs *ast.GoStmt) {
	call := gs.Call
	k := g.goStmts
	g.goStmts++
	g.ed.add(off(gs.Pos()), off(gs.End()), func(r *editor) string {
		text := func(e ast.Expr) string { return r.text(off(e.Pos()), off(e.End())) }
		var temps, vals []string
		callee := text(call.Fun)
		if !g.stable(p, call.Fun) {
			name := fmt.Sprintf("_bbg%d_f", k)
			temps, vals = append(temps, name), append(vals, callee)
			callee = name
		}
		args := make([]string, len(call.Args))
		for i, a := range call.Args {
			args[i] = text(a)
			if tv, ok := p.info.Types[a]; ok && tv.Value == nil && !tv.IsType() {
				name := fmt.Sprintf("_bbg%d_%d", k, i)
				temps, vals = append(temps, name), append(vals, args[i])
				args[i] = name
			}
		}
		spread := ""
		if call.Ellipsis.IsValid() {
			spread = "..."
		}
		name := fmt.Sprintf("_bbg%d_cell", k)
		temps, vals = append(temps, name), append(vals, "_bbrt.Current()")
		body := fmt.Sprintf("go func() { defer _bbrt.GoRecover(%s); %s(%s%s) }()", name, callee, strings.Join(args, ", "), spread)
		return fmt.Sprintf("{ %s := %s; %s }", strings.Join(temps, ", "), strings.Join(vals, ", "), body)
	})
}

// stable reports whether a callee denotes the same function whenever it
// is evaluated: a declared function, a builtin, a type (a conversion).
func (g *gen) stable(p *pass, fun ast.Expr) bool {
	fun = ast.Unparen(fun)
	if ix, ok := fun.(*ast.IndexExpr); ok {
		fun = ix.X
	}
	if ix, ok := fun.(*ast.IndexListExpr); ok {
		fun = ix.X
	}
	var id *ast.Ident
	switch f := fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		if _, isSel := p.info.Selections[f]; isSel {
			return false
		}
		id = f.Sel
	case *ast.FuncLit:
		return false
	default:
		if tv, ok := p.info.Types[fun]; ok && tv.IsType() {
			return true
		}
		return false
	}
	switch obj := p.info.Uses[id].(type) {
	case *types.Func, *types.Builtin, *types.TypeName:
		return true
	case *types.Var:
		_ = obj
		return false
	}
	return false
}

// declEdits rewrites what a declaration itself declares: unexported
// method names, and init functions, which the cell's Run calls instead
// of the plugin's loader (their earlier cells' slots are not yet filled
// when the plugin loads).
func (g *gen) declEdits(ci int, d ast.Decl) {
	fd, ok := d.(*ast.FuncDecl)
	if !ok {
		return
	}
	off := func(pos token.Pos) int { return g.off(g.c.b, ci, pos) }
	switch {
	case fd.Recv != nil:
		if !fd.Name.IsExported() && fd.Name.Name != "_" {
			g.ed.replace(off(fd.Name.Pos()), off(fd.Name.End()), methodPrefix+fd.Name.Name)
		}
	case fd.Name.Name == "init":
		name := fmt.Sprintf("_bbinit%d", len(g.inits))
		g.inits = append(g.inits, name)
		g.ed.replace(off(fd.Name.Pos()), off(fd.Name.End()), name)
	}
}

// topEdits turns a top-level statement of the cell (the k-th) into a
// statement of Run: its variable declarations become assignments to the
// package variables, a final expression is returned, and each statement
// that runs to its end counts itself in _bbdone.
func (g *gen) topEdits(p *pass, ci int, st ast.Stmt, k int) {
	off := func(pos token.Pos) int { return g.off(p, ci, pos) }
	ch := g.c.Chunks[ci]
	switch s := st.(type) {
	case *ast.AssignStmt:
		if s.Tok == token.DEFINE {
			g.ed.replace(off(s.TokPos), off(s.TokPos)+2, "=")
		}
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			break
		}
		for _, spec := range gd.Specs {
			if vs := spec.(*ast.ValueSpec); vs.Type != nil {
				ast.Inspect(vs.Type, func(n ast.Node) bool {
					if id, ok := n.(*ast.Ident); ok {
						g.dropped[id] = true
					}
					return true
				})
			}
		}
		g.ed.add(off(s.Pos()), off(s.End()), func(r *editor) string {
			var parts []string
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Values) == 0 {
					continue
				}
				names := make([]string, len(vs.Names))
				for i, id := range vs.Names {
					names[i] = "_"
					if obj := p.info.Defs[id]; obj != nil {
						if n, ok := g.hoisted[obj]; ok {
							names[i] = n
						}
					}
				}
				vals := make([]string, len(vs.Values))
				for i, v := range vs.Values {
					vals[i] = r.text(off(v.Pos()), off(v.End()))
				}
				parts = append(parts, strings.Join(names, ", ")+" = "+strings.Join(vals, ", "))
			}
			if len(parts) == 0 {
				return "{}"
			}
			return strings.Join(parts, "; ")
		})
	case *ast.ExprStmt:
		if s == g.c.final && g.hasValue(p, s.X) {
			x := s.X
			g.ed.add(off(x.Pos()), off(x.End()), func(r *editor) string {
				return "_bbdone++; return _bbrt.Values(" + r.text(off(x.Pos()), off(x.End())) + ")"
			})
			return
		}
	}
	_ = ch
	_ = k
}

// hasValue reports whether an expression statement yields a value to
// show (calls of functions without results do not).
func (g *gen) hasValue(p *pass, x ast.Expr) bool {
	tv, ok := p.info.Types[x]
	if !ok {
		return false
	}
	if t, ok := tv.Type.(*types.Tuple); ok {
		return t.Len() > 0
	}
	return !tv.IsVoid()
}

// exports declares what later cells may need of this cell's types,
// constants and generic functions under exported names, and accessors
// for the unexported fields of its struct types.
func (g *gen) exports() string {
	var b strings.Builder
	var chunks []int
	for i := range g.c.declsOf {
		chunks = append(chunks, i)
	}
	sort.Ints(chunks)
	for _, ci := range chunks {
		for _, id := range declaredNames(g.c.declsOf[ci]) {
			if id.Name == "_" || id.Name == "init" {
				continue
			}
			switch obj := g.c.b.info.Defs[id].(type) {
			case *types.TypeName:
				g.exportType(&b, obj)
			case *types.Const:
				fmt.Fprintf(&b, "const %s%s = %s\n", exportPrefix, obj.Name(), obj.Name())
			case *types.Func:
				if isGeneric(obj) {
					g.exportGenericFunc(&b, obj)
				}
			}
		}
	}
	return b.String()
}

// typeParams writes a type parameter list "[P C, Q D]" and the argument
// list "[P, Q]" that instantiates with them.
func (g *gen) typeParams(list *types.TypeParamList) (params, args string) {
	if list.Len() == 0 {
		return "", ""
	}
	var ps, as []string
	for i := 0; i < list.Len(); i++ {
		tp := list.At(i)
		ps = append(ps, tp.Obj().Name()+" "+g.typeString(tp.Constraint()))
		as = append(as, tp.Obj().Name())
	}
	return "[" + strings.Join(ps, ", ") + "]", "[" + strings.Join(as, ", ") + "]"
}

func (g *gen) exportType(b *strings.Builder, obj *types.TypeName) {
	name := obj.Name()
	named, isNamed := obj.Type().(*types.Named)
	params, args := "", ""
	if isNamed {
		params, args = g.typeParams(named.TypeParams())
	}
	fmt.Fprintf(b, "type %s%s%s = %s%s\n", exportPrefix, name, params, name, args)
	if !isNamed || obj.IsAlias() {
		return
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return
	}
	tparams := params
	if tparams == "" {
		tparams = "[_ any]"
	}
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if f.Exported() || f.Name() == "_" {
			continue
		}
		fmt.Fprintf(b, "func %s%s(p *%s%s) *%s { return &p.%s }\n",
			accessorName(name, f.Name()), tparams, name, args, g.typeString(f.Type()), f.Name())
	}
}

func (g *gen) exportGenericFunc(b *strings.Builder, fn *types.Func) {
	sig := fn.Type().(*types.Signature)
	params, args := g.typeParams(sig.TypeParams())
	var ps, call []string
	for i := 0; i < sig.Params().Len(); i++ {
		t := sig.Params().At(i).Type()
		name := fmt.Sprintf("p%d", i)
		if sig.Variadic() && i == sig.Params().Len()-1 {
			ps = append(ps, name+" ..."+g.typeString(t.(*types.Slice).Elem()))
			call = append(call, name+"...")
			continue
		}
		ps = append(ps, name+" "+g.typeString(t))
		call = append(call, name)
	}
	results := ""
	ret := ""
	switch sig.Results().Len() {
	case 0:
	case 1:
		results, ret = " "+g.typeString(sig.Results().At(0).Type()), "return "
	default:
		var rs []string
		for i := 0; i < sig.Results().Len(); i++ {
			rs = append(rs, g.typeString(sig.Results().At(i).Type()))
		}
		results, ret = " ("+strings.Join(rs, ", ")+")", "return "
	}
	fmt.Fprintf(b, "func %s%s%s(%s)%s { %s%s%s(%s) }\n", exportPrefix, fn.Name(), params,
		strings.Join(ps, ", "), results, ret, fn.Name(), args, strings.Join(call, ", "))
}
