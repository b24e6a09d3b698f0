// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

// Hooks for the external tests, which drive the kernel as a client.

// ClientCodec signs and parses messages as a front end would.
type ClientCodec struct{ s *signer }

func NewClientCodec(key string) *ClientCodec { return &ClientCodec{newSigner(key)} }

func (c *ClientCodec) New(msgType string, content any) (*Message, error) {
	return newMessage("test-client", msgType, nil, content)
}

func (c *ClientCodec) Encode(m *Message) [][]byte { return encode(m, c.s) }

// Decode parses without the replay check: a client sees each message once.
func (c *ClientCodec) Decode(frames [][]byte) (*Message, error) {
	return decode(frames, &signer{key: c.s.key, seen: map[replayKey]struct{}{}})
}
