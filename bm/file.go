// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"

	"gonum.org/v1/gonum/mat"

	"github.com/boltzbook/boltzbook/internal/atomicfile"
)

// Model files
//
// Every bm model (RBM, DBN, MLP, ...) is stored in one small container:
//
//	magic      8 bytes  "BZBKMODL"
//	version    uint32   modelFileVersion
//	bodyLen    uint64   length of body in bytes
//	body       bodyLen bytes:
//	  kind     string   e.g. "rbm", "dbn"
//	  nAttrs   uint32, then nAttrs × (key string, value string)
//	  nTensors uint32, then nTensors × tensor
//	sha256     32 bytes of everything above (magic through body)
//
// A string is a uint32 length and its UTF-8 bytes. A tensor is its
// name (string), its rank (uint32), its dims (uint64 each) and the
// product of its dims float64 values in row-major order. All integers
// and floats are little-endian, so files are bit-exact across machines.
//
// Models other than the RBM write their own kinds with writeModel and
// read them back with readModel; modelFile's accessors check names and
// shapes and return errors that say what is wrong.

// modelMagic opens every boltzbook model file.
const modelMagic = "BZBKMODL"

// modelFileVersion is the container version this build writes and reads.
const modelFileVersion = 1

// Limits that keep a corrupt header from asking for absurd allocations
// before the checksum has been checked.
const (
	maxModelBody    = 1 << 36 // 64 GiB
	maxModelString  = 1 << 20
	maxModelRank    = 8
	maxModelEntries = 1 << 20
)

// Saver is a model that can write itself as a model file.
type Saver interface {
	Save(w io.Writer) error
}

// modelTensor is one named array of a model file.
type modelTensor struct {
	Name string
	Dims []int
	Data []float64
}

// modelAttr is one string key/value pair of a model file, for small
// settings such as an activation function's name.
type modelAttr struct {
	Key, Value string
}

// modelFile is the decoded content of a model file.
type modelFile struct {
	Kind    string
	Attrs   []modelAttr
	Tensors []modelTensor
}

// denseTensor returns a tensor holding a copy of m's elements.
func denseTensor(name string, m *mat.Dense) modelTensor {
	r, c := m.Dims()
	data := make([]float64, 0, r*c)
	for i := 0; i < r; i++ {
		data = append(data, m.RawRowView(i)...)
	}
	return modelTensor{Name: name, Dims: []int{r, c}, Data: data}
}

// vecTensor returns a tensor holding a copy of v's elements.
func vecTensor(name string, v *mat.VecDense) modelTensor {
	n := v.Len()
	data := make([]float64, n)
	for i := range data {
		data[i] = v.AtVec(i)
	}
	return modelTensor{Name: name, Dims: []int{n}, Data: data}
}

// scalarTensor returns a rank-0 tensor holding x.
func scalarTensor(name string, x float64) modelTensor {
	return modelTensor{Name: name, Dims: []int{}, Data: []float64{x}}
}

// tensor returns the named tensor.
func (f *modelFile) tensor(name string) (modelTensor, error) {
	for _, t := range f.Tensors {
		if t.Name == name {
			return t, nil
		}
	}
	return modelTensor{}, fmt.Errorf("%w: %s model has no tensor %q", ErrModelCorrupt, f.Kind, name)
}

// attr returns the value of the named attribute and whether it is present.
func (f *modelFile) attr(key string) (string, bool) {
	for _, a := range f.Attrs {
		if a.Key == key {
			return a.Value, true
		}
	}
	return "", false
}

// dense returns the named rank-2 tensor as a new matrix.
func (f *modelFile) dense(name string) (*mat.Dense, error) {
	t, err := f.tensor(name)
	if err != nil {
		return nil, err
	}
	if len(t.Dims) != 2 || t.Dims[0] == 0 || t.Dims[1] == 0 {
		return nil, fmt.Errorf("%w: tensor %q has shape %v, want a non-empty matrix", ErrModelCorrupt, name, t.Dims)
	}
	return mat.NewDense(t.Dims[0], t.Dims[1], t.Data), nil
}

// vec returns the named rank-1 tensor as a new vector.
func (f *modelFile) vec(name string) (*mat.VecDense, error) {
	t, err := f.tensor(name)
	if err != nil {
		return nil, err
	}
	if len(t.Dims) != 1 || t.Dims[0] == 0 {
		return nil, fmt.Errorf("%w: tensor %q has shape %v, want a non-empty vector", ErrModelCorrupt, name, t.Dims)
	}
	return mat.NewVecDense(t.Dims[0], t.Data), nil
}

// scalar returns the named rank-0 tensor's value.
func (f *modelFile) scalar(name string) (float64, error) {
	t, err := f.tensor(name)
	if err != nil {
		return 0, err
	}
	if len(t.Dims) != 0 {
		return 0, fmt.Errorf("%w: tensor %q has shape %v, want a scalar", ErrModelCorrupt, name, t.Dims)
	}
	return t.Data[0], nil
}

// writeModel writes one model file holding kind, attrs and tensors to w.
// It panics if a tensor's data does not match its dims.
func writeModel(w io.Writer, kind string, attrs []modelAttr, tensors []modelTensor) error {
	var body bytes.Buffer
	putString(&body, kind)
	putUint32(&body, uint32(len(attrs)))
	for _, a := range attrs {
		putString(&body, a.Key)
		putString(&body, a.Value)
	}
	putUint32(&body, uint32(len(tensors)))
	var buf [8]byte
	for _, t := range tensors {
		n := 1
		for _, d := range t.Dims {
			if d < 0 {
				panic("bm: negative tensor dimension")
			}
			n *= d
		}
		if n != len(t.Data) {
			panic(fmt.Sprintf("bm: tensor %q has %d values for shape %v", t.Name, len(t.Data), t.Dims))
		}
		putString(&body, t.Name)
		putUint32(&body, uint32(len(t.Dims)))
		for _, d := range t.Dims {
			binary.LittleEndian.PutUint64(buf[:], uint64(d))
			body.Write(buf[:])
		}
		for _, x := range t.Data {
			binary.LittleEndian.PutUint64(buf[:], math.Float64bits(x))
			body.Write(buf[:])
		}
	}

	var head bytes.Buffer
	head.WriteString(modelMagic)
	putUint32(&head, modelFileVersion)
	binary.LittleEndian.PutUint64(buf[:], uint64(body.Len()))
	head.Write(buf[:])

	h := sha256.New()
	h.Write(head.Bytes())
	h.Write(body.Bytes())
	for _, b := range [][]byte{head.Bytes(), body.Bytes(), h.Sum(nil)} {
		if _, err := w.Write(b); err != nil {
			return fmt.Errorf("bm: writing %s model: %w", kind, err)
		}
	}
	return nil
}

// readModel reads one model file from r and checks that it holds the
// wanted kind (any kind when want is ""). It reads exactly the bytes of
// one file, so several files may be concatenated in one stream.
func readModel(r io.Reader, want string) (*modelFile, error) {
	var head [8 + 4 + 8]byte
	if n, err := io.ReadFull(r, head[:]); err != nil {
		if m := min(n, len(modelMagic)); string(head[:m]) != modelMagic[:m] {
			return nil, ErrNotModelFile
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, fmt.Errorf("%w: header has %d of %d bytes", ErrModelTruncated, n, len(head))
		}
		return nil, fmt.Errorf("bm: reading model file: %w", err)
	}
	if string(head[:8]) != modelMagic {
		return nil, ErrNotModelFile
	}
	version := binary.LittleEndian.Uint32(head[8:12])
	if version != modelFileVersion {
		return nil, fmt.Errorf("%w: file is version %d, this build reads version %d (upgrade boltzbook, or re-save the model with a matching build)", ErrModelVersion, version, modelFileVersion)
	}
	bodyLen := binary.LittleEndian.Uint64(head[12:20])
	if bodyLen > maxModelBody {
		return nil, fmt.Errorf("%w: header claims a %d-byte body", ErrModelCorrupt, bodyLen)
	}

	// Copy rather than allocate bodyLen up front: a damaged length then
	// shows up as truncation, not as a huge allocation.
	var body bytes.Buffer
	n, err := io.CopyN(&body, r, int64(bodyLen))
	if err != nil {
		if err == io.EOF {
			return nil, fmt.Errorf("%w: body has %d of %d bytes", ErrModelTruncated, n, bodyLen)
		}
		return nil, fmt.Errorf("bm: reading model file: %w", err)
	}
	var sum [sha256.Size]byte
	if m, err := io.ReadFull(r, sum[:]); err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, fmt.Errorf("%w: checksum has %d of %d bytes", ErrModelTruncated, m, len(sum))
		}
		return nil, fmt.Errorf("bm: reading model file: %w", err)
	}
	h := sha256.New()
	h.Write(head[:])
	h.Write(body.Bytes())
	if !bytes.Equal(h.Sum(nil), sum[:]) {
		return nil, fmt.Errorf("%w: SHA-256 checksum mismatch (the file was damaged after it was written)", ErrModelCorrupt)
	}

	f, err := parseModelBody(body.Bytes())
	if err != nil {
		return nil, err
	}
	if want != "" && f.Kind != want {
		return nil, fmt.Errorf("%w: file holds a %q model, not %q", ErrModelKind, f.Kind, want)
	}
	return f, nil
}

// parseModelBody decodes a checksummed body. Errors here mean a file
// written by a broken writer, since the checksum matched.
func parseModelBody(b []byte) (*modelFile, error) {
	d := modelDecoder{b: b}
	f := &modelFile{Kind: d.string()}
	nAttrs := d.count()
	for i := 0; i < nAttrs && d.err == nil; i++ {
		k := d.string()
		v := d.string()
		f.Attrs = append(f.Attrs, modelAttr{Key: k, Value: v})
	}
	nTensors := d.count()
	for i := 0; i < nTensors && d.err == nil; i++ {
		t := modelTensor{Name: d.string()}
		rank := int(d.uint32())
		if rank > maxModelRank {
			d.fail("tensor %q has rank %d", t.Name, rank)
			break
		}
		// The values must fit in what is left of the body; checking
		// the product as it grows keeps dims such as 2^16 × 2^16 ×
		// 2^16 × 2^15 from overflowing into a small or negative size.
		room := uint64(len(d.b)-d.off) / 8
		n := uint64(1)
		t.Dims = make([]int, rank)
		for j := range t.Dims {
			dim := d.uint64()
			if dim > uint64(len(d.b)) || dim != 0 && n > room/dim {
				d.fail("tensor %q has dims beyond %v×%d: more values than the %d bytes left in the body", t.Name, t.Dims[:j], dim, len(d.b)-d.off)
				break
			}
			t.Dims[j] = int(dim)
			n *= dim
		}
		if d.err != nil {
			break
		}
		t.Data = make([]float64, n)
		for j := range t.Data {
			t.Data[j] = math.Float64frombits(d.uint64())
		}
		f.Tensors = append(f.Tensors, t)
	}
	if d.err == nil && d.off != len(b) {
		d.fail("%d unexpected bytes after the last tensor", len(b)-d.off)
	}
	if d.err != nil {
		return nil, d.err
	}
	return f, nil
}

// modelDecoder reads little-endian fields from a body, remembering the
// first error.
type modelDecoder struct {
	b   []byte
	off int
	err error
}

func (d *modelDecoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", ErrModelCorrupt, fmt.Sprintf(format, args...))
	}
}

func (d *modelDecoder) take(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.b)-d.off {
		d.fail("field runs past the end of the body")
		return nil
	}
	p := d.b[d.off : d.off+n]
	d.off += n
	return p
}

func (d *modelDecoder) uint32() uint32 {
	p := d.take(4)
	if p == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(p)
}

func (d *modelDecoder) uint64() uint64 {
	p := d.take(8)
	if p == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(p)
}

func (d *modelDecoder) count() int {
	n := d.uint32()
	if n > maxModelEntries {
		d.fail("entry count %d", n)
		return 0
	}
	return int(n)
}

func (d *modelDecoder) string() string {
	n := d.uint32()
	if n > maxModelString {
		d.fail("string length %d", n)
		return ""
	}
	return string(d.take(int(n)))
}

func putUint32(b *bytes.Buffer, x uint32) {
	var buf [4]byte
	binary.LittleEndian.PutUint32(buf[:], x)
	b.Write(buf[:])
}

func putString(b *bytes.Buffer, s string) {
	putUint32(b, uint32(len(s)))
	b.WriteString(s)
}

// SaveFile writes m to the named file atomically: it writes a temporary
// file in the same directory, syncs it to disk and renames it over
// path, so a crash never leaves a half-written model under that name.
func SaveFile(path string, m Saver) error {
	if err := atomicfile.Write(path, 0o644, m.Save); err != nil {
		return fmt.Errorf("bm: saving model to %s: %w", path, err)
	}
	return nil
}

// readModelFile opens path and reads one model of the wanted kind from
// it, naming the file in any error.
func readModelFile(path, want string) (*modelFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("bm: loading model: %w", err)
	}
	defer f.Close()
	m, err := readModel(bufio.NewReader(f), want)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// ModelKind returns the kind of model ("rbm", "dbn", ...) stored in
// the named file, after checking the file's integrity.
func ModelKind(path string) (string, error) {
	m, err := readModelFile(path, "")
	if err != nil {
		return "", err
	}
	return m.Kind, nil
}

// modelCodec says how one kind of model is stored: its kind, and how
// to turn a model into attributes and tensors and back. Its methods
// are the Save, Load and LoadFile of every model (io.go).
type modelCodec[M any] struct {
	kind   string
	encode func(M) ([]modelAttr, []modelTensor)
	decode func(*modelFile) (M, error)
}

func (c modelCodec[M]) save(w io.Writer, m M) error {
	attrs, tensors := c.encode(m)
	return writeModel(w, c.kind, attrs, tensors)
}

func (c modelCodec[M]) load(rd io.Reader) (M, error) {
	f, err := readModel(rd, c.kind)
	if err != nil {
		var zero M
		return zero, err
	}
	return c.decode(f)
}

func (c modelCodec[M]) loadFile(path string) (M, error) {
	var zero M
	f, err := readModelFile(path, c.kind)
	if err != nil {
		return zero, err
	}
	m, err := c.decode(f)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}
