// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build unix

package toolchain

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// deadPID returns the ID of a process that has exited.
func deadPID(t *testing.T) int {
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.ProcessState.Pid()
}

func TestRemoveStaleWorkspaces(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	old := now.Add(-2 * staleAfter)
	dead := deadPID(t)
	cases := []struct {
		name    string
		dir     bool
		mtime   time.Time
		removed bool
	}{
		{fmt.Sprintf("%s%d-123", workspacePrefix, dead), true, old, true},
		{fmt.Sprintf("%s%d-456", workspacePrefix, dead), true, now, false},        // written to lately
		{fmt.Sprintf("%s%d-789", workspacePrefix, os.Getpid()), true, old, false}, // its kernel runs
		{fmt.Sprintf("%s%d-000", workspacePrefix, dead), false, old, false},       // a file, not a workspace
		{"boltzbook-cells-123456", true, old, false},                              // no process ID in the name
		{fmt.Sprintf("%sx%d-1", workspacePrefix, dead), true, old, false},         // not a number
		{fmt.Sprintf("other-%d", dead), true, old, false},
	}
	for _, c := range cases {
		p := filepath.Join(dir, c.name)
		var err error
		if c.dir {
			err = os.Mkdir(p, 0o755)
			if err == nil {
				err = os.WriteFile(filepath.Join(p, "c1.a"), []byte("x"), 0o644)
			}
		} else {
			err = os.WriteFile(p, []byte("x"), 0o644)
		}
		if err == nil {
			err = os.Chtimes(p, c.mtime, c.mtime)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	removeStaleWorkspaces(dir, now)
	for _, c := range cases {
		_, err := os.Stat(filepath.Join(dir, c.name))
		if gone := os.IsNotExist(err); gone != c.removed {
			t.Errorf("%s: removed %v, want %v", c.name, gone, c.removed)
		}
	}
}

func TestWorkspaceNamesItsProcess(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	ws, err := (&Toolchain{}).Workspace()
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(ws)
	pid, ok := workspacePID(filepath.Base(ws))
	if !ok || pid != os.Getpid() {
		t.Errorf("workspace %s: process ID %d (%v), want %d", ws, pid, ok, os.Getpid())
	}
	if !strings.HasPrefix(ws, os.Getenv("TMPDIR")) {
		t.Errorf("workspace %s is not in TMPDIR", ws)
	}
}
