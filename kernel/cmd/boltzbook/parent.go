// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// parentPoll is how often the kernel checks that its parent is alive
// where it cannot be told at once (no pidfd).
const parentPoll = 250 * time.Millisecond

// watchParent calls gone, once and from a goroutine of its own, when
// the process that started the kernel dies, so that a front end that
// crashed or was killed leaves no orphan kernel behind (ipykernel's
// parent poller does the same). jupyter_client marks the kernels it
// starts with JPY_PARENT_PID; without it (a kernel started by hand)
// nothing is watched.
//
// Two processes are watched: the direct parent (its death re-parents
// the kernel) and the process JPY_PARENT_PID names, when a wrapper
// stands between the two. On Linux a pidfd reports either death at
// once; elsewhere, or on kernels without pidfd_open, a poll every
// parentPoll does.
func watchParent(gone func(why string)) {
	env := os.Getenv("JPY_PARENT_PID")
	if env == "" {
		return
	}
	starter, err := strconv.Atoi(env)
	if err != nil || starter <= 1 {
		return
	}
	var once sync.Once
	report := func(why string) { once.Do(func() { gone(why) }) }
	ppid := os.Getppid()
	watch := func(pid int, what string) {
		why := fmt.Sprintf("the %s (pid %d) is gone", what, pid)
		if waitExit(pid) {
			report(why)
			return
		}
		for range time.Tick(parentPoll) {
			if !alive(pid) {
				report(why)
				return
			}
		}
	}
	go func() {
		if waitExit(ppid) {
			report(fmt.Sprintf("the process that started this kernel (pid %d) is gone", ppid))
			return
		}
		// Re-parenting tells of the parent's death even where a
		// zombie or a reused pid would fool alive.
		for range time.Tick(parentPoll) {
			if os.Getppid() != ppid {
				report(fmt.Sprintf("the process that started this kernel (pid %d) is gone", ppid))
				return
			}
		}
	}()
	if starter != ppid {
		go watch(starter, "front end that started this kernel")
	}
}

// alive reports whether a process with this pid exists.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
