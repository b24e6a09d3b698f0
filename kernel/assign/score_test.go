// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package assign

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestScoreFollowsNbgrader checks Score against the rules of nbgrader's
// determine_grade, output by output.
func TestScoreFollowsNbgrader(t *testing.T) {
	grade := `{"output_type": "execute_result", "execution_count": 3, "metadata": {},
		"data": {"text/plain": "1.5", "application/vnd.boltzbook.grade+json":
		{"question": "q", "earned": 1.5, "points": 3, "ran": 2, "passed": 1, "checks": 2, "failures": ["b: expected 1, got 2"]}}}`
	for _, c := range []struct {
		name, outputs string
		want          float64
		msg           string
	}{
		{"no output", ``, 3, ""},
		{"display only", `{"output_type": "display_data", "data": {"text/plain": "PASS"}, "metadata": {}}`, 3, ""},
		{"stdout", `{"output_type": "stream", "name": "stdout", "text": "hello\n"}`, 3, ""},
		{"stderr", `{"output_type": "stream", "name": "stderr", "text": "oops\nmore"}`, 0, "stderr"},
		{"error", `{"output_type": "error", "ename": "panic", "evalue": "not implemented yet", "traceback": []}`, 0, "not implemented yet"},
		{"partial", grade, 1.5, "b: expected 1"},
		{"number", `{"output_type": "execute_result", "data": {"text/plain": "2"}, "metadata": {}}`, 2, ""},
		{"text", `{"output_type": "execute_result", "data": {"text/plain": "PASS q: x"}, "metadata": {}}`, 3, ""},
		{"too many", `{"output_type": "execute_result", "data": {"text/plain": "4"}, "metadata": {}}`, 3, "more than"},
		{"result then error", grade + `, {"output_type": "error", "ename": "Timeout", "evalue": "late", "traceback": []}`, 1.5, ""},
		{"error then result", `{"output_type": "error", "ename": "E", "evalue": "v", "traceback": []}, ` + grade, 0, "E: v"},
		{"stderr then result", `{"output_type": "stream", "name": "stderr", "text": "x"}, ` + grade, 0, "stderr"},
	} {
		var c0 cell
		src := `{"cell_type": "code", "execution_count": 3, "metadata": {}, "source": "", "outputs": [` + c.outputs + `]}`
		if err := json.Unmarshal([]byte(src), &c0); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := Score(c0, 3)
		if got.Earned != c.want || !strings.Contains(got.Message, c.msg) {
			t.Errorf("%s: Score = %v (%q), want %v (%q)", c.name, got.Earned, got.Message, c.want, c.msg)
		}
	}
	// A cell that never ran scores zero (nbgrader always runs every cell).
	var never cell
	json.Unmarshal([]byte(`{"cell_type": "code", "execution_count": null, "metadata": {}, "source": "", "outputs": []}`), &never)
	if got := Score(never, 3); got.Earned != 0 || !got.NotRun {
		t.Errorf("a cell that never ran: %+v", got)
	}
}
