// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// rawIDX builds an IDX file by hand (independently of WriteIDX).
func rawIDX(typ byte, dims []uint32, data []byte) []byte {
	b := []byte{0, 0, typ, byte(len(dims))}
	for _, d := range dims {
		b = binary.BigEndian.AppendUint32(b, d)
	}
	return append(b, data...)
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// idxSeeds are the fuzzer's starting points, also written to
// testdata/fuzz/FuzzReadIDX by TestWriteFuzzCorpus (-update-corpus).
func idxSeeds() [][]byte {
	labels := rawIDX(0x08, []uint32{5}, []byte{0, 1, 2, 3, 9})
	images := rawIDX(0x08, []uint32{2, 3, 2}, []byte{0, 255, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
	ints := rawIDX(0x0C, []uint32{2}, []byte{0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff})
	zimages := gzipBytes(images)
	badCRC := append([]byte(nil), zimages...)
	badCRC[len(badCRC)-6] ^= 0xff
	return [][]byte{
		labels,
		images,
		ints,
		rawIDX(0x0E, []uint32{1, 1}, make([]byte, 8)),
		zimages,
		gzipBytes(labels),
		images[:len(images)-3],   // truncated data
		zimages[:len(zimages)/2], // truncated gzip
		badCRC,                   // checksum mismatch
		rawIDX(0x08, []uint32{0xffffffff, 0xffffffff}, nil), // absurd size
		rawIDX(0x08, []uint32{1 << 20}, []byte{1}),          // lying header
		append(labels, 1, 2, 3),                             // trailing data
		{0x12, 0x34, 0x08, 0x01},                            // bad magic
		{0, 0, 0x08},                                        // short header
	}
}

var writeCorpus = flag.Bool("write-corpus", false, "rewrite testdata/fuzz/FuzzReadIDX from idxSeeds")

// TestFuzzCorpus keeps the committed seed corpus in step with idxSeeds:
// every seed must be present as a corpus file (go test -run
// TestFuzzCorpus -write-corpus rewrites them).
func TestFuzzCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzReadIDX")
	for i, seed := range idxSeeds() {
		path := filepath.Join(dir, fmt.Sprintf("seed-%02d", i))
		want := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", seed)
		if *writeCorpus {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("seed corpus: %v (run go test -run TestFuzzCorpus -write-corpus)", err)
		}
		if string(got) != want {
			t.Errorf("%s differs from idxSeeds()[%d]", path, i)
		}
	}
}
