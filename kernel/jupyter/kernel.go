// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-zeromq/zmq4"
)

// Options tunes a Kernel. The zero value (or nil) means defaults.
type Options struct {
	// Log receives protocol diagnostics (dropped messages, unknown
	// types). Nil means standard error.
	Log *log.Logger
	// Implementation and ImplementationVersion override the values
	// the interpreter's KernelInfo gives, when set.
	Implementation        string
	ImplementationVersion string
}

// Kernel serves the Jupyter messaging protocol for one Interpreter. It
// owns the sockets, message signing, the execution count, busy/idle
// status, execute_input and history; the interpreter only runs code.
type Kernel struct {
	conn    ConnectionInfo
	interp  Interpreter
	info    KernelInfo
	signer  *signer
	session string
	log     *log.Logger

	ctx    context.Context
	cancel context.CancelFunc

	shell, control, stdin, iopub, hb zmq4.Socket

	iopubMu sync.Mutex // PUB sockets are not safe for concurrent sends
	shellMu sync.Mutex // shell replies come from the shell and control goroutines
	stdinMu sync.Mutex // one input_request at a time

	shellQ      chan *Message
	inputReply  chan *Message
	inputCancel chan struct{}

	comms comms // open comms, for comm_info

	// Owned by the shell goroutine.
	count   int
	history []historyEntry
	aborted []*Message // queued behind a failed cell, to be aborted

	executing   atomic.Bool
	release     chan struct{} // see releaseMemory
	releaseOnce sync.Once
	started     time.Time
	subscribed  atomic.Bool // an iopub subscriber has been seen
	wg          sync.WaitGroup
	done        chan struct{}
	doneOnce    sync.Once
	closeOnce   sync.Once
	stopOnce    sync.Once
	restart     atomic.Bool
}

// Start binds the five sockets described by conn and starts serving.
// Ports given as 0 are chosen by the system; Connection reports them.
func Start(conn ConnectionInfo, interp Interpreter, opts *Options) (*Kernel, error) {
	if err := conn.check(); err != nil {
		return nil, fmt.Errorf("jupyter: %w", err)
	}
	if opts == nil {
		opts = &Options{}
	}
	logger := opts.Log
	if logger == nil {
		logger = log.New(os.Stderr, "boltzbook kernel: ", log.LstdFlags)
	}
	ctx, cancel := context.WithCancel(context.Background())
	k := &Kernel{
		conn:        conn,
		interp:      interp,
		info:        interp.KernelInfo(),
		signer:      newSigner(conn.Key),
		session:     newID(),
		log:         logger,
		ctx:         ctx,
		cancel:      cancel,
		shellQ:      make(chan *Message, 256),
		inputReply:  make(chan *Message, 1),
		inputCancel: make(chan struct{}, 1),
		release:     make(chan struct{}, 1),
		done:        make(chan struct{}),
		started:     time.Now(),
	}
	if opts.Implementation != "" {
		k.info.Implementation = opts.Implementation
	}
	if opts.ImplementationVersion != "" {
		k.info.ImplementationVersion = opts.ImplementationVersion
	}
	quiet := zmq4.WithLogger(log.New(discard{}, "", 0))
	k.shell = zmq4.NewRouter(ctx, quiet)
	k.control = zmq4.NewRouter(ctx, quiet)
	k.stdin = zmq4.NewRouter(ctx, quiet)
	k.iopub = zmq4.NewXPub(ctx, quiet)
	k.hb = zmq4.NewRep(ctx, quiet)
	binds := []struct {
		sock zmq4.Socket
		port *int
		name string
	}{
		{k.iopub, &k.conn.IOPubPort, "iopub"},
		{k.hb, &k.conn.HBPort, "heartbeat"},
		{k.control, &k.conn.ControlPort, "control"},
		{k.stdin, &k.conn.StdinPort, "stdin"},
		{k.shell, &k.conn.ShellPort, "shell"},
	}
	for _, b := range binds {
		listen := b.sock.Listen
		if b.sock == k.iopub {
			listen = func(ep string) error { return listenWelcoming(k.iopub, ep, k.welcome) }
		}
		if err := listen(k.conn.endpoint(*b.port)); err != nil {
			k.closeSockets()
			cancel()
			return nil, fmt.Errorf("jupyter: binding %s socket: %w", b.name, err)
		}
		if a, ok := b.sock.Addr().(*net.TCPAddr); ok {
			*b.port = a.Port
		}
	}
	k.wg.Add(5)
	go k.heartbeat()
	go k.receive(k.shell, "shell", func(m *Message) {
		select {
		case k.shellQ <- m:
		case <-k.ctx.Done():
		}
	})
	go k.receive(k.control, "control", k.handleControl)
	go k.receive(k.stdin, "stdin", k.handleStdin)
	go k.serveShell()
	return k, nil
}

// Connection returns the connection info with the ports actually bound.
func (k *Kernel) Connection() ConnectionInfo { return k.conn }

// Wait blocks until the kernel has been shut down (shutdown_request or
// Close) and reports whether the front end asked for a restart.
func (k *Kernel) Wait() (restart bool) {
	<-k.done
	return k.restart.Load()
}

// Interrupt interrupts the running cell, as interrupt_request does. It
// is what the binary calls on SIGINT.
func (k *Kernel) Interrupt() {
	select {
	case k.inputCancel <- struct{}{}:
	default:
	}
	k.interp.Interrupt()
}

// shutdownGrace bounds how long ending the kernel (shutdown_request,
// Shutdown) waits for Interpreter.Shutdown: an interpreter busy with a
// cell that ignores interrupts must not keep the process alive.
const shutdownGrace = 400 * time.Millisecond

// Shutdown ends the kernel as a shutdown_request does, without a reply:
// it interrupts the running cell (and a pending input request), gives
// the interpreter up to shutdownGrace to release its resources, and
// makes Wait return. The binary calls it on SIGTERM and when the
// process that started it dies. Only the first call (or
// shutdown_request) does anything.
func (k *Kernel) Shutdown() { k.stop(false) }

func (k *Kernel) stop(restart bool) {
	k.stopOnce.Do(func() {
		k.restart.Store(restart)
		if k.executing.Load() {
			k.Interrupt()
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			k.interp.Shutdown(restart)
		}()
		t := time.NewTimer(shutdownGrace)
		defer t.Stop()
		select {
		case <-done:
		case <-t.C:
			k.log.Printf("the interpreter did not shut down within %v; going on without it", shutdownGrace)
		}
		k.finish()
	})
}

// Close stops serving and closes the sockets. It does not shut the
// interpreter down, and it waits for the cell that is running, if any.
func (k *Kernel) Close() error {
	k.closeOnce.Do(func() {
		k.finish()
		k.cancel()
		k.closeSockets()
	})
	k.wg.Wait()
	return nil
}

// ErrCellAbandoned is returned by CloseWithin when a cell was still
// running at the deadline.
var ErrCellAbandoned = errors.New("jupyter: a cell was still running when the kernel closed; abandoned")

// CloseWithin is Close with a bound on the wait: after d it returns
// ErrCellAbandoned and leaves a cell that does not return (one blocked
// for good, or spinning in compiled code) behind, so that the process
// can exit.
func (k *Kernel) CloseWithin(d time.Duration) error {
	done := make(chan struct{})
	go func() {
		k.Close()
		close(done)
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return nil
	case <-t.C:
		return ErrCellAbandoned
	}
}

func (k *Kernel) finish() { k.doneOnce.Do(func() { close(k.done) }) }

func (k *Kernel) closeSockets() {
	for _, s := range []zmq4.Socket{k.shell, k.control, k.stdin, k.iopub, k.hb} {
		if s != nil {
			s.Close()
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// closing reports whether the kernel is shutting down.
func (k *Kernel) closing() bool {
	select {
	case <-k.done:
		return true
	default:
		return k.ctx.Err() != nil
	}
}

// heartbeat echoes every ping back, so the front end knows the process
// is alive even while a cell runs.
func (k *Kernel) heartbeat() {
	defer k.wg.Done()
	for {
		msg, err := k.hb.Recv()
		if err != nil {
			if k.closing() {
				return
			}
			continue
		}
		if err := k.hb.Send(msg); err != nil && k.closing() {
			return
		}
	}
}

// receive reads a ROUTER socket, verifies each message and hands the
// good ones to handle. Bad messages are logged and dropped.
func (k *Kernel) receive(sock zmq4.Socket, name string, handle func(*Message)) {
	defer k.wg.Done()
	for {
		raw, err := sock.Recv()
		if err != nil {
			if k.closing() || errors.Is(err, context.Canceled) {
				if name == "shell" {
					close(k.shellQ)
				}
				return
			}
			k.log.Printf("%s: receive: %v", name, err)
			continue
		}
		size := frameBytes(raw.Frames)
		m, err := decode(raw.Frames, k.signer)
		raw = zmq4.Msg{}
		if err != nil {
			k.log.Printf("%s: dropped a message: %v", name, err)
			if size >= bigMessage {
				k.releaseMemory()
			}
			continue
		}
		m.size = size
		handle(m)
		if name != "shell" && size >= bigMessage {
			k.releaseMemory() // shell messages: see serveShell
		}
	}
}

// send signs and sends m on a ROUTER socket back to the identities of
// to (the request).
func (k *Kernel) sendTo(sock zmq4.Socket, mu *sync.Mutex, to *Message, m *Message) {
	m.Identities = to.Identities
	frames := encode(m, k.signer)
	if frameBytes(frames) >= bigMessage {
		defer k.releaseMemory()
	}
	if mu != nil {
		mu.Lock()
		defer mu.Unlock()
	}
	if err := sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil && !k.closing() {
		k.log.Printf("sending %s: %v", m.Header.MsgType, err)
	}
}

// reply sends a reply of msgType to the request req on sock.
func (k *Kernel) reply(sock zmq4.Socket, req *Message, msgType string, content any) {
	m, err := newMessage(k.session, msgType, req, content)
	if err != nil {
		k.log.Print(err)
		return
	}
	mu := &k.shellMu
	if sock == k.stdin {
		mu = nil
	}
	if sock == k.control {
		mu = nil // only the control goroutine writes there
	}
	k.sendTo(sock, mu, req, m)
}

// publish sends a message on iopub with parent as its parent header.
func (k *Kernel) publish(msgType string, parent *Message, content any) {
	k.publishWith(msgType, parent, content, nil, nil)
}

// publishWith is publish with metadata and binary buffers.
func (k *Kernel) publishWith(msgType string, parent *Message, content any, metadata map[string]any, buffers [][]byte) error {
	m, err := newMessage(k.session, msgType, parent, content)
	if err != nil {
		k.log.Print(err)
		return err
	}
	if len(metadata) > 0 {
		if m.Metadata, err = marshalContent(metadata); err != nil {
			err = fmt.Errorf("jupyter: encoding %s metadata: %w", msgType, err)
			k.log.Print(err)
			return err
		}
	}
	m.Buffers = buffers
	m.Identities = [][]byte{[]byte("kernel." + k.session + "." + msgType)}
	frames := encode(m, k.signer)
	if frameBytes(frames) >= bigMessage {
		defer k.releaseMemory()
	}
	k.iopubMu.Lock()
	defer k.iopubMu.Unlock()
	if err := k.iopub.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil && !k.closing() {
		k.log.Printf("publishing %s: %v", msgType, err)
		return err
	}
	return nil
}

// welcome greets a new iopub subscriber (JEP 65): iopub_welcome, with
// the subscribed topic as its own topic so that it reaches the
// subscriber, and as its content.
func (k *Kernel) welcome(topic string) {
	m, err := newMessage(k.session, "iopub_welcome", nil, map[string]any{"subscription": topic})
	if err != nil {
		return
	}
	m.Identities = [][]byte{[]byte(topic)}
	frames := encode(m, k.signer)
	k.iopubMu.Lock()
	defer k.iopubMu.Unlock()
	if err := k.iopub.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil && !k.closing() {
		k.log.Printf("publishing iopub_welcome: %v", err)
	}
}

func (k *Kernel) status(state string, parent *Message) {
	k.publish("status", parent, map[string]string{"execution_state": state})
}

// subscriberGrace is how long after start a request waits for the first
// iopub subscriber.
const subscriberGrace = 2 * time.Second

// awaitSubscriber holds the first requests until a front end has
// subscribed to iopub (or the grace period is over). A front end
// connects all its sockets at once, but a PUB socket drops what it
// publishes before the subscription arrives: without this wait the
// status messages of the first kernel_info_request are lost, and
// jupyter_client's wait_for_ready spends 0.2 s waiting for them before
// it asks again.
func (k *Kernel) awaitSubscriber() {
	if k.subscribed.Load() {
		return
	}
	t, ok := k.iopub.(zmq4.Topics)
	if !ok {
		k.subscribed.Store(true)
		return
	}
	for time.Since(k.started) < subscriberGrace {
		if len(t.Topics()) > 0 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	k.subscribed.Store(true)
}
