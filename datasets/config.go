// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

// The configs of this package follow bm's config rule: a zero field
// means its documented default, a nil config all defaults, and the
// value bm.Off (−1; datasets does not import bm) switches an optional
// part off where a field says so. A value a generator cannot use is a
// programmer's error here, since the generators return no error: they
// panic with a "datasets: " message naming it.

// off is bm.Off.
const off = -1

// orDefault returns x, or def when x is zero.
func orDefault[T int | float64](x, def T) T {
	if x == 0 {
		return def
	}
	return x
}
