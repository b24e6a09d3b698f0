// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package jupyter is the protocol half of the boltzbook kernel: it
// speaks version 5.4 of the Jupyter messaging protocol over ZeroMQ
// (github.com/go-zeromq/zmq4, pure Go) and drives a language back end
// through the narrow Interpreter interface. It knows nothing of Go
// interpretation; kernel/interp knows nothing of sockets.
//
// # The seam
//
// As in xeus, the protocol side owns everything that is the same for
// every language: the sockets, message signing, the execution count,
// busy/idle status around every request, execute_input, history,
// the table of open comms, shutdown and interrupt. The back end implements
// Interpreter (Execute, Complete, Inspect, IsComplete, Interrupt,
// Shutdown, KernelInfo) and writes output through the Publisher it is
// handed with each cell. A Publisher is bound to the request that
// started the cell and stays valid after Execute returns, so output
// written later by a goroutine of that cell still reaches the right
// cell in the front end.
//
// # Sockets
//
// Start binds the five sockets of a connection file (ReadConnectionFile):
// shell and control (ROUTER) carry requests and replies, stdin (ROUTER)
// carries input_request/input_reply, iopub (XPUB) broadcasts status and
// output and greets each new subscriber with iopub_welcome (JEP 65,
// welcome.go), and heartbeat (REP) echoes pings. Shell requests are handled
// one at a time in arrival order; control requests are handled on their
// own goroutine, so interrupt_request reaches Interpreter.Interrupt
// while a cell runs. Kernel.Interrupt does the same for SIGINT.
//
// # Comms
//
// comm_open, comm_msg and comm_close travel both ways (comm.go). The
// Kernel keeps the table of open comms and answers comm_info_request
// from it (filtered by target_name); messages from the front end go to
// an Interpreter that implements CommHandler, on the shell goroutine,
// so never while a cell runs. A comm_open to an unknown target is
// answered with comm_close; messages for comms that are not open are
// logged and ignored. Interpreters send comm messages, with binary
// buffers, through the CommSender the Publishers implement.
//
// # Signing
//
// Every outgoing message is signed with HMAC-SHA256 over its header,
// parent header, metadata and content; every incoming message is
// checked (hmac.Equal) before any of its JSON is parsed. A message with
// a bad or missing signature, or a replay of one already received, is
// logged and dropped, never executed, and the kernel keeps serving. An
// empty key turns signing off, as the protocol specifies.
//
// # Details clients check
//
// Every header says version 5.4; kernel_info_reply carries a status;
// error replies and error messages carry a traceback list, never null;
// a completion with no matches is status ok with empty matches; every
// request gets a reply, unknown request types an error reply; requests
// queued behind a failed cell with stop_on_error are answered
// with an ExecutionAborted error, not run. Silent executions broadcast
// nothing and do not count.
//
// # Headless runs
//
// RunNotebook executes an nbformat 4 notebook in process through an
// Interpreter, without sockets, and records outputs as a front end
// would (merged streams, display updates by display_id, clear_output);
// it is what `boltzbook run` uses.
//
// Lazy wraps an interpreter that is slow to construct, so that the
// kernel answers kernel_info while packages are still loading.
package jupyter
