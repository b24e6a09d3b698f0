// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// ProtocolVersion is the version of the Jupyter messaging protocol this
// package speaks; every header carries it.
const ProtocolVersion = "5.4"

// delimiter separates the routing identities from the message proper.
var delimiter = []byte("<IDS|MSG>")

// Header is a message header.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one Jupyter message as it travels on a socket. The JSON
// parts are kept raw: the signature covers their exact bytes, and a
// reply echoes the request's header byte for byte as its parent.
type Message struct {
	Identities   [][]byte // routing prefix (ROUTER) or topic (PUB)
	Header       Header
	RawHeader    json.RawMessage
	ParentHeader json.RawMessage
	Metadata     json.RawMessage
	Content      json.RawMessage
	Buffers      [][]byte

	size int // bytes on the wire, for received messages
}

// errBadSignature is returned for messages whose HMAC does not match.
var errBadSignature = errors.New("bad or missing signature")

// errReplayed is returned for messages whose signature was seen before.
var errReplayed = errors.New("replayed message (signature seen before)")

// decode parses wire frames into a Message. The signature is checked
// before any JSON is parsed, so a forged message never reaches a
// handler.
func decode(frames [][]byte, s *signer) (*Message, error) {
	i := 0
	for i < len(frames) && !bytes.Equal(frames[i], delimiter) {
		i++
	}
	if i == len(frames) {
		return nil, errors.New("no <IDS|MSG> delimiter")
	}
	if len(frames)-i < 6 {
		return nil, fmt.Errorf("%d frames after the delimiter, want at least 5", len(frames)-i-1)
	}
	sig := frames[i+1]
	parts := frames[i+2 : i+6]
	canonical, ok := s.verify(sig, parts)
	if !ok {
		return nil, errBadSignature
	}
	if !s.remember(canonical) {
		return nil, errReplayed
	}
	m := &Message{
		Identities:   frames[:i],
		RawHeader:    parts[0],
		ParentHeader: parts[1],
		Metadata:     parts[2],
		Content:      parts[3],
		Buffers:      frames[i+6:],
	}
	if err := json.Unmarshal(m.RawHeader, &m.Header); err != nil {
		return nil, fmt.Errorf("header is not valid JSON: %w", err)
	}
	if m.Header.MsgType == "" {
		return nil, errors.New("header has no msg_type")
	}
	return m, nil
}

// encode turns a Message into signed wire frames.
func encode(m *Message, s *signer) [][]byte {
	parts := [][]byte{m.RawHeader, orEmpty(m.ParentHeader), orEmpty(m.Metadata), orEmpty(m.Content)}
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, delimiter, s.sign(parts))
	frames = append(frames, parts...)
	frames = append(frames, m.Buffers...)
	return frames
}

func orEmpty(b json.RawMessage) []byte {
	if len(b) == 0 {
		return []byte("{}")
	}
	return b
}

// newMessage builds an outgoing message of the given type in reply to
// (or on behalf of) parent, which may be nil.
func newMessage(session, msgType string, parent *Message, content any) (*Message, error) {
	h := Header{
		MsgID:    newID(),
		Session:  session,
		Username: "kernel",
		Date:     time.Now().UTC().Format("2006-01-02T15:04:05.000000Z07:00"),
		MsgType:  msgType,
		Version:  ProtocolVersion,
	}
	rawHeader, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	rawContent, err := marshalContent(content)
	if err != nil {
		return nil, fmt.Errorf("jupyter: encoding %s content: %w", msgType, err)
	}
	m := &Message{Header: h, RawHeader: rawHeader, Content: rawContent}
	if parent != nil {
		m.ParentHeader = parent.RawHeader
	}
	return m, nil
}

// marshalContent encodes content without escaping <, > and & (HTML
// output stays readable on the wire).
func marshalContent(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// newID returns a random UUID (version 4) string.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}
