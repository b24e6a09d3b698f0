// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gocell

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
)

// Kind classifies a top-level chunk of a cell.
type Kind int

const (
	Stmt    Kind = iota // a statement
	Var                 // a var declaration: a statement in a cell
	Import              // an import declaration
	Func                // a function or method declaration
	Type                // a type declaration
	Const               // a const declaration
	Package             // a package clause, ignored
)

var kindNames = [...]string{"statement", "var", "import", "func", "type", "const", "package"}

func (k Kind) String() string { return kindNames[k] }

// decl reports whether chunks of kind k are package-level declarations
// in the generated package.
func (k Kind) decl() bool { return k == Func || k == Type || k == Const }

// A Chunk is a top-level declaration or statement of a cell: the text
// from its first token to its end, as written.
type Chunk struct {
	Kind       Kind
	Start, End int // byte offsets in the cell
	Line, Col  int // position of Start, 1-based
}

// Text returns the chunk's source.
func (c Chunk) Text(src string) string { return src[c.Start:c.End] }

// Split cuts a cell into top-level chunks: the statements and
// declarations separated by semicolons (written or implied by line ends)
// outside brackets. A func chunk that is not a declaration (a function
// literal called at top level) is a statement. Split does not report
// syntax errors; the parser does, later, with positions in the cell.
func Split(src string) []Chunk {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, scanner.ScanComments)

	var chunks []Chunk
	depth := 0
	header := false // in the header of an if, for, switch or select: its semicolons do not end the chunk
	start, end := -1, -1
	var first token.Token
	flush := func() {
		if start >= 0 {
			pos := file.Position(file.Pos(start))
			chunks = append(chunks, Chunk{Kind: classify(first, src[start:end]), Start: start, End: end,
				Line: pos.Line, Col: pos.Column})
		}
		start, end = -1, -1
	}
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		off := file.Offset(pos)
		switch tok {
		case token.COMMENT:
			continue
		case token.IF, token.FOR, token.SWITCH, token.SELECT:
			if depth == 0 {
				header = true
			}
		case token.SEMICOLON:
			if depth == 0 && !header {
				if lit == ";" && start >= 0 {
					end = off // an explicit semicolon ends the chunk before it
				}
				flush()
				continue
			}
		case token.LBRACE:
			if depth == 0 {
				header = false
			}
			depth++
		case token.LPAREN, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if depth > 0 {
				depth--
			}
		}
		if start < 0 {
			start, first = off, tok
		}
		end = off + tokenLen(tok, lit)
	}
	flush()
	return chunks
}

// tokenLen is the length of a token in the source.
func tokenLen(tok token.Token, lit string) int {
	if lit != "" {
		return len(lit)
	}
	return len(tok.String())
}

// classify names the kind of a chunk by its first token; a func chunk
// is a declaration only if it parses as one.
func classify(first token.Token, text string) Kind {
	switch first {
	case token.IMPORT:
		return Import
	case token.TYPE:
		return Type
	case token.CONST:
		return Const
	case token.VAR:
		return Var
	case token.PACKAGE:
		return Package
	case token.FUNC:
		if isFuncDecl(text) {
			return Func
		}
	}
	return Stmt
}

// isFuncDecl reports whether text is a function or method declaration
// rather than a function literal used in a statement.
func isFuncDecl(text string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+text, parser.SkipObjectResolution)
	if err != nil {
		// A declaration with errors in its body still starts
		// "func Name" or "func (recv) Name".
		rest := strings.TrimSpace(strings.TrimPrefix(text, "func"))
		if rest == "" {
			return false
		}
		if rest[0] != '(' {
			return true
		}
		// func (r T) Name(...) versus func(x int) { ... }(...)
		d := 0
		for i, r := range rest {
			switch r {
			case '(':
				d++
			case ')':
				d--
				if d == 0 {
					after := strings.TrimSpace(rest[i+1:])
					return after != "" && isIdentStart(after)
				}
			}
		}
		return false
	}
	return len(f.Decls) == 1 && isFunc(f.Decls[0])
}

func isFunc(d ast.Decl) bool {
	_, ok := d.(*ast.FuncDecl)
	return ok
}

func isIdentStart(s string) bool {
	r := []rune(s)[0]
	return r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r > 127
}
