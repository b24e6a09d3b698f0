// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/boltzbook/boltzbook/bm"
	"github.com/boltzbook/boltzbook/kernel/interp"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
	"github.com/boltzbook/boltzbook/kernel/toolchain"
)

// blasName names the BLAS implementation the numerics run on (a variable
// so tests can fix it).
var blasName = bm.BLAS

// boltzbookVersion is the module version, or the VCS revision of a
// development build.
func boltzbookVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	if v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return "devel"
	}
	return "devel-" + rev + dirty
}

// depVersion returns the version of a module built into the binary.
func depVersion(path string) string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, d := range bi.Deps {
		if d.Path == path {
			if d.Replace != nil {
				return d.Replace.Version + " (replaced)"
			}
			return d.Version
		}
	}
	return "not linked"
}

func versionCmd(w io.Writer) error {
	fmt.Fprintf(w, "boltzbook %s\n", boltzbookVersion())
	fmt.Fprintf(w, "go        %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(w, "gomacro   %s\n", depVersion("github.com/cosmos72/gomacro"))
	fmt.Fprintf(w, "zmq4      %s\n", depVersion("github.com/go-zeromq/zmq4"))
	fmt.Fprintf(w, "gonum     %s\n", depVersion("gonum.org/v1/gonum"))
	fmt.Fprintf(w, "BLAS      %s\n", blasName())
	fmt.Fprintf(w, "protocol  Jupyter messaging %s\n", jupyter.ProtocolVersion)
	if tc, err := toolchain.Find(); err != nil {
		fmt.Fprintf(w, "cells     gomacro only: %v\n", err)
	} else {
		fmt.Fprintf(w, "cells     go/types front end, gomacro, compiled plugins (%s, source %s)\n", tc.Version(), tc.Source())
	}
	return nil
}

// kernelInfo describes the kernel for kernel_info_reply; it is known
// before the interpreter has loaded, so the reply never waits for it.
func kernelInfo() jupyter.KernelInfo {
	interp.Version = boltzbookVersion()
	interp.BLASName = blasName
	return interp.Info()
}
