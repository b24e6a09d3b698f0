// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"fmt"
	"go/ast"
	"go/parser"
	"os"
)

// A panic in a goroutine that nothing recovers ends the process: in a
// notebook, the kernel and every variable in it. gomacro starts the
// goroutines of `go` statements without a recover, so the session
// rewrites `go f()` (a call without arguments, which covers the usual
// `go func() { ... }()`) into
//
//	go func() {
//		defer func() { goPanicked(recover()) }()
//		f()
//	}()
//
// and the panic is reported on the notebook's stderr instead. A call
// with arguments is left alone, because wrapping it would evaluate its
// arguments late, in the new goroutine, where Go evaluates them at once.

// goPanickedName is the interpreter's name for goPanicked.
const goPanickedName = "__bbGoPanicked"

// goPanicked reports a panic recovered in a cell's goroutine, if any.
// (The guard passes recover() straight in: a variable declared in the
// guard would make gomacro touch its type tables from the goroutine,
// racing with the compilation of the next cell.)
func goPanicked(r any) {
	if r == nil {
		return
	}
	fmt.Fprintf(os.Stderr, "panic in a goroutine: %s\n(the goroutine stopped; the kernel and its variables are intact)\n", panicMessage(r))
}

// guardGoroutines rewrites the argument-less go statements in nodes.
func guardGoroutines(nodes []ast.Node) {
	for _, n := range nodes {
		ast.Inspect(n, func(n ast.Node) bool {
			g, ok := n.(*ast.GoStmt)
			if !ok || len(g.Call.Args) > 0 {
				return true
			}
			guard, err := parser.ParseExpr("func() { " + goPanickedName + "(recover()) }")
			if err != nil {
				return true // cannot happen: the source is constant
			}
			body := []ast.Stmt{
				&ast.DeferStmt{Call: &ast.CallExpr{Fun: guard}},
				&ast.ExprStmt{X: g.Call},
			}
			g.Call = &ast.CallExpr{Fun: &ast.FuncLit{
				Type: &ast.FuncType{Params: &ast.FieldList{}},
				Body: &ast.BlockStmt{List: body},
			}}
			return true
		})
	}
}
