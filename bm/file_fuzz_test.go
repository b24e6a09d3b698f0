// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// sealModel wraps body in a model file's header and checksum, as a
// file that was written that way (or crafted, checksum and all) would
// be: the loaders then have to reject a bad body on its own merits.
func sealModel(body []byte) []byte {
	var head [8 + 4 + 8]byte
	copy(head[:], modelMagic)
	binary.LittleEndian.PutUint32(head[8:], modelFileVersion)
	binary.LittleEndian.PutUint64(head[12:], uint64(len(body)))
	h := sha256.New()
	h.Write(head[:])
	h.Write(body)
	return append(append(head[:], body...), h.Sum(nil)...)
}

// bodyOf returns the body of a model file.
func bodyOf(file []byte) []byte { return file[20 : len(file)-sha256.Size] }

// craftedBody returns the body of an "rbm" file with one tensor "W" of
// the given dims followed by pad bytes of values.
func craftedBody(pad int, dims ...uint64) []byte {
	var b bytes.Buffer
	putString(&b, "rbm")
	putUint32(&b, 0)
	putUint32(&b, 1)
	putString(&b, "W")
	putUint32(&b, uint32(len(dims)))
	var buf [8]byte
	for _, d := range dims {
		binary.LittleEndian.PutUint64(buf[:], d)
		b.Write(buf[:])
	}
	b.Write(make([]byte, pad))
	return b.Bytes()
}

// TestLoadCraftedSizes checks files whose tensor sizes overflow or
// exceed what the file holds: each must be an error, not a panic or a
// huge allocation.
func TestLoadCraftedSizes(t *testing.T) {
	for _, dims := range [][]uint64{
		{1 << 16, 1 << 16, 1 << 16, 1 << 15}, // 2^63 values: int overflow
		{1 << 16, 1 << 16, 1 << 16, 1 << 16}, // 2^64: wraps to 0
		{1 << 33, 1 << 31},
		{1 << 62, 4},
		{0, 1<<64 - 1}, // empty but absurd
		{3, 5},         // 15 values, 8 present
	} {
		// 70 000 bytes of values: more than any single dim above 2^16.
		_, err := LoadRBM(bytes.NewReader(sealModel(craftedBody(70000, dims...))))
		if !errors.Is(err, ErrModelCorrupt) {
			t.Errorf("dims %v: err = %v, want ErrModelCorrupt", dims, err)
		}
	}
}

// checkLoadError fails unless err is one of the model-file errors.
func checkLoadError(t *testing.T, err error) {
	for _, e := range []error{ErrModelCorrupt, ErrModelKind, ErrModelTruncated, ErrNotModelFile, ErrModelVersion} {
		if errors.Is(err, e) {
			return
		}
	}
	t.Fatalf("load error %v is none of the model-file errors", err)
}

// fuzzLoad fuzzes a loader with model bodies sealed by sealModel: a
// body it accepts must give a model that saves and loads again to the
// same bytes; one it rejects must give a model-file error. Seeds are
// the bodies of valid models and of crafted ones.
func fuzzLoad[M Saver](f *testing.F, seeds []M, load func(b []byte) (M, error)) {
	for _, m := range seeds {
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			f.Fatal(err)
		}
		f.Add(bodyOf(buf.Bytes()))
	}
	f.Add(craftedBody(64, 1<<16, 1<<16, 1<<16, 1<<15))
	f.Add(craftedBody(48, 2, 3))
	f.Fuzz(func(t *testing.T, body []byte) {
		m, err := load(sealModel(body))
		if err != nil {
			checkLoadError(t, err)
			return
		}
		var once, twice bytes.Buffer
		if err := m.Save(&once); err != nil {
			t.Fatalf("saving a loaded model: %v", err)
		}
		m2, err := load(once.Bytes())
		if err != nil {
			t.Fatalf("loading a re-saved model: %v", err)
		}
		if err := m2.Save(&twice); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(once.Bytes(), twice.Bytes()) {
			t.Fatal("a loaded model saves differently after another round trip")
		}
	})
}

func FuzzLoadRBM(f *testing.F) {
	fuzzLoad(f, []*RBM{testRBMForFile(), NewRBM(1, 1, rand.New(rand.NewPCG(1, 1)))},
		func(b []byte) (*RBM, error) { return LoadRBM(bytes.NewReader(b)) })
}

func FuzzLoadDBN(f *testing.F) {
	rnd := rand.New(rand.NewPCG(2, 2))
	fuzzLoad(f, []*DBN{NewDBN([]int{4, 3, 2}, rnd), NewDBN([]int{2, 1}, rnd)},
		func(b []byte) (*DBN, error) { return LoadDBN(bytes.NewReader(b)) })
}

func FuzzLoadMLP(f *testing.F) {
	rnd := rand.New(rand.NewPCG(3, 3))
	masked := NewMLP([]int{3, 2, 2}, rnd)
	masked.Masks = append(masked.Masks, mlpTestMask(3, 2))
	fuzzLoad(f, []*MLP{NewMLP([]int{4, 3, 2}, rnd), masked},
		func(b []byte) (*MLP, error) { return LoadMLP(bytes.NewReader(b)) })
}

func FuzzLoadRatingsRBM(f *testing.F) {
	rnd := rand.New(rand.NewPCG(4, 4))
	fuzzLoad(f, []*RatingsRBM{NewRatingsRBM(3, 5, 2, rnd), NewRatingsRBM(1, 2, 1, rnd)},
		func(b []byte) (*RatingsRBM, error) { return LoadRatingsRBM(bytes.NewReader(b)) })
}

// mlpTestMask returns a rows×cols mask with every other connection.
func mlpTestMask(rows, cols int) *mat.Dense {
	m := mat.NewDense(rows, cols, nil)
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			if (i+j)%2 == 0 {
				m.Set(i, j, 1)
			}
		}
	}
	return m
}
