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
// A graded cell ends with Points, whose value is the points the cell
// earns, scaled to the checks that ran:
//
//	display.Show(check.Close("q1-energy", 2, "energy of the deep minimum", energy, -5, 1e-9))
//	check.Points("q1-energy", 2)
//
// That value is the cell's result: a bare number in text/plain, which is
// how nbgrader reads partial credit from a graded cell (a cell with an
// error output scores zero, and so does one that writes to stderr, which
// no check does), and JSON under MIMEGrade for `boltzbook assign grade`,
// which scores each graded cell by the same rules as nbgrader.
package check
