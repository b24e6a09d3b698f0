// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package conformance

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
)

// Deriving the go-run program of a case from its cells (see doc.go):
// package-level declarations (import, type, const, func) go to package
// level, every other top-level statement goes into func main in order,
// and a cell's trailing expression is shown as the kernel shows it.

// item is one top-level declaration or statement of a cell.
type item struct {
	text      string // source text, from its first token to its last
	line, col int    // position of the first token in the cell (1-based)
	decl      bool   // a package-level declaration (import, type, const, func)
	imports   [][2]string
	vars      []string // names a statement declares (:= or var), for `_ = name`
	expr      bool     // the statement is a bare expression
	call      bool     // ... and that expression is a call (possibly parenthesised)
}

type tok struct {
	tok      token.Token
	off, end int
	lit      string
}

// splitCell cuts a cell into top-level items. Declarations are found
// with the scanner: a declaration keyword starting a statement at
// bracket depth 0 starts one, the next semicolon at depth 0 ends it.
// The runs of statements between them are parsed as a function body
// (a for or if header has semicolons of its own).
func splitCell(code string) ([]item, error) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(code))
	var errs scanner.ErrorList
	var s scanner.Scanner
	s.Init(file, []byte(code), func(pos token.Position, msg string) { errs.Add(pos, msg) }, 0)
	var toks []tok
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		off := file.Offset(pos)
		end := off + len(lit)
		if lit == "" || t == token.SEMICOLON {
			end = off + len(t.String())
		}
		toks = append(toks, tok{t, off, end, lit})
	}
	if errs.Len() > 0 {
		return nil, errs.Err()
	}
	var items []item
	runStart := 0 // offset where the current run of statements starts
	flushRun := func(end int) error {
		stmts, err := splitStmts(code, file, runStart, end)
		items = append(items, stmts...)
		return err
	}
	depth := 0
	for i := 0; i < len(toks); i++ {
		atStart := depth == 0 && (i == 0 || toks[i-1].tok == token.SEMICOLON)
		t := toks[i]
		isDecl := false
		switch t.tok {
		case token.IMPORT, token.TYPE, token.CONST:
			isDecl = atStart
		case token.FUNC:
			isDecl = atStart && isFuncDecl(toks[i:])
		}
		if !isDecl {
			switch t.tok {
			case token.LPAREN, token.LBRACE, token.LBRACK:
				depth++
			case token.RPAREN, token.RBRACE, token.RBRACK:
				depth--
			}
			continue
		}
		if err := flushRun(t.off); err != nil {
			return nil, err
		}
		j := i
		for d := 0; j < len(toks); j++ {
			switch toks[j].tok {
			case token.LPAREN, token.LBRACE, token.LBRACK:
				d++
			case token.RPAREN, token.RBRACE, token.RBRACK:
				d--
			}
			if d == 0 && j+1 < len(toks) && toks[j+1].tok == token.SEMICOLON {
				break
			}
		}
		if j == len(toks) {
			j--
		}
		it, err := newDecl(code, file, t.off, toks[j].end)
		if err != nil {
			return nil, err
		}
		items = append(items, it)
		runStart = toks[j].end
		i = j
	}
	if err := flushRun(len(code)); err != nil {
		return nil, err
	}
	return items, nil
}

// newDecl parses the declaration code[start:end].
func newDecl(code string, file *token.File, start, end int) (item, error) {
	pos := file.Position(file.Pos(start))
	it := item{text: code[start:end], line: pos.Line, col: pos.Column, decl: true}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+it.text, parser.SkipObjectResolution)
	if err != nil {
		return it, fmt.Errorf("cell line %d: %v", it.line, err)
	}
	for _, is := range f.Imports {
		p, _ := strconv.Unquote(is.Path.Value)
		name := ""
		if is.Name != nil {
			name = is.Name.Name
		}
		it.imports = append(it.imports, [2]string{name, p})
	}
	return it, nil
}

// splitStmts parses the statements of code[start:end].
func splitStmts(code string, file *token.File, start, end int) ([]item, error) {
	run := code[start:end]
	if strings.Trim(run, " \t\r\n;") == "" {
		return nil, nil
	}
	const prefix = "package p; func _() {"
	src := prefix + run + "\n}"
	pf := token.NewFileSet()
	f, err := parser.ParseFile(pf, "", src, parser.SkipObjectResolution)
	if err != nil {
		pos := file.Position(file.Pos(start))
		return nil, fmt.Errorf("statements from cell line %d: %v", pos.Line, err)
	}
	tf := pf.File(f.Pos())
	var items []item
	for _, st := range f.Decls[0].(*ast.FuncDecl).Body.List {
		if _, ok := st.(*ast.EmptyStmt); ok {
			continue
		}
		so, eo := tf.Offset(st.Pos())-len(prefix), tf.Offset(st.End())-len(prefix)
		pos := file.Position(file.Pos(start + so))
		it := item{text: run[so:eo], line: pos.Line, col: pos.Column}
		switch st := st.(type) {
		case *ast.ExprStmt:
			it.expr = true
			x := st.X
			for {
				p, ok := x.(*ast.ParenExpr)
				if !ok {
					break
				}
				x = p.X
			}
			_, it.call = x.(*ast.CallExpr)
		case *ast.AssignStmt:
			if st.Tok == token.DEFINE {
				for _, l := range st.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
						it.vars = append(it.vars, id.Name)
					}
				}
			}
		case *ast.DeclStmt:
			if gd, ok := st.Decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
				for _, sp := range gd.Specs {
					for _, id := range sp.(*ast.ValueSpec).Names {
						if id.Name != "_" {
							it.vars = append(it.vars, id.Name)
						}
					}
				}
			}
		}
		items = append(items, it)
	}
	return items, nil
}

// isFuncDecl tells a function or method declaration from a statement
// starting with a function literal: `func name`, `func (r T) Name(` and
// `func (r T) Name[` are declarations.
func isFuncDecl(ts []tok) bool {
	if len(ts) < 2 {
		return false
	}
	if ts[1].tok == token.IDENT {
		return true
	}
	if ts[1].tok != token.LPAREN {
		return false
	}
	depth := 0
	for i := 1; i < len(ts); i++ {
		switch ts[i].tok {
		case token.LPAREN:
			depth++
		case token.RPAREN:
			depth--
			if depth == 0 {
				return i+2 < len(ts) && ts[i+1].tok == token.IDENT &&
					(ts[i+2].tok == token.LPAREN || ts[i+2].tok == token.LBRACK)
			}
		}
	}
	return false
}

// showMode says how the program treats a cell's trailing expression.
type showMode int

const (
	showStmt  showMode = iota // a statement: a call whose results the kernel does not show
	showValue                 // conformanceShow(expr)
)

// derived is a case's program in the making.
type derived struct {
	cells [][]item
	// trailing[i] is the index in cells[i] of the cell's trailing
	// expression statement, or -1.
	trailing []int
	mode     []showMode
	imports  []string // import paths of the program, for type checking
}

// derive splits the cells of c; the program comes from render.
func derive(c *corpusCase) (*derived, error) {
	d := &derived{}
	seen := map[string]bool{}
	for _, cell := range c.Cells {
		var items []item
		if cell.Fail == "" {
			var err error
			items, err = splitCell(cell.Code)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", c.Path, cell.Line, err)
			}
		}
		d.cells = append(d.cells, items)
		t := -1
		if n := len(items); n > 0 && items[n-1].expr {
			t = n - 1
		}
		d.trailing = append(d.trailing, t)
		mode := showStmt
		if t >= 0 && !items[t].call {
			mode = showValue
		}
		d.mode = append(d.mode, mode)
		for _, it := range items {
			for _, im := range it.imports {
				if !seen[im[1]] {
					seen[im[1]] = true
					d.imports = append(d.imports, im[1])
				}
			}
		}
	}
	return d, nil
}

// render writes the program's main.go; usesShow reports whether it
// needs the helper file. trailing maps the offset in src of each
// trailing expression statement rendered as a statement to its cell.
func (d *derived) render(c *corpusCase) (src string, usesShow bool, trailing map[int]int) {
	trailing = map[int]int{}
	var b strings.Builder
	b.WriteString("// Code derived from " + c.Path + " by the conformance harness. DO NOT EDIT.\n\npackage main\n\n")
	type spec struct{ name, path string }
	var specs []spec
	seen := map[spec]bool{}
	for _, items := range d.cells {
		for _, it := range items {
			for _, im := range it.imports {
				s := spec{im[0], im[1]}
				if !seen[s] {
					seen[s] = true
					specs = append(specs, s)
				}
			}
		}
	}
	sort.Slice(specs, func(i, j int) bool { return specs[i].path < specs[j].path })
	if len(specs) > 0 {
		b.WriteString("import (\n")
		for _, s := range specs {
			if s.name != "" {
				fmt.Fprintf(&b, "\t%s %q\n", s.name, s.path)
			} else {
				fmt.Fprintf(&b, "\t%q\n", s.path)
			}
		}
		b.WriteString(")\n")
	}
	directive := func(ci int, it item) string {
		cell := c.Cells[ci]
		line := cell.Line + it.line - 1
		return fmt.Sprintf("/*line %s:%d:%d*/", c.Path, line, it.col)
	}
	for ci, items := range d.cells {
		for _, it := range items {
			if it.decl && len(it.imports) == 0 {
				fmt.Fprintf(&b, "\n%s%s\n", directive(ci, it), it.text)
			}
		}
	}
	b.WriteString("\nfunc main() {\n")
	for ci, items := range d.cells {
		fmt.Fprintf(&b, "\t// cell %d\n", ci+1)
		for ii, it := range items {
			if it.decl {
				continue
			}
			switch {
			case ii == d.trailing[ci] && d.mode[ci] == showValue:
				usesShow = true
				fmt.Fprintf(&b, "\tconformanceShow(%s%s)\n", directive(ci, it), it.text)
			case ii == d.trailing[ci]:
				fmt.Fprintf(&b, "\t%s", directive(ci, it))
				trailing[b.Len()] = ci
				fmt.Fprintf(&b, "%s\n", it.text)
			default:
				fmt.Fprintf(&b, "\t%s%s\n", directive(ci, it), it.text)
			}
			for _, v := range it.vars {
				fmt.Fprintf(&b, "\t_ = %s\n", v)
			}
		}
	}
	b.WriteString("}\n")
	return b.String(), usesShow, trailing
}

// showHelper is the second file of a program whose cells end in a value.
// It shows values as kernel/interp's render does: nothing when all are
// nil; a single non-nil value (or a non-nil non-error value beside nil
// errors) as display.Render's text/plain; several as display.Texts.
const showHelper = `// Code written by the conformance harness. DO NOT EDIT.

package main

import (
	"fmt"

	"github.com/boltzbook/boltzbook/kernel/display"
)

func conformanceShow(vs ...any) {
	var only any
	n := 0
	for _, v := range vs {
		if v != nil {
			only = v
			n++
		}
	}
	if n == 0 {
		return
	}
	if _, isErr := only.(error); n == 1 && (!isErr || len(vs) == 1) {
		fmt.Println(display.Render(only)[display.MIMEText])
		return
	}
	fmt.Println(display.Texts(vs...))
}
`

// decideShow type-checks a program rendered with every trailing call as
// a statement and switches to showValue the cells whose trailing call
// has results the kernel shows: anything but no results or (int, error).
func (d *derived) decideShow(c *corpusCase, imp types.Importer) {
	pending := false
	for ci := range d.cells {
		if d.trailing[ci] >= 0 && d.mode[ci] == showStmt {
			pending = true
		}
	}
	if !pending {
		return
	}
	src, _, trailing := d.render(c)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "main.go", src, parser.SkipObjectResolution)
	if err != nil {
		return // the build reports it
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	conf := types.Config{Importer: imp, Error: func(error) {}}
	conf.Check("main", fset, []*ast.File{f}, info)
	tf := fset.File(f.Pos())
	ast.Inspect(f, func(n ast.Node) bool {
		st, ok := n.(*ast.ExprStmt)
		if !ok {
			return true
		}
		if ci, ok := trailing[tf.Offset(st.Pos())]; ok {
			if tv, ok := info.Types[st.X]; ok && shownResult(tv) {
				d.mode[ci] = showValue
			}
		}
		return true
	})
}

// shownResult reports whether the kernel shows a trailing call's results.
func shownResult(tv types.TypeAndValue) bool {
	if tv.IsVoid() || tv.Type == nil {
		return false
	}
	if t, ok := tv.Type.(*types.Tuple); ok {
		if t.Len() == 0 {
			return false
		}
		errType := types.Universe.Lookup("error").Type()
		if t.Len() == 2 && types.Identical(t.At(0).Type(), types.Typ[types.Int]) && types.Identical(t.At(1).Type(), errType) {
			return false
		}
	}
	return true
}
