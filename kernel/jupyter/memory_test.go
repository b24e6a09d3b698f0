// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"fmt"
	"strings"
	"testing"
)

func TestHistoryBounded(t *testing.T) {
	k := &Kernel{}
	for i := 1; i <= 3*historyMax; i++ {
		k.remember(i, fmt.Sprint("cell ", i), fmt.Sprint(i))
		if len(k.history) > historyMax {
			t.Fatalf("%d entries after %d cells", len(k.history), i)
		}
	}
	last := k.history[len(k.history)-1]
	if last.line != 3*historyMax || last.input != fmt.Sprint("cell ", 3*historyMax) || last.out() != fmt.Sprint(3*historyMax) {
		t.Errorf("last entry %+v", last)
	}
	for i := 1; i < len(k.history); i++ {
		if k.history[i].line != k.history[i-1].line+1 {
			t.Fatalf("history not contiguous at %d", i)
		}
	}
	big := strings.Repeat("é", 1<<20) // 2 MB, cut inside a character
	k.remember(0, big, nil)
	e := k.history[len(k.history)-1]
	if len(e.input) > historyTextMax+100 || !strings.HasPrefix(big, strings.SplitN(e.input, "\n…", 2)[0]) ||
		!strings.Contains(e.input, "bytes more not kept in the history") || e.out() != nil {
		t.Errorf("big input kept as %d bytes ending %q", len(e.input), e.input[len(e.input)-60:])
	}
}

func TestReplayMemoryBounded(t *testing.T) {
	s := newSigner("k")
	first := s.digest([][]byte{[]byte("0")})
	for i := 0; i < replayMemory+1000; i++ {
		if !s.remember(s.digest([][]byte{[]byte(fmt.Sprint(i))})) {
			t.Fatalf("message %d taken for a replay", i)
		}
	}
	if len(s.seen) != replayMemory || len(s.ring) != replayMemory {
		t.Errorf("%d signatures remembered, ring %d, want %d", len(s.seen), len(s.ring), replayMemory)
	}
	// The oldest were forgotten, the latest are not.
	if !s.remember(first) {
		t.Error("the oldest signature is still remembered")
	}
	if s.remember(s.digest([][]byte{[]byte(fmt.Sprint(replayMemory + 999))})) {
		t.Error("the latest signature was forgotten")
	}
}

// TestPublisherKeepsNoContent: a publisher outlives its cell (goroutines
// print through it), so it must not keep the request's content alive.
func TestPublisherKeepsNoContent(t *testing.T) {
	m := &Message{Identities: [][]byte{[]byte("id")}, Header: Header{MsgID: "x"}, RawHeader: []byte(`{"msg_id":"x"}`),
		Content: make([]byte, 1<<20), Buffers: [][]byte{make([]byte, 1<<20)}, Metadata: []byte("{}")}
	p := parentOf(m)
	if p.Content != nil || p.Buffers != nil || p.Metadata != nil || string(p.RawHeader) != string(m.RawHeader) ||
		p.Header.MsgID != "x" || string(p.Identities[0]) != "id" {
		t.Errorf("parentOf kept %+v", p)
	}
}
