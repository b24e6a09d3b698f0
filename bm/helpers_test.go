// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

// must returns v, panicking if err is not nil: for calls in tests whose
// error would be a bug.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
