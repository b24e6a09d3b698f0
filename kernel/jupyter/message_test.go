// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode"
)

// TestSignerRFC4231 checks the HMAC against test case 2 of RFC 4231
// (HMAC-SHA256), with the data split over frames as a message is.
func TestSignerRFC4231(t *testing.T) {
	s := newSigner("Jefe")
	got := s.sign([][]byte{[]byte("what do ya "), []byte("want "), []byte("for nothing?")})
	const want = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
	if string(got) != want {
		t.Fatalf("sign = %s, want %s", got, want)
	}
	if _, ok := s.verify([]byte(want), [][]byte{[]byte("what do ya want for nothing?")}); !ok {
		t.Error("verify rejected the RFC 4231 signature")
	}
}

func testMessage(t *testing.T, s *signer, msgType string, content any) [][]byte {
	t.Helper()
	m, err := newMessage("client-session", msgType, nil, content)
	if err != nil {
		t.Fatal(err)
	}
	m.Identities = [][]byte{[]byte("peer-1"), []byte("peer-2")}
	m.Buffers = [][]byte{[]byte("buffer")}
	return encode(m, s)
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	s := newSigner("a secret")
	frames := testMessage(t, s, "execute_request", map[string]any{"code": "1+1"})
	if !bytes.Equal(frames[2], delimiter) {
		t.Fatalf("frame 2 = %q, want the delimiter after two identities", frames[2])
	}
	m, err := decode(frames, newSigner("a secret"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Identities) != 2 || string(m.Identities[1]) != "peer-2" {
		t.Errorf("identities = %q", m.Identities)
	}
	if m.Header.MsgType != "execute_request" || m.Header.Version != ProtocolVersion || m.Header.Session != "client-session" {
		t.Errorf("header = %+v", m.Header)
	}
	var c map[string]string
	if err := json.Unmarshal(m.Content, &c); err != nil || c["code"] != "1+1" {
		t.Errorf("content = %s (%v)", m.Content, err)
	}
	if len(m.Buffers) != 1 || string(m.Buffers[0]) != "buffer" {
		t.Errorf("buffers = %q", m.Buffers)
	}
}

func TestDecodeRejects(t *testing.T) {
	key := "k3y"
	good := func() [][]byte {
		return testMessage(t, newSigner(key), "execute_request", map[string]any{"code": "print hi"})
	}
	tests := []struct {
		name   string
		mangle func([][]byte) [][]byte
		want   error
	}{
		{"forged content", func(f [][]byte) [][]byte {
			f[len(f)-2] = []byte(`{"code":"os.RemoveAll(\"/\")"}`)
			return f
		}, errBadSignature},
		{"wrong key", func(f [][]byte) [][]byte {
			other := testMessage(t, newSigner("other"), "execute_request", map[string]any{"code": "print hi"})
			return other
		}, errBadSignature},
		{"missing signature", func(f [][]byte) [][]byte { f[3] = nil; return f }, errBadSignature},
		{"garbage signature", func(f [][]byte) [][]byte { f[3] = []byte("zz"); return f }, errBadSignature},
		{"upper-case hex of another message", func(f [][]byte) [][]byte {
			f[3] = bytes.ToUpper(testMessage(t, newSigner(key), "kernel_info_request", map[string]any{})[3])
			return f
		}, errBadSignature},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decode(tc.mangle(good()), newSigner(key))
			if !errors.Is(err, tc.want) {
				t.Fatalf("decode error = %v, want %v", err, tc.want)
			}
		})
	}
	if _, err := decode([][]byte{[]byte("id"), []byte("x")}, newSigner(key)); err == nil {
		t.Error("decode accepted frames without a delimiter")
	}
	if _, err := decode([][]byte{delimiter, []byte("sig")}, newSigner(key)); err == nil {
		t.Error("decode accepted a truncated message")
	}
}

func TestDecodeRefusesReplay(t *testing.T) {
	s := newSigner("k3y")
	frames := testMessage(t, s, "execute_request", map[string]any{"code": "print hi"})
	if _, err := decode(frames, s); err != nil {
		t.Fatalf("first delivery: %v", err)
	}
	if _, err := decode(frames, s); !errors.Is(err, errReplayed) {
		t.Fatalf("second delivery: error = %v, want %v", err, errReplayed)
	}
}

// TestDecodeRefusesReplayInOtherCase sends one signed message with its
// signature spelled in lower, upper and mixed case: hex accepts all
// three, so only the first delivery may pass.
func TestDecodeRefusesReplayInOtherCase(t *testing.T) {
	s := newSigner("k3y")
	frames := testMessage(t, s, "execute_request", map[string]any{"code": "print hi"})
	sig := string(frames[3])
	if sig != strings.ToLower(sig) {
		t.Fatalf("signature %q is not lower-case hex", sig)
	}
	mixed := []byte(sig)
	for i := range mixed {
		if i%2 == 0 {
			mixed[i] = byte(unicode.ToUpper(rune(mixed[i])))
		}
	}
	for i, spelling := range [][]byte{[]byte(strings.ToUpper(sig)), mixed, []byte(sig)} {
		f := append([][]byte(nil), frames...)
		f[3] = spelling
		_, err := decode(f, s)
		if i == 0 {
			if err != nil {
				t.Fatalf("first delivery (%s): %v", spelling, err)
			}
			continue
		}
		if !errors.Is(err, errReplayed) {
			t.Errorf("delivery %d (%s): error = %v, want %v", i+1, spelling, err, errReplayed)
		}
	}
}

// TestUnsignedWhenKeyEmpty follows the spec: with an empty key the
// signature frame is empty and not checked.
func TestUnsignedWhenKeyEmpty(t *testing.T) {
	s := newSigner("")
	frames := testMessage(t, s, "kernel_info_request", map[string]any{})
	if len(frames[3]) != 0 {
		t.Errorf("signature = %q, want empty", frames[3])
	}
	frames[3] = []byte("anything")
	if _, err := decode(frames, s); err != nil {
		t.Errorf("decode with signing off: %v", err)
	}
}

func TestNewIDIsUUID4(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		id := newID()
		if len(id) != 36 || id[14] != '4' || id[8] != '-' || !bytes.ContainsAny([]byte{id[19]}, "89ab") {
			t.Fatalf("newID() = %q is not a version 4 UUID", id)
		}
		if seen[id] {
			t.Fatalf("newID repeated %q", id)
		}
		seen[id] = true
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"1+1", "1+1", true},
		{"1+?", "1+2", true},
		{"*+1", "40+1", true},
		{"*x*", "abc", false},
		{"a*", "", false},
		{"*", "", true},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxbyy", false},
	}
	for _, tc := range tests {
		if got := globMatch(tc.pattern, tc.s); got != tc.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tc.pattern, tc.s, got, tc.want)
		}
	}
}
