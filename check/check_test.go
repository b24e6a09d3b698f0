// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package check

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
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

func TestScoresAndLog(t *testing.T) {
	Reset()
	log := filepath.Join(t.TempDir(), "checks.jsonl")
	t.Setenv(LogEnv, log)
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
	f, err := os.Open(log)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var logged []Result
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r Result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		logged = append(logged, r)
	}
	if len(logged) != 3 || logged[1].Passed || logged[2].Points != 3 {
		t.Errorf("log = %+v", logged)
	}
}
