// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// Magics are lines at the top of a cell that start with %, in the style
// of IPython and GoNB; the Go code after them runs as usual.
//
//	%help              what the kernel offers and how cells run
//	%go get MOD[@VER]  add a module (or pin its version) for imports
//	%time              time the rest of the cell
const magicHelp = `boltzbook — cells are Go 1.26.

Every cell is type-checked by go/types against what earlier cells declared.
A constant expression is shown at once; a cell of calls, assignments and
simple declarations runs in the gomacro interpreter (about a millisecond);
every other cell — functions, types, generics, loops, goroutines — is
compiled by the Go toolchain into a plugin and runs at compiled speed
(about half a second to build). Variables, functions and types persist
from cell to cell. Declaring a function again changes what earlier
functions call; a variable declared again with its type is assigned;
with another type, or a type, it is a new one for the cells after.

Any package can be imported: the standard library, the preloaded packages
(bm, plots, datasets, display, check, gonum, gonum/plot) and any module the
Go module proxy serves (fetched on first import).

Magics (lines at the top of a cell):
  %help              this text
  %go get MOD[@VER]  add a module, or pin a version, e.g. %go get gonum.org/v1/gonum@v0.17.0
  %time              time the rest of the cell: how it ran, build and run time

Interrupt (■) stops loops, waits and training within a second; a cell
blocked in a call that cannot be stopped is abandoned and reported.
`

// magics runs the magic lines at the top of code and returns the rest
// of the cell; done is true when the cell has nothing more to run (or a
// magic failed, with res the error).
func (s *Session) magics(ctx context.Context, code string, run func(string) jupyter.ExecuteResult) (res jupyter.ExecuteResult, handled bool) {
	lines := strings.Split(code, "\n")
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i == len(lines) || !strings.HasPrefix(strings.TrimSpace(lines[i]), "%") {
		return res, false
	}
	timed := false
	for ; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if line == "" {
			continue
		}
		if !strings.HasPrefix(line, "%") {
			break
		}
		fields := strings.Fields(line[1:])
		if len(fields) == 0 {
			return magicError(i+1, "a % line names a magic: %help lists them", code), true
		}
		switch fields[0] {
		case "help":
			os.Stdout.WriteString(magicHelp)
		case "time":
			timed = true
		case "go":
			if len(fields) < 2 || fields[1] != "get" || len(fields) != 3 {
				return magicError(i+1, "usage: %go get MODULE[@VERSION]", code), true
			}
			if e := s.tiers.engine; e == nil {
				return magicError(i+1, fmt.Sprintf("%%go get needs the compiled tier, which is unavailable: %v", s.tiers.err), code), true
			} else if err := e.Toolchain().Get(ctx, fields[2]); err != nil {
				return magicError(i+1, err.Error(), code), true
			}
			fmt.Fprintf(os.Stdout, "added %s to the cell module\n", fields[2])
		default:
			return magicError(i+1, fmt.Sprintf("unknown magic %%%s: %%help lists them", fields[0]), code), true
		}
	}
	// The Go code after the magics keeps its line numbers.
	rest := strings.Repeat("\n", i) + strings.Join(lines[i:], "\n")
	if strings.TrimSpace(rest) == "" {
		return jupyter.ExecuteResult{}, true
	}
	start := time.Now()
	res = run(rest)
	if timed {
		took := time.Since(start)
		tier, _ := s.Tier()
		extra := ""
		if tier == "compiled" && s.tiers.engine != nil {
			lb := s.tiers.engine.Toolchain().LastBuild
			extra = fmt.Sprintf(", of which building %v", lb.Total.Round(time.Millisecond))
		}
		fmt.Fprintf(os.Stdout, "time: %v (%s%s)\n", took.Round(time.Microsecond), tier, extra)
	}
	return res, true
}

func magicError(line int, msg, code string) jupyter.ExecuteResult {
	tb := append([]string{"MagicError: " + msg}, where(code, line, 0)...)
	return jupyter.ExecuteResult{Error: &jupyter.ExecError{Name: "MagicError", Value: msg, Traceback: tb}}
}
