// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"context"
	"encoding/binary"
	"net"
	"strings"
	"sync"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"
)

// iopub_welcome (protocol 5.4, JEP 65).
//
// A PUB socket drops what it publishes before a subscriber's
// subscription has arrived, so a front end cannot know when it starts
// to hear the kernel. JEP 65 has the kernel bind iopub as an XPUB
// socket, which sees each subscription, and greet every new subscriber
// with an iopub_welcome message whose content names the subscribed
// topic. go-zeromq/zmq4 keeps subscriptions to itself (its XPUB records
// them but never hands them to Recv), so the kernel learns of them one
// level down: iopub listens through a transport of its own that wraps
// TCP (or Unix sockets) and reads along the ZMTP 3 stream each
// subscriber sends — a 64-byte greeting, then frames — spotting
// subscription messages (a frame whose first byte is 1, followed by the
// topic) and SUBSCRIBE commands (ZMTP 3.1).
//
// The welcome must not overtake the subscription: zmq4 reads a frame,
// records the subscription, then reads the next frame header. So a
// subscription seen in one read is announced when zmq4 comes back for
// the next read, by which time the subscriber is in zmq4's table and
// the welcome reaches it.

// Transport names of the welcoming transports; the endpoints of iopub
// use them instead of tcp and ipc.
const (
	welcomeTCP = "jupyter-welcome+tcp"
	welcomeIPC = "jupyter-welcome+ipc"
)

var registerWelcome sync.Once

// listenWelcoming binds sock (the iopub socket) to endpoint through a
// welcoming transport; subscribed is called, on a goroutine of its
// own, with the topic of each subscription a subscriber sends.
func listenWelcoming(sock zmq4.Socket, endpoint string, subscribed func(topic string)) error {
	registerWelcome.Do(func() {
		zmq4.RegisterTransport(welcomeTCP, &welcomeTransport{Transport: transport.New("tcp")})
		zmq4.RegisterTransport(welcomeIPC, &welcomeTransport{Transport: transport.New("unix")})
	})
	scheme, rest, _ := strings.Cut(endpoint, "://")
	name := welcomeTCP
	if scheme == "ipc" {
		name = welcomeIPC
	}
	// zmq4 calls the transport's Listen from within sock.Listen: the
	// callback waits here for it, one socket at a time.
	welcomeMu.Lock()
	welcomeNext = subscribed
	defer func() {
		welcomeNext = nil
		welcomeMu.Unlock()
	}()
	return sock.Listen(name + "://" + rest)
}

var (
	welcomeMu   sync.Mutex
	welcomeNext func(topic string)
)

// welcomeTransport is a zmq4 transport whose listeners report the
// subscriptions their connections carry.
type welcomeTransport struct {
	transport.Transport
}

func (t *welcomeTransport) Listen(ctx context.Context, addr string) (net.Listener, error) {
	l, err := t.Transport.Listen(ctx, addr)
	if err != nil {
		return nil, err
	}
	return &welcomeListener{Listener: l, subscribed: welcomeNext}, nil
}

type welcomeListener struct {
	net.Listener
	subscribed func(topic string)
}

func (l *welcomeListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil || l.subscribed == nil {
		return c, err
	}
	return &welcomeConn{Conn: c, subscribed: l.subscribed, skip: zmtpGreeting}, nil
}

// zmtpGreeting is the length of a ZMTP 3 greeting.
const zmtpGreeting = 64

// maxFrame bounds the frames looked into: a subscription is short, and
// longer frames are skipped.
const maxFrame = 1024

// welcomeConn reads along the frames a subscriber sends.
type welcomeConn struct {
	net.Conn
	subscribed func(topic string)

	skip    int    // greeting bytes still to pass over
	header  []byte // the frame header read so far
	size    uint64 // body length of the current frame
	left    uint64 // body bytes of the current frame still to come
	command bool   // the current frame is a command
	body    []byte // the start of the current frame's body (≤ maxTopic)
	seen    []string
}

func (c *welcomeConn) Read(p []byte) (int, error) {
	// Subscriptions completed by the previous read have been recorded
	// by zmq4 now that it reads again.
	for _, topic := range c.seen {
		go c.subscribed(topic)
	}
	c.seen = c.seen[:0]
	n, err := c.Conn.Read(p)
	c.scan(p[:n])
	return n, err
}

// scan follows the ZMTP framing over b.
func (c *welcomeConn) scan(b []byte) {
	for len(b) > 0 {
		switch {
		case c.skip > 0:
			k := min(c.skip, len(b))
			c.skip -= k
			b = b[k:]
		case c.left == 0 && c.header == nil:
			c.header = append(make([]byte, 0, 9), b[0])
			b = b[1:]
		case c.left == 0:
			// Reading the size: one byte, or eight for long frames.
			flags := c.header[0]
			want := 2
			if flags&0x02 != 0 {
				want = 9
			}
			k := min(want-len(c.header), len(b))
			c.header = append(c.header, b[:k]...)
			b = b[k:]
			if len(c.header) < want {
				continue
			}
			if want == 2 {
				c.left = uint64(c.header[1])
			} else {
				c.left = binary.BigEndian.Uint64(c.header[1:])
			}
			c.size = c.left
			c.command = flags&0x04 != 0
			c.body = c.body[:0]
			c.header = nil
			if c.left == 0 {
				c.frame()
			}
		default:
			k := int(min(c.left, uint64(len(b))))
			if room := maxFrame - len(c.body); room > 0 {
				c.body = append(c.body, b[:min(k, room)]...)
			}
			c.left -= uint64(k)
			b = b[k:]
			if c.left == 0 {
				c.frame()
			}
		}
	}
}

// frame looks at a complete frame's body for a subscription.
func (c *welcomeConn) frame() {
	body := c.body
	if c.size > maxFrame {
		return
	}
	if c.command {
		// A command: a length-prefixed name, then its data.
		if len(body) > 0 && int(body[0]) < len(body) && string(body[1:1+int(body[0])]) == "SUBSCRIBE" {
			c.seen = append(c.seen, string(body[1+int(body[0]):]))
		}
		return
	}
	if len(body) > 0 && body[0] == 1 {
		c.seen = append(c.seen, string(body[1:]))
	}
}
