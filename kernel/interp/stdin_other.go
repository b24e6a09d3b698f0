// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !linux

package interp

import (
	"errors"
	"os"
)

// Reads of os.Stdin cannot be detected here: it is /dev/null.

func newStdinPipe() (r, w *os.File, err error) { return nil, nil, errors.New("not supported") }
func canDetectReads() bool                     { return false }
func readerWaiting(*os.File) bool              { return false }
func pendingBytes(*os.File) int                { return 0 }
