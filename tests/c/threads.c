// SPDX-License-Identifier: Apache-2.0
/* The C ABI from 16 threads at once: each thread has its own arrays on one shared device
 * and mixes good calls (checked against naive loops) with bad ones (checked for their
 * status and their own thread's message); all of them slice one shared array. Exits 0
 * when every check passed. With a second argument, a trace into that file starts and
 * stops while the threads run. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lanes/lanes.h"

enum { threads = 16, rounds = 20 };

static lanes_device* shared_device;
enum { shared_n = threads * 100 + rounds + 50 };
static lanes_array* shared_array; /* element i is i */

struct job {
  int index;
  int failures;
};

#define CHECK(cond)                                                                      \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      fprintf(stderr, "thread %d: %s:%d: %s (%s)\n", job->index, __FILE__, __LINE__, #cond, \
              lanes_last_error());                                                       \
      ++job->failures;                                                                   \
    }                                                                                    \
  } while (0)

static int compare_doubles(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}

static void* work(void* arg) {
  struct job* job = arg;
  size_t n = 1000 + 977 * (size_t)job->index; /* a different, odd-ish size per thread */
  double* x = malloc(n * sizeof(double));
  double* y = malloc(n * sizeof(double));
  double* back = malloc(n * sizeof(double));
  for (int round = 0; round < rounds && x && y && back; ++round) {
    for (size_t i = 0; i < n; ++i) {
      x[i] = (double)((i * 7919 + (size_t)job->index * 31 + (size_t)round) % 1000);
      y[i] = (double)i;
    }
    lanes_array *ax = NULL, *ay = NULL, *bad = NULL;
    CHECK(lanes_array_from_host(shared_device, LANES_F64, x, n, &ax) == LANES_OK);
    CHECK(lanes_array_from_host(shared_device, LANES_F64, y, n, &ay) == LANES_OK);
    CHECK(lanes_array_create(shared_device, LANES_F32, n + 1, &bad) == LANES_OK);

    /* Good: y = 2 x + y, its sum, and a sort of x. */
    CHECK(lanes_axpy(2.0, ax, ay) == LANES_OK);
    double sum = -1, expected = 0;
    for (size_t i = 0; i < n; ++i) expected += 2.0 * x[i] + y[i];
    CHECK(lanes_sum(ay, &sum) == LANES_OK);
    CHECK(fabs(sum - expected) <= 1e-9 * fabs(expected));
    CHECK(lanes_sort(ax) == LANES_OK);
    CHECK(lanes_array_to_host(ax, back, n) == LANES_OK);
    qsort(x, n, sizeof(double), compare_doubles);
    CHECK(memcmp(back, x, n * sizeof(double)) == 0);

    /* Bad: each fails with its status and leaves this thread's own message. */
    CHECK(lanes_axpy(1.0, ax, bad) == LANES_EDTYPE);
    CHECK(strstr(lanes_last_error(), "lanes_axpy: x has dtype F64 but y has F32") != NULL);
    CHECK(lanes_sum(NULL, &sum) == LANES_EINVAL);
    CHECK(strcmp(lanes_last_error(), "lanes_sum: x is NULL") == 0);
    CHECK(lanes_array_to_host(ay, back, n - 1) == LANES_ESIZE);
    CHECK(strstr(lanes_last_error(), "lanes_array_to_host: dst holds") != NULL);
    CHECK(lanes_array_create(shared_device, (lanes_dtype)(100 + job->index), 1, &bad) == LANES_EDTYPE);

    /* Its own part of the shared array, as a slice (the owner's count shared by every
     * thread), copied to an array of its own and read back. */
    lanes_array *part = NULL, *mine = NULL, *none = NULL;
    const size_t begin = (size_t)job->index * 100 + (size_t)round;
    CHECK(lanes_array_slice(shared_array, begin, 50, &part) == LANES_OK);
    CHECK(lanes_array_create(shared_device, LANES_F64, 50, &mine) == LANES_OK);
    CHECK(lanes_array_copy(part, mine) == LANES_OK);
    CHECK(lanes_array_to_host(mine, back, 50) == LANES_OK);
    for (size_t i = 0; i < 50; ++i) CHECK(back[i] == (double)(begin + i));
    CHECK(lanes_array_slice(shared_array, shared_n, 1, &none) == LANES_ESIZE && none == NULL);
    lanes_array_free(part);
    lanes_array_free(mine);

    lanes_array_free(ax);
    lanes_array_free(ay);
    lanes_array_free(bad);
  }
  free(x);
  free(y);
  free(back);
  return NULL;
}

int main(int argc, char** argv) {
  const char* spec = argc > 1 ? argv[1] : "cpu";
  if (lanes_device_open(spec, &shared_device) != LANES_OK) {
    fprintf(stderr, "cannot open %s: %s\n", spec, lanes_last_error());
    return 1;
  }
  double values[shared_n];
  for (int i = 0; i < shared_n; ++i) values[i] = i;
  if (lanes_array_from_host(shared_device, LANES_F64, values, shared_n, &shared_array) != LANES_OK) {
    fprintf(stderr, "cannot make the shared array: %s\n", lanes_last_error());
    return 1;
  }
  pthread_t ids[threads];
  struct job jobs[threads];
  for (int t = 0; t < threads; ++t) {
    jobs[t].index = t;
    jobs[t].failures = 0;
    if (pthread_create(&ids[t], NULL, work, &jobs[t]) != 0) {
      fprintf(stderr, "pthread_create failed\n");
      return 1;
    }
  }
  int failures = 0;
  const char* trace = argc > 2 ? argv[2] : NULL;
  if (trace && lanes_trace_start(trace) != LANES_OK) {
    fprintf(stderr, "lanes_trace_start: %s\n", lanes_last_error());
    ++failures;
  }
  if (trace && lanes_trace_stop() != LANES_OK) {
    fprintf(stderr, "lanes_trace_stop: %s\n", lanes_last_error());
    ++failures;
  }
  if (trace && lanes_trace_start(trace) != LANES_OK) ++failures;  /* again, the threads still running */
  for (int t = 0; t < threads; ++t) {
    pthread_join(ids[t], NULL);
    failures += jobs[t].failures;
  }
  if (trace && lanes_trace_stop() != LANES_OK) {
    fprintf(stderr, "lanes_trace_stop: %s\n", lanes_last_error());
    ++failures;
  }
  lanes_array_free(shared_array);
  lanes_device_close(shared_device);
  printf("%d threads x %d rounds on %s: %d failed checks\n", threads, rounds, spec, failures);
  return failures == 0 ? 0 : 1;
}
