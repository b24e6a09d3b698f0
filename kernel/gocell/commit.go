// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gocell

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Commit records in the scope what a cell declared, once it has run
// (a variable declared again with its type is the same variable):
// its imports, functions, types and constants, and the variables of
// its first done top-level statements (those that ran to the end; a
// variable whose declaring statement did not run keeps whatever earlier
// cell declared that name). pkg is the import path of the cell's
// compiled package, or "" for a cell run by the interpreter, which
// declares nothing but imports and variables, which the caller holds.
func (s *Scope) Commit(c *Cell, pkg string, done int) {
	for _, is := range c.Imports {
		s.addImport(is)
	}
	if c.b != nil && pkg != "" {
		for _, d := range c.declsOf {
			for _, id := range declaredNames(d) {
				if obj := c.b.info.Defs[id]; obj != nil && id.Name != "_" && id.Name != "init" {
					s.declare(&Object{Obj: obj, Cell: c.Serial, Pkg: pkg})
					c.committed = true
				}
			}
		}
	}
	completed := map[int]bool{}
	for k, st := range c.stmts {
		if k < done {
			completed[c.stmtOf[st]] = true
		}
	}
	for _, v := range c.vars {
		if !completed[v.chunk] || v.reuse != nil {
			continue // not declared, or the same variable as before
		}
		var obj types.Object = v.a
		if v.b != nil {
			obj = v.b
		}
		s.declare(&Object{Obj: obj, Cell: c.Serial, Pkg: pkg})
		c.committed = true
	}
}

// Release forgets the files of a cell that declared nothing lasting
// (most cells: calls, expressions, assignments), so that a long session
// does not keep a file per cell it ran. The positions of what a cell
// declared refer to its files, which are kept.
func (s *Scope) Release(c *Cell) {
	if c == nil || c.committed {
		return
	}
	for _, p := range []*pass{c.a, c.b} {
		if p != nil && p.tfile != nil {
			s.fset.RemoveFile(p.tfile)
			p.tfile = nil
		}
	}
}

// declaredNames returns the package-level names a declaration declares.
func declaredNames(d ast.Decl) []*ast.Ident {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			return []*ast.Ident{d.Name}
		}
	case *ast.GenDecl:
		var ids []*ast.Ident
		for _, spec := range d.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				ids = append(ids, s.Name)
			case *ast.ValueSpec:
				if d.Tok == token.CONST || d.Tok == token.VAR {
					ids = append(ids, s.Names...)
				}
			}
		}
		return ids
	}
	return nil
}
