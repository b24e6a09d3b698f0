// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build openblas

// The loops below are written for GCC's auto-vectoriser: no branches
// in loop bodies (conditional expressions become blends), fixed-length
// inner loops over FASTVEC_LANES, and exp computed by hand (2^n·e^g,
// with n from the 1.5·2^m rounding trick and e^g a Taylor polynomial)
// because libm's exp is not vectorised. Every exported kernel is built
// three times and the best one the CPU supports is picked when the
// program loads.

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

// sigmoid_f64 is 1/(1+e^-x) to a relative error of about 1e-14.
static inline double sigmoid_f64(double x) {
	double y = -x * 1.4426950408889634074;
	y = y > 1022.0 ? 1022.0 : y;
	y = y < -1022.0 ? -1022.0 : y;
	const double shifter = 6755399441055744.0; // 1.5·2^52
	double n = (y + shifter) - shifter;
	double g = (-x - n * 6.93147180369123816490e-01) - n * 1.90821492927058770002e-10;
	double g2 = g * g, g4 = g2 * g2, g8 = g4 * g4;
	double p = ((1.0 + g) + g2 * (1.0 / 2 + g * (1.0 / 6))) +
		g4 * ((1.0 / 24 + g * (1.0 / 120)) + g2 * (1.0 / 720 + g * (1.0 / 5040))) +
		g8 * ((1.0 / 40320 + g * (1.0 / 362880)) + g2 * (1.0 / 3628800 + g * (1.0 / 39916800)));
	int64_t bits = ((int64_t)(int32_t)n + 1023) << 52;
	double scale;
	memcpy(&scale, &bits, sizeof scale);
	return 1.0 / (1.0 + p * scale);
}

CLONES void fastvec_sigmoid_bias_f32(float *x, int rows, int cols, int stride, const float *bias) {
	for (int r = 0; r < rows; r++) {
		float *row = x + (long)r * stride;
		for (int j = 0; j < cols; j++) {
			row[j] = sigmoid_f32(row[j] + bias[j]);
		}
	}
}

CLONES void fastvec_sigmoid_bias_f64(double *x, int rows, int cols, int stride, const double *bias) {
	for (int r = 0; r < rows; r++) {
		double *row = x + (long)r * stride;
		for (int j = 0; j < cols; j++) {
			row[j] = sigmoid_f64(row[j] + bias[j]);
		}
	}
}

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

CLONES void fastvec_bernoulli_f32(float *dst, int dst_stride, const float *p, int p_stride, int rows, int cols, fastvec_stream *st) {
	lanes g = load_lanes(st);
	float u[FASTVEC_LANES];
	for (int r = 0; r < rows; r++) {
		float *d = dst + (long)r * dst_stride;
		const float *q = p + (long)r * p_stride;
		int j = 0;
		for (; j + FASTVEC_LANES <= cols; j += FASTVEC_LANES) {
			f32x16 uv = uniform(&g), qv;
			memcpy(&qv, q + j, sizeof qv);
			i32x16 one = (uv < qv) & 1;
			f32x16 out = __builtin_convertvector(one, f32x16);
			memcpy(d + j, &out, sizeof out);
		}
		if (j < cols) {
			f32x16 uv = uniform(&g);
			memcpy(u, &uv, sizeof u);
			for (int l = 0; j + l < cols; l++) {
				d[j + l] = u[l] < q[j + l] ? 1.0f : 0.0f;
			}
		}
	}
	store_lanes(st, &g);
}

CLONES void fastvec_bernoulli_f64(double *dst, int dst_stride, const double *p, int p_stride, int rows, int cols, fastvec_stream *st) {
	lanes g = load_lanes(st);
	float u[FASTVEC_LANES];
	for (int r = 0; r < rows; r++) {
		double *d = dst + (long)r * dst_stride;
		const double *q = p + (long)r * p_stride;
		for (int j = 0; j < cols; j += FASTVEC_LANES) {
			f32x16 uv = uniform(&g);
			memcpy(u, &uv, sizeof u);
			int n = cols - j < FASTVEC_LANES ? cols - j : FASTVEC_LANES;
			for (int l = 0; l < n; l++) {
				d[j + l] = (double)u[l] < q[j + l] ? 1.0 : 0.0;
			}
		}
	}
	store_lanes(st, &g);
}

CLONES void fastvec_momentum_step_f32(float *w, float *inc, long n, float decay) {
	for (long i = 0; i < n; i++) {
		float d = inc[i] - decay * w[i];
		inc[i] = d;
		w[i] += d;
	}
}

CLONES void fastvec_momentum_step_f64(double *w, double *inc, long n, double decay) {
	for (long i = 0; i < n; i++) {
		double d = inc[i] - decay * w[i];
		inc[i] = d;
		w[i] += d;
	}
}

// The sums run in FASTVEC_LANES partial sums per row (the vectoriser
// may not reorder a single sum) and are added up in double.

CLONES double fastvec_sum_sq_diff_f32(const float *a, int a_stride, const float *b, int b_stride, int rows, int cols) {
	double total = 0;
	for (int r = 0; r < rows; r++) {
		const float *x = a + (long)r * a_stride, *y = b + (long)r * b_stride;
		float acc[FASTVEC_LANES] = {0};
		int j = 0;
		for (; j + FASTVEC_LANES <= cols; j += FASTVEC_LANES) {
			for (int l = 0; l < FASTVEC_LANES; l++) {
				float d = x[j + l] - y[j + l];
				acc[l] += d * d;
			}
		}
		double s = 0;
		for (int l = 0; l < FASTVEC_LANES; l++) {
			s += acc[l];
		}
		for (; j < cols; j++) {
			double d = (double)x[j] - y[j];
			s += d * d;
		}
		total += s;
	}
	return total;
}

CLONES double fastvec_sum_sq_diff_f64(const double *a, int a_stride, const double *b, int b_stride, int rows, int cols) {
	double total = 0;
	for (int r = 0; r < rows; r++) {
		const double *x = a + (long)r * a_stride, *y = b + (long)r * b_stride;
		double acc[FASTVEC_LANES] = {0};
		int j = 0;
		for (; j + FASTVEC_LANES <= cols; j += FASTVEC_LANES) {
			for (int l = 0; l < FASTVEC_LANES; l++) {
				double d = x[j + l] - y[j + l];
				acc[l] += d * d;
			}
		}
		double s = 0;
		for (int l = 0; l < FASTVEC_LANES; l++) {
			s += acc[l];
		}
		for (; j < cols; j++) {
			double d = x[j] - y[j];
			s += d * d;
		}
		total += s;
	}
	return total;
}

// fastvec_isa names the clone of the kernels the CPU runs.
const char *fastvec_isa(void) {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
	__builtin_cpu_init();
	if (__builtin_cpu_supports("x86-64-v4")) {
		return "AVX-512";
	}
	if (__builtin_cpu_supports("x86-64-v3")) {
		return "AVX2";
	}
	return "SSE2";
#else
	return "portable C";
#endif
}

CLONES void fastvec_bias_step_f32(float *inc, int n, float momentum, float a, const float *pos, int pos_stride, int pos_rows,
	float b, const float *neg, int neg_stride, int neg_rows) {
	for (int j = 0; j < n; j++) {
		inc[j] *= momentum;
	}
	for (int r = 0; r < pos_rows; r++) {
		const float *x = pos + (long)r * pos_stride;
		for (int j = 0; j < n; j++) {
			inc[j] += a * x[j];
		}
	}
	for (int r = 0; r < neg_rows; r++) {
		const float *x = neg + (long)r * neg_stride;
		for (int j = 0; j < n; j++) {
			inc[j] -= b * x[j];
		}
	}
}

CLONES void fastvec_bias_step_f64(double *inc, int n, double momentum, double a, const double *pos, int pos_stride, int pos_rows,
	double b, const double *neg, int neg_stride, int neg_rows) {
	for (int j = 0; j < n; j++) {
		inc[j] *= momentum;
	}
	for (int r = 0; r < pos_rows; r++) {
		const double *x = pos + (long)r * pos_stride;
		for (int j = 0; j < n; j++) {
			inc[j] += a * x[j];
		}
	}
	for (int r = 0; r < neg_rows; r++) {
		const double *x = neg + (long)r * neg_stride;
		for (int j = 0; j < n; j++) {
			inc[j] -= b * x[j];
		}
	}
}

// fastvec_load_rows_f32 converts rows idx[0..n) of the float64 matrix
// src to float32 rows of dst, prefetching each next row while it
// converts the current one: the rows of a shuffled minibatch are
// scattered through memory.
CLONES void fastvec_load_rows_f32(float *dst, int dst_stride, const double *src, long src_stride, const long *idx, int n, int cols) {
	for (int k = 0; k < n; k++) {
		const double *s = src + idx[k] * src_stride;
		if (k + 1 < n) {
			const char *next = (const char *)(src + idx[k + 1] * src_stride);
			for (long b = 0; b < (long)cols * (long)sizeof(double); b += 64) {
				__builtin_prefetch(next + b);
			}
		}
		float *d = dst + (long)k * dst_stride;
		for (int j = 0; j < cols; j++) {
			d[j] = (float)s[j];
		}
	}
}

void fastvec_load_rows_f64(double *dst, int dst_stride, const double *src, long src_stride, const long *idx, int n, int cols) {
	for (int k = 0; k < n; k++) {
		memcpy(dst + (long)k * dst_stride, src + idx[k] * src_stride, (size_t)cols * sizeof(double));
	}
}
