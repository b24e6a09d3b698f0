// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build cgo && !purego

// Kernels for annealed importance sampling (bm.(*RBM).AIS). Its log
// weights add up softplus terms over every hidden unit of every run at
// each of thousands of temperatures, so they are computed in double
// precision to about 1e-16 relative: exp_f64 (vec.h) and log1p(t),
// t ∈ [0, 1], as 2·atanh(t/(2+t)) by its series.

#include "vec.h"

// log1p_unit returns log(1+t) for t ∈ [0, 1]: with s = t/(2+t) ≤ 1/3,
// log(1+t) = 2(s + s³/3 + s⁵/5 + …), and s^36/37 < 1e-18.
static inline double log1p_unit(double t) {
	double s = t / (2.0 + t), s2 = s * s;
	double q = 1.0 / 35;
	q = q * s2 + 1.0 / 33;
	q = q * s2 + 1.0 / 31;
	q = q * s2 + 1.0 / 29;
	q = q * s2 + 1.0 / 27;
	q = q * s2 + 1.0 / 25;
	q = q * s2 + 1.0 / 23;
	q = q * s2 + 1.0 / 21;
	q = q * s2 + 1.0 / 19;
	q = q * s2 + 1.0 / 17;
	q = q * s2 + 1.0 / 15;
	q = q * s2 + 1.0 / 13;
	q = q * s2 + 1.0 / 11;
	q = q * s2 + 1.0 / 9;
	q = q * s2 + 1.0 / 7;
	q = q * s2 + 1.0 / 5;
	q = q * s2 + 1.0 / 3;
	q = q * s2 + 1.0;
	return 2.0 * s * q;
}

// softplus returns log(1+e^z) from z and e = e^−|z|.
static inline double softplus(double z, double e) {
	return (z > 0 ? z : 0.0) + log1p_unit(e);
}

// neg_abs returns −|z|.
static inline double neg_abs(double z) {
	double m = -z; // computed outside the choice, which the vectoriser then makes a blend
	return z < 0 ? z : m;
}

// fastvec_ais_hidden sets dlogw[r] = Σ_j softplus(β·z_rj) − softplus(β'·z_rj),
// z = x + c, for every row r and, unless h is NULL, h to a sample of σ(β·z).
CLONES void fastvec_ais_hidden(const double *x, int rows, int cols, int stride, const double *c,
	double beta, double prev, double *h, int h_stride, double *dlogw, fastvec_stream *st) {
	lanes g = load_lanes(st);
	for (int r = 0; r < rows; r++) {
		const double *xr = x + (long)r * stride;
		double *hr = h ? h + (long)r * h_stride : 0;
		double acc[FASTVEC_LANES] = {0}, sg[FASTVEC_LANES], s = 0;
		int j = 0;
		for (; j + FASTVEC_LANES <= cols; j += FASTVEC_LANES) {
			for (int l = 0; l < FASTVEC_LANES; l++) {
				double z = xr[j + l] + c[j + l], zb = beta * z, zp = prev * z;
				double eb = exp_f64(neg_abs(zb)), ep = exp_f64(neg_abs(zp));
				acc[l] += softplus(zb, eb) - softplus(zp, ep);
				double rb = 1.0 / (1.0 + eb), erb = eb * rb;
				sg[l] = zb < 0 ? erb : rb; // σ(zb)
			}
			if (hr) {
				memcpy(hr + j, sg, sizeof sg);
			}
		}
		for (; j < cols; j++) {
			double z = xr[j] + c[j], zb = beta * z, zp = prev * z;
			double eb = exp_f64(neg_abs(zb)), ep = exp_f64(neg_abs(zp));
			s += softplus(zb, eb) - softplus(zp, ep);
			if (hr) {
				hr[j] = sigmoid_f64(zb);
			}
		}
		for (int l = 0; l < FASTVEC_LANES; l++) {
			s += acc[l];
		}
		dlogw[r] = s;
		if (hr) {
			bernoulli_row_f64(hr, hr, cols, &g);
		}
	}
	store_lanes(st, &g);
}

// fastvec_ais_visible sets v (holding h·Wᵀ) to a sample of
// σ((1−β)·base + β·(v + b)), row by row.
CLONES void fastvec_ais_visible(double *v, int rows, int cols, int stride, const double *base, const double *b,
	double beta, fastvec_stream *st) {
	lanes g = load_lanes(st);
	for (int r = 0; r < rows; r++) {
		double *vr = v + (long)r * stride;
		for (int j = 0; j < cols; j++) {
			vr[j] = sigmoid_f64((1.0 - beta) * base[j] + beta * (vr[j] + b[j]));
		}
		bernoulli_row_f64(vr, vr, cols, &g);
	}
	store_lanes(st, &g);
}

// fastvec_dot_rows sets out[r] to the dot product of row r of x with y.
CLONES void fastvec_dot_rows(const double *x, int rows, int cols, int stride, const double *y, double *out) {
	for (int r = 0; r < rows; r++) {
		const double *xr = x + (long)r * stride;
		double acc[FASTVEC_LANES] = {0}, s = 0;
		int j = 0;
		for (; j + FASTVEC_LANES <= cols; j += FASTVEC_LANES) {
			for (int l = 0; l < FASTVEC_LANES; l++) {
				acc[l] += xr[j + l] * y[j + l];
			}
		}
		for (; j < cols; j++) {
			s += xr[j] * y[j];
		}
		for (int l = 0; l < FASTVEC_LANES; l++) {
			s += acc[l];
		}
		out[r] = s;
	}
}
