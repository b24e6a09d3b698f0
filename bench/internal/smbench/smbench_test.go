// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package smbench

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/datasets"
)

// The binarisation is the one bench/rbm-table has always used (its
// saved models were trained on it): SampleBinary from PCG(seed, 1) for
// training images and PCG(seed, 2) for test images, and a prefix of the
// images gets a prefix of the samples.
func TestBinarizeStreams(t *testing.T) {
	grey := mat.NewDense(30, 7, nil)
	rnd := rand.New(rand.NewPCG(5, 5))
	for i := range grey.RawMatrix().Data {
		grey.RawMatrix().Data[i] = rnd.Float64()
	}
	train, test := BinarizeTrain(grey, 3), BinarizeTest(grey, 3)
	if !mat.Equal(train, datasets.SampleBinary(grey, rand.New(rand.NewPCG(3, 1)))) ||
		!mat.Equal(test, datasets.SampleBinary(grey, rand.New(rand.NewPCG(3, 2)))) {
		t.Error("BinarizeTrain/BinarizeTest do not use the streams PCG(seed, 1) and PCG(seed, 2)")
	}
	if mat.Equal(train, test) {
		t.Error("training and test images share a stream")
	}
	prefix := BinarizeTest(grey.Slice(0, 10, 0, 7).(*mat.Dense), 3)
	if !mat.Equal(prefix, test.Slice(0, 10, 0, 7)) {
		t.Error("the first 10 images' samples depend on how many images follow")
	}
}

func TestAppendCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.csv")
	header := []string{"a", "b"}
	for _, row := range [][]string{{"1", "2"}, {"3", "x,y"}} {
		if err := AppendCSV(path, header, row); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), "a,b\n1,2\n3,\"x,y\"\n"; got != want {
		t.Errorf("file %q, want %q", got, want)
	}
	if err := AppendCSV(path, []string{"c", "d"}, []string{"1", "2"}); err == nil || !strings.Contains(err.Error(), "header") {
		t.Errorf("another header: error %v", err)
	}
	if err := AppendCSV(path, header, []string{"1"}); err == nil {
		t.Error("short row: no error")
	}
}
