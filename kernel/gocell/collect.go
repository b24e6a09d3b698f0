// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gocell

import (
	"go/ast"
	"go/token"
	"go/types"
)

// collectStatements records pass A's top-level statements, the
// variables they declare and the final expression.
func (c *Cell) collectStatements() {
	fn := c.a.file.Decls[len(c.a.file.Decls)-1].(*ast.FuncDecl)
	chunks := c.stmtChunks()
	for k, st := range fn.Body.List {
		if k >= len(chunks) {
			break // a chunk that parsed as several statements cannot happen; be safe
		}
		ci := c.chunkAt(c.a, st.Pos(), chunks)
		c.stmts = append(c.stmts, st)
		c.stmtOf[st] = ci
		for _, id := range definedAtTop(st) {
			obj, ok := c.a.info.Defs[id].(*types.Var)
			if !ok || obj == nil || id.Name == "_" {
				continue
			}
			v := &topVar{name: id.Name, a: obj, chunk: ci}
			if o, ok := c.scope.objects[id.Name]; ok {
				if ov, isVar := o.Obj.(*types.Var); isVar && types.Identical(ov.Type(), obj.Type()) {
					v.reuse = o
				}
			}
			c.vars = append(c.vars, v)
			c.varOf[id.Name] = v
		}
	}
	if n := len(c.Chunks); n > 0 && len(c.stmts) > 0 {
		last := c.stmts[len(c.stmts)-1]
		if es, ok := last.(*ast.ExprStmt); ok && c.stmtOf[last] == n-1 {
			c.final = es
		}
	}
}

// chunkAt finds which of the given chunks a pass position falls in.
func (c *Cell) chunkAt(p *pass, pos token.Pos, among []int) int {
	off := p.tfile.Offset(pos)
	best := -1
	for _, i := range among {
		if start, ok := p.place[i]; ok && start <= off {
			if best < 0 || start > p.place[best] {
				best = i
			}
		}
	}
	return best
}

// definedAtTop returns the identifiers a top-level statement declares.
func definedAtTop(st ast.Stmt) []*ast.Ident {
	var ids []*ast.Ident
	switch s := st.(type) {
	case *ast.AssignStmt:
		if s.Tok == token.DEFINE {
			for _, e := range s.Lhs {
				if id, ok := e.(*ast.Ident); ok {
					ids = append(ids, id)
				}
			}
		}
	case *ast.DeclStmt:
		if g, ok := s.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, spec := range g.Specs {
				ids = append(ids, spec.(*ast.ValueSpec).Names...)
			}
		}
	}
	return ids
}

// collectDecls records pass B's declarations by chunk and its objects
// for the statements' variables.
func (c *Cell) collectDecls() {
	var chunks []int
	for i, ch := range c.Chunks {
		if ch.Kind.decl() {
			chunks = append(chunks, i)
		}
	}
	for _, d := range c.b.file.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			continue
		}
		off := c.b.tfile.Offset(d.Pos())
		ci := c.chunkAt(c.b, d.Pos(), chunks)
		if ci >= 0 && off < c.b.place[ci]+c.Chunks[ci].End-c.Chunks[ci].Start {
			c.declsOf[ci] = d
			continue
		}
		// The hoisted variables.
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, spec := range g.Specs {
				for _, id := range spec.(*ast.ValueSpec).Names {
					if v, ok := c.varOf[id.Name]; ok {
						v.b, _ = c.b.info.Defs[id].(*types.Var)
					}
				}
			}
		}
	}
}

// stmtChunks returns the indices of the chunks that are statements or
// variable declarations, in order.
func (c *Cell) stmtChunks() []int {
	var out []int
	for i, ch := range c.Chunks {
		if ch.Kind == Stmt || ch.Kind == Var {
			out = append(out, i)
		}
	}
	return out
}
