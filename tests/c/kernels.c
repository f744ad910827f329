// SPDX-License-Identifier: Apache-2.0
/* The C ABI's appended entry points from plain C, on the device named by argv[1]: each
 * result against a naive loop here, each rejected call for its status and for arrays left
 * byte-for-byte as they were. Arrays wrap this file's own buffers (no copies), so every
 * result is read straight from them. Exits 0 when every check passed. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lanes/lanes.h"

static int failures;
static lanes_device* device;

#define CHECK(cond)                                                                               \
  do {                                                                                            \
    if (!(cond)) {                                                                                \
      fprintf(stderr, "%s:%d: %s (last error: %s)\n", __FILE__, __LINE__, #cond, lanes_last_error()); \
      ++failures;                                                                                 \
    }                                                                                             \
  } while (0)

/* An array over data[0, n), freed at the end of main (up to 128 of them). */
static lanes_array* wrapped[128];
static int wrapped_count;
static lanes_array* wrap(lanes_dtype dtype, void* data, size_t n) {
  lanes_array* a = NULL;
  CHECK(lanes_array_wrap(device, dtype, data, n, &a) == LANES_OK);
  if (wrapped_count < 128) wrapped[wrapped_count++] = a;
  return a;
}

static int close_to(double got, double want, double tolerance) {
  return fabs(got - want) <= tolerance * (1.0 + fabs(want));
}

static size_t clamp_index(long i, size_t n) { return i < 0 ? 0 : (size_t)i >= n ? n - 1 : (size_t)i; }

static void test_wrap_and_data(void) {
  double x[5] = {3, -1, 4, -1, 5};
  lanes_array* a = wrap(LANES_F64, x, 5);
  void* where = NULL;
  CHECK(lanes_array_data(a, &where) == LANES_OK && where == (void*)x);
  CHECK(strcmp(lanes_device_kind(device), "cuda") != 0);
  CHECK(strcmp(lanes_device_kind(NULL), "") == 0);
  CHECK(lanes_sort(a) == LANES_OK);
  CHECK(x[0] == -1 && x[1] == -1 && x[2] == 3 && x[3] == 4 && x[4] == 5); /* sorted in place */
  lanes_array* none = NULL;
  CHECK(lanes_array_wrap(device, LANES_F64, NULL, 3, &none) == LANES_EINVAL && none == NULL);
  CHECK(lanes_array_wrap(device, (lanes_dtype)99, x, 3, &none) == LANES_EDTYPE);
  CHECK(lanes_array_wrap(device, LANES_F64, x, 3, NULL) == LANES_EINVAL);
  CHECK(lanes_array_data(NULL, &where) == LANES_EINVAL);
}

static void test_bytes_and_scans(void) {
  /* I8 and U8: sort, sum, min_max, exclusive scan (wrapping like unsigned arithmetic) */
  int8_t s[7] = {5, -128, 127, 0, -1, 5, 3};
  lanes_array* a = wrap(LANES_I8, s, 7);
  double sum = 0, lo = 0, hi = 0;
  CHECK(lanes_sum(a, &sum) == LANES_OK && sum == 11.0);
  CHECK(lanes_min_max(a, &lo, &hi) == LANES_OK && lo == -128.0 && hi == 127.0);
  CHECK(lanes_sort(a) == LANES_OK);
  const int8_t sorted[7] = {-128, -1, 0, 3, 5, 5, 127};
  CHECK(memcmp(s, sorted, sizeof s) == 0);

  uint8_t u[1001], scanned[1001];
  for (int i = 0; i < 1001; ++i) u[i] = (uint8_t)(i * 37 % 11);
  lanes_array* in = wrap(LANES_U8, u, 1001);
  lanes_array* out = wrap(LANES_U8, scanned, 1001);
  CHECK(lanes_exclusive_scan(in, out) == LANES_OK);
  uint8_t running = 0;
  int same = 1;
  for (int i = 0; i < 1001; ++i) {
    same &= scanned[i] == running;
    running = (uint8_t)(running + u[i]);
  }
  CHECK(same);
  CHECK(lanes_exclusive_scan(in, in) == LANES_OK); /* in place */
  CHECK(memcmp(u, scanned, sizeof u) == 0);
  double f[3];
  CHECK(lanes_exclusive_scan(in, wrap(LANES_F64, f, 3)) == LANES_EDTYPE);
  CHECK(lanes_exclusive_scan(in, wrap(LANES_U8, scanned, 1000)) == LANES_ESIZE);
}

static void test_gather_scatter(void) {
  double in[6] = {10, 11, 12, 13, 14, 15}, out[4] = {0}, back[6] = {0};
  int64_t where[4] = {5, 0, 0, 3};
  lanes_array *x = wrap(LANES_F64, in, 6), *idx = wrap(LANES_I64, where, 4), *o = wrap(LANES_F64, out, 4);
  CHECK(lanes_gather(x, idx, o) == LANES_OK);
  CHECK(out[0] == 15 && out[1] == 10 && out[2] == 10 && out[3] == 13);
  int64_t distinct[4] = {2, 5, 0, 1};
  double four[4] = {1, 2, 3, 4};
  CHECK(lanes_scatter(wrap(LANES_F64, four, 4), wrap(LANES_I64, distinct, 4), wrap(LANES_F64, back, 6)) ==
        LANES_OK);
  CHECK(back[2] == 1 && back[5] == 2 && back[0] == 3 && back[1] == 4 && back[3] == 0 && back[4] == 0);

  /* rejected: an index outside, a repeated index, I32 indices; out unchanged each time */
  double before[4];
  memcpy(before, out, sizeof out);
  where[2] = 6;
  CHECK(lanes_gather(x, idx, o) == LANES_EINVAL);
  where[2] = -1;
  CHECK(lanes_gather(x, idx, o) == LANES_EINVAL);
  CHECK(memcmp(before, out, sizeof out) == 0);
  double back_before[6];
  memcpy(back_before, back, sizeof back);
  int64_t repeated[4] = {1, 2, 1, 3};
  CHECK(lanes_scatter(wrap(LANES_F64, four, 4), wrap(LANES_I64, repeated, 4), wrap(LANES_F64, back, 6)) ==
        LANES_EINVAL);
  CHECK(memcmp(back_before, back, sizeof back) == 0);
  int32_t narrow[4] = {0, 1, 2, 3};
  CHECK(lanes_gather(x, wrap(LANES_I32, narrow, 4), o) == LANES_EDTYPE);
}

static void test_blas(void) {
  enum { m = 37, n = 19 };
  double a[m * n], x[n], y[m], want[m];
  for (int i = 0; i < m * n; ++i) a[i] = (double)((i * 13) % 17) - 8.0;
  for (int j = 0; j < n; ++j) x[j] = 0.5 * j - 3;
  for (int i = 0; i < m; ++i) y[i] = i;
  for (int i = 0; i < m; ++i) {
    double dot = 0;
    for (int j = 0; j < n; ++j) dot += a[i * n + j] * x[j];
    want[i] = 2.0 * dot - 0.5 * y[i];
  }
  lanes_array *am = wrap(LANES_F64, a, m * n), *ax = wrap(LANES_F64, x, n), *ay = wrap(LANES_F64, y, m);
  CHECK(lanes_gemv(m, n, 2.0, am, ax, -0.5, ay) == LANES_OK);
  int close = 1;
  for (int i = 0; i < m; ++i) close &= close_to(y[i], want[i], 1e-12);
  CHECK(close);
  double y_before[m];
  memcpy(y_before, y, sizeof y);
  CHECK(lanes_gemv(m, n + 1, 2.0, am, ax, -0.5, ay) == LANES_ESIZE); /* a is not m x (n + 1) */
  CHECK(lanes_gemv(m + 1, n, 2.0, am, ax, -0.5, ay) == LANES_ESIZE);
  CHECK(memcmp(y_before, y, sizeof y) == 0);

  float v[5] = {3, 4, 0, -0.0f, 12};
  lanes_array* av = wrap(LANES_F32, v, 5);
  double norm = 0;
  CHECK(lanes_nrm2(av, &norm) == LANES_OK && close_to(norm, 13.0, 1e-7));
  CHECK(lanes_scal(-2.0, av) == LANES_OK);
  CHECK(v[0] == -6 && v[1] == -8 && v[2] == 0 && v[4] == -24);
  double huge[2] = {3e300, 4e300}, tiny[2] = {3e-300, 4e-300};
  CHECK(lanes_nrm2(wrap(LANES_F64, huge, 2), &norm) == LANES_OK && close_to(norm, 5e300, 1e-15));
  CHECK(lanes_nrm2(wrap(LANES_F64, tiny, 2), &norm) == LANES_OK && close_to(norm / 1e-300, 5.0, 1e-15));
  CHECK(lanes_nrm2(wrap(LANES_F64, huge, 0), &norm) == LANES_OK && norm == 0.0);
  int32_t ints[2] = {1, 2};
  CHECK(lanes_scal(2.0, wrap(LANES_I32, ints, 2)) == LANES_EDTYPE && ints[0] == 1 && ints[1] == 2);
}

static void test_grids(void) {
  enum { rows = 13, cols = 29 };
  static double grid[rows * cols], scratch[rows * cols], want[rows * cols], next[rows * cols];
  for (int i = 0; i < rows * cols; ++i) grid[i] = want[i] = (double)((i * 7) % 23);
  for (int step = 0; step < 3; ++step) {
    memcpy(next, want, sizeof want);
    for (int i = 1; i < rows - 1; ++i)
      for (int j = 1; j < cols - 1; ++j)
        next[i * cols + j] = 0.25 * ((want[(i - 1) * cols + j] + want[(i + 1) * cols + j]) +
                                     (want[i * cols + j - 1] + want[i * cols + j + 1]));
    memcpy(want, next, sizeof want);
  }
  lanes_array *g = wrap(LANES_F64, grid, rows * cols), *s = wrap(LANES_F64, scratch, rows * cols);
  CHECK(lanes_stencil2d(rows, cols, 3, g, s) == LANES_OK);
  int close = 1;
  for (int i = 0; i < rows * cols; ++i) close &= close_to(grid[i], want[i], 1e-13);
  CHECK(close);
  CHECK(lanes_stencil2d(rows, cols, -1, g, s) == LANES_EINVAL);
  CHECK(lanes_stencil2d(rows, cols + 1, 1, g, s) == LANES_ESIZE);

  /* conv2d, 5 x 5, edges clamped */
  static float image[rows * cols], out[rows * cols];
  float filter[25];
  for (int i = 0; i < rows * cols; ++i) image[i] = (float)((i * 11) % 19) / 19.0f;
  for (int k = 0; k < 25; ++k) filter[k] = (float)(k % 7) / 10.0f - 0.2f;
  lanes_array *im = wrap(LANES_F32, image, rows * cols), *o = wrap(LANES_F32, out, rows * cols);
  CHECK(lanes_conv2d(rows, cols, im, 5, wrap(LANES_F32, filter, 25), o) == LANES_OK);
  close = 1;
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) {
      double sum = 0;
      for (int a = 0; a < 5; ++a)
        for (int b = 0; b < 5; ++b)
          sum += filter[a * 5 + b] * image[clamp_index(i + a - 2, rows) * cols + clamp_index(j + b - 2, cols)];
      close &= close_to(out[i * cols + j], sum, 1e-5);
    }
  CHECK(close);
  CHECK(lanes_conv2d(rows, cols, im, 4, wrap(LANES_F32, filter, 16), o) == LANES_EINVAL);
  CHECK(lanes_conv2d(rows, cols, im, 3, wrap(LANES_F32, filter, 25), o) == LANES_ESIZE);

  /* threshold and adaptive threshold give U8 masks */
  static uint8_t mask[rows * cols];
  CHECK(lanes_threshold(im, 0.5, wrap(LANES_U8, mask, rows * cols)) == LANES_OK);
  int right = 1;
  for (int i = 0; i < rows * cols; ++i) right &= mask[i] == (image[i] > 0.5f ? 255 : 0);
  CHECK(right);
  CHECK(lanes_adaptive_threshold(rows, cols, im, 3, 0.05, wrap(LANES_U8, mask, rows * cols)) == LANES_OK);
  int wrong = 0;
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) {
      double sum = 0;
      for (int a = -1; a <= 1; ++a)
        for (int b = -1; b <= 1; ++b) sum += image[clamp_index(i + a, rows) * cols + clamp_index(j + b, cols)];
      double margin = image[i * cols + j] - (sum / 9 - 0.05);
      if (fabs(margin) > 1e-5) wrong += mask[i * cols + j] != (margin > 0 ? 255 : 0);  /* not a tie */
    }
  CHECK(wrong == 0);
  CHECK(lanes_adaptive_threshold(rows, cols, im, 4, 0.05, wrap(LANES_U8, mask, rows * cols)) == LANES_EINVAL);
  CHECK(lanes_threshold(im, 0.5, wrap(LANES_I8, mask, rows * cols)) == LANES_EDTYPE);

  /* grayscale of interleaved RGB bytes */
  uint8_t rgb[3 * 7];
  float gray[7];
  for (int i = 0; i < 21; ++i) rgb[i] = (uint8_t)(i * 41 % 256);
  CHECK(lanes_grayscale(wrap(LANES_U8, rgb, 21), wrap(LANES_F32, gray, 7)) == LANES_OK);
  close = 1;
  for (int i = 0; i < 7; ++i) close &= close_to(gray[i], 0.299 * rgb[3 * i] + 0.587 * rgb[3 * i + 1] + 0.114 * rgb[3 * i + 2], 1e-6);
  CHECK(close);
  CHECK(lanes_grayscale(wrap(LANES_U8, rgb, 20), wrap(LANES_F32, gray, 7)) == LANES_ESIZE);
}

static void test_simulations(void) {
  /* mandelbrot: a naive escape count, exact away from the set's boundary */
  enum { width = 61, height = 43, max_iter = 200 };
  static uint32_t counts[width * height];
  CHECK(lanes_mandelbrot(width, height, -2.0, 1.0, -1.0, 1.0, max_iter, wrap(LANES_U32, counts, width * height)) ==
        LANES_OK);
  int agree = 0;
  for (int row = 0; row < height; ++row)
    for (int c = 0; c < width; ++c) {
      double cr = -2.0 + c * (3.0 / width), ci = -1.0 + row * (2.0 / height), zr = 0, zi = 0;
      uint32_t n = 0;
      while (n < max_iter && zr * zr + zi * zi <= 4) {
        double t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        ++n;
      }
      agree += counts[row * width + c] == n;
    }
  CHECK(agree >= width * height * 99 / 100); /* fused multiply-adds may move a boundary point */
  CHECK(counts[(height / 2) * width + 40] == max_iter); /* near 0 + 0i: never escapes */
  CHECK(lanes_mandelbrot(width, height, -2.0, 1.0, -1.0, 1.0, max_iter, wrap(LANES_U32, counts, 10)) == LANES_ESIZE);

  /* distance matrix of 9 points in 4-D */
  double points[9 * 4], distances[81];
  for (int i = 0; i < 36; ++i) points[i] = (double)((i * 5) % 13) - 6.0;
  CHECK(lanes_distance_matrix(9, 4, wrap(LANES_F64, points, 36), wrap(LANES_F64, distances, 81)) == LANES_OK);
  int close = 1;
  for (int i = 0; i < 9; ++i)
    for (int j = 0; j < 9; ++j) {
      double d2 = 0;
      for (int k = 0; k < 4; ++k) d2 += (points[i * 4 + k] - points[j * 4 + k]) * (points[i * 4 + k] - points[j * 4 + k]);
      close &= close_to(distances[i * 9 + j], sqrt(d2), 1e-13);
    }
  CHECK(close);
  CHECK(lanes_distance_matrix(9, 4, wrap(LANES_F64, points, 36), wrap(LANES_F64, distances, 80)) == LANES_ESIZE);

  /* one n-body step of 5 bodies */
  double pos[15], vel[15], mass[5], want_vel[15], want_pos[15];
  for (int i = 0; i < 15; ++i) {
    pos[i] = (double)((i * 7) % 5) - 2.0 + 0.1 * i;
    vel[i] = 0.01 * i;
  }
  for (int i = 0; i < 5; ++i) mass[i] = 1.0 + i;
  const double dt = 0.01, eps = 0.1;
  for (int i = 0; i < 5; ++i) {
    double acc[3] = {0, 0, 0};
    for (int j = 0; j < 5; ++j) {
      double d[3], r2 = eps * eps;
      for (int k = 0; k < 3; ++k) r2 += (d[k] = pos[3 * j + k] - pos[3 * i + k]) * d[k];
      for (int k = 0; k < 3; ++k) acc[k] += mass[j] / (r2 * sqrt(r2)) * d[k];
    }
    for (int k = 0; k < 3; ++k) want_vel[3 * i + k] = vel[3 * i + k] + acc[k] * dt;
  }
  for (int k = 0; k < 15; ++k) want_pos[k] = pos[k] + want_vel[k] * dt;
  lanes_array *p = wrap(LANES_F64, pos, 15), *v = wrap(LANES_F64, vel, 15), *w = wrap(LANES_F64, mass, 5);
  CHECK(lanes_nbody_step(dt, eps, p, v, w) == LANES_OK);
  close = 1;
  for (int k = 0; k < 15; ++k) close &= close_to(vel[k], want_vel[k], 1e-12) && close_to(pos[k], want_pos[k], 1e-12);
  CHECK(close);
  CHECK(lanes_nbody_step(dt, 0.0, p, v, w) == LANES_EINVAL);
  CHECK(lanes_nbody_step(dt, eps, p, v, wrap(LANES_F64, mass, 4)) == LANES_ESIZE);

  /* spmv: [[1 0 2] [0 0 0] [0 3 4]] times (1 2 3) */
  uint64_t offsets[4] = {0, 2, 2, 4};
  uint32_t columns[4] = {0, 2, 1, 2};
  double values[4] = {1, 2, 3, 4}, x[3] = {1, 2, 3}, y[3] = {-1, -1, -1};
  lanes_array *ao = wrap(LANES_U64, offsets, 4), *ac = wrap(LANES_U32, columns, 4);
  lanes_array *av = wrap(LANES_F64, values, 4), *ax = wrap(LANES_F64, x, 3), *ay = wrap(LANES_F64, y, 3);
  CHECK(lanes_spmv_csr(3, 3, ao, ac, av, ax, ay) == LANES_OK);
  CHECK(y[0] == 7 && y[1] == 0 && y[2] == 18);
  columns[3] = 3; /* outside the 3 columns: refused before y is written */
  y[0] = y[1] = y[2] = -1;
  CHECK(lanes_spmv_csr(3, 3, ao, ac, av, ax, ay) == LANES_EINVAL);
  CHECK(y[0] == -1 && y[1] == -1 && y[2] == -1);
  columns[3] = 2;
  offsets[2] = 5; /* not ascending */
  CHECK(lanes_spmv_csr(3, 3, ao, ac, av, ax, ay) == LANES_EINVAL);
}

static void test_sequences(void) {
  /* -0.0 and +0.0 are distinct runs; NaNs are one run, after everything else */
  double in[8] = {1, 1, -0.0, 0.0, 0.0, NAN, NAN, 2}, kept[8] = {0};
  size_t count = 0;
  CHECK(lanes_unique(wrap(LANES_F64, in, 8), wrap(LANES_F64, kept, 8), &count) == LANES_OK);
  CHECK(count == 5 && kept[0] == 1 && kept[1] == 0 && signbit(kept[1]) && kept[2] == 0 && !signbit(kept[2]) &&
        isnan(kept[3]) && kept[4] == 2 && kept[5] == 0);

  int32_t a[4] = {-3, 0, 0, 9}, b[3] = {0, 4, 10}, merged[7] = {0};
  CHECK(lanes_merge(wrap(LANES_I32, a, 4), wrap(LANES_I32, b, 3), wrap(LANES_I32, merged, 7)) == LANES_OK);
  const int32_t want[7] = {-3, 0, 0, 0, 4, 9, 10};
  CHECK(memcmp(merged, want, sizeof want) == 0);
  /* merge_by_key: each value goes with its key; of equal keys, a's first */
  uint8_t a_tags[4] = {1, 2, 3, 4}, b_tags[3] = {5, 6, 7}, merged_tags[7] = {0};
  CHECK(lanes_merge_by_key(wrap(LANES_I32, a, 4), wrap(LANES_U8, a_tags, 4), wrap(LANES_I32, b, 3),
                           wrap(LANES_U8, b_tags, 3), wrap(LANES_I32, merged, 7), wrap(LANES_U8, merged_tags, 7)) ==
        LANES_OK);
  const uint8_t want_tags[7] = {1, 2, 3, 5, 6, 4, 7};
  CHECK(memcmp(merged, want, sizeof want) == 0 && memcmp(merged_tags, want_tags, sizeof want_tags) == 0);

  int32_t needles[4] = {-5, 0, 5, 99};
  int64_t lower[4] = {0}, upper[4] = {0};
  lanes_array *sorted = wrap(LANES_I32, a, 4), *ns = wrap(LANES_I32, needles, 4);
  CHECK(lanes_lower_bound(sorted, ns, wrap(LANES_I64, lower, 4)) == LANES_OK);
  CHECK(lanes_upper_bound(sorted, ns, wrap(LANES_I64, upper, 4)) == LANES_OK);
  CHECK(lower[0] == 0 && lower[1] == 1 && lower[2] == 3 && lower[3] == 4);
  CHECK(upper[0] == 0 && upper[1] == 3 && upper[2] == 3 && upper[3] == 4);
  CHECK(lanes_lower_bound(sorted, ns, wrap(LANES_I32, merged, 4)) == LANES_EDTYPE);
  CHECK(memcmp(merged, want, sizeof want) == 0);

  uint8_t bytes[5] = {1, 2, 3, 4, 5};
  CHECK(lanes_reverse(wrap(LANES_U8, bytes, 5)) == LANES_OK);
  CHECK(bytes[0] == 5 && bytes[1] == 4 && bytes[2] == 3 && bytes[3] == 2 && bytes[4] == 1);

  int64_t values[3] = {INT64_MIN, INT64_MAX, 5}, steps[3] = {0};
  CHECK(lanes_adjacent_difference(wrap(LANES_I64, values, 3), wrap(LANES_I64, steps, 3)) == LANES_OK);
  CHECK(steps[0] == INT64_MIN && steps[1] == -1 && steps[2] == INT64_MIN + 6); /* wrapped modulo 2^64 */

  int32_t keys[6] = {7, 7, -1, 7, 7, 7}, heads[6] = {0};
  double amounts[6] = {0.5, 1, 2, 4, 8, 16}, sums[6] = {0};
  size_t runs = 0;
  CHECK(lanes_reduce_by_key(wrap(LANES_I32, keys, 6), wrap(LANES_F64, amounts, 6), wrap(LANES_I32, heads, 6),
                            wrap(LANES_F64, sums, 6), &runs) == LANES_OK);
  CHECK(runs == 3 && heads[0] == 7 && heads[1] == -1 && heads[2] == 7 && heads[3] == 0);
  CHECK(sums[0] == 1.5 && sums[1] == 2 && sums[2] == 28 && sums[3] == 0);

  float tags[6] = {1, 2, 3, 4, 5, 6}, kept_tags[6] = {0};
  int32_t kept_keys[6] = {0};
  size_t kept_runs = 0;
  CHECK(lanes_unique_by_key(wrap(LANES_I32, keys, 6), wrap(LANES_F32, tags, 6), wrap(LANES_I32, kept_keys, 6),
                            wrap(LANES_F32, kept_tags, 6), &kept_runs) == LANES_OK);
  CHECK(kept_runs == 3 && kept_keys[0] == 7 && kept_keys[1] == -1 && kept_keys[2] == 7 && kept_keys[3] == 0);
  CHECK(kept_tags[0] == 1 && kept_tags[1] == 3 && kept_tags[2] == 4 && kept_tags[3] == 0);
}

static void test_random(void) {
  enum { n = 1000 };
  static float whole[n], pieces[n];
  CHECK(lanes_random_uniform(wrap(LANES_F32, whole, n), 42, 1, 0, -1, 1) == LANES_OK);
  CHECK(lanes_random_uniform(wrap(LANES_F32, pieces, 333), 42, 1, 0, -1, 1) == LANES_OK);
  CHECK(lanes_random_uniform(wrap(LANES_F32, pieces + 333, n - 333), 42, 1, 333, -1, 1) == LANES_OK);
  CHECK(memcmp(whole, pieces, sizeof whole) == 0);
  int inside = 1;
  double sum = 0;
  for (int i = 0; i < n; ++i) inside &= whole[i] >= -1 && whole[i] < 1, sum += whole[i];
  CHECK(inside && fabs(sum / n) < 0.1); /* the mean's sd: 0.018 */
  double coins[n];
  CHECK(lanes_random_bernoulli(wrap(LANES_F64, coins, n), 42, 1, 0, 0) == LANES_OK);
  int zeros = 1;
  for (int i = 0; i < n; ++i) zeros &= coins[i] == 0;
  CHECK(zeros);
  memcpy(pieces, whole, sizeof whole);
  CHECK(lanes_random_normal(wrap(LANES_F32, whole, n), 42, 1, 0, 0, -1) == LANES_EINVAL);
  CHECK(memcmp(whole, pieces, sizeof whole) == 0);
}

int main(int argc, char** argv) {
  const char* spec = argc > 1 ? argv[1] : "cpu";
  if (lanes_device_open(spec, &device) != LANES_OK) {
    fprintf(stderr, "cannot open %s: %s\n", spec, lanes_last_error());
    return 1;
  }
  test_wrap_and_data();
  test_bytes_and_scans();
  test_gather_scatter();
  test_blas();
  test_grids();
  test_simulations();
  test_sequences();
  test_random();
  for (int i = 0; i < wrapped_count; ++i) lanes_array_free(wrapped[i]);
  lanes_device_close(device);
  printf("C ABI kernels on %s: %d failed checks\n", spec, failures);
  return failures == 0 ? 0 : 1;
}
