// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package assign

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShippedExercisesAreReleasedKeys checks that every student notebook in
// notebooks/exercises is exactly the release of its key (run `make
// exercises` after editing a key), and that it holds no solution.
func TestShippedExercisesAreReleasedKeys(t *testing.T) {
	keys, err := filepath.Glob("../../notebooks/exercises/keys/*.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) < 3 {
		t.Fatalf("found %d exercise keys, want at least 3", len(keys))
	}
	for _, key := range keys {
		src, err := os.ReadFile(key)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Release(src)
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		student := filepath.Join("../../notebooks/exercises", filepath.Base(key))
		got, err := os.ReadFile(student)
		if err != nil {
			t.Errorf("%s has no released version: %v (run make exercises)", key, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not the release of %s: run make exercises", student, key)
		}
		if strings.Contains(string(got), "BEGIN SOLUTION") {
			t.Errorf("%s still holds a solution marker", student)
		}
	}
}
