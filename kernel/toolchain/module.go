// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package toolchain

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// Get adds a module (or a package's module) to the cell module, as
// `go get spec` does: spec is "path", "path@version" or "path@latest".
// It refuses, and leaves the cell module as it was, when the new
// requirements would change the version of a module the kernel binary
// contains: the plugin and the kernel must share one copy of every
// package.
func (t *Toolchain) Get(ctx context.Context, spec string) error {
	t.getMu.Lock()
	defer t.getMu.Unlock()
	unlock, err := lockDir(t.modDir)
	if err != nil {
		return err
	}
	defer unlock()

	gomod, sum := filepath.Join(t.modDir, "go.mod"), filepath.Join(t.modDir, "go.sum")
	oldMod, err := os.ReadFile(gomod)
	if err != nil {
		return err
	}
	oldSum, _ := os.ReadFile(sum)
	restore := func() {
		writeFile(gomod, oldMod)
		writeFile(sum, oldSum)
	}
	if _, err := t.goOutput(ctx, "", "get", spec); err != nil {
		restore()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return &GetError{Spec: spec, Reason: cleanGoError(err.Error())}
	}
	out, err := t.goOutput(ctx, "", "list", "-m", "all")
	if err != nil {
		restore()
		return &GetError{Spec: spec, Reason: cleanGoError(err.Error())}
	}
	if drift := t.drift(out); len(drift) > 0 {
		restore()
		return &GetError{Spec: spec, Reason: "it needs " + strings.Join(drift, ", ") +
			"; the kernel is built with the older versions and a cell must share the kernel's copy of every package " +
			"(pick an older version of the module, e.g. %go get " + modulePath(spec) + "@vX.Y.Z, " +
			"or upgrade the kernel's go.mod and rebuild it)"}
	}
	return nil
}

// GetError says why a module could not be added.
type GetError struct{ Spec, Reason string }

func (e *GetError) Error() string { return fmt.Sprintf("go get %s: %s", e.Spec, e.Reason) }

// drift lists the modules of the kernel's build whose version the cell
// module's build list changes, as "path vNEW (kernel: vOLD)".
func (t *Toolchain) drift(list []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(list))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			continue
		}
		path, version := f[0], f[1]
		if len(f) >= 4 && f[2] == "=>" {
			continue // replaced (the kernel's own module)
		}
		if old, ok := t.deps[path]; ok && old != "" && old != "(devel)" && old != version {
			out = append(out, fmt.Sprintf("%s %s (kernel: %s)", path, version, old))
		}
	}
	sort.Strings(out)
	return out
}

// modulePath strips a version from a get spec.
func modulePath(spec string) string {
	if i := strings.IndexByte(spec, '@'); i >= 0 {
		return spec[:i]
	}
	return spec
}

// cleanGoError keeps the go command's message readable in a notebook.
func cleanGoError(msg string) string {
	var keep []string
	for _, l := range strings.Split(msg, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "go: downloading") || strings.HasPrefix(l, "go: finding") {
			continue
		}
		keep = append(keep, strings.TrimPrefix(l, "go: "))
	}
	if len(keep) == 0 {
		return msg
	}
	return strings.Join(keep, "; ")
}

// lockDir takes an exclusive lock on a file in dir, so that two kernels
// of one user do not edit the cell module at once.
func lockDir(dir string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
