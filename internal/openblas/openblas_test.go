// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build openblas

package openblas

import (
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"golang.org/x/sys/cpu"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

func randSlice(n int, rnd *rand.Rand) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = rnd.NormFloat64()
	}
	return s
}

func maxDiff(a, b []float64) float64 {
	var d float64
	for i := range a {
		d = math.Max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

// The reference is gonum's pure-Go BLAS.
func TestDgemmMatchesGonum(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 1))
	var ref gonum.Implementation
	var ob Implementation
	for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
		for _, tB := range []blas.Transpose{blas.NoTrans, blas.Trans} {
			for _, sz := range [][3]int{{1, 1, 1}, {3, 5, 7}, {64, 33, 100}, {100, 500, 784}, {4, 3, 0}} {
				m, n, k := sz[0], sz[1], sz[2]
				ra, ca := m, k
				if tA == blas.Trans {
					ra, ca = k, m
				}
				rb, cb := k, n
				if tB == blas.Trans {
					rb, cb = n, k
				}
				lda, ldb, ldc := max(ca, 1)+2, max(cb, 1)+1, n+3
				a := randSlice(max(ra, 1)*lda, rnd)
				b := randSlice(max(rb, 1)*ldb, rnd)
				c1 := randSlice(m*ldc, rnd)
				c2 := append([]float64(nil), c1...)
				ref.Dgemm(tA, tB, m, n, k, 0.7, a, lda, b, ldb, 0.3, c1, ldc)
				ob.Dgemm(tA, tB, m, n, k, 0.7, a, lda, b, ldb, 0.3, c2, ldc)
				if d := maxDiff(c1, c2); d > 1e-10*float64(k+1) {
					t.Errorf("Dgemm %v %v %v: max difference %g", tA, tB, sz, d)
				}
			}
		}
	}
}

func TestSgemmMatchesGonum(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 3))
	var ref gonum.Implementation
	var ob Implementation
	r32 := func(n int) []float32 {
		s := make([]float32, n)
		for i := range s {
			s[i] = float32(rnd.NormFloat64())
		}
		return s
	}
	for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
		for _, tB := range []blas.Transpose{blas.NoTrans, blas.Trans} {
			m, n, k := 50, 70, 90
			a, b := r32(m*k), r32(k*n)
			lda, ldb := k, n
			if tA == blas.Trans {
				lda = m
			}
			if tB == blas.Trans {
				ldb = k
			}
			c1 := r32(m * n)
			c2 := append([]float32(nil), c1...)
			ref.Sgemm(tA, tB, m, n, k, 0.5, a, lda, b, ldb, 2, c1, n)
			ob.Sgemm(tA, tB, m, n, k, 0.5, a, lda, b, ldb, 2, c2, n)
			for i := range c1 {
				if d := math.Abs(float64(c1[i] - c2[i])); d > 1e-4 {
					t.Fatalf("Sgemm %v %v: element %d differs by %g", tA, tB, i, d)
				}
			}
		}
	}
}

func TestDgemvDgerMatchGonum(t *testing.T) {
	rnd := rand.New(rand.NewPCG(2, 2))
	var ref gonum.Implementation
	var ob Implementation
	m, n, lda := 37, 23, 25
	a := randSlice(m*lda, rnd)
	for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
		lx, ly := n, m
		if tA == blas.Trans {
			lx, ly = m, n
		}
		x := randSlice(lx*2, rnd)
		y1 := randSlice(ly*3, rnd)
		y2 := append([]float64(nil), y1...)
		ref.Dgemv(tA, m, n, 1.5, a, lda, x, 2, -0.5, y1, 3)
		ob.Dgemv(tA, m, n, 1.5, a, lda, x, 2, -0.5, y2, 3)
		if d := maxDiff(y1, y2); d > 1e-12 {
			t.Errorf("Dgemv %v: max difference %g", tA, d)
		}
	}
	x, y := randSlice(m, rnd), randSlice(n, rnd)
	a1 := append([]float64(nil), a...)
	ref.Dger(m, n, 0.25, x, 1, y, 1, a, lda)
	ob.Dger(m, n, 0.25, x, 1, y, 1, a1, lda)
	if d := maxDiff(a, a1); d > 1e-12 {
		t.Errorf("Dger: max difference %g", d)
	}
}

func TestDgemmPanicsLikeGonum(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("short C slice did not panic")
		}
	}()
	var ob Implementation
	ob.Dgemm(blas.NoTrans, blas.NoTrans, 4, 4, 4, 1, make([]float64, 16), 4, make([]float64, 16), 4, 0, make([]float64, 15), 4)
}

func TestConfig(t *testing.T) {
	if c := Config(); !strings.Contains(c, "OpenBLAS") {
		t.Errorf("Config() = %q", c)
	}
	if Threads() < 1 {
		t.Errorf("Threads() = %d", Threads())
	}
}

// On a CPU with AVX2 the generic Prescott kernels are never the ones in
// use: either OpenBLAS recognised the CPU or init replaced its fallback.
func TestNoGenericKernelsOnModernCPU(t *testing.T) {
	if os.Getenv("OPENBLAS_CORETYPE") != "" {
		t.Skip("OPENBLAS_CORETYPE is set: the user's choice stands")
	}
	if !cpu.X86.HasAVX2 || !cpu.X86.HasFMA {
		t.Skip("no AVX2 and FMA: Prescott's kernels may be right here")
	}
	if cfg := Config(); strings.Contains(cfg, " Prescott ") {
		t.Errorf("OpenBLAS runs its generic kernels on a CPU with AVX2: %s (note %q)", cfg, CoreNote())
	}
}
