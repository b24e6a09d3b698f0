// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package smbench holds what the benches that reproduce Salakhutdinov &
// Murray's tables ("On the Quantitative Analysis of Deep Belief
// Networks", ICML 2008) share, so that their rows are comparable: the
// stochastic binarisation of MNIST, and the CSV files of result rows.
//
// Every bench binarises with the same streams, so that an RBM trained
// and saved by bench/rbm-table is scored by bench/dbn-bound on the very
// same binary test images.
package smbench

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"sync"

	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/datasets"
)

// BinarizeTrain returns the paper's stochastic binarisation of grey
// training images: each pixel is 1 with probability its grey level,
// drawn once, row by row, from the stream PCG(seed, 1), so that an
// image's sample does not depend on how many images are used.
func BinarizeTrain(grey *mat.Dense, seed uint64) *mat.Dense {
	return datasets.SampleBinary(grey, rand.New(rand.NewPCG(seed, 1)))
}

// BinarizeTest is BinarizeTrain for the test images, from the stream
// PCG(seed, 2).
func BinarizeTest(grey *mat.Dense, seed uint64) *mat.Dense {
	return datasets.SampleBinary(grey, rand.New(rand.NewPCG(seed, 2)))
}

// AppendCSV appends row to the CSV file at path, first writing header
// if the file is new or empty. It refuses to append to a file whose
// first line is another header, rather than mix two layouts.
func AppendCSV(path string, header, row []string) error {
	if len(row) != len(header) {
		return fmt.Errorf("%s: a row of %d columns for a header of %d", path, len(row), len(header))
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	first, err := bufio.NewReader(f).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		return err
	}
	w := csv.NewWriter(f)
	switch first = strings.TrimRight(first, "\r\n"); first {
	case "":
		if err := w.Write(header); err != nil {
			return err
		}
	case strings.Join(header, ","):
	default:
		return fmt.Errorf("%s: its header %q is not this bench's; append to another file", path, first)
	}
	if err := w.Write(row); err != nil {
		return err
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return f.Close()
}

// GitCommit returns the short hash of the commit the binary was built
// from, if go build stamped it (-buildvcs=true; "+dirty" marks
// uncommitted changes), since a long run outlives the checkout's HEAD;
// otherwise that of the commit checked out where the command runs (git
// rev-parse --short HEAD); otherwise "unknown".
func GitCommit() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		var rev string
		dirty := false
		for _, s := range info.Settings {
			switch {
			case s.Key == "vcs.revision" && len(s.Value) >= 7:
				rev = s.Value[:7]
			case s.Key == "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if rev != "" {
			if dirty {
				rev += "+dirty"
			}
			return rev
		}
	}
	if out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output(); err == nil {
		return strings.TrimSpace(string(out))
	}
	return "unknown"
}

// LoadMNISTOnce returns a datasets.LoadMNIST that reads the files the
// first time it is called and returns the same data after that, for
// tests that run a bench many times.
func LoadMNISTOnce() func(dir string) (*datasets.MNIST, error) {
	var (
		once sync.Once
		data *datasets.MNIST
		err  error
	)
	return func(dir string) (*datasets.MNIST, error) {
		once.Do(func() { data, err = datasets.LoadMNIST(dir) })
		return data, err
	}
}
