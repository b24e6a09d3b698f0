// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/boltzbook/boltzbook/kernel/interp"
	"github.com/boltzbook/boltzbook/kernel/toolchain"
)

// prepareCmd compiles the preloaded packages for compiled cells ahead
// of time (make lab runs it), so that the first compiled cell of the
// first kernel does not wait a minute for them. It reports, and does
// not fail, when compiled cells are unavailable here.
func prepareCmd(args []string, stdout io.Writer) error {
	if len(args) > 0 {
		return usageError("prepare takes no arguments")
	}
	tc, err := toolchain.Find()
	if err != nil {
		fmt.Fprintf(stdout, "boltzbook prepare: %v\n(cells will run in the gomacro interpreter only)\n", err)
		return nil
	}
	start := time.Now()
	fmt.Fprintf(stdout, "boltzbook prepare: compiling the preloaded packages for compiled cells with %s (a minute or two the first time)...\n", tc.Version())
	if err := tc.Prepare(context.Background(), interp.PreloadPackages()...); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "boltzbook prepare: ready in %v (source tree %s, cell module %s)\n",
		time.Since(start).Round(100*time.Millisecond), tc.Source(), tc.ModuleDir())
	return nil
}
