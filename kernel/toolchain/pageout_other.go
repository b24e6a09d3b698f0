// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !linux

package toolchain

// pageOut does nothing where plugins are not mapped the Linux way.
func pageOut(so string) {}
