// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !unix

package toolchain

import "io/fs"

// processAlive cannot tell here, so every workspace is kept.
func processAlive(pid int) bool { return true }

// ownedByUs cannot tell here.
func ownedByUs(info fs.FileInfo) bool { return false }
