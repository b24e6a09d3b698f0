// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"
)

// zmtpStream builds what a SUB peer sends: a greeting, a READY command,
// then the given frames.
func zmtpStream(frames ...[]byte) []byte {
	var b bytes.Buffer
	b.Write(make([]byte, zmtpGreeting))
	frame := func(flags byte, body []byte) {
		if len(body) > 255 {
			b.WriteByte(flags | 0x02)
			binary.Write(&b, binary.BigEndian, uint64(len(body)))
		} else {
			b.WriteByte(flags)
			b.WriteByte(byte(len(body)))
		}
		b.Write(body)
	}
	frame(0x04, append([]byte("\x05READY"), "\x0bSocket-Type\x00\x00\x00\x03SUB"...))
	for _, f := range frames {
		if len(f) > 0 && f[0] == 0xff { // a command: 0xff, then name length, name, data
			frame(0x04, f[1:])
			continue
		}
		frame(0, f)
	}
	return b.Bytes()
}

func TestWelcomeConnSpotsSubscriptions(t *testing.T) {
	long := append([]byte{1}, bytes.Repeat([]byte("x"), 5000)...)
	stream := zmtpStream(
		[]byte("\x01"),                    // subscribe to everything
		[]byte("\x01kernel."),             // a topic
		[]byte("\x00kernel."),             // an unsubscription
		long,                              // too long to be a topic of interest
		[]byte("\xff\x09SUBSCRIBEtopic3"), // ZMTP 3.1 command
		[]byte("\x01"+string(bytes.Repeat([]byte("y"), 300))), // a long (8-byte size) frame
	)
	want := []string{"", "kernel.", "topic3", string(bytes.Repeat([]byte("y"), 300))}
	// Every way of cutting the stream into reads gives the same topics.
	for _, chunk := range []int{1, 2, 3, 7, 64, 65, 1000, len(stream)} {
		c := &welcomeConn{skip: zmtpGreeting}
		var got []string
		for i := 0; i < len(stream); i += chunk {
			c.scan(stream[i:min(i+chunk, len(stream))])
			got = append(got, c.seen...)
			c.seen = c.seen[:0]
		}
		if !slices.Equal(got, want) {
			t.Errorf("reads of %d bytes: topics %q, want %q", chunk, got, want)
		}
	}
}
