// SPDX-License-Identifier: Apache-2.0
/* A C host app: offloads an array to the device "auto" picks through the C ABI, sorts it,
 * and checks what comes back. Every call's status is checked. */
#include <stdio.h>
#include <stdlib.h>

#include <lanes/lanes.h>

#define TRY(call)                                                     \
  do {                                                                \
    if ((call) != LANES_OK) {                                         \
      fprintf(stderr, "%s failed: %s\n", #call, lanes_last_error()); \
      return 1;                                                       \
    }                                                                 \
  } while (0)

int main(void) {
  enum { n = 100000 };
  static float host[n];
  for (int i = 0; i < n; ++i) host[i] = (float)((i * 7919) % n); /* a permutation of 0..n-1 */
  lanes_device* device = NULL;
  TRY(lanes_device_open("auto", &device));
  printf("device: %s\n", lanes_device_name(device));
  lanes_array* keys = NULL;
  TRY(lanes_array_from_host(device, LANES_F32, host, n, &keys));
  TRY(lanes_sort(keys));
  double sum = 0;
  TRY(lanes_sum(keys, &sum));
  TRY(lanes_array_to_host(keys, host, n));
  int sorted = 1;
  for (int i = 0; i < n; ++i) sorted &= host[i] == (float)i;
  lanes_array_free(keys);
  lanes_device_close(device);
  int ok = sorted && sum == (double)n * (n - 1) / 2;
  printf("sorted %d keys, sum %.0f (%s)\n", n, sum, ok ? "checked" : "WRONG");
  return ok ? 0 : 1;
}
