// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"context"
	"go/ast"
	"reflect"
	"runtime/debug"
	"strings"

	"github.com/cosmos72/gomacro/ast2"
	basereflect "github.com/cosmos72/gomacro/base/reflect"
	"github.com/cosmos72/gomacro/fast"
	mp "github.com/cosmos72/gomacro/go/parser"
	xr "github.com/cosmos72/gomacro/xreflect"

	"github.com/boltzbook/boltzbook/kernel/display"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// cellFile is the file name gomacro puts in positions; errors mention
// it, and errors.go turns "cell:3:5: ..." into "cell line 3".
const cellFile = "cell"

// Execute runs one cell. The cell is parsed and compiled as a whole
// before any of it runs, so a compile error leaves the state untouched;
// then its top-level statements run in order, which tells a panic's
// cell line.
func (s *Session) Execute(req jupyter.ExecuteRequest, pub jupyter.Publisher) jupyter.ExecuteResult {
	s.out.setPublisher(pub)
	ctx, cancel := context.WithCancel(context.Background())
	s.mu.Lock()
	s.cellCount++
	s.cell = s.cellCount
	s.cellCtx, s.cancel = ctx, cancel
	s.monitors = nil
	s.mu.Unlock()

	var res jupyter.ExecuteResult
	s.do(func() {
		res = s.execute(ctx, req.Code, req.Silent)
		if len(req.UserExpressions) > 0 {
			res.UserExpressions = s.userExpressions(req.UserExpressions)
		}
	})

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
	nodes, err := s.parse(code)
	if err != nil {
		return jupyter.ExecuteResult{Error: compileError(err, code)}
	}
	units := s.group(nodes)
	for i := range units {
		u := &units[i]
		if err := s.compile(u); err != nil {
			return jupyter.ExecuteResult{Error: compileError(err, code)}
		}
	}
	var last []any
	var lastTypes []xr.Type
	for i := range units {
		u := &units[i]
		if ctx.Err() != nil {
			return jupyter.ExecuteResult{Error: interruptedError(u.line, code)}
		}
		vals, types, p := s.run(u.expr)
		if p != nil {
			return jupyter.ExecuteResult{Error: s.runtimeError(ctx, p, u.line, code)}
		}
		if i == len(units)-1 && isExpression(u.nodes) {
			last, lastTypes = interfaces(vals), types
			if printCall(u.nodes[0], lastTypes) {
				last = nil
			}
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
func (s *Session) parse(code string) (nodes []ast.Node, err error) {
	g := s.ir.Comp.CompGlobals
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

// group splits nodes into units.
func (s *Session) group(nodes []ast.Node) []unit {
	fset := s.ir.Comp.Fileset
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
func (s *Session) compile(u *unit) (err error) {
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
	u.expr = s.ir.CompileAst(form)
	return nil
}

// panicked is a recovered panic with the stack it came from.
type panicked struct {
	value any
	stack []byte
}

// run runs a compiled unit and recovers its panic, if any.
func (s *Session) run(e *fast.Expr) (vals []xr.Value, types []xr.Type, p *panicked) {
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
	vals, types = s.ir.RunExpr(e)
	return vals, types, nil
}

// interfaces unwraps gomacro's values.
func interfaces(vals []xr.Value) []any {
	out := make([]any, 0, len(vals))
	for _, v := range vals {
		if v.IsValid() && v != basereflect.None {
			out = append(out, basereflect.ValueInterface(v))
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
func allNil(vals []any) bool {
	for _, v := range vals {
		if v != nil {
			return false
		}
	}
	return true
}

// render makes the execute_result bundle. One value (or one non-nil
// value next to nil errors) renders richly; several show as text
// separated by spaces.
func render(vals []any) jupyter.MIMEBundle {
	var only any
	count := 0
	for _, v := range vals {
		if v != nil {
			only = v
			count++
		}
	}
	if count == 1 {
		if _, isErr := only.(error); !isErr || len(vals) == 1 {
			return display.Render(only)
		}
	}
	return jupyter.MIMEBundle{display.MIMEText: display.Texts(vals...)}
}

// userExpressions evaluates the request's user_expressions after the cell.
func (s *Session) userExpressions(exprs map[string]string) map[string]any {
	out := make(map[string]any, len(exprs))
	for name, code := range exprs {
		res := s.execute(context.Background(), code, false)
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
