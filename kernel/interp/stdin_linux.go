// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"fmt"
	"os"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

// newStdinPipe returns a pipe whose read end is in blocking mode, so
// that a read of it parks a thread in the read system call, where
// readerWaiting sees it (a non-blocking pipe would park the goroutine
// in Go's network poller instead, invisibly).
func newStdinPipe() (r, w *os.File, err error) {
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		return nil, nil, fmt.Errorf("interp: stdin pipe: %w", err)
	}
	return os.NewFile(uintptr(p[0]), "stdin"), os.NewFile(uintptr(p[1]), "stdin (kernel side)"), nil
}

// canDetectReads reports whether this system shows the current system
// call of each thread.
func canDetectReads() bool {
	b, err := os.ReadFile("/proc/self/task/" + strconv.Itoa(unix.Gettid()) + "/syscall")
	return err == nil && len(b) > 0
}

// readerWaiting reports whether a thread of this process is blocked in
// a read of r: /proc/self/task/TID/syscall starts with the number of
// the read system call and the descriptor in hex.
func readerWaiting(r *os.File) bool {
	prefix := fmt.Sprintf("%d 0x%x ", syscall.SYS_READ, r.Fd())
	dir, err := os.Open("/proc/self/task")
	if err != nil {
		return false
	}
	tids, err := dir.Readdirnames(-1)
	dir.Close()
	if err != nil {
		return false
	}
	var buf [64]byte
	for _, tid := range tids {
		fd, err := unix.Open("/proc/self/task/"+tid+"/syscall", unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			continue
		}
		n, _ := unix.Read(fd, buf[:])
		unix.Close(fd)
		if n >= len(prefix) && string(buf[:len(prefix)]) == prefix {
			return true
		}
	}
	return false
}

// pendingBytes returns how many bytes wait in the pipe of r.
func pendingBytes(r *os.File) int {
	n, err := unix.IoctlGetInt(int(r.Fd()), unix.TIOCINQ) // FIONREAD
	if err != nil {
		return 0
	}
	return n
}
