// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestReadIDXHandBuilt reads arrays built byte by byte (rawIDX), not by
// WriteIDX, for every element type, raw and gzipped.
func TestReadIDXHandBuilt(t *testing.T) {
	for _, tc := range []struct {
		typ  IDXType
		dims []uint32
	}{
		{IDXUint8, []uint32{7}},
		{IDXInt8, []uint32{2, 3}},
		{IDXInt16, []uint32{3, 1, 2}},
		{IDXInt32, []uint32{4}},
		{IDXFloat32, []uint32{1, 1, 1, 2}},
		{IDXFloat64, []uint32{3}},
		{IDXUint8, []uint32{0, 28, 28}},
	} {
		n := 1
		for _, d := range tc.dims {
			n *= int(d)
		}
		data := make([]byte, n*tc.typ.Size())
		for i := range data {
			data[i] = byte(37*i + 11)
		}
		file := rawIDX(byte(tc.typ), tc.dims, data)
		for _, in := range [][]byte{file, gzipBytes(file)} {
			x, err := ReadIDX(bytes.NewReader(in))
			if err != nil {
				t.Fatalf("%v %v: %v", tc.typ, tc.dims, err)
			}
			if x.Type != tc.typ || len(x.Dims) != len(tc.dims) || !bytes.Equal(x.Data, data) {
				t.Fatalf("%v %v: read type %v dims %v, %d bytes", tc.typ, tc.dims, x.Type, x.Dims, len(x.Data))
			}
			for i, d := range tc.dims {
				if x.Dims[i] != int(d) {
					t.Fatalf("dims %v, want %v", x.Dims, tc.dims)
				}
			}
		}
	}
}

// TestIDXRoundTrip writes images and labels with the package's writers,
// gzipped and raw, and reads them back with the MNIST readers.
func TestIDXRoundTrip(t *testing.T) {
	dir := t.TempDir()
	const n, rows, cols = 5, 3, 4
	x := mat.NewDense(n, rows*cols, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < rows*cols; j++ {
			x.Set(i, j, float64((i*rows*cols+j)*13%256)/255)
		}
	}
	x.Set(0, 0, 0)
	x.Set(n-1, rows*cols-1, 1)
	labels := []int{3, 1, 4, 1, 5}
	for _, ext := range []string{".gz", ""} {
		ip := filepath.Join(dir, "img"+ext)
		lp := filepath.Join(dir, "lab"+ext)
		if err := WriteIDXFile(ip, ImagesIDX(x, rows, cols)); err != nil {
			t.Fatal(err)
		}
		if err := WriteIDXFile(lp, LabelsIDX(labels)); err != nil {
			t.Fatal(err)
		}
		raw, _ := os.ReadFile(ip)
		if gz := len(raw) > 1 && raw[0] == 0x1f && raw[1] == 0x8b; gz != (ext == ".gz") {
			t.Errorf("%q: gzip = %v", ip, gz)
		}
		y, err := ReadImages(ip)
		if err != nil {
			t.Fatal(err)
		}
		if !mat.Equal(x, y) {
			t.Errorf("images changed in the round trip through %s", ip)
		}
		got, err := ReadLabels(lp)
		if err != nil {
			t.Fatal(err)
		}
		if !equalInts(got, labels) {
			t.Errorf("labels %v, want %v", got, labels)
		}
		// The wrong reader for the file gives ErrDimensions.
		if _, err := ReadImages(lp); !errors.Is(err, ErrDimensions) || !strings.Contains(err.Error(), lp) {
			t.Errorf("labels read as images: %v", err)
		}
		if _, err := ReadLabels(ip); !errors.Is(err, ErrDimensions) {
			t.Errorf("images read as labels: %v", err)
		}
	}
}

// TestIDXErrors checks that each kind of damage gives its own error.
func TestIDXErrors(t *testing.T) {
	labels := rawIDX(0x08, []uint32{6}, []byte{0, 1, 2, 3, 4, 5})
	images := rawIDX(0x08, []uint32{2, 2, 2}, []byte{1, 2, 3, 4, 5, 6, 7, 8})
	zimages := gzipBytes(images)
	flipped := func(b []byte, i int) []byte {
		c := append([]byte(nil), b...)
		c[i] ^= 0x55
		return c
	}
	for _, tc := range []struct {
		name string
		in   []byte
		kind error
		says string
	}{
		{"empty", nil, ErrTruncated, "fewer than an IDX header"},
		{"short magic", []byte{0, 0, 8}, ErrTruncated, "magic number"},
		{"bad magic", append([]byte{'P', 'K'}, labels[2:]...), ErrBadMagic, "50 4b"},
		{"unknown type", flipped(labels, 2), ErrBadMagic, "type code"},
		{"no dimensions", []byte{0, 0, 8, 0}, ErrDimensions, "0 dimensions"},
		{"short dims", labels[:6], ErrTruncated, "dimension sizes"},
		{"short data", images[:len(images)-1], ErrTruncated, "declares 8 data bytes but the file holds only 7"},
		{"trailing data", append(append([]byte(nil), labels...), 9), ErrDimensions, "more than the 6 data bytes"},
		{"absurd size", rawIDX(0x08, []uint32{60000, 28000, 28000}, nil), ErrTooLarge, "exceed the limit"},
		{"absurd doubles", rawIDX(0x0E, []uint32{1 << 28}, nil), ErrTooLarge, "float64"},
		{"gzip cut", zimages[:len(zimages)-10], ErrTruncated, "gzip stream ends early"},
		{"gzip cut in header", zimages[:5], ErrTruncated, "gzip"},
		{"gzip bad method", flipped(zimages, 2), ErrCorrupt, "gzip"},
		{"gzip checksum", flipped(zimages, len(zimages)-6), ErrCorrupt, "checksum"},
		{"gzip deflate data", corruptDeflate(zimages), ErrCorrupt, "flate"},
	} {
		_, err := ReadIDX(bytes.NewReader(tc.in))
		if !errors.Is(err, tc.kind) {
			t.Errorf("%s: error %v, want kind %v", tc.name, err, tc.kind)
			continue
		}
		var e *IDXError
		if !errors.As(err, &e) {
			t.Errorf("%s: %T is not an *IDXError", tc.name, err)
		}
		for _, other := range []error{ErrBadMagic, ErrDimensions, ErrTruncated, ErrCorrupt, ErrTooLarge, ErrBadValue} {
			if other != tc.kind && errors.Is(err, other) {
				t.Errorf("%s: error also matches %v", tc.name, other)
			}
		}
		if !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%s: error %q does not say %q", tc.name, err, tc.says)
		}
	}
	// Errors from files name the file.
	path := filepath.Join(t.TempDir(), "broken.gz")
	os.WriteFile(path, zimages[:len(zimages)-10], 0o644)
	if _, err := ReadImages(path); !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), path) {
		t.Errorf("file error %v does not name %s", err, path)
	}
}

// corruptDeflate damages the deflate payload of a gzip stream (not its
// header or trailer) until the decoder rejects it as corrupt.
func corruptDeflate(z []byte) []byte {
	for i := 10; i < len(z)-8; i++ {
		c := append([]byte(nil), z...)
		c[i] = 0xff
		if _, err := ReadIDX(bytes.NewReader(c)); err != nil && strings.Contains(err.Error(), "flate") {
			return c
		}
	}
	panic("no corrupting byte found")
}

// TestIDXLyingHeader checks that a header claiming ~1 GiB of data
// over a few bytes does not make the reader allocate it.
func TestIDXLyingHeader(t *testing.T) {
	in := rawIDX(0x08, []uint32{1 << 15, 1 << 15}, []byte{1, 2, 3})
	// A forged gzip trailer that agrees with the lying header.
	forged := gzipBytes(in)
	binary.LittleEndian.PutUint32(forged[len(forged)-4:], 12+1<<30)
	for _, b := range [][]byte{in, gzipBytes(in), forged} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := ReadIDX(bytes.NewReader(b))
		runtime.ReadMemStats(&after)
		if err == nil {
			t.Fatal("no error")
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
			t.Errorf("allocated %d bytes for 3 bytes of data", alloc)
		}
	}
}
