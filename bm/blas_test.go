// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"strings"
	"testing"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

func TestBLASName(t *testing.T) {
	_, pure := blas64.Implementation().(gonum.Implementation)
	name := BLAS()
	if pure != strings.Contains(name, "pure Go") {
		t.Errorf("BLAS() = %q but blas64 uses %T", name, blas64.Implementation())
	}
	t.Log(name)
}
