// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package assign turns a teacher's answer key into a student notebook and
// grades a class's submissions against the key.
//
// The key is an ordinary notebook whose cells carry nbgrader-compatible
// metadata (metadata.nbgrader: solution, grade, points, grade_id, locked).
// In solution cells the teacher's answer sits between two marker lines,
//
//	// BEGIN SOLUTION
//	...
//	// END SOLUTION
//
// (in markdown cells: "BEGIN SOLUTION" / "END SOLUTION" lines), and check
// cells may hold tests kept from students between "// BEGIN HIDDEN TESTS"
// and "// END HIDDEN TESTS".
//
// Release writes the student version: every solution region becomes a
// placeholder that panics with "not implemented yet", hidden tests go, and
// outputs are cleared.
//
// A Grader runs each submission in a fresh kernel process (its own process
// group, in a directory of its own) with a time limit per cell and per
// notebook. Only the student's solution cells are taken from the
// submission; every other cell, the checks above all, comes from the key,
// so a student who edits or deletes a check does not escape it. Each
// graded cell is then scored as nbgrader's autograder scores it (Score):
// an error output or output on stderr scores zero, a result that is a
// number (check.Points) scores that number, anything else full points. The
// key is run first and must earn every point, each graded code cell through
// check.Points with checks worth exactly the cell's points. Written answers
// (cells that are solution and graded) are left to the teacher, as in
// nbgrader; one left as released scores zero. A submission that is not a
// notebook, crashes or runs out of time scores zero on the cells it did not
// reach, with the reason, and grading goes on.
package assign
