// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// IDXType is the element type code of an IDX file (the third byte of
// its magic number).
type IDXType byte

// The element types of the IDX format (LeCun et al., "The MNIST
// database", file format section). Multi-byte elements are big-endian.
const (
	IDXUint8   IDXType = 0x08
	IDXInt8    IDXType = 0x09
	IDXInt16   IDXType = 0x0B
	IDXInt32   IDXType = 0x0C
	IDXFloat32 IDXType = 0x0D
	IDXFloat64 IDXType = 0x0E
)

// Size returns the size of one element in bytes, or 0 for an unknown type.
func (t IDXType) Size() int {
	switch t {
	case IDXUint8, IDXInt8:
		return 1
	case IDXInt16:
		return 2
	case IDXInt32, IDXFloat32:
		return 4
	case IDXFloat64:
		return 8
	}
	return 0
}

func (t IDXType) String() string {
	switch t {
	case IDXUint8:
		return "uint8"
	case IDXInt8:
		return "int8"
	case IDXInt16:
		return "int16"
	case IDXInt32:
		return "int32"
	case IDXFloat32:
		return "float32"
	case IDXFloat64:
		return "float64"
	}
	return fmt.Sprintf("IDXType(%#02x)", byte(t))
}

// MaxIDXBytes bounds the data size an IDX header may declare (1 GiB;
// the MNIST training images are 47 MB). Larger declarations are
// rejected with ErrTooLarge before anything is allocated.
const MaxIDXBytes = 1 << 30

// maxIDXDims bounds the number of dimensions; real files have 1 to 4.
const maxIDXDims = 16

// IDX is one array read from or written to an IDX file.
type IDX struct {
	Type IDXType
	// Dims are the sizes of the dimensions, outermost first
	// (for MNIST images: count, rows, columns).
	Dims []int
	// Data holds the elements in row-major order as stored in the
	// file: big-endian, Type.Size() bytes each.
	Data []byte
}

// Len returns the number of elements the dimensions describe.
func (x *IDX) Len() int {
	n := 1
	for _, d := range x.Dims {
		n *= d
	}
	return n
}

// ReadIDXFile reads an IDX file, gzip-compressed or raw.
func ReadIDXFile(path string) (*IDX, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(-1)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	x, err := readIDX(f, sizeHint(f, size))
	return x, named(err, path)
}

// ReadIDX reads one IDX array from r, which may be gzip-compressed
// (recognised by the gzip magic bytes) or raw. All of r must be the
// array: data after the declared elements is an ErrDimensions error.
// Bad input gives an *IDXError; memory use is bounded by MaxIDXBytes
// and by the data actually present, whatever the header claims.
func ReadIDX(r io.Reader) (*IDX, error) {
	h := idxHint{size: -1}
	if s, ok := r.(interface{ Size() int64 }); ok { // bytes.Reader, strings.Reader
		h = sizeHint(r, s.Size())
	}
	return readIDX(r, h)
}

// idxHint is what the reader knows of the whole stream before reading
// it: its size in bytes (−1 if unknown) and, for a gzip stream, the
// uncompressed size mod 2³² from its trailer (ISIZE, RFC 1952).
type idxHint struct {
	size  int64
	isize uint32
}

// sizeHint reads the gzip trailer of r if r supports random access.
func sizeHint(r io.Reader, size int64) idxHint {
	h := idxHint{size: size}
	if ra, ok := r.(io.ReaderAt); ok && size >= 18 {
		var tail [4]byte
		if _, err := ra.ReadAt(tail[:], size-4); err == nil {
			h.isize = binary.LittleEndian.Uint32(tail[:])
		}
	}
	return h
}

// maxDeflateRatio bounds how much deflate can expand its input (RFC
// 1951: at most 258 bytes per 2-bit code, about 1032:1).
const maxDeflateRatio = 1032

// readIDX reads an IDX array from r. The hint decides only the first
// allocation: all n data bytes at once when the stream can hold them
// (a raw file at least as long as header and data; a gzip file whose
// trailer agrees with the header and which is not implausibly small
// for n), else a small buffer that grows as data arrives.
func readIDX(r io.Reader, h idxHint) (*IDX, error) {
	src, closeFn, err := openIDXStream(r)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	typ, dims, n, err := readIDXHeader(src)
	if err != nil {
		return nil, err
	}
	head := int64(4 + 4*len(dims))
	trusted := false
	if h.size >= 0 {
		if _, gz := src.(*gzip.Reader); gz {
			trusted = h.isize == uint32(head+int64(n)) && int64(n) <= h.size*maxDeflateRatio
		} else {
			trusted = head+int64(n) <= h.size
		}
	}
	data, err := readIDXData(src, n, trusted)
	if err != nil {
		return nil, err
	}
	return &IDX{Type: typ, Dims: dims, Data: data}, nil
}

// openIDXStream sniffs the gzip magic and returns a reader of the
// uncompressed bytes.
func openIDXStream(r io.Reader) (io.Reader, func(), error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head, err := br.Peek(2)
	if err != nil && len(head) < 2 {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, nil, idxErrorf(ErrTruncated, "file has %d bytes, fewer than an IDX header", len(head))
		}
		return nil, nil, err
	}
	if head[0] != 0x1f || head[1] != 0x8b {
		return br, func() {}, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, nil, gzipError(err, "reading the gzip header")
	}
	// Each gzip member is one file; concatenated members would hide
	// a second array after the first.
	zr.Multistream(false)
	return zr, func() { zr.Close() }, nil
}

// gzipError classifies an error from compress/gzip or compress/flate.
func gzipError(err error, doing string) error {
	var corrupt flate.CorruptInputError
	switch {
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return &IDXError{Kind: ErrTruncated, Detail: "the gzip stream ends early, " + doing, Cause: err}
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, gzip.ErrChecksum), errors.As(err, &corrupt):
		return &IDXError{Kind: ErrCorrupt, Detail: doing + "; re-download the file", Cause: err}
	}
	var internal flate.InternalError
	if errors.As(err, &internal) {
		return &IDXError{Kind: ErrCorrupt, Detail: doing, Cause: err}
	}
	return err
}

// readIDXHeader reads the magic number and dimensions and returns the
// data size in bytes, checked against MaxIDXBytes.
func readIDXHeader(r io.Reader) (IDXType, []int, int, error) {
	var magic [4]byte
	if err := readHeaderBytes(r, magic[:], "magic number"); err != nil {
		return 0, nil, 0, err
	}
	typ := IDXType(magic[2])
	if magic[0] != 0 || magic[1] != 0 || typ.Size() == 0 {
		return 0, nil, 0, idxErrorf(ErrBadMagic, "first bytes are % x; an IDX file starts with 00 00, a type code (08 for uint8) and a dimension count", magic[:])
	}
	ndims := int(magic[3])
	if ndims == 0 || ndims > maxIDXDims {
		return 0, nil, 0, idxErrorf(ErrDimensions, "header declares %d dimensions (want 1 to %d)", ndims, maxIDXDims)
	}
	raw := make([]byte, 4*ndims)
	if err := readHeaderBytes(r, raw, "dimension sizes"); err != nil {
		return 0, nil, 0, err
	}
	dims := make([]int, ndims)
	size := typ.Size()
	for i := range dims {
		d := int(binary.BigEndian.Uint32(raw[4*i:]))
		dims[i] = d
		if d != 0 && size > MaxIDXBytes/d {
			return 0, nil, 0, idxErrorf(ErrTooLarge, "dimensions %v of %s exceed the limit of %d bytes", dimsString(raw, ndims), typ, MaxIDXBytes)
		}
		size *= d
	}
	return typ, dims, size, nil
}

func dimsString(raw []byte, ndims int) string {
	parts := make([]string, ndims)
	for i := range parts {
		parts[i] = fmt.Sprint(binary.BigEndian.Uint32(raw[4*i:]))
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func readHeaderBytes(r io.Reader, buf []byte, what string) error {
	n, err := io.ReadFull(r, buf)
	if err == nil {
		return nil
	}
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return idxErrorf(ErrTruncated, "file ends inside the header's %s (%d of %d bytes)", what, n, len(buf))
	}
	return gzipError(err, "reading the header")
}

// readIDXData reads exactly n bytes and checks that nothing follows.
// Unless the size is trusted the buffer grows as data arrives, so a
// header that lies about its size costs no more memory than the data
// really present.
func readIDXData(r io.Reader, n int, trusted bool) ([]byte, error) {
	const chunk = 1 << 16
	first := min(n, chunk)
	if trusted {
		first = n
	}
	buf := make([]byte, 0, first)
	for len(buf) < n {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(n, 2*cap(buf)))
			copy(grown, buf)
			buf = grown
		}
		m, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			if len(buf) < n {
				return nil, idxErrorf(ErrTruncated, "header declares %d data bytes but the file holds only %d", n, len(buf))
			}
			break
		}
		if err != nil {
			return nil, gzipError(err, fmt.Sprintf("after %d of %d data bytes", len(buf), n))
		}
	}
	// Read to the end: gzip checks its CRC only at EOF, and extra
	// bytes mean the header's dimensions are wrong.
	var extra [512]byte
	total := 0
	for {
		m, err := r.Read(extra[:])
		total += m
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, gzipError(err, "at the end of the data")
		}
		if total > 1<<20 {
			break
		}
	}
	if total > 0 {
		return nil, idxErrorf(ErrDimensions, "the file holds more than the %d data bytes its header declares (at least %d more)", n, total)
	}
	return buf, nil
}

// WriteIDXFile writes x to path, gzip-compressed if path ends in ".gz".
func WriteIDXFile(path string, x *IDX) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	var w io.Writer = bw
	var zw *gzip.Writer
	if strings.HasSuffix(path, ".gz") {
		zw = gzip.NewWriter(bw)
		w = zw
	}
	if err := WriteIDX(w, x); err != nil {
		return err
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// WriteIDX writes x to w in the raw IDX format. It panics if x is
// malformed (unknown type, no or too many dimensions, or Data not the
// size the dimensions give).
func WriteIDX(w io.Writer, x *IDX) error {
	size := x.Type.Size()
	if size == 0 {
		panic("datasets: WriteIDX: unknown element type " + x.Type.String())
	}
	if len(x.Dims) == 0 || len(x.Dims) > maxIDXDims {
		panic(fmt.Sprintf("datasets: WriteIDX: %d dimensions (want 1 to %d)", len(x.Dims), maxIDXDims))
	}
	head := make([]byte, 4+4*len(x.Dims))
	head[2] = byte(x.Type)
	head[3] = byte(len(x.Dims))
	for i, d := range x.Dims {
		if d < 0 || uint64(d) > 1<<32-1 {
			panic(fmt.Sprintf("datasets: WriteIDX: dimension %d out of range", d))
		}
		binary.BigEndian.PutUint32(head[4+4*i:], uint32(d))
	}
	if len(x.Data) != x.Len()*size {
		panic(fmt.Sprintf("datasets: WriteIDX: %d data bytes for dimensions %v of %s", len(x.Data), x.Dims, x.Type))
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	_, err := w.Write(x.Data)
	return err
}
