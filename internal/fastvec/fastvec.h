// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

#ifndef FASTVEC_H
#define FASTVEC_H

#include <stdint.h>

// Lanes is the number of independent generators in a Stream (fastvec.Lanes).
#define FASTVEC_LANES 16

// A Stream is FASTVEC_LANES xoshiro128+ generators, one per SIMD lane.
typedef struct {
	uint32_t s[4][FASTVEC_LANES];
} fastvec_stream;

void fastvec_sigmoid_bias_f32(float *x, int rows, int cols, int stride, const float *bias);
void fastvec_sigmoid_bias_f64(double *x, int rows, int cols, int stride, const double *bias);
void fastvec_bernoulli_f32(float *dst, int dst_stride, const float *p, int p_stride, int rows, int cols, fastvec_stream *st);
void fastvec_bernoulli_f64(double *dst, int dst_stride, const double *p, int p_stride, int rows, int cols, fastvec_stream *st);
void fastvec_momentum_step_f32(float *w, float *inc, long n, float momentum, float decay);
void fastvec_momentum_step_f64(double *w, double *inc, long n, double momentum, double decay);
double fastvec_sum_sq_diff_f32(const float *a, int a_stride, const float *b, int b_stride, int rows, int cols);
double fastvec_sum_sq_diff_f64(const double *a, int a_stride, const double *b, int b_stride, int rows, int cols);
void fastvec_bias_step_f32(float *inc, int n, float momentum, float a, const float *pos, int pos_stride, int pos_rows,
	float b, const float *neg, int neg_stride, int neg_rows);
void fastvec_bias_step_f64(double *inc, int n, double momentum, double a, const double *pos, int pos_stride, int pos_rows,
	double b, const double *neg, int neg_stride, int neg_rows);
void fastvec_load_rows_f32(float *dst, int dst_stride, const double *src, long src_stride, const long *idx, int n, int cols);
void fastvec_load_rows_f64(double *dst, int dst_stride, const double *src, long src_stride, const long *idx, int n, int cols);
void fastvec_ais_hidden(const double *x, int rows, int cols, int stride, const double *c,
	double beta, double prev, double *h, int h_stride, double *dlogw, fastvec_stream *st);
void fastvec_ais_visible(double *v, int rows, int cols, int stride, const double *base, const double *b,
	double beta, fastvec_stream *st);
void fastvec_dot_rows(const double *x, int rows, int cols, int stride, const double *y, double *out);
void fastvec_sgd_step_f64(double *p, double *v, const double *g, long n, double scale, double lr, double mom, double decay);
const char *fastvec_isa(void);

#endif
