// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package check

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestChecksPassAndFail(t *testing.T) {
	Reset()
	sq := func(x float64) float64 { return x * x }
	boom := func(x float64) float64 { panic("not implemented yet") }
	a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	b := mat.NewDense(2, 2, []float64{1, 2, 3, 4.001})
	for _, c := range []struct {
		name string
		r    Result
		pass bool
		msg  string // part of the failure message
	}{
		{"equal ints", Equal("q", 1, "n", 3, 3), true, ""},
		{"equal int float", Equal("q", 1, "n", 3, 3.0), true, ""},
		{"equal strings", Equal("q", 1, "s", "a", "b"), false, ""},
		{"equal mats", Equal("q", 1, "m", a, a), true, ""},
		{"equal mats differ", Equal("q", 1, "m", a, b), false, ""},
		{"close", Close("q", 1, "x", 1.0000001, 1, 1e-6), true, ""},
		{"close off", Close("q", 1, "x", 1.1, 1, 1e-6), false, "off by 0.1"},
		{"close nan", Close("q", 1, "x", math.NaN(), 1, 1e-6), false, "NaN"},
		{"closevec", CloseVec("q", 1, "v", []float64{1, 2}, []float64{1, 2}, 0), true, ""},
		{"closevec len", CloseVec("q", 1, "v", []float64{1}, []float64{1, 2}, 0), false, "length 1, want 2"},
		{"closevec elem", CloseVec("q", 1, "v", []float64{1, 3}, []float64{1, 2}, 0.5), false, "element 1"},
		{"closemat", CloseMat("q", 1, "m", a, b, 1e-2), true, ""},
		{"closemat elem", CloseMat("q", 1, "m", a, b, 1e-6), false, "element (1,1)"},
		{"closemat shape", CloseMat("q", 1, "m", a, mat.NewDense(1, 2, nil), 1), false, "shapes differ"},
		{"sameshape", SameShape("q", 1, "m", a, b), true, ""},
		{"sameshape no", SameShape("q", 1, "m", a, mat.NewDense(2, 3, nil)), false, ""},
		{"true", True("q", 1, "c", true, "x"), true, ""},
		{"false", True("q", 1, "c", false, "because"), false, "because"},
		{"atleast", AtLeast("q", 1, "acc", 0.95, 0.9), true, ""},
		{"atleast no", AtLeast("q", 1, "acc", 0.85, 0.9), false, ""},
		{"atmost", AtMost("q", 1, "err", 0.02, 0.05), true, ""},
		{"func", Func("q", 1, "square", sq, []Case{{Args: []any{2.0}, Want: 4.0}, {Args: []any{3}, Want: 9}}), true, ""},
		{"func wrong", Func("q", 1, "square", sq, []Case{{Args: []any{2.0}, Want: 5.0}}), false, "case 1"},
		{"func panic", Func("q", 1, "boom", boom, []Case{{Args: []any{2.0}, Want: 4.0}}), false, "not implemented yet"},
		{"func arity", Func("q", 1, "square", sq, []Case{{Args: []any{1.0, 2.0}, Want: 4.0}}), false, "takes 1 arguments"},
		{"func notfunc", Func("q", 1, "x", 3, nil), false, "not a function"},
	} {
		if c.r.Passed != c.pass {
			t.Errorf("%s: passed = %v, want %v (%s)", c.name, c.r.Passed, c.pass, c.r)
		}
		if c.msg != "" && !strings.Contains(c.r.Message, c.msg) {
			t.Errorf("%s: message %q does not contain %q", c.name, c.r.Message, c.msg)
		}
		if c.pass != strings.HasPrefix(c.r.String(), "PASS") {
			t.Errorf("%s: String() = %q", c.name, c.r.String())
		}
		if !strings.Contains(c.r.HTML(), map[bool]string{true: "✔ PASS", false: "✘ FAIL"}[c.pass]) {
			t.Errorf("%s: HTML() = %q", c.name, c.r.HTML())
		}
	}
	if n := len(Results()); n != 26 {
		t.Errorf("recorded %d results, want 26", n)
	}
}

func TestScores(t *testing.T) {
	Reset()
	Close("q1", 2, "a", 1, 1, 0)
	Close("q1", 1, "b", 2, 1, 0)
	AtLeast("q2", 3, "acc", 0.99, 0.9)
	rep := Summary()
	if len(rep.Scores) != 2 || rep.Scores[0].Question != "q1" || rep.Scores[0].Earned != 2 || rep.Scores[0].Points != 3 {
		t.Fatalf("scores = %+v", rep.Scores)
	}
	if len(rep.Scores[0].Failures) != 1 || !strings.Contains(rep.Scores[0].Failures[0], "b: expected") {
		t.Errorf("failures = %q", rep.Scores[0].Failures)
	}
	if e, p := rep.Total(); e != 5 || p != 6 {
		t.Errorf("total = %v/%v, want 5/6", e, p)
	}
	if !strings.Contains(rep.String(), "total") || !strings.Contains(rep.HTML(), "<table>") {
		t.Errorf("report renders badly: %s", rep)
	}
}

func TestPoints(t *testing.T) {
	Reset()
	// A cell worth 3 whose visible checks are worth 2 (the hidden one is
	// missing, as in a student's copy): half of them pass.
	Close("q1", 1, "a", 1, 1, 0)
	Close("q1", 1, "b", 2, 1, 0)
	Close("q2", 5, "other question", 0, 1, 0)
	g := Points("q1", 3)
	if g.Earned != 1.5 || g.Ran != 2 || g.Passed != 1 || g.Checks != 2 || len(g.Failures) != 1 {
		t.Errorf("Points = %+v, want 1.5 of 3 from 1 of the 2 points that ran", g)
	}
	b := g.MIMEBundle()
	if b["text/plain"] != "1.5" {
		t.Errorf("text/plain = %q, want the bare number nbgrader reads", b["text/plain"])
	}
	if !strings.Contains(b["text/html"].(string), "1.5/3 points") {
		t.Errorf("text/html = %q", b["text/html"])
	}
	js, err := json.Marshal(b[MIMEGrade])
	if err != nil {
		t.Fatal(err)
	}
	var back Grade
	if err := json.Unmarshal(js, &back); err != nil || back.Earned != 1.5 || back.Points != 3 || back.Question != "q1" {
		t.Errorf("%s = %s (%v)", MIMEGrade, js, err)
	}

	// Running the cell again counts only the new run: all pass now.
	Close("q1", 1, "a", 1, 1, 0)
	Close("q1", 1, "b", 1, 1, 0)
	if g := Points("q1", 3); g.Earned != 3 || g.Checks != 2 {
		t.Errorf("rerun: Points = %+v, want 3/3 from 2 checks", g)
	}
	// Summary takes the latest score of a question that has one.
	if s := Summary().Scores[0]; s.Question != "q1" || s.Earned != 3 || s.Points != 3 {
		t.Errorf("summary of q1 = %+v, want 3/3", s)
	}
	// No check ran: zero, never the full points.
	if g := Points("q1", 3); g.Earned != 0 || g.Checks != 0 {
		t.Errorf("no checks: Points = %+v", g)
	}
	// Scaling never exceeds the cell's points, and float noise is rounded.
	Close("q3", 7.5, "x", 1, 1, 0)
	if g := Points("q3", 3); g.Earned != 3 || g.String() != "3" {
		t.Errorf("Points = %+v (%s), want exactly 3", g, g)
	}
	True("q4", 0.5, "x", true, "")
	True("q4", 1, "y", false, "")
	True("q4", 1, "z", true, "")
	if g := Points("q4", 2.5); g.String() != "1.5" {
		t.Errorf("Points = %s, want 1.5", g)
	}
}
