// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gocell

import (
	"errors"
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

// A Cell is a type-checked cell, ready to be generated or interpreted.
//
// A cell is checked in two passes, because notebook cells mix Go's two
// levels: its statements run in order like a function body's, yet the
// variables they declare are session globals, visible to the functions
// the same cell declares. Pass A checks the statements in a function
// body, after the cell's type and const declarations and the signatures
// of its functions; this gives the types of the variables the
// statements declare. Pass B checks the declarations with their bodies,
// with those variables declared at package level.
type Cell struct {
	Serial int
	File   string // the file name of positions in the cell
	Src    string
	Chunks []Chunk

	Imports []ImportSpec // the cell's own imports

	scope *Scope
	a, b  *pass // nil when the cell has no statements / declarations

	committed bool // the scope holds objects declared by the cell

	vars    []*topVar          // variables declared by top-level statements, in order
	varOf   map[string]*topVar // by name
	final   *ast.ExprStmt      // the final expression statement (pass A), if any
	stmts   []ast.Stmt         // top-level statements of pass A, one per Stmt/Var chunk
	stmtOf  map[ast.Stmt]int   // statement → chunk index
	declsOf map[int]ast.Decl   // chunk index → declaration (pass B)
}

// ImportSpec is an import of a cell.
type ImportSpec struct {
	Name string // the explicit name, "." or "_", or the package's name
	Path string
	Line int
}

// topVar is a variable declared by a top-level statement of a cell.
type topVar struct {
	name  string
	a     *types.Var // pass A's object (a local of the statements' function)
	b     *types.Var // pass B's object (a package-level variable), if pass B ran
	chunk int        // the chunk of the statement declaring it
	// reuse is the session variable of the same name and type that the
	// declaration assigns instead of declaring a new variable.
	reuse *Object
}

// pass is one type-checked synthetic file.
type pass struct {
	file  *ast.File
	tfile *token.File
	pkg   *types.Package
	info  *types.Info
	// place maps a chunk index to the offset of its text in the file.
	place map[int]int
	// synthetic are the byte ranges of the file that are not cell text.
	errs []types.Error
}

// Error is a problem in a cell, at a cell position.
type Error struct {
	Line, Col int
	Msg       string
}

// Errors is the list of problems of a cell that does not check.
type Errors []Error

func (e Errors) Error() string {
	var b strings.Builder
	for i, x := range e {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%d:%d: %s", x.Line, x.Col, x.Msg)
	}
	return b.String()
}

// ImportPaths returns the paths a cell imports, without checking it, so
// that the caller can prepare them first.
func ImportPaths(src string) ([]ImportSpec, error) {
	var specs []ImportSpec
	for _, c := range Split(src) {
		if c.Kind != Import {
			continue
		}
		fset := token.NewFileSet()
		text := c.Text(src)
		f, err := parser.ParseFile(fset, "", "package p;"+text, parser.ImportsOnly)
		if err != nil {
			return nil, Errors{{Line: c.Line, Col: c.Col, Msg: "malformed import: " + strings.TrimPrefix(err.Error(), "1:")}}
		}
		for _, is := range f.Imports {
			p, err := strconv.Unquote(is.Path.Value)
			if err != nil || p == "" {
				return nil, Errors{{Line: c.Line, Col: c.Col, Msg: "malformed import path " + is.Path.Value}}
			}
			spec := ImportSpec{Path: p, Line: c.Line + fset.Position(is.Pos()).Line - 1}
			if is.Name != nil {
				spec.Name = is.Name.Name
			}
			specs = append(specs, spec)
		}
	}
	return specs, nil
}

// Check parses and type-checks a cell against the scope. The cell's
// imports must have been prepared (their export data readable). It
// returns Errors when the cell is not valid Go.
func (s *Scope) Check(serial int, src string) (*Cell, error) {
	c := &Cell{Serial: serial, File: CellFile(serial), Src: src, scope: s,
		varOf: map[string]*topVar{}, stmtOf: map[ast.Stmt]int{}, declsOf: map[int]ast.Decl{}}
	c.Chunks = Split(src)
	specs, err := ImportPaths(src)
	if err != nil {
		return nil, err
	}
	for i := range specs {
		if specs[i].Path == "C" {
			return nil, Errors{{Line: specs[i].Line, Col: 1, Msg: `import "C": cgo is not available in cells; put C code in a package and import that`}}
		}
		if specs[i].Name == "" {
			pkg, err := s.Package(specs[i].Path)
			if err != nil {
				return nil, Errors{{Line: specs[i].Line, Col: 1, Msg: fmt.Sprintf("cannot import %q: %v", specs[i].Path, err)}}
			}
			specs[i].Name = pkg.Name()
		}
	}
	c.Imports = specs

	if errs := c.foreignMethods(); len(errs) > 0 {
		return nil, errs
	}
	hasStmts, hasDecls := false, false
	for _, ch := range c.Chunks {
		switch {
		case ch.Kind == Stmt || ch.Kind == Var:
			hasStmts = true
		case ch.Kind.decl():
			hasDecls = true
		}
	}
	var errs Errors
	if hasStmts {
		c.a, err = c.check(false)
		if err != nil {
			return nil, err
		}
		c.collectStatements()
		errs = append(errs, c.errors(c.a, true)...)
	}
	if hasDecls {
		c.b, err = c.check(true)
		if err != nil {
			return nil, err
		}
		errs = append(errs, c.errors(c.b, false)...)
	}
	if len(errs) > 0 {
		c.scope.Release(c)
		sort.SliceStable(errs, func(i, j int) bool {
			if errs[i].Line != errs[j].Line {
				return errs[i].Line < errs[j].Line
			}
			return errs[i].Col < errs[j].Col
		})
		return nil, dedupe(errs)
	}
	if c.b != nil {
		c.collectDecls()
	}
	return c, nil
}

func dedupe(errs Errors) Errors {
	out := errs[:0]
	for i, e := range errs {
		if i > 0 && e == errs[i-1] {
			continue
		}
		out = append(out, e)
	}
	return out
}

// check builds, parses and type-checks the synthetic file of one pass.
// decls selects pass B (declarations with bodies and the statements'
// variables at package level) over pass A (statements in a function).
func (c *Cell) check(decls bool) (*pass, error) {
	var b strings.Builder
	p := &pass{place: map[int]int{}}
	b.WriteString("package main\n\n")
	var hoisted string
	var extra map[string]string
	if decls {
		hoisted, extra = c.hoisted()
	}
	c.writeImports(&b, extra)
	for i, ch := range c.Chunks {
		if !ch.Kind.decl() {
			continue
		}
		text := ch.Text(c.Src)
		if !decls && ch.Kind == Func {
			stub, ok := stubBody(text)
			if !ok {
				continue // pass B reports the syntax error
			}
			text = stub
		}
		c.writeChunk(&b, p, i, text)
	}
	if decls {
		b.WriteString(hoisted)
	} else {
		b.WriteString("\nfunc _() {\n")
		for i, ch := range c.Chunks {
			if ch.Kind == Stmt || ch.Kind == Var {
				c.writeChunk(&b, p, i, ch.Text(c.Src))
			}
		}
		b.WriteString("}\n")
	}
	src := b.String()
	name := "synthetic-a"
	if decls {
		name = "synthetic-b"
	}
	fset := c.scope.fset
	file, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		var list scanner.ErrorList
		if errors.As(err, &list) {
			var errs Errors
			lines := strings.Split(c.Src, "\n")
			for _, e := range list {
				if e.Pos.Filename != c.File {
					continue
				}
				line, col, msg := e.Pos.Line, e.Pos.Column, e.Msg
				if line > len(lines) {
					// Past the cell: the cell ended too soon.
					line, col = len(lines), len(lines[len(lines)-1])+1
					msg = strings.Replace(strings.Replace(msg, "found '}'", "found the end of the cell", 1), "found 'EOF'", "found the end of the cell", 1)
				}
				errs = append(errs, Error{Line: line, Col: col, Msg: msg})
			}
			if len(errs) > 0 {
				return nil, dedupe(errs)
			}
		}
		return nil, Errors{{Line: 1, Col: 1, Msg: "syntax error: " + err.Error()}}
	}
	p.file = file
	p.tfile = fset.File(file.Pos())
	p.pkg = c.scope.pkg
	saved := saveScope(p.pkg.Scope())
	defer restoreScope(p.pkg.Scope(), saved)
	for name := range packageNames(file) {
		removeName(p.pkg.Scope(), name)
	}
	p.info = &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Instances:  map[*ast.Ident]types.Instance{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
	}
	conf := types.Config{
		Importer:  c.scope.importer,
		GoVersion: "go1.26",
		Error:     func(err error) { p.errs = append(p.errs, err.(types.Error)) },
	}
	chk := types.NewChecker(&conf, fset, p.pkg, p.info)
	chk.Files([]*ast.File{file}) // errors are collected
	return p, nil
}

// writeImports writes the session's imports, less those a cell's import
// replaces, and the cell's own; they carry no cell positions.
func (c *Cell) writeImports(b *strings.Builder, extra map[string]string) {
	own := map[string]bool{}
	for _, is := range c.Imports {
		own[is.Name] = true
	}
	b.WriteString("import (\n")
	for name, path := range c.scope.imports {
		if !own[name] {
			fmt.Fprintf(b, "\t%s %q\n", name, path)
		}
	}
	for _, path := range c.scope.dots {
		fmt.Fprintf(b, "\t. %q\n", path)
	}
	for _, is := range c.Imports {
		if is.Name == "_" {
			continue
		}
		fmt.Fprintf(b, "\t%s %q\n", is.Name, is.Path)
	}
	for path, alias := range extra {
		fmt.Fprintf(b, "\t%s %q\n", alias, path)
	}
	b.WriteString(")\n")
}

// hoisted declares the statements' variables at package level for pass
// B, with the types pass A found, and returns the imports (path → alias)
// their types need beyond the file's own.
func (c *Cell) hoisted() (string, map[string]string) {
	names := map[string]string{} // path → name in the file
	for name, path := range c.scope.imports {
		names[path] = name
	}
	for _, is := range c.Imports {
		if is.Name != "_" && is.Name != "." {
			names[is.Path] = is.Name
		}
	}
	extra := map[string]string{}
	tp := &typePrinter{
		named: func(obj *types.TypeName) string {
			pkg := obj.Pkg()
			if pkg == nil || pkg.Path() == SessionPath {
				return obj.Name()
			}
			name, ok := names[pkg.Path()]
			if !ok {
				name = fmt.Sprintf("_bbq%d", len(extra))
				extra[pkg.Path()] = name
				names[pkg.Path()] = name
			}
			return name + "." + obj.Name()
		},
		method: func(m *types.Func) string { return m.Name() },
		field:  func(*types.Var) bool { return true },
	}
	var b strings.Builder
	for _, v := range c.vars {
		if v.a.Type() == types.Typ[types.Invalid] {
			continue
		}
		t := tp.String(v.a.Type())
		if tp.err != nil {
			tp.err = nil
			continue
		}
		fmt.Fprintf(&b, "\nvar %s %s\n", v.name, t)
	}
	return b.String(), extra
}

// writeChunk writes a chunk after a //line directive giving its cell
// position, and records where its text starts.
func (c *Cell) writeChunk(b *strings.Builder, p *pass, i int, text string) {
	ch := c.Chunks[i]
	fmt.Fprintf(b, "\n//line %s:%d:%d\n", c.File, ch.Line, ch.Col)
	p.place[i] = b.Len()
	b.WriteString(text)
	b.WriteString("\n")
}

// stubBody replaces a function declaration's body by one that panics,
// for pass A, which needs only signatures.
func stubBody(text string) (string, bool) {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+text, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return "", false
	}
	fd, ok := f.Decls[0].(*ast.FuncDecl)
	if !ok || fd.Body == nil {
		return "", false
	}
	lbrace := int(fd.Body.Lbrace) - 1 - len("package p\n")
	return text[:lbrace] + "{ panic(0) }", true
}

// foreignMethods reports methods declared on types of earlier cells:
// each cell is its own compiled package, and Go adds methods to a type
// only in the package that declares it. (It runs before type-checking:
// go/types itself assumes that a method's type is declared in the files
// it checks.)
func (c *Cell) foreignMethods() Errors {
	own := map[string]bool{}
	type method struct {
		name, recv string
		line, col  int
	}
	var methods []method
	for _, ch := range c.Chunks {
		if ch.Kind != Func && ch.Kind != Type {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "", "package p;"+ch.Text(c.Src), parser.SkipObjectResolution)
		if err != nil {
			continue // the checker reports it
		}
		for _, d := range f.Decls {
			for _, id := range declaredNames(d) {
				own[id.Name] = true
			}
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || len(fd.Recv.List) == 0 {
				continue
			}
			if id := receiverBase(fd.Recv.List[0].Type); id != nil {
				pos := fset.Position(fd.Name.Pos())
				col := pos.Column
				if pos.Line == 1 {
					col -= len("package p;")
				}
				methods = append(methods, method{fd.Name.Name, id.Name, ch.Line + pos.Line - 1, col})
			}
		}
	}
	var errs Errors
	for _, m := range methods {
		if own[m.recv] {
			continue
		}
		if o, ok := c.scope.objects[m.recv]; ok {
			if _, isType := o.Obj.(*types.TypeName); isType {
				errs = append(errs, Error{Line: m.line, Col: m.col, Msg: fmt.Sprintf(
					"method %s of %s: %s was declared in an earlier cell, and methods must be declared in the cell that declares their type "+
						"(add the method to that cell and run it again, or declare the type again here)", m.name, m.recv, m.recv)})
			}
		}
	}
	return errs
}

// receiverBase returns the name of a receiver's base type.
func receiverBase(t ast.Expr) *ast.Ident {
	if st, ok := t.(*ast.StarExpr); ok {
		t = st.X
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	id, _ := t.(*ast.Ident)
	return id
}

// packageNames returns the names a file declares at package level.
func packageNames(file *ast.File) map[string]bool {
	declared := map[string]bool{}
	for _, d := range file.Decls {
		for _, id := range declaredNames(d) {
			declared[id.Name] = true
		}
	}
	return declared
}

// errors turns a pass's type errors into cell errors, leaving out what
// is not an error in a cell: unused imports, variables declared at top
// level but not used, the unused value of the final expression; and, in
// pass A, anything outside the statements (pass B reports it).
func (c *Cell) errors(p *pass, statements bool) Errors {
	topDefs := map[token.Pos]bool{}
	for _, v := range c.vars {
		topDefs[v.a.Pos()] = true
	}
	var finalPos token.Pos = token.NoPos
	if c.final != nil {
		finalPos = c.final.X.Pos()
	}
	var out Errors
	for _, e := range p.errs {
		pos := c.scope.fset.Position(e.Pos)
		if pos.Filename != c.File {
			continue
		}
		switch {
		case strings.HasSuffix(e.Msg, "imported and not used") || strings.HasPrefix(e.Msg, "imported and not used"):
			continue
		case statements && strings.HasPrefix(e.Msg, "declared and not used") && topDefs[e.Pos]:
			continue
		case statements && e.Pos == finalPos && strings.HasSuffix(e.Msg, "is not used"):
			continue
		}
		if statements {
			ci := c.chunkAt(p, e.Pos, c.stmtChunks())
			if ci < 0 {
				continue
			}
		}
		out = append(out, Error{Line: pos.Line, Col: pos.Column, Msg: cleanMessage(e.Msg)})
	}
	return out
}

// cleanMessage drops the package qualifier the checker puts on types of
// earlier cells ("main.point"): to the user they are all one package.
func cleanMessage(msg string) string {
	return strings.ReplaceAll(msg, SessionPath+".", "")
}
