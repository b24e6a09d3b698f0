// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package cellrt is the run-time support of compiled notebook cells.
//
// The kernel compiles a cell that the interpreter cannot run correctly
// (declarations, generics, loops, channels...) into a Go plugin. The
// generated package imports cellrt, and nothing else of the kernel:
//
//   - Register hands the kernel what the cell declared (variables,
//     functions, types), the slots through which the cell reaches what
//     earlier cells declared, and the function that runs the cell's
//     statements. The kernel takes it with Take right after loading the
//     plugin.
//   - Poll, placed at the top of every loop body, and the channel
//     helpers (Recv, Send, RangeChan, Sleep, and the extra case the
//     kernel adds to every select) make compiled code stop with the
//     panic value Interrupted once the kernel calls Stop.
//   - GoRecover guards goroutines started by cells, so a panic in one is
//     reported instead of ending the kernel; Exit and the Fatal functions
//     replace os.Exit and log.Fatal, which would end it too.
//
// None of this is meant to be called by hand from a notebook, though
// nothing breaks if it is.
package cellrt
