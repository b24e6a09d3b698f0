// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"fmt"
	"strings"
	"testing"
)

// feed runs the reader's scanning over chunks as successive reads would
// deliver them, and returns the text that would be published and the
// flush markers acknowledged.
func feed(chunks []string, waiting ...uint64) (text string, acked int) {
	s := &stream{
		waiting: map[uint64]chan struct{}{},
		wake:    make(chan struct{}, 1),
		urgent:  make(chan struct{}, 1),
	}
	for _, id := range waiting {
		s.waiting[id] = make(chan struct{})
	}
	var carry []byte
	for _, c := range chunks {
		carry = s.scan(append(carry, c...))
	}
	s.pending = append(s.pending, carry...) // what closing the pipe would flush
	return string(s.pending), len(s.acks)
}

func marker(id uint64) string { return fmt.Sprintf("%s%016x\x00", markerPrefix, id) }

// split cuts s into pieces of n bytes, as short reads would.
func split(s string, n int) []string {
	var out []string
	for len(s) > n {
		out = append(out, s[:n])
		s = s[n:]
	}
	return append(out, s)
}

func TestStreamScanning(t *testing.T) {
	noise := noisePrefix + "func math/rand/v2.N[...]:\timporting generic functions is not supported yet\n"
	for _, c := range []struct {
		name    string
		input   string
		want    string
		waiting []uint64
		acks    int
	}{
		{"plain", "hello\nworld", "hello\nworld", nil, 0},
		{"marker", "a" + marker(7) + "b", "ab", []uint64{7}, 1},
		{"two markers", marker(1) + "x" + marker(2), "x", []uint64{1, 2}, 2},
		{"unknown marker", "a" + marker(9) + "b", "ab", nil, 0},
		{"noise line", "before\n" + noise + "after\n", "before\nafter\n", nil, 0},
		{"noise mid-line is kept", "say " + noise, "say " + noise, nil, 0},
		{"utf-8", "énergie → Σ w_ij ✓", "énergie → Σ w_ij ✓", nil, 0},
	} {
		for _, n := range []int{1, 2, 3, 5, 1 << 20} {
			got, acks := feed(split(c.input, n), c.waiting...)
			if got != c.want || acks != c.acks {
				t.Errorf("%s in reads of %d bytes: %q with %d acks, want %q with %d", c.name, n, got, acks, c.want, c.acks)
			}
		}
	}
}

func TestStreamScanningNeverSplitsRunes(t *testing.T) {
	s := &stream{waiting: map[uint64]chan struct{}{}, wake: make(chan struct{}, 1), urgent: make(chan struct{}, 1)}
	var carry []byte
	input := strings.Repeat("σ(ΔE/T) ", 50)
	for _, chunk := range split(input, 7) {
		before := len(s.pending)
		carry = s.scan(append(carry, chunk...))
		if piece := string(s.pending[before:]); strings.ContainsRune(piece, '\uFFFD') || !validUTF8(piece) {
			t.Fatalf("published a broken character: %q", piece)
		}
	}
}

func validUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
