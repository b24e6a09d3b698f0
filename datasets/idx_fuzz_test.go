// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzReadIDX feeds arbitrary bytes to the IDX reader. The seed corpus
// in testdata/fuzz/FuzzReadIDX holds valid raw and gzip files, truncated
// and corrupted ones and lying headers. Properties: no panic; every
// error is an *IDXError of one known kind; a successful read is
// self-consistent and survives a write/read round trip unchanged.
func FuzzReadIDX(f *testing.F) {
	for _, seed := range idxSeeds() {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		x, err := ReadIDX(bytes.NewReader(in))
		if err != nil {
			var e *IDXError
			if !errors.As(err, &e) {
				t.Fatalf("error is not an *IDXError: %T %v", err, err)
			}
			known := false
			for _, k := range []error{ErrBadMagic, ErrDimensions, ErrTruncated, ErrCorrupt, ErrTooLarge} {
				known = known || errors.Is(err, k)
			}
			if !known {
				t.Fatalf("error of unknown kind: %v", err)
			}
			return
		}
		if len(x.Data) != x.Len()*x.Type.Size() {
			t.Fatalf("read %d bytes for dims %v of %v", len(x.Data), x.Dims, x.Type)
		}
		var buf bytes.Buffer
		if err := WriteIDX(&buf, x); err != nil {
			t.Fatal(err)
		}
		y, err := ReadIDX(&buf)
		if err != nil {
			t.Fatalf("re-reading a written file: %v", err)
		}
		if y.Type != x.Type || !equalInts(y.Dims, x.Dims) || !bytes.Equal(y.Data, x.Data) {
			t.Fatalf("round trip changed the array")
		}
	})
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
