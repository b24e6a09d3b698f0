// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"reflect"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"

	"github.com/cosmos72/gomacro/ast2"
	basereflect "github.com/cosmos72/gomacro/base/reflect"
	"github.com/cosmos72/gomacro/fast"
	etoken "github.com/cosmos72/gomacro/go/etoken"
	mp "github.com/cosmos72/gomacro/go/parser"
	"github.com/cosmos72/gomacro/imports"
	xr "github.com/cosmos72/gomacro/xreflect"

	"github.com/boltzbook/boltzbook/kernel/cellrt"
	"github.com/boltzbook/boltzbook/kernel/comm"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// cellFile is the file name gomacro puts in positions; errors mention
// it, and errors.go turns "cell:3:5: ..." into "cell line 3".
const cellFile = "cell"

// Execute runs one cell. The cell is parsed and compiled as a whole
// before any of it runs, so a cell with a compile error runs none of
// its statements; then its top-level statements run in order, which
// tells a panic's cell line.
func (s *Session) Execute(req jupyter.ExecuteRequest, pub jupyter.Publisher) jupyter.ExecuteResult {
	if res, ok := s.page(req, pub); ok { // `name?`, `%doc name`: pager.go
		return res
	}
	s.out.setPublisher(pub)
	ctx, cancel := context.WithCancel(context.Background())
	s.mu.Lock()
	s.cellCount++
	s.cell = s.cellCount
	cellrt.SetCurrent(int64(s.cell))
	s.cellCtx, s.cancel = ctx, cancel
	s.monitors = nil
	s.mu.Unlock()

	var res jupyter.ExecuteResult
	var mu sync.Mutex // res, between this goroutine and an abandoned cell's
	key := cellKey(req)
	abandoned := s.doCell(ctx, func() {
		defer cellHooks(key)()
		r := s.runCell(ctx, req.Code, req.Silent)
		if len(req.UserExpressions) > 0 && r.Error == nil {
			r.UserExpressions = s.userExpressions(req.UserExpressions)
		}
		mu.Lock()
		res = r
		mu.Unlock()
	})
	if abandoned {
		res = jupyter.ExecuteResult{Error: abandonedError()}
	}
	mu.Lock()
	defer mu.Unlock()

	s.mu.Lock()
	s.cell = 0
	monitors := s.monitors
	s.monitors = nil
	s.mu.Unlock()
	for _, m := range monitors {
		m.finish(ctx.Err() != nil)
	}
	// Streams go out before the result or error the caller sends.
	s.out.flush(flushTimeout)
	return res
}

// cellKey names a cell for kernel/comm's OnCellStart: the front end's
// cell id, or else a digest of the code, so that running the same code
// again counts as running the same cell again.
func cellKey(req jupyter.ExecuteRequest) string {
	if req.CellID != "" {
		return "cell:" + req.CellID
	}
	sum := sha256.Sum256([]byte(req.Code))
	return "code:" + hex.EncodeToString(sum[:12])
}

// cellHooks runs kernel/comm's OnCellStart functions and returns the
// function that runs its OnCellEnd ones. A panic in either is a bug of
// the library that registered it: it goes to the notebook's stderr and
// the cell goes on.
func cellHooks(key string) (end func()) {
	guard := func(what string, f func()) {
		defer func() {
			if r := recover(); r != nil {
				fmt.Fprintf(os.Stderr, "comm: a %s hook panicked: %v\n", what, r)
			}
		}()
		f()
	}
	guard("cell start", func() { comm.CellStarting(key) })
	return func() { guard("cell end", comm.CellEnded) }
}

// unit is a run of top-level nodes compiled together: consecutive
// declarations (so that they may refer to each other in any order),
// or a single statement or expression.
type unit struct {
	nodes []ast.Node
	line  int // cell line of the first node
	expr  *fast.Expr
}

// execute parses, compiles and runs code on the session goroutine.
func (s *Session) execute(ctx context.Context, code string, silent bool) jupyter.ExecuteResult {
	s.unitsDone = 0
	ir := s.ir // this cell's interpreter, even if the session replaces it (abandon.go)
	nodes, err := s.parse(ir, code)

	if err != nil {
		return jupyter.ExecuteResult{Error: compileError(err, code)}
	}
	if err := s.checkImports(ir, nodes); err != nil {
		return jupyter.ExecuteResult{Error: compileError(err, code)}
	}
	guardGoroutines(nodes)
	units := s.group(ir, nodes)
	for i := range units {
		u := &units[i]
		if err := s.compile(ir, u); err != nil {
			return jupyter.ExecuteResult{Error: compileError(err, code)}
		}
	}
	var last []result
	for i := range units {
		u := &units[i]
		if ctx.Err() != nil {
			return jupyter.ExecuteResult{Error: interruptedError(u.line, code)}
		}
		vals, types, p := s.run(ir, u.expr)
		if p != nil {
			if err := s.runtimeError(ctx, p, u.line, code); err != nil {
				return jupyter.ExecuteResult{Error: err}
			}
			return jupyter.ExecuteResult{} // os.Exit(0)
		}
		if i == len(units)-1 && isExpression(u.nodes) && !printCall(u.nodes[0], types) {
			last = results(vals, types)
		}
		if !isImportUnit(u.nodes) {
			s.unitsDone++
		}
	}
	if ctx.Err() != nil {
		// A trainer that saw the interrupt returned quietly: still say so.
		return jupyter.ExecuteResult{Error: interruptedError(0, code)}
	}
	if silent || allNil(last) {
		return jupyter.ExecuteResult{}
	}
	return jupyter.ExecuteResult{Data: render(last), Metadata: map[string]any{}}
}

// parse turns code into top-level nodes, with positions counted from
// the cell's first line.
func (s *Session) parse(ir *fast.Interp, code string) (nodes []ast.Node, err error) {
	g := ir.Comp.CompGlobals
	if s.tiers.engine != nil {
		// With the front end, cells declare nothing in gomacro, so no
		// position of an earlier cell is needed: a file set per cell
		// keeps a long session from holding one file per cell.
		g.Fileset = etoken.NewFileSet()
	}
	var p mp.Parser
	p.Configure(g.ParserMode, g.MacroChar)
	p.Init(g.Fileset, cellFile, 0, []byte(code))
	defer func() {
		if r := recover(); r != nil {
			err = asError(r)
		}
	}()
	return p.Parse()
}

// checkImports rejects imports of packages without bindings up front:
// gomacro would otherwise try to build a plugin with the Go toolchain,
// which takes many seconds where it works at all.
func (s *Session) checkImports(ir *fast.Interp, nodes []ast.Node) error {
	fset := ir.Comp.Fileset
	for _, n := range nodes {
		d, ok := n.(*ast.GenDecl)
		if !ok || d.Tok != token.IMPORT {
			continue
		}
		for _, spec := range d.Specs {
			is, ok := spec.(*ast.ImportSpec)
			if !ok || is.Path == nil {
				continue
			}
			p, err := strconv.Unquote(is.Path.Value)
			if err != nil {
				continue
			}
			if _, ok := imports.Packages[p]; !ok {
				return fmt.Errorf("%s:%d:%d: cannot import %q: the kernel has no bindings for it and does not "+
					"compile packages at run time; the standard library, bm, plots, datasets, display, gonum and "+
					"gonum/plot are preloaded (complete an import path with Tab to see them)",
					cellFile, fset.Position(is.Path.Pos()).Line, fset.Position(is.Path.Pos()).Column, p)
			}
		}
	}
	return nil
}

// group splits nodes into units.
func (s *Session) group(ir *fast.Interp, nodes []ast.Node) []unit {
	fset := ir.Comp.Fileset
	var units []unit
	for i, n := range nodes {
		if i > 0 && isDecl(n) && isDecl(nodes[i-1]) {
			u := &units[len(units)-1]
			u.nodes = append(u.nodes, n)
			continue
		}
		units = append(units, unit{nodes: []ast.Node{n}, line: fset.Position(n.Pos()).Line})
	}
	return units
}

func isImportUnit(nodes []ast.Node) bool {
	d, ok := nodes[0].(*ast.GenDecl)
	return ok && d.Tok == token.IMPORT
}

func isDecl(n ast.Node) bool {
	switch n.(type) {
	case *ast.GenDecl, *ast.FuncDecl:
		return true
	}
	return false
}

// isExpression reports whether a unit is one expression, whose value
// the cell shows when it comes last.
func isExpression(nodes []ast.Node) bool {
	if len(nodes) != 1 {
		return false
	}
	switch nodes[0].(type) {
	case ast.Expr, *ast.ExprStmt:
		return true
	}
	return false
}

// compile compiles one unit; gomacro reports compile errors by panicking.
func (s *Session) compile(ir *fast.Interp, u *unit) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = asError(r)
		}
	}()
	var form ast2.Ast
	if len(u.nodes) == 1 {
		form = ast2.ToAst(u.nodes[0])
	} else {
		form = ast2.NodeSlice{X: u.nodes}
	}
	u.expr = ir.CompileAst(form)
	return nil
}

// panicked is a recovered panic with the stack it came from.
type panicked struct {
	value any
	stack []byte
}

// run runs a compiled unit and recovers its panic, if any.
func (s *Session) run(ir *fast.Interp, e *fast.Expr) (vals []xr.Value, types []xr.Type, p *panicked) {
	if e == nil {
		return nil, nil, nil
	}
	defer func() {
		if r := recover(); r != nil {
			// The deferred call runs on top of the panicking frames, so
			// the stack still shows where compiled code failed.
			p = &panicked{value: r, stack: debug.Stack()}
		}
	}()
	vals, types = ir.RunExpr(e)
	return vals, types, nil
}

// results unwraps gomacro's values.
func results(vals []xr.Value, types []xr.Type) []result {
	out := make([]result, 0, len(vals))
	for i, v := range vals {
		if v.IsValid() && v != basereflect.None {
			var t xr.Type
			if i < len(types) {
				t = types[i]
			}
			out = append(out, result{v: basereflect.ValueInterface(v), t: t, x: v})
		}
	}
	return out
}

var (
	intType   = reflect.TypeOf(0)
	errorType = reflect.TypeOf((*error)(nil)).Elem()
)

// printCall reports whether n is a call whose only results are
// (n int, err error), as with fmt.Println or w.Write: showing those as
// the cell's value is noise.
func printCall(n ast.Node, types []xr.Type) bool {
	if st, ok := n.(*ast.ExprStmt); ok {
		n = st.X
	}
	for {
		p, ok := n.(*ast.ParenExpr)
		if !ok {
			break
		}
		n = p.X
	}
	if _, ok := n.(*ast.CallExpr); !ok || len(types) != 2 || types[0] == nil || types[1] == nil {
		return false
	}
	return types[0].ReflectType() == intType && types[1].ReflectType() == errorType
}

// allNil reports whether there is nothing worth showing: no values, or
// only nil ones (a call returning a nil error, say).
func allNil(rs []result) bool {
	for _, r := range rs {
		if r.v != nil {
			return false
		}
	}
	return true
}

// userExpressions evaluates the request's user_expressions after the cell.
func (s *Session) userExpressions(exprs map[string]string) map[string]any {
	out := make(map[string]any, len(exprs))
	for name, code := range exprs {
		res := s.runCell(context.Background(), code, false)
		if res.Error != nil {
			out[name] = map[string]any{
				"status": "error", "ename": res.Error.Name,
				"evalue": res.Error.Value, "traceback": res.Error.Traceback,
			}
			continue
		}
		data := res.Data
		if data == nil {
			data = jupyter.MIMEBundle{}
		}
		out[name] = map[string]any{"status": "ok", "data": data, "metadata": map[string]any{}}
	}
	return out
}

// sourceLine returns line n (1-based) of code, trimmed.
func sourceLine(code string, n int) string {
	lines := strings.Split(code, "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimRight(lines[n-1], " \t\r")
}
