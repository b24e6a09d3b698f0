// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package imports

// The directive lives in the file that sorts last: go generate reads the
// package's files one by one, and the generator deletes the x_*.go file
// of a package no longer bound, which must not be ahead of it.

//go:generate go run ./internal/genimports
