// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build openblas

package openblas

/*
#cgo LDFLAGS: -lopenblas

// Declared here rather than through cblas.h, which Debian may point at
// another BLAS's header; the enums are plain ints in the C ABI.
void cblas_dgemm(int order, int transA, int transB, int m, int n, int k,
	double alpha, const double *a, int lda, const double *b, int ldb,
	double beta, double *c, int ldc);
void cblas_sgemm(int order, int transA, int transB, int m, int n, int k,
	float alpha, const float *a, int lda, const float *b, int ldb,
	float beta, float *c, int ldc);
void cblas_dgemv(int order, int trans, int m, int n, double alpha,
	const double *a, int lda, const double *x, int incx,
	double beta, double *y, int incy);
void cblas_dger(int order, int m, int n, double alpha,
	const double *x, int incx, const double *y, int incy, double *a, int lda);
void openblas_set_num_threads(int n);
int openblas_get_num_threads(void);
char *openblas_get_config(void);
*/
import "C"

import (
	"math"
	"unsafe"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// cblas enum values (cblas.h).
const (
	rowMajor = 101
	noTrans  = 111
	trans    = 112
)

// Implementation is gonum's pure-Go BLAS with Dgemm, Sgemm, Dgemv and
// Dger done by OpenBLAS.
type Implementation struct {
	gonum.Implementation
}

var (
	_ blas.Float64 = Implementation{}
	_ blas.Float32 = Implementation{}
)

// Config returns OpenBLAS's build description, such as
// "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64".
func Config() string {
	return C.GoString(C.openblas_get_config())
}

// SetThreads sets the number of threads OpenBLAS uses.
func SetThreads(n int) { C.openblas_set_num_threads(C.int(n)) }

// Threads returns the number of threads OpenBLAS uses.
func Threads() int { return int(C.openblas_get_num_threads()) }

func cTrans(t blas.Transpose) C.int {
	switch t {
	case blas.NoTrans:
		return noTrans
	case blas.Trans, blas.ConjTrans:
		return trans
	}
	panic("openblas: bad transpose")
}

func ptr(s []float64) *C.double {
	if len(s) == 0 {
		return nil
	}
	return (*C.double)(unsafe.Pointer(&s[0]))
}

// fitsInt reports whether every value fits OpenBLAS's 32-bit int.
func fitsInt(xs ...int) bool {
	for _, x := range xs {
		if x > math.MaxInt32 {
			return false
		}
	}
	return true
}

// Dgemm computes C = alpha·op(A)·op(B) + beta·C (row-major).
func (impl Implementation) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if !gemmOK(tA, tB, m, n, k, lda, ldb, ldc, len(a), len(b), len(c)) {
		impl.Implementation.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	if m == 0 || n == 0 {
		return
	}
	C.cblas_dgemm(rowMajor, cTrans(tA), cTrans(tB), C.int(m), C.int(n), C.int(k),
		C.double(alpha), ptr(a), C.int(max(lda, 1)), ptr(b), C.int(max(ldb, 1)),
		C.double(beta), ptr(c), C.int(ldc))
}

// gemmOK reports whether a row-major GEMM's arguments are valid and
// its slices hold everything C will touch; otherwise the caller lets
// gonum's code raise its usual panic.
func gemmOK(tA, tB blas.Transpose, m, n, k, lda, ldb, ldc, la, lb, lc int) bool {
	if tA != blas.NoTrans && tA != blas.Trans && tA != blas.ConjTrans ||
		tB != blas.NoTrans && tB != blas.Trans && tB != blas.ConjTrans ||
		m < 0 || n < 0 || k < 0 || !fitsInt(m, n, k, lda, ldb, ldc) {
		return false
	}
	rowA, colA := m, k
	if tA != blas.NoTrans {
		rowA, colA = k, m
	}
	rowB, colB := k, n
	if tB != blas.NoTrans {
		rowB, colB = n, k
	}
	if lda < max(1, colA) || ldb < max(1, colB) || ldc < max(1, n) {
		return false
	}
	if m == 0 || n == 0 {
		return true
	}
	return lc >= ldc*(m-1)+n && (k == 0 || la >= lda*(rowA-1)+colA && lb >= ldb*(rowB-1)+colB)
}

func ptr32(s []float32) *C.float {
	if len(s) == 0 {
		return nil
	}
	return (*C.float)(unsafe.Pointer(&s[0]))
}

// Sgemm computes C = alpha·op(A)·op(B) + beta·C in single precision.
func (impl Implementation) Sgemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if !gemmOK(tA, tB, m, n, k, lda, ldb, ldc, len(a), len(b), len(c)) {
		impl.Implementation.Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	if m == 0 || n == 0 {
		return
	}
	C.cblas_sgemm(rowMajor, cTrans(tA), cTrans(tB), C.int(m), C.int(n), C.int(k),
		C.float(alpha), ptr32(a), C.int(max(lda, 1)), ptr32(b), C.int(max(ldb, 1)),
		C.float(beta), ptr32(c), C.int(ldc))
}

// Dgemv computes y = alpha·op(A)·x + beta·y (row-major).
func (impl Implementation) Dgemv(tA blas.Transpose, m, n int, alpha float64, a []float64, lda int, x []float64, incX int, beta float64, y []float64, incY int) {
	if tA != blas.NoTrans && tA != blas.Trans && tA != blas.ConjTrans ||
		m < 0 || n < 0 || lda < max(1, n) || incX <= 0 || incY <= 0 || !fitsInt(m, n, lda) {
		// Negative increments and bad arguments: gonum's code handles
		// (or rejects) them.
		impl.Implementation.Dgemv(tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
		return
	}
	lenX, lenY := n, m
	if tA != blas.NoTrans {
		lenX, lenY = m, n
	}
	if m == 0 || n == 0 || len(a) < lda*(m-1)+n || len(x) < 1+(lenX-1)*incX || len(y) < 1+(lenY-1)*incY {
		impl.Implementation.Dgemv(tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
		return
	}
	C.cblas_dgemv(rowMajor, cTrans(tA), C.int(m), C.int(n), C.double(alpha), ptr(a), C.int(lda),
		ptr(x), C.int(incX), C.double(beta), ptr(y), C.int(incY))
}

// Dger computes A += alpha·x·yᵀ (row-major).
func (impl Implementation) Dger(m, n int, alpha float64, x []float64, incX int, y []float64, incY int, a []float64, lda int) {
	if m <= 0 || n <= 0 || lda < max(1, n) || incX <= 0 || incY <= 0 || !fitsInt(m, n, lda) ||
		len(a) < lda*(m-1)+n || len(x) < 1+(m-1)*incX || len(y) < 1+(n-1)*incY {
		impl.Implementation.Dger(m, n, alpha, x, incX, y, incY, a, lda)
		return
	}
	C.cblas_dger(rowMajor, C.int(m), C.int(n), C.double(alpha), ptr(x), C.int(incX),
		ptr(y), C.int(incY), ptr(a), C.int(lda))
}
