// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Inline helpers shared by fastvec's C files.

#ifndef FASTVEC_VEC_H
#define FASTVEC_VEC_H

// Nothing here reads the floating-point exception flags (Go never
// does), so GCC may compute both arms of a choice and blend them: that
// is what lets it vectorise the loops with conditional expressions for
// AVX2 and SSE2 as well as AVX-512. And a·b+c is never contracted into
// a fused multiply-add, which the AVX2 and AVX-512 clones could do but
// Go on amd64 does not: the kernels then compute exactly what their Go
// twins (kernels.go) compute. (cgo does not accept these flags on the
// command line, hence the pragma.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math", "fp-contract=off")
#endif

#include <string.h>
#include "fastvec.h"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define CLONES
#endif

// sigmoid_f32 is 1/(1+e^-x) to within a few float32 ulps.
static inline float sigmoid_f32(float x) {
	float y = -x * 1.44269504088896341f; // -x·log2(e)
	y = y > 126.0f ? 126.0f : y;
	y = y < -126.0f ? -126.0f : y;
	const float shifter = 12582912.0f; // 1.5·2^23: y+shifter rounds y to an integer
	float n = (y + shifter) - shifter;
	// g = -x - n·ln2 with ln2 split in two (Cody & Waite): n·ln2hi is
	// exact, so g keeps float32's precision even where |x| is large.
	float g = (-x - n * 0.693145751953125f) - n * 1.428606765330187045e-6f; // |g| ≤ ln2/2
	float g2 = g * g, g4 = g2 * g2;
	float p = (1.0f + g) + g2 * (0.5f + g * (1.0f / 6)) +
		g4 * ((1.0f / 24 + g * (1.0f / 120)) + g2 * (1.0f / 720 + g * (1.0f / 5040)));
	int32_t bits = ((int32_t)n + 127) << 23;
	float scale;
	memcpy(&scale, &bits, sizeof scale);
	return 1.0f / (1.0f + p * scale);
}

// exp_f64 is e^z to a relative error of about 1e-15 for |z| ≤ 708,
// computed as 2^n·e^g with |g| ≤ ln2/2 (Cody & Waite reduction) and a
// Taylor polynomial for e^g; beyond ±708 it saturates near 2^±1022.
static inline double exp_f64(double z) {
	double y = z * 1.4426950408889634074;
	y = y > 1022.0 ? 1022.0 : y;
	y = y < -1022.0 ? -1022.0 : y;
	const double shifter = 6755399441055744.0; // 1.5·2^52
	double n = (y + shifter) - shifter;
	double g = (z - n * 6.93147180369123816490e-01) - n * 1.90821492927058770002e-10;
	double g2 = g * g, g4 = g2 * g2, g8 = g4 * g4;
	double p = ((1.0 + g) + g2 * (1.0 / 2 + g * (1.0 / 6))) +
		g4 * ((1.0 / 24 + g * (1.0 / 120)) + g2 * (1.0 / 720 + g * (1.0 / 5040))) +
		g8 * ((1.0 / 40320 + g * (1.0 / 362880)) + g2 * (1.0 / 3628800 + g * (1.0 / 39916800)) +
			g4 * (1.0 / 479001600));
	int64_t bits = ((int64_t)(int32_t)n + 1023) << 52;
	double scale;
	memcpy(&scale, &bits, sizeof scale);
	return p * scale;
}

// sigmoid_f64 is 1/(1+e^-x) to a relative error of about 1e-14.
static inline double sigmoid_f64(double x) { return 1.0 / (1.0 + exp_f64(-x)); }

// u32x16 and f32x16 are GCC vector types of FASTVEC_LANES lanes; the
// compiler maps them onto whatever vector registers the clone has.
typedef uint32_t u32x16 __attribute__((vector_size(4 * FASTVEC_LANES)));
typedef int32_t i32x16 __attribute__((vector_size(4 * FASTVEC_LANES)));
typedef float f32x16 __attribute__((vector_size(4 * FASTVEC_LANES)));

// lanes is a Stream's state in vector registers.
typedef struct {
	u32x16 s0, s1, s2, s3;
} lanes;

static inline lanes load_lanes(const fastvec_stream *st) {
	lanes g;
	memcpy(&g.s0, st->s[0], sizeof g.s0);
	memcpy(&g.s1, st->s[1], sizeof g.s1);
	memcpy(&g.s2, st->s[2], sizeof g.s2);
	memcpy(&g.s3, st->s[3], sizeof g.s3);
	return g;
}

static inline void store_lanes(fastvec_stream *st, const lanes *g) {
	memcpy(st->s[0], &g->s0, sizeof g->s0);
	memcpy(st->s[1], &g->s1, sizeof g->s1);
	memcpy(st->s[2], &g->s2, sizeof g->s2);
	memcpy(st->s[3], &g->s3, sizeof g->s3);
}

// uniform advances every lane's xoshiro128+ generator (Blackman &
// Vigna) and returns its top 24 bits as uniforms (k+½)/2^24 in (0, 1).
static inline __attribute__((always_inline)) f32x16 uniform(lanes *g) {
	u32x16 r = g->s0 + g->s3;
	u32x16 t = g->s1 << 9;
	g->s2 ^= g->s0;
	g->s3 ^= g->s1;
	g->s1 ^= g->s2;
	g->s0 ^= g->s3;
	g->s2 ^= t;
	g->s3 = (g->s3 << 11) | (g->s3 >> 21);
	i32x16 k = (i32x16)(r >> 8);
	return (__builtin_convertvector(k, f32x16) + 0.5f) * 0x1p-24f;
}

// bernoulli_row_f64 sets d[j] to 1 with probability q[j], else 0 (d may be q).
static inline void bernoulli_row_f64(double *d, const double *q, int cols, lanes *g) {
	float u[FASTVEC_LANES];
	for (int j = 0; j < cols; j += FASTVEC_LANES) {
		f32x16 uv = uniform(g);
		memcpy(u, &uv, sizeof u);
		int n = cols - j < FASTVEC_LANES ? cols - j : FASTVEC_LANES;
		for (int l = 0; l < n; l++) {
			d[j + l] = (double)u[l] < q[j + l] ? 1.0 : 0.0;
		}
	}
}

#endif
