// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build cgo && !purego

// The loops below are written for GCC's auto-vectoriser: no branches
// in loop bodies (conditional expressions become blends), fixed-length
// inner loops over FASTVEC_LANES, and exp computed by hand (2^n·e^g,
// with n from the 1.5·2^m rounding trick and e^g a Taylor polynomial)
// because libm's exp is not vectorised. Every exported kernel is built
// three times and the best one the CPU supports is picked when the
// program loads.

#include <string.h>
#include "fastvec.h"
#include "vec.h"

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
	for (int r = 0; r < rows; r++) {
		bernoulli_row_f64(dst + (long)r * dst_stride, p + (long)r * p_stride, cols, &g);
	}
	store_lanes(st, &g);
}

CLONES void fastvec_momentum_step_f32(float *w, float *inc, long n, float momentum, float decay) {
	for (long i = 0; i < n; i++) {
		float d = momentum * inc[i] - decay * w[i];
		inc[i] = d;
		w[i] += d;
	}
}

CLONES void fastvec_momentum_step_f64(double *w, double *inc, long n, double momentum, double decay) {
	for (long i = 0; i < n; i++) {
		double d = momentum * inc[i] - decay * w[i];
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

// fastvec_sgd_step_f64 applies one step of gradient ascent with
// momentum and L2 weight decay to n parameters:
// v = mom·v + lr·(scale·g − decay·p), p += v.
CLONES void fastvec_sgd_step_f64(double *p, double *v, const double *g, long n, double scale, double lr, double mom, double decay) {
	for (long i = 0; i < n; i++) {
		double vi = mom * v[i] + lr * (scale * g[i] - decay * p[i]);
		v[i] = vi;
		p[i] += vi;
	}
}
