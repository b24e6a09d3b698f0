// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package toolchain

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// workspacePrefix starts the name of every workspace directory; the
// owning kernel's process ID follows it, then a random suffix.
const workspacePrefix = "boltzbook-cells-p"

// staleAfter is how long a dead kernel's workspace must have been left
// untouched before another kernel removes it. The wait covers a kernel
// that is alive in another PID namespace sharing this temporary
// directory, where its PID would look free.
const staleAfter = time.Hour

var sweepOnce sync.Once

// Workspace makes a directory for the files of a session's cells; the
// caller removes it when the session ends (loaded plugins stay loaded).
// A kernel killed outright (SIGKILL, as Jupyter does to one that does
// not stop in time) cannot remove its own, so the first Workspace of
// each process removes those of kernels that are gone, in the
// background: the first compiled cell need not wait for it.
func (t *Toolchain) Workspace() (string, error) {
	sweepOnce.Do(func() { go removeStaleWorkspaces(os.TempDir(), time.Now()) })
	return os.MkdirTemp("", fmt.Sprintf("%s%d-", workspacePrefix, os.Getpid()))
}

// removeStaleWorkspaces removes the workspaces in dir whose kernel
// process no longer runs and which nobody has written to for
// staleAfter. It is best effort: what it cannot remove (another user's,
// say) stays.
func removeStaleWorkspaces(dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, ok := workspacePID(e.Name())
		if !ok || !e.IsDir() || processAlive(pid) {
			continue
		}
		info, err := e.Info()
		if err != nil || now.Sub(info.ModTime()) < staleAfter || !ownedByUs(info) {
			continue
		}
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}

// workspacePID returns the process ID in a workspace directory's name.
func workspacePID(name string) (int, bool) {
	rest, ok := strings.CutPrefix(name, workspacePrefix)
	if !ok {
		return 0, false
	}
	digits, _, ok := strings.Cut(rest, "-")
	if !ok {
		return 0, false
	}
	pid, err := strconv.Atoi(digits)
	return pid, err == nil && pid > 0
}
