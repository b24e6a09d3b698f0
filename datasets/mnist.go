// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"fmt"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// Shape of MNIST.
const (
	MNISTRows    = 28
	MNISTCols    = 28
	MNISTPixels  = MNISTRows * MNISTCols
	MNISTClasses = 10
	MNISTTrainN  = 60000
	MNISTTestN   = 10000
)

// The four files of MNIST as published by LeCun, Cortes and Burges.
const (
	MNISTTrainImagesFile = "train-images-idx3-ubyte.gz"
	MNISTTrainLabelsFile = "train-labels-idx1-ubyte.gz"
	MNISTTestImagesFile  = "t10k-images-idx3-ubyte.gz"
	MNISTTestLabelsFile  = "t10k-labels-idx1-ubyte.gz"
)

// MNIST is the MNIST handwritten digits in the published split:
// 60 000 training and 10 000 test images of 28×28 pixels.
type MNIST struct {
	// TrainImages and TestImages have one image per row, 784 columns
	// in row-major pixel order, scaled from 0–255 to [0, 1]
	// (1 is ink).
	TrainImages, TestImages *mat.Dense
	// TrainLabels and TestLabels hold the digits 0–9, one per row.
	TrainLabels, TestLabels []int
	// Dir is the directory the files were read from.
	Dir string
}

// String summarises the data set.
func (m *MNIST) String() string {
	r, _ := m.TrainImages.Dims()
	s, _ := m.TestImages.Dims()
	return fmt.Sprintf("MNIST: %d train, %d test images of %d×%d from %s", r, s, MNISTRows, MNISTCols, m.Dir)
}

// LoadMNIST reads the full MNIST data set. With dir == "" it looks
// where FindMNIST looks (BOLTZBOOK_MNIST_DIR, then the Go module
// cache); otherwise it reads the four files from dir. A missing file
// gives a *MNISTNotFoundError saying where it looked and how to fix
// it; a damaged one an *IDXError. The four files are decoded in
// parallel.
func LoadMNIST(dir string) (*MNIST, error) {
	paths, err := findMNISTFiles(dir)
	if err != nil {
		return nil, err
	}
	m := &MNIST{Dir: paths.dir}
	var errs [4]error
	var wg sync.WaitGroup
	wg.Add(4)
	go func() { defer wg.Done(); m.TrainImages, errs[0] = ReadImages(paths.files[0]) }()
	go func() { defer wg.Done(); m.TrainLabels, errs[1] = ReadLabels(paths.files[1]) }()
	go func() { defer wg.Done(); m.TestImages, errs[2] = ReadImages(paths.files[2]) }()
	go func() { defer wg.Done(); m.TestLabels, errs[3] = ReadLabels(paths.files[3]) }()
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := checkMNISTPart(m.TrainImages, m.TrainLabels, MNISTTrainN, paths.files[0], paths.files[1]); err != nil {
		return nil, err
	}
	if err := checkMNISTPart(m.TestImages, m.TestLabels, MNISTTestN, paths.files[2], paths.files[3]); err != nil {
		return nil, err
	}
	return m, nil
}

// checkMNISTPart checks that an image file and a label file belong
// together and are MNIST-shaped.
func checkMNISTPart(x *mat.Dense, labels []int, want int, imagePath, labelPath string) error {
	r, c := x.Dims()
	if c != MNISTPixels {
		return &IDXError{Name: imagePath, Kind: ErrDimensions, Detail: fmt.Sprintf("images have %d pixels, MNIST has %d×%d", c, MNISTRows, MNISTCols)}
	}
	if r != want {
		return &IDXError{Name: imagePath, Kind: ErrDimensions, Detail: fmt.Sprintf("%d images, MNIST has %d", r, want)}
	}
	if len(labels) != r {
		return &IDXError{Name: labelPath, Kind: ErrDimensions, Detail: fmt.Sprintf("%d labels for %d images in %s", len(labels), r, imagePath)}
	}
	for i, l := range labels {
		if l >= MNISTClasses {
			return &IDXError{Name: labelPath, Kind: ErrBadValue, Detail: fmt.Sprintf("label %d at index %d is not a digit", l, i)}
		}
	}
	return nil
}

// ReadImages reads an IDX file of uint8 images (dimensions count ×
// rows × columns, gzip or raw) into a count × (rows·columns) matrix
// scaled to [0, 1].
func ReadImages(path string) (*mat.Dense, error) {
	x, err := ReadIDXFile(path)
	if err != nil {
		return nil, err
	}
	m, err := imagesFromIDX(x)
	return m, named(err, path)
}

func imagesFromIDX(x *IDX) (*mat.Dense, error) {
	if x.Type != IDXUint8 || len(x.Dims) != 3 {
		return nil, idxErrorf(ErrDimensions, "want images (uint8, 3 dimensions: count, rows, columns), have %s with dimensions %v", x.Type, x.Dims)
	}
	n, pixels := x.Dims[0], x.Dims[1]*x.Dims[2]
	if n == 0 || pixels == 0 {
		return nil, idxErrorf(ErrDimensions, "no images (dimensions %v)", x.Dims)
	}
	// The Dense takes this slice as its backing store: one pass from
	// bytes to floats through a table, no intermediate copies.
	var scale [256]float64
	for i := range scale {
		scale[i] = float64(i) / 255
	}
	data := make([]float64, len(x.Data))
	convert := func(lo, hi int) {
		for i, b := range x.Data[lo:hi] {
			data[lo+i] = scale[b]
		}
	}
	// Two halves in parallel: most of the time goes into first
	// touching the fresh pages of data.
	if half := len(data) / 2; half > 1<<20 {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { defer wg.Done(); convert(0, half) }()
		convert(half, len(data))
		wg.Wait()
	} else {
		convert(0, len(data))
	}
	return mat.NewDense(n, pixels, data), nil
}

// ReadLabels reads an IDX file of uint8 labels (one dimension, gzip
// or raw).
func ReadLabels(path string) ([]int, error) {
	x, err := ReadIDXFile(path)
	if err != nil {
		return nil, err
	}
	if x.Type != IDXUint8 || len(x.Dims) != 1 {
		return nil, &IDXError{Name: path, Kind: ErrDimensions, Detail: fmt.Sprintf("want labels (uint8, 1 dimension), have %s with dimensions %v", x.Type, x.Dims)}
	}
	labels := make([]int, len(x.Data))
	for i, b := range x.Data {
		labels[i] = int(b)
	}
	return labels, nil
}

// ImagesIDX converts images (one per row, values in [0, 1], rows·cols
// columns) into an IDX array of uint8 pixels, 0–255, for WriteIDXFile.
// It panics on a shape mismatch or a value outside [0, 1].
func ImagesIDX(x *mat.Dense, rows, cols int) *IDX {
	n, c := x.Dims()
	if rows < 1 || cols < 1 || rows*cols != c {
		panic(fmt.Sprintf("datasets: ImagesIDX: %d columns are not %d×%d images", c, rows, cols))
	}
	data := make([]byte, 0, n*c)
	for i := 0; i < n; i++ {
		for j, v := range x.RawRowView(i) {
			if !(v >= 0 && v <= 1) {
				panic(fmt.Sprintf("datasets: ImagesIDX: value %v at (%d, %d) outside [0, 1]", v, i, j))
			}
			data = append(data, byte(v*255+0.5))
		}
	}
	return &IDX{Type: IDXUint8, Dims: []int{n, rows, cols}, Data: data}
}

// LabelsIDX converts labels into an IDX array of uint8, for
// WriteIDXFile. It panics on a label outside 0–255.
func LabelsIDX(labels []int) *IDX {
	data := make([]byte, len(labels))
	for i, l := range labels {
		if l < 0 || l > 255 {
			panic(fmt.Sprintf("datasets: LabelsIDX: label %d at %d outside 0–255", l, i))
		}
		data[i] = byte(l)
	}
	return &IDX{Type: IDXUint8, Dims: []int{len(labels)}, Data: data}
}
