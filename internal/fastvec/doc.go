// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package fastvec holds the elementwise kernels of bm's trainers: the
// logistic function with a bias, Bernoulli sampling from a vector
// random number generator, the momentum and weight-decay updates, the
// squared reconstruction error and the annealed-importance-sampling
// steps.
//
// Every function exists twice under the same name, as gonum's
// internal/asm does it: in C (fastvec.c, ais.c), which GCC vectorises
// for AVX-512, AVX2 or plain x86-64, picked when the program loads, and
// in Go (kernels.go). A build with cgo uses the C kernels, whether or
// not it links OpenBLAS; a build without cgo (CGO_ENABLED=0), or with
// the tag purego, uses the Go ones. Callers never branch on which.
//
// The two are the same algorithm step for step: the same polynomial
// exponentials, the same order of additions, and the same random
// numbers, from Lanes xoshiro128+ generators (Blackman & Vigna) whose
// state a Stream holds. A Stream seeded alike gives the same uniforms
// in both builds, and so the same samples from the same probabilities;
// a trained model then differs between builds only by the rounding of
// the matrix products. (The C files are compiled without contracting
// a·b+c into fused multiply-adds, which Go does not do on amd64
// either, so there the kernels agree to the bit.)
//
// Go compiles these loops to scalar code, which took as long as the
// matrix products themselves once the products ran on OpenBLAS; in C
// they are several times faster.
package fastvec
