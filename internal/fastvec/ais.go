// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build openblas

package fastvec

/*
#include "fastvec.h"
*/
import "C"

import "unsafe"

func f64p(x []float64) *C.double { return (*C.double)(unsafe.Pointer(&x[0])) }

// AISHidden is one annealing step's hidden-unit work for rows runs of
// annealed importance sampling: with z = x_r + c for the rows×cols
// matrix x (row stride stride), it sets
//
//	dlogw[r] = Σ_j softplus(β·z_rj) − softplus(β'·z_rj)
//
// (β' = prev) and, unless h is nil, h to a sample of σ(β·z).
func AISHidden(x []float64, rows, cols, stride int, c []float64, beta, prev float64, h []float64, hStride int, dlogw []float64, s *Stream) {
	check(len(x), rows, cols, stride)
	if len(c) < cols || len(dlogw) < rows {
		panic("fastvec: AISHidden: c or dlogw too short")
	}
	if rows == 0 || cols == 0 {
		return
	}
	hp := (*C.double)(nil)
	if h != nil {
		check(len(h), rows, cols, hStride)
		hp = f64p(h)
	}
	C.fastvec_ais_hidden(f64p(x), C.int(rows), C.int(cols), C.int(stride), f64p(c), C.double(beta), C.double(prev),
		hp, C.int(hStride), f64p(dlogw), &s.s)
}

// AISVisible sets the rows×cols matrix v, which holds h·Wᵀ, to a sample
// of σ((1−β)·base + β·(v + b)), row by row.
func AISVisible(v []float64, rows, cols, stride int, base, b []float64, beta float64, s *Stream) {
	check(len(v), rows, cols, stride)
	if len(base) < cols || len(b) < cols {
		panic("fastvec: AISVisible: base or b too short")
	}
	if rows == 0 || cols == 0 {
		return
	}
	C.fastvec_ais_visible(f64p(v), C.int(rows), C.int(cols), C.int(stride), f64p(base), f64p(b), C.double(beta), &s.s)
}

// DotRows sets out[r] to the dot product of row r of the rows×cols
// matrix x with y.
func DotRows(x []float64, rows, cols, stride int, y, out []float64) {
	check(len(x), rows, cols, stride)
	if len(y) < cols || len(out) < rows {
		panic("fastvec: DotRows: y or out too short")
	}
	if rows == 0 || cols == 0 {
		return
	}
	C.fastvec_dot_rows(f64p(x), C.int(rows), C.int(cols), C.int(stride), f64p(y), f64p(out))
}
