// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package interp is the Go back end of the boltzbook kernel: one gomacro
// interpreter (github.com/cosmos72/gomacro/fast) that lives as long as
// the kernel, behind the jupyter.Interpreter interface. kernel/jupyter
// owns the sockets and the protocol; this package runs cells.
//
//	s, err := interp.New()
//	res := s.Execute(jupyter.ExecuteRequest{Code: "1+1"}, pub) // res.Data["text/plain"] == "2"
//
// # Cells
//
// Variables, functions, types and imports persist from cell to cell;
// nothing re-runs an earlier cell. A cell is parsed and compiled whole
// before any of it runs, so a compile error runs none of it; then its
// top-level statements run in order (consecutive declarations together,
// so they may refer to each other in any order). The value of a final
// expression becomes the execute_result: rich by method set as in
// kernel/display, with a text/plain form in Go syntax, several results
// separated by spaces. Calls returning only (n int, err error), such as
// fmt.Println, show nothing.
//
// # Output
//
// New replaces os.Stdout and os.Stderr with pipes, once. Everything that
// writes there — interpreted code, compiled packages, goroutines — is
// forwarded as stream messages to the latest cell's publisher while it
// runs, and after it ends. Before Execute returns, and before each
// display, a marker written through each pipe makes sure what was
// printed earlier has gone out first. Cells that use the log package log
// to the notebook; the kernel's own log output keeps the original stderr.
//
// # Errors
//
// Parse and compile errors, and panics, end the cell with an error whose
// traceback names the cell line (and the compiled functions between the
// interpreter and a panic). os.Exit and log.Fatal are rebound in cells to
// raise an error instead of ending the kernel. A panic in a goroutine
// started by `go f()` is reported on stderr instead of killing the
// kernel (calls with arguments are not guarded; see goroutine.go).
//
// # Interrupts
//
// Interrupt asks gomacro to stop interpreted code (a `for {}` stops
// within milliseconds) and cancels the cell's context, which
// bm.DefaultContext returns inside the kernel, so bm trainers stop at
// their next minibatch; time.Sleep in cells also returns at once.
// Compiled code that does not watch the context finishes its call
// first, and a blocking channel operation or select in a cell cannot be
// interrupted (gomacro runs it through reflect): restart the kernel.
// The cell ends with an error named Interrupted; variables keep their
// values.
//
// # Training display
//
// Inside the kernel bm.DefaultMonitor returns a monitor that shows one
// display per training run and updates it in place, at most about four
// times a second: a progress bar with epoch, throughput, ETA and the
// latest statistics, and a learning curve of each statistic.
//
// # Completion and inspection
//
// Complete offers identifiers, members of packages (imported or not),
// fields and methods of variables, and import paths. Inspect shows the
// signature and doc comment of package members (from kernel/imports'
// tables) and the type and value of variables.
//
// # Limits
//
// gomacro does not support generics in cells, nor methods on types
// declared in a cell satisfying compiled interfaces unless the package
// bindings carry a proxy for the interface (kernel/imports generates
// them). Unbounded recursion in a cell overflows the Go stack, which no
// program can recover from: the kernel dies. Imports are limited to
// packages with bindings; the kernel does not build plugins.
package interp
