// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package fastvec holds the elementwise kernels of bm's CD trainer
// written in C, so that the compiler can vectorise them (AVX-512 or
// AVX2, chosen at run time, with a plain x86-64 fallback): the
// logistic function with a bias, Bernoulli sampling from a vector
// random number generator, the momentum and weight-decay update and
// the squared reconstruction error.
//
// Go compiles these loops to scalar code, which took as long as the
// matrix products themselves once the products ran on OpenBLAS; in C
// they are several times faster.
//
// Like internal/openblas, the package is compiled only with the build
// tag openblas (cgo builds); Available reports whether it was, and the
// functions panic when it was not.
package fastvec
