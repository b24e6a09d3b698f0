// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package assign

import (
	"os"
	"strings"
	"testing"
)

func TestReleaseStripsSolutionsKeepsChecks(t *testing.T) {
	src, err := os.ReadFile("testdata/key.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	out, err := Release(src)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := parseNotebook(src)
	rel, err := parseNotebook(out)
	if err != nil {
		t.Fatalf("released notebook does not parse: %v", err)
	}
	kc, rc := key.cells(), rel.cells()
	if len(kc) != len(rc) {
		t.Fatalf("released %d cells, key has %d", len(rc), len(kc))
	}
	for i := range kc {
		k, r := kc[i], rc[i]
		if r.gradeID() != k.gradeID() {
			t.Errorf("cell %d: grade_id %q, want %q", i, r.gradeID(), k.gradeID())
		}
		text := r.source()
		for _, m := range []string{"BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "x * x", "(−x)² = x²", "square(-2)"} {
			if strings.Contains(text, m) {
				t.Errorf("cell %d (%s) still holds %q:\n%s", i, r.gradeID(), m, text)
			}
		}
		if k.isSolution() {
			want := Placeholder
			if k.kind() == "markdown" {
				want = markdownPlaceholder
			}
			if !strings.Contains(text, want) {
				t.Errorf("solution cell %s has no placeholder:\n%s", k.gradeID(), text)
			}
		}
		if k.flag("grade") && k.kind() == "code" && !strings.Contains(text, "check.") {
			t.Errorf("check cell %s lost its check:\n%s", k.gradeID(), text)
		}
		if r.kind() == "code" {
			if outs, _ := r["outputs"].([]any); len(outs) != 0 || r["execution_count"] != nil {
				t.Errorf("cell %s keeps outputs or an execution count", r.gradeID())
			}
		}
	}
	// The function signature survives around the placeholder.
	if got := rc[2].source(); !strings.HasPrefix(got, "func square(x float64) float64 {\n\t"+Placeholder) {
		t.Errorf("square cell released as:\n%s", got)
	}
	// Releasing twice is stable.
	again, err := Release(out)
	if err != nil || string(again) != string(out) {
		t.Errorf("release is not idempotent (err %v)", err)
	}
}

func TestReleaseRejectsBadMarkers(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"unclosed", "a\n// BEGIN SOLUTION\nb\n", "never closed"},
		{"stray end", "a\n// END SOLUTION\n", "without"},
		{"nested", "// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION\n", "inside another"},
	} {
		_, _, err := replaceRegions(c.src, "BEGIN SOLUTION", "END SOLUTION", Placeholder)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	bad := `{"cells":[{"cell_type":"code","metadata":{},"source":"// BEGIN SOLUTION\nx\n// END SOLUTION\n","outputs":[]}],"metadata":{},"nbformat":4,"nbformat_minor":5}`
	if _, err := Release([]byte(bad)); err == nil || !strings.Contains(err.Error(), "not marked as a solution") {
		t.Errorf("markers outside a solution cell: err = %v", err)
	}
	if _, err := Release([]byte("{not json")); err == nil || !strings.Contains(err.Error(), "invalid JSON") {
		t.Errorf("invalid JSON: err = %v", err)
	}
}

func TestCombineTakesOnlySolutionsFromStudent(t *testing.T) {
	key, err := readNotebook("testdata/key.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	sub := notebook{}
	data, _ := key.marshal()
	sub, _ = parseNotebook(data)
	cs := sub.cells()
	cs[2].setSource("func square(x float64) float64 { return 0 }\n")
	cs[3].setSource("// tampered: no checks here\n")
	// The student deleted the cube solution cell altogether.
	sub.setCells(append(cs[:5:5], cs[6:]...))
	got, err := combine(key, sub)
	if err != nil {
		t.Fatal(err)
	}
	gc := got.cells()
	if len(gc) != len(key.cells()) {
		t.Fatalf("combined %d cells, want the key's %d", len(gc), len(key.cells()))
	}
	if s := gc[2].source(); !strings.Contains(s, "return 0") {
		t.Errorf("student's solution not used: %s", s)
	}
	if s := gc[3].source(); !strings.Contains(s, `check.Close("square", 2`) || !strings.Contains(s, "HIDDEN TESTS") {
		t.Errorf("the key's check (with hidden tests) must replace the tampered one: %s", s)
	}
	if s := gc[5].source(); !strings.Contains(s, Placeholder) {
		t.Errorf("a deleted solution cell must become the placeholder: %s", s)
	}
}
