// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package nbformat

import (
	"reflect"
	"testing"
)

func TestSourceAndLines(t *testing.T) {
	for _, tc := range []struct {
		text  string
		lines []any
	}{
		{"", []any{}},
		{"x := 1", []any{"x := 1"}},
		{"a\n", []any{"a\n"}},
		{"a\nb", []any{"a\n", "b"}},
		{"a\n\nb\n", []any{"a\n", "\n", "b\n"}},
	} {
		got := Lines(tc.text)
		if !reflect.DeepEqual(got, tc.lines) {
			t.Errorf("Lines(%q) = %q, want %q", tc.text, got, tc.lines)
		}
		if back := Source(got); back != tc.text {
			t.Errorf("Source(Lines(%q)) = %q", tc.text, back)
		}
		if s := Source(tc.text); s != tc.text {
			t.Errorf("Source of the string %q = %q", tc.text, s)
		}
	}
	if s := Source([]any{"a\n", 3, "b"}); s != "a\nb" {
		t.Errorf("non-strings in a source list: %q, want them skipped", s)
	}
	if s := Source(nil); s != "" {
		t.Errorf("Source(nil) = %q", s)
	}
}

func TestMarshal(t *testing.T) {
	nb := map[string]any{"nbformat": 4, "cells": []any{map[string]any{"source": []any{"a < b && c\n"}}}}
	got, err := Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n \"cells\": [\n  {\n   \"source\": [\n    \"a < b && c\\n\"\n   ]\n  }\n ],\n \"nbformat\": 4\n}\n"
	if string(got) != want {
		t.Errorf("Marshal = %q, want %q", got, want)
	}
}
