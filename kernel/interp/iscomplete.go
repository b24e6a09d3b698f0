// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"go/scanner"
	"go/token"
	"strings"

	"github.com/cosmos72/gomacro/go/etoken"
	mp "github.com/cosmos72/gomacro/go/parser"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// is_complete runs on the shell goroutine, so it must answer quickly
// whatever the cell: one linear pass of go/scanner decides most cases,
// and gomacro's parser, whose time grows with the square of the nesting
// depth (200 000 nested parentheses took over half a minute), only sees
// cells that are small and shallow enough to parse in a few
// milliseconds.
const (
	// parseMaxBytes and parseMaxDepth bound the cells gomacro's
	// parser checks for syntax errors; larger or deeper cells are
	// judged by the scan alone and their errors, if any, reported when
	// they run.
	parseMaxBytes = 64 << 10
	parseMaxDepth = 64
	// maxIndent bounds the indent suggested for an incomplete cell.
	maxIndent = 32
)

// IsComplete tells a console whether code can run as it is:
//
//   - "incomplete" (with an indent for the next line) when brackets,
//     a raw string or a block comment are left open, or the code ends
//     in a token that cannot end a statement (an operator, a comma);
//   - "invalid" when a closing bracket does not match (`f([)`, `}`), an
//     interpreted string or rune is not closed on its line, or the code
//     does not parse;
//   - "complete" otherwise.
//
// It takes time linear in the size of code.
func (s *Session) IsComplete(code string) jupyter.IsCompleteResult {
	if strings.TrimSpace(code) == "" {
		return jupyter.IsCompleteResult{Status: "complete"}
	}
	sc := scanCell(code)
	switch {
	case sc.invalid:
		return jupyter.IsCompleteResult{Status: "invalid"}
	case sc.depth > 0:
		return jupyter.IsCompleteResult{Status: "incomplete", Indent: strings.Repeat("\t", min(sc.depth, maxIndent))}
	case sc.open:
		return jupyter.IsCompleteResult{Status: "incomplete"}
	}
	if len(code) > parseMaxBytes || sc.maxDepth > parseMaxDepth {
		if sc.continues {
			return jupyter.IsCompleteResult{Status: "incomplete"}
		}
		return jupyter.IsCompleteResult{Status: "complete"}
	}
	var p mp.Parser
	p.Configure(0, '~')
	p.Init(etoken.NewFileSet(), cellFile, 0, []byte(code))
	if _, err := p.Parse(); err != nil {
		if strings.Contains(err.Error(), "EOF") {
			// e.g. a trailing binary operator: the console continues.
			return jupyter.IsCompleteResult{Status: "incomplete"}
		}
		return jupyter.IsCompleteResult{Status: "invalid"}
	}
	return jupyter.IsCompleteResult{Status: "complete"}
}

// cellScan is what one pass of the scanner learns about a cell.
type cellScan struct {
	depth     int  // brackets left open at the end
	maxDepth  int  // deepest nesting met
	open      bool // ends inside a raw string or block comment
	invalid   bool // a closer that matches no opener, an unterminated string or rune
	continues bool // the last token cannot end a statement
}

// scanCell scans code once, keeping a stack of open brackets.
func scanCell(code string) cellScan {
	var r cellScan
	fset := token.NewFileSet()
	file := fset.AddFile(cellFile, -1, len(code))
	var sc scanner.Scanner
	sc.Init(file, []byte(code), func(_ token.Position, msg string) {
		switch {
		case strings.HasPrefix(msg, "raw string literal not terminated"),
			strings.HasPrefix(msg, "comment not terminated"):
			r.open = true
		case strings.HasPrefix(msg, "string literal not terminated"),
			strings.HasPrefix(msg, "rune literal not terminated"),
			strings.HasPrefix(msg, "escape sequence not terminated"):
			r.invalid = true
		}
	}, 0)
	var stack []token.Token
	last := token.ILLEGAL
	for {
		_, tok, lit := sc.Scan()
		switch tok {
		case token.EOF:
			r.depth = len(stack)
			r.continues = continuesStatement(last)
			return r
		case token.LPAREN, token.LBRACK, token.LBRACE:
			stack = append(stack, tok)
			r.maxDepth = max(r.maxDepth, len(stack))
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if len(stack) == 0 || stack[len(stack)-1] != opener(tok) {
				r.invalid = true
				return r
			}
			stack = stack[:len(stack)-1]
		}
		if r.invalid {
			return r
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue // inserted at a line end: the previous token counts
		}
		last = tok
	}
}

func opener(closer token.Token) token.Token {
	switch closer {
	case token.RPAREN:
		return token.LPAREN
	case token.RBRACK:
		return token.LBRACK
	}
	return token.LBRACE
}

// continuesStatement reports whether a cell ending in tok goes on on
// the next line: tok is an operator, a comma or period, or a keyword
// that needs more after it.
func continuesStatement(tok token.Token) bool {
	switch tok {
	case token.ILLEGAL, token.RPAREN, token.RBRACK, token.RBRACE, token.INC, token.DEC,
		token.SEMICOLON, token.BREAK, token.CONTINUE, token.FALLTHROUGH, token.RETURN:
		return false
	}
	return tok.IsOperator() || tok.IsKeyword()
}
