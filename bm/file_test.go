// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func testRBMForFile() *RBM {
	rnd := rand.New(rand.NewPCG(1, 2))
	r := NewRBM(7, 5, rnd)
	for i := 0; i < 7; i++ {
		r.VisBias.SetVec(i, rnd.NormFloat64())
	}
	for j := 0; j < 5; j++ {
		r.HidBias.SetVec(j, rnd.NormFloat64())
	}
	// Values that a sloppy text or float32 format would not keep.
	r.W.Set(0, 0, math.Nextafter(1, 2))
	r.W.Set(1, 1, -0.0)
	r.W.Set(2, 2, math.SmallestNonzeroFloat64)
	r.W.Set(3, 3, math.Inf(-1))
	return r
}

func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

func TestRBMFileRoundTrip(t *testing.T) {
	r := testRBMForFile()
	var buf bytes.Buffer
	if err := r.Save(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := LoadRBM(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !sameBits(got.W.RawMatrix().Data, r.W.RawMatrix().Data) ||
		!sameBits(got.VisBias.RawVector().Data, r.VisBias.RawVector().Data) ||
		!sameBits(got.HidBias.RawVector().Data, r.HidBias.RawVector().Data) {
		t.Fatal("round trip changed some bits")
	}

	// Through SaveFile/LoadRBMFile, and the temporary file is gone.
	dir := t.TempDir()
	path := filepath.Join(dir, "m.bzm")
	if err := SaveFile(path, r); err != nil {
		t.Fatal(err)
	}
	got, err = LoadRBMFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !sameBits(got.W.RawMatrix().Data, r.W.RawMatrix().Data) {
		t.Fatal("file round trip changed some bits")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("SaveFile left %d files in the directory, want 1", len(ents))
	}
	if k, err := ModelKind(path); err != nil || k != "rbm" {
		t.Errorf("ModelKind = %q, %v; want rbm", k, err)
	}
}

func TestRBMFileRejectsDamage(t *testing.T) {
	var buf bytes.Buffer
	if err := testRBMForFile().Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()

	// Every truncation is rejected as truncated (or, for the first few
	// bytes, as not a model file).
	for n := 0; n < len(good); n++ {
		_, err := LoadRBM(bytes.NewReader(good[:n]))
		if err == nil {
			t.Fatalf("truncated to %d of %d bytes: no error", n, len(good))
		}
		if !errors.Is(err, ErrModelTruncated) && !(n < 8 && errors.Is(err, ErrNotModelFile)) {
			t.Fatalf("truncated to %d bytes: error %v does not say truncated", n, err)
		}
	}

	// Every single bit flip is rejected.
	for i := 0; i < len(good); i++ {
		for bit := 0; bit < 8; bit++ {
			bad := bytes.Clone(good)
			bad[i] ^= 1 << bit
			_, err := LoadRBM(bytes.NewReader(bad))
			if err == nil {
				t.Fatalf("bit %d of byte %d flipped: no error", bit, i)
			}
			if !errors.Is(err, ErrModelCorrupt) && !errors.Is(err, ErrModelTruncated) &&
				!errors.Is(err, ErrNotModelFile) && !errors.Is(err, ErrModelVersion) {
				t.Fatalf("bit %d of byte %d flipped: unexpected error %v", bit, i, err)
			}
		}
	}

	// A newer version says so.
	bad := bytes.Clone(good)
	binary.LittleEndian.PutUint32(bad[8:], modelFileVersion+1)
	_, err := LoadRBM(bytes.NewReader(bad))
	if !errors.Is(err, ErrModelVersion) || !strings.Contains(err.Error(), "version 2") {
		t.Errorf("wrong version: got %v", err)
	}

	// Not a model at all.
	_, err = LoadRBM(strings.NewReader("P5\n28 28\n255\n..............."))
	if !errors.Is(err, ErrNotModelFile) {
		t.Errorf("PGM file: got %v, want ErrNotModelFile", err)
	}

	// Another kind.
	buf.Reset()
	if err := writeModel(&buf, "dbn", []modelAttr{{"layers", "1"}}, rbmTensors(testRBMForFile(), "layer0.")); err != nil {
		t.Fatal(err)
	}
	_, err = LoadRBM(&buf)
	if !errors.Is(err, ErrModelKind) || !strings.Contains(err.Error(), `"dbn"`) {
		t.Errorf("DBN file read as RBM: got %v", err)
	}
}

func TestModelFileHelpers(t *testing.T) {
	r := testRBMForFile()
	var buf bytes.Buffer
	tensors := append(rbmTensors(r, "a."), scalarTensor("lr", 0.25))
	if err := writeModel(&buf, "test", []modelAttr{{"act", "relu"}}, tensors); err != nil {
		t.Fatal(err)
	}
	// Two files back to back in one stream.
	if err := r.Save(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := readModel(&buf, "test")
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := f.attr("act"); !ok || v != "relu" {
		t.Errorf("attr act = %q, %v", v, ok)
	}
	if x, err := f.scalar("lr"); err != nil || x != 0.25 {
		t.Errorf("scalar lr = %v, %v", x, err)
	}
	if _, err := f.dense("a.VisBias"); !errors.Is(err, ErrModelCorrupt) {
		t.Errorf("vector read as matrix: got %v", err)
	}
	if _, err := f.vec("missing"); err == nil || !strings.Contains(err.Error(), `"missing"`) {
		t.Errorf("missing tensor: got %v", err)
	}
	r2, err := rbmFromModel(f, "a.")
	if err != nil || !sameBits(r2.W.RawMatrix().Data, r.W.RawMatrix().Data) {
		t.Errorf("rbmFromModel: %v", err)
	}
	if _, err := LoadRBM(&buf); err != nil {
		t.Errorf("second file in stream: %v", err)
	}
}
