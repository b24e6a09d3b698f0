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

// IsComplete tells a console whether code can run as it is: unclosed
// brackets, strings or comments make it "incomplete" (with an indent
// for the next line), code that cannot parse is "invalid".
func (s *Session) IsComplete(code string) jupyter.IsCompleteResult {
	if strings.TrimSpace(code) == "" {
		return jupyter.IsCompleteResult{Status: "complete"}
	}
	depth, open := bracketDepth(code)
	if open || depth > 0 {
		return jupyter.IsCompleteResult{Status: "incomplete", Indent: strings.Repeat("\t", max(depth, 0))}
	}
	if depth < 0 {
		return jupyter.IsCompleteResult{Status: "invalid"}
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

// bracketDepth returns how many (, [ and { are left open at the end of
// code (negative when more close than open), and whether it ends inside
// a string, rune or comment.
func bracketDepth(code string) (depth int, open bool) {
	fset := token.NewFileSet()
	file := fset.AddFile(cellFile, -1, len(code))
	var sc scanner.Scanner
	sc.Init(file, []byte(code), func(_ token.Position, msg string) {
		if strings.Contains(msg, "not terminated") {
			open = true
		}
	}, scanner.ScanComments)
	for {
		_, tok, _ := sc.Scan()
		switch tok {
		case token.EOF:
			return depth, open
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
			if depth < 0 {
				return depth, open
			}
		}
	}
}
