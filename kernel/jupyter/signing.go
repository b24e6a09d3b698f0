// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

// replayMemory is how many recent signatures a signer remembers to
// refuse a message that is sent twice (jupyter_client keeps a similar
// digest history). Each is remembered by its first replayKeyLen bytes,
// in a ring and a set: about 40 bytes a message, 1.3 MB at most.
const (
	replayMemory = 1 << 15
	replayKeyLen = 16
)

// replayKey identifies a signature in the replay memory: 128 bits of
// the digest, so two different messages share one with probability
// 2⁻¹²⁸ per pair.
type replayKey [replayKeyLen]byte

// signer signs and verifies messages with HMAC-SHA256 over the four
// JSON parts (header, parent header, metadata, content). A nil key
// turns signing off: outgoing signatures are empty and incoming ones
// are not checked, as the protocol specifies.
type signer struct {
	key []byte

	mu   sync.Mutex
	seen map[replayKey]struct{}
	ring []replayKey
	next int
}

func newSigner(key string) *signer {
	if key == "" {
		return &signer{}
	}
	return &signer{key: []byte(key), seen: make(map[replayKey]struct{})}
}

func (s *signer) digest(parts [][]byte) []byte {
	mac := hmac.New(sha256.New, s.key)
	for _, p := range parts {
		mac.Write(p)
	}
	return mac.Sum(nil)
}

// sign returns the hex signature of parts, or nothing when signing is
// off.
func (s *signer) sign(parts [][]byte) []byte {
	if s.key == nil {
		return []byte{}
	}
	d := s.digest(parts)
	out := make([]byte, hex.EncodedLen(len(d)))
	hex.Encode(out, d)
	return out
}

// verify reports whether sig is the signature of parts, comparing in
// constant time. It also returns the signature in its canonical form,
// the decoded digest: hex accepts either case, so two spellings of one
// signature are one signature (see remember).
func (s *signer) verify(sig []byte, parts [][]byte) (canonical []byte, ok bool) {
	if s.key == nil {
		return nil, true
	}
	want := s.digest(parts)
	got := make([]byte, hex.DecodedLen(len(sig)))
	n, err := hex.Decode(got, sig)
	if err != nil || n != len(want) {
		return nil, false
	}
	return got[:n], hmac.Equal(got[:n], want)
}

// remember records a verified signature in its canonical form (as
// verify returns it) and reports false when it was already seen: a
// replayed message, however its hex digits were spelled.
func (s *signer) remember(canonical []byte) bool {
	if s.key == nil {
		return true
	}
	var k replayKey
	copy(k[:], canonical)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.seen[k]; dup {
		return false
	}
	if len(s.ring) < replayMemory {
		s.ring = append(s.ring, k)
	} else {
		delete(s.seen, s.ring[s.next])
		s.ring[s.next] = k
		s.next = (s.next + 1) % replayMemory
	}
	s.seen[k] = struct{}{}
	return true
}
