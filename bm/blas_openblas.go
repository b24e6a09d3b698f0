// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build openblas

package bm

import (
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"

	"github.com/boltzbook/boltzbook/internal/openblas"
)

func init() {
	blas64.Use(openblas.Implementation{})
	blas32.Use(openblas.Implementation{})
	blasName = openblas.Config() + " via cgo"
	if note := openblas.CoreNote(); note != "" {
		blasName += " (" + note + ")"
	}
	blasSetThreads = openblas.SetThreads
	blasThreads = openblas.Threads
}
