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
	"plugin"
	"sort"
	"strings"
	"time"
)

// BuildTimes are the durations of the steps of a Build.
type BuildTimes struct {
	Compile, Total time.Duration
}

// Prepare makes the packages at paths, and everything they import,
// ready to import from cells: it compiles them in plugin mode if the
// build cache does not hold them yet (that can take a minute the first
// time) and records their archives. It returns an error for the first
// path that cannot be built, with the go command's reason.
func (t *Toolchain) Prepare(ctx context.Context, paths ...string) error {
	var todo []string
	t.mu.Lock()
	for _, p := range paths {
		if _, ok := t.archives[p]; !ok {
			todo = append(todo, p)
		}
	}
	t.mu.Unlock()
	if len(todo) == 0 {
		return nil
	}
	args := []string{"list", "-e", "-buildmode=plugin", "-export", "-deps"}
	if t.tags != "" {
		args = append(args, "-tags", t.tags)
	}
	args = append(args, "-f", "{{.ImportPath}}\t{{.Export}}\t{{with .Error}}{{.Err}}{{end}}")
	args = append(args, todo...)
	out, err := t.goOutput(ctx, "", args...)
	if err != nil && len(out) == 0 {
		return fmt.Errorf("go list: %v", err)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), "\t", 3)
		if len(f) < 3 {
			continue
		}
		path, archive, msg := f[0], f[1], f[2]
		switch {
		case archive != "":
			t.archives[path] = archive
			delete(t.failed, path)
		case msg != "":
			t.failed[path] = msg
		}
	}
	for _, p := range todo {
		if _, ok := t.archives[p]; ok {
			continue
		}
		if msg, ok := t.failed[p]; ok {
			return &ImportError{Path: p, Reason: msg}
		}
		if p == "unsafe" || p == "C" {
			continue
		}
		return &ImportError{Path: p, Reason: "the go command did not list it"}
	}
	return nil
}

// ExportPrepared writes the archives of every prepared package in the
// importcfg format, headed by the build they belong to, for
// $BOLTZBOOK_PREPARED: a machine with several users prepares once, in a
// build cache they can all read (deploy/hub), and their kernels start
// with those archives instead of compiling the packages each.
func (t *Toolchain) ExportPrepared(name string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# boltzbook prepared: %s\n", t.stamp())
	t.mu.Lock()
	lines := make([]string, 0, len(t.archives))
	for p, a := range t.archives {
		if !strings.HasPrefix(p, "boltzbook.cells/") {
			lines = append(lines, "packagefile "+p+"="+a)
		}
	}
	t.mu.Unlock()
	sort.Strings(lines)
	b.WriteString(strings.Join(lines, "\n") + "\n")
	return writeFile(name, []byte(b.String()))
}

// stamp identifies the build archives belong to.
func (t *Toolchain) stamp() string {
	return fmt.Sprintf("%s tags=%s source=%s", t.version, t.tags, t.source)
}

// loadPrepared reads a file written by ExportPrepared, if it belongs to
// this build; archives that cannot be read are left out.
func (t *Toolchain) loadPrepared(name string) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	lines := strings.Split(string(b), "\n")
	if len(lines) == 0 || lines[0] != "# boltzbook prepared: "+t.stamp() {
		return fmt.Errorf("%s was prepared for another build (want %q)", name, t.stamp())
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, l := range lines[1:] {
		p, a, ok := strings.Cut(strings.TrimPrefix(l, "packagefile "), "=")
		if !ok {
			continue
		}
		if f, err := os.Open(a); err == nil {
			f.Close()
			t.archives[p] = a
		}
	}
	return nil
}

// ImportError says why a package cannot be imported by a cell.
type ImportError struct {
	Path   string
	Reason string
}

func (e *ImportError) Error() string { return fmt.Sprintf("cannot import %q: %s", e.Path, e.Reason) }

// NotInModule reports whether the package's module is not in the cell
// module yet (go get would add it).
func (e *ImportError) NotInModule() bool {
	return strings.Contains(e.Reason, "no required module provides package") ||
		strings.Contains(e.Reason, "cannot find module providing package")
}

// Archive returns the archive of a prepared package.
func (t *Toolchain) Archive(path string) (string, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	a, ok := t.archives[path]
	return a, ok
}

// Prepared reports whether a package has been prepared.
func (t *Toolchain) Prepared(path string) bool {
	_, ok := t.Archive(path)
	return ok || path == "unsafe"
}

// Forget drops the archives of packages whose files are gone.
func (t *Toolchain) Forget(paths ...string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, p := range paths {
		delete(t.archives, p)
	}
}

// Build compiles the source of one package named main with import path
// path, in the directory dir, whose imports have all been prepared (or built before), and
// links it into a plugin. It returns the plugin's file. The file name in
// compiler messages is whatever the source's //line directives say.
func (t *Toolchain) Build(ctx context.Context, dir, path string, src []byte) (string, error) {
	start := time.Now()
	defer func() { t.LastBuild.Total = time.Since(start) }()
	base := filepath.Join(dir, strings.ReplaceAll(path, "/", "_"))
	if err := os.WriteFile(base+".go", src, 0o644); err != nil {
		return "", err
	}
	cfg, err := t.writeImportcfg(base + ".importcfg")
	if err != nil {
		return "", err
	}
	compile := []string{"-o", base + ".a", "-p", path, "-lang=" + t.lang, "-complete",
		"-installsuffix", "dynlink", "-goversion", t.version, "-c=2", "-dynlink", "-nolocalimports",
		"-importcfg", cfg, "-pack", base + ".go"}
	if _, err := t.run(ctx, dir, filepath.Join(t.toolDir, "compile"), compile...); err != nil {
		return "", &CompileError{Output: err.Error()}
	}
	t.LastBuild.Compile = time.Since(start)
	t.mu.Lock()
	t.archives[path] = base + ".a"
	t.mu.Unlock()
	if cfg, err = t.writeImportcfg(base + ".importcfg"); err != nil {
		return "", err
	}
	// -s -w: no symbol table or DWARF; tracebacks keep working (pclntab)
	// and linking takes half the time.
	link := []string{"-o", base + ".so", "-importcfg", cfg, "-installsuffix", "dynlink",
		"-pluginpath", path, "-buildmode=plugin", "-extld=gcc", "-s", "-w", base + ".a"}
	if _, err := t.run(ctx, dir, filepath.Join(t.toolDir, "link"), link...); err != nil {
		return "", fmt.Errorf("linking the cell failed: %v", err)
	}
	return base + ".so", nil
}

// CompileError is the compiler's output for a cell that did not compile.
type CompileError struct{ Output string }

func (e *CompileError) Error() string { return e.Output }

// writeImportcfg writes an importcfg naming every known archive.
func (t *Toolchain) writeImportcfg(name string) (string, error) {
	t.mu.Lock()
	lines := make([]string, 0, len(t.archives))
	for p, a := range t.archives {
		lines = append(lines, "packagefile "+p+"="+a)
	}
	t.mu.Unlock()
	sort.Strings(lines)
	return name, os.WriteFile(name, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
}

// Load opens a plugin built by Build, which runs its init functions,
// and removes the file: a loaded plugin stays mapped.
func (t *Toolchain) Load(so string) error {
	_, err := plugin.Open(so)
	if err == nil {
		pageOut(so)
	}
	os.Remove(so)
	if err != nil {
		msg := err.Error()
		if strings.Contains(msg, "different version of package") {
			return fmt.Errorf("%s\nthe kernel binary and its source tree (%s) differ: rebuild the kernel "+
				"(make build) and restart it", msg, t.source)
		}
		return err
	}
	return nil
}
