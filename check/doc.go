// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package check gives assignment notebooks their self-checks.
//
// Each check compares what a student computed with what was expected,
// returns a Result that renders as a clear pass/fail line (HTML in the
// notebook, text elsewhere) saying what was expected and what was got, and
// records the result with a points value under a named question:
//
//	check.Close("q1-energy", 2, "energy of the deep minimum", energy, -5, 1e-9)
//	check.CloseMat("q2-cd1", 3, "ΔW of one CD-1 step", myDeltaW, bmDeltaW, 1e-8)
//	check.AtLeast("q3-accuracy", 2, "test accuracy", acc, 0.9)
//
// Every check takes the question, the points, what is checked, then the
// values.
//
// A cell that ends in a check shows its line; check.Summary() shows the
// table of every check so far with the points earned.
//
// # Grading
//
// `boltzbook assign grade` runs each submission with the environment
// variable BOLTZBOOK_CHECK_LOG naming a file; every check then also
// appends its Result to that file as one JSON line, which is how the
// grader learns the score without reading notebook outputs. The key's own
// run defines the questions and their maximum points.
package check
