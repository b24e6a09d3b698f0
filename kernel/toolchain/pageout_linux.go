// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package toolchain

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// madvPageout is MADV_PAGEOUT (Linux 5.4 and later).
const madvPageout = 21

// pageOut tells the kernel that the read-only pages of a freshly loaded
// plugin are cold. Loading a plugin reads its whole symbol and type
// tables once (the Go runtime checks them), which would leave every page
// of every plugin resident; the cell's code needs few of them later.
// File-backed pages only: nothing is lost, a page needed again is read
// again. Errors (an older kernel) are ignored.
func pageOut(so string) {
	real, err := filepath.EvalSymlinks(so)
	if err != nil {
		real = so
	}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || fields[5] != real || strings.Contains(fields[1], "w") {
			continue
		}
		lo, hi, ok := strings.Cut(fields[0], "-")
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		syscall.Syscall(syscall.SYS_MADVISE, uintptr(start), uintptr(end-start), madvPageout)
	}
}
