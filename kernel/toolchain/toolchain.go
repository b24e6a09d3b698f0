// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package toolchain

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
)

// KernelModule is the module path of the kernel's own source tree.
const KernelModule = "github.com/boltzbook/boltzbook"

// SourceDir is the kernel's source tree, set at link time by the
// Makefile (-ldflags -X). When empty, Find looks for it in
// $BOLTZBOOK_SOURCE and then above the working directory (as in tests).
var SourceDir string

// Toolchain builds cells for this process with one Go installation.
// Its methods may be called from several goroutines.
type Toolchain struct {
	goCmd   string
	toolDir string // $GOROOT/pkg/tool/$GOOS_$GOARCH
	version string // the Go release, "go1.26.8"
	lang    string // the language version of cell packages, "go1.26"
	tags    string // build tags of the kernel binary, comma-separated
	env     []string
	source  string // the kernel's source tree
	modDir  string // the cell module: go.mod, go.sum

	deps map[string]string // module path → version in the kernel binary

	mu       sync.Mutex
	archives map[string]string // import path → compiled archive (export data and code)
	failed   map[string]string // import path → why it cannot be listed
	getMu    sync.Mutex        // one go get at a time

	// LastBuild holds the times of the latest Build.
	LastBuild BuildTimes
}

// Unavailable says why compiled cells cannot be built; its message is
// meant for the notebook user.
type Unavailable struct{ Reason string }

func (u *Unavailable) Error() string { return "compiled cells are unavailable: " + u.Reason }

func unavailable(format string, args ...any) error {
	return &Unavailable{Reason: fmt.Sprintf(format, args...)}
}

// Find sets up a toolchain matching the running binary, or returns an
// *Unavailable error saying what is missing.
func Find() (*Toolchain, error) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return nil, unavailable("the kernel binary carries no build information")
	}
	t := &Toolchain{
		version:  runtime.Version(),
		archives: map[string]string{},
		failed:   map[string]string{},
		deps:     map[string]string{},
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	switch {
	case settings["CGO_ENABLED"] != "1":
		return nil, unavailable("the kernel was built without cgo, and Go plugins need it (build it with a C compiler present)")
	case settings["-race"] == "true", settings["-msan"] == "true", settings["-asan"] == "true":
		return nil, unavailable("the kernel was built with -race, -msan or -asan, which plugins cannot match")
	case settings["-buildmode"] != "" && settings["-buildmode"] != "exe":
		return nil, unavailable("the kernel was built with -buildmode=%s", settings["-buildmode"])
	}
	t.tags = settings["-tags"]
	for _, d := range bi.Deps {
		m := d
		if m.Replace != nil {
			m = m.Replace
		}
		t.deps[d.Path] = m.Version
	}

	var err error
	if t.source, err = findSource(); err != nil {
		return nil, err
	}
	if t.goCmd, err = findGo(); err != nil {
		return nil, err
	}
	t.env = append(os.Environ(),
		"GOTOOLCHAIN=local", // never download another Go
		"GOWORK=off",
		"GOFLAGS=-mod=mod",
	)
	for _, k := range []string{"CGO_ENABLED", "CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_LDFLAGS", "GOARCH", "GOOS",
		"GOAMD64", "GOARM64", "GO386", "GOARM"} {
		if v, ok := settings[k]; ok {
			t.env = append(t.env, k+"="+v)
		}
	}
	var goenv struct{ GOROOT, GOVERSION, GOOS, GOARCH string }
	out, err := t.goOutput(context.Background(), "", "env", "-json", "GOROOT", "GOVERSION", "GOOS", "GOARCH")
	if err == nil {
		err = json.Unmarshal(out, &goenv)
	}
	if err != nil {
		return nil, unavailable("cannot run %s env: %v", t.goCmd, err)
	}
	if goenv.GOVERSION != t.version {
		return nil, unavailable("the go command at %s is %s but the kernel was built with %s; "+
			"plugins must be built by the same release (rebuild the kernel with make build, or put %s first on PATH)",
			t.goCmd, goenv.GOVERSION, t.version, t.version)
	}
	t.env = append(t.env, "GOROOT="+goenv.GOROOT)
	t.toolDir = filepath.Join(goenv.GOROOT, "pkg", "tool", goenv.GOOS+"_"+goenv.GOARCH)
	t.lang = langVersion(t.version)
	if t.modDir, err = t.setUpModule(); err != nil {
		return nil, err
	}
	if p := os.Getenv("BOLTZBOOK_PREPARED"); p != "" {
		if err := t.loadPrepared(p); err != nil {
			fmt.Fprintf(os.Stderr, "boltzbook: BOLTZBOOK_PREPARED: %v; preparing packages here instead\n", err)
		}
	}
	return t, nil
}

// Version is the Go release plugins are built with.
func (t *Toolchain) Version() string { return t.version }

// Source is the kernel source tree the toolchain builds against.
func (t *Toolchain) Source() string { return t.source }

// ModuleDir is the cell module's directory.
func (t *Toolchain) ModuleDir() string { return t.modDir }

// langVersion turns "go1.26.8" into "go1.26".
func langVersion(v string) string {
	parts := strings.SplitN(strings.TrimPrefix(v, "go"), ".", 3)
	if len(parts) < 2 {
		return v
	}
	return "go" + parts[0] + "." + parts[1]
}

// findSource locates the kernel's source tree.
func findSource() (string, error) {
	var tried []string
	try := func(dir string) (string, bool) {
		if dir == "" {
			return "", false
		}
		tried = append(tried, dir)
		if isKernelModule(dir) {
			abs, err := filepath.Abs(dir)
			return abs, err == nil
		}
		return "", false
	}
	if d, ok := try(SourceDir); ok {
		return d, nil
	}
	if d, ok := try(os.Getenv("BOLTZBOOK_SOURCE")); ok {
		return d, nil
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			if dd, ok := try(d); ok {
				return dd, nil
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return "", unavailable("the kernel's source tree (module %s) was not found (looked in %s); "+
		"plugins are built against it: build the kernel with make build, or set BOLTZBOOK_SOURCE",
		KernelModule, strings.Join(tried, ", "))
}

func isKernelModule(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "module" && strings.Trim(f[1], `"`) == KernelModule {
			return true
		}
	}
	return false
}

// findGo locates the go command: $BOLTZBOOK_GO, then PATH, then the
// GOROOT the kernel was built with.
func findGo() (string, error) {
	if g := os.Getenv("BOLTZBOOK_GO"); g != "" {
		return g, nil
	}
	if g, err := exec.LookPath("go"); err == nil {
		return g, nil
	}
	if root := runtime.GOROOT(); root != "" {
		g := filepath.Join(root, "bin", "go")
		if _, err := os.Stat(g); err == nil {
			return g, nil
		}
	}
	return "", unavailable("no go command was found (PATH, $BOLTZBOOK_GO); install Go %s to compile cells", runtime.Version())
}

// setUpModule writes the cell module, unless an up-to-date one exists:
// a module requiring the kernel's, replaced by its source tree, so that
// module versions resolve as in the kernel's build. Modules added by
// Get stay in it across kernels.
func (t *Toolchain) setUpModule() (string, error) {
	base := os.Getenv("BOLTZBOOK_CELLS_DIR")
	if base == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir()
		}
		base = filepath.Join(cache, "boltzbook")
	}
	h := sha256.Sum256([]byte(t.source + "\x00" + t.version + "\x00" + t.tags))
	dir := filepath.Join(base, "cells-"+hex.EncodeToString(h[:6]))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", unavailable("cannot make the cell module directory: %v", err)
	}
	src, err := os.ReadFile(filepath.Join(t.source, "go.mod"))
	if err != nil {
		return "", unavailable("cannot read the kernel's go.mod: %v", err)
	}
	stamp := sha256.Sum256(src)
	stampFile := filepath.Join(dir, "kernel-go.mod.sha256")
	if old, err := os.ReadFile(stampFile); err == nil && string(old) == hex.EncodeToString(stamp[:]) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
	}
	gomod := fmt.Sprintf("// The module of boltzbook's compiled cells: the kernel's module is\n"+
		"// replaced by its source tree, so versions resolve as in the kernel.\n"+
		"module boltzbook.cells\n\ngo %s\n\nrequire %s v0.0.0-00010101000000-000000000000\n\nreplace %s => %s\n",
		strings.TrimPrefix(t.lang, "go"), KernelModule, KernelModule, t.source)
	sum, _ := os.ReadFile(filepath.Join(t.source, "go.sum"))
	if err := writeFile(filepath.Join(dir, "go.mod"), []byte(gomod)); err != nil {
		return "", unavailable("cannot write the cell module: %v", err)
	}
	if err := writeFile(filepath.Join(dir, "go.sum"), sum); err != nil {
		return "", unavailable("cannot write the cell module: %v", err)
	}
	if err := writeFile(stampFile, []byte(hex.EncodeToString(stamp[:]))); err != nil {
		return "", unavailable("cannot write the cell module: %v", err)
	}
	return dir, nil
}

// writeFile writes data to name through a temporary file and a rename,
// so that a concurrent reader never sees half a file.
func writeFile(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-"+filepath.Base(name)+"-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// goOutput runs the go command in dir (the cell module when empty) and
// returns its standard output; the error carries standard error.
func (t *Toolchain) goOutput(ctx context.Context, dir string, args ...string) ([]byte, error) {
	if dir == "" {
		dir = t.modDir
	}
	if dir == "" {
		dir = os.TempDir()
	}
	return t.run(ctx, dir, t.goCmd, args...)
}

func (t *Toolchain) run(ctx context.Context, dir, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = t.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		// The compiler and linker write their messages to stdout.
		msg := strings.TrimSpace(stderr.String() + "\n" + stdout.String())
		if msg == "" {
			msg = err.Error()
		}
		return stdout.Bytes(), errors.New(msg)
	}
	return stdout.Bytes(), nil
}
