// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !linux

package main

// waitExit cannot wait for another process's end here: the caller polls.
func waitExit(pid int) bool { return false }
