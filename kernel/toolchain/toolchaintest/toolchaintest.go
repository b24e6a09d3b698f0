// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package toolchaintest gives tests the process's toolchain, or skips
// them where compiled cells cannot be built.
package toolchaintest

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/boltzbook/boltzbook/kernel/toolchain"
)

var (
	once sync.Once
	tc   *toolchain.Toolchain
	err  error
)

// Find returns the toolchain, with the cell run-time and paths
// prepared; it skips the test when no toolchain can build cells here,
// and fails it on any other error.
func Find(tb testing.TB, paths ...string) *toolchain.Toolchain {
	tb.Helper()
	once.Do(func() { tc, err = toolchain.Find() })
	var u *toolchain.Unavailable
	if errors.As(err, &u) {
		tb.Skip(err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	paths = append(paths, "github.com/boltzbook/boltzbook/kernel/cellrt")
	if err := tc.Prepare(context.Background(), paths...); err != nil {
		tb.Fatal(err)
	}
	return tc
}
