/* A WASI reactor (-mexec-model=reactor) for ReactorHost's WasiReactor tests: pure and stateful
 * exports, string/byte marshalling in the (ptr, len) convention, a trap, an endless loop and a
 * blocking read. Exports malloc/free (linked with --export) as the guest allocator. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXPORT(name) __attribute__((export_name(name)))

static int init_calls; /* incremented by the constructor _initialize runs */
static int64_t total;
static int32_t sequences[1024];

__attribute__((constructor)) static void on_initialize(void) { init_calls++; }

EXPORT("init_calls") int32_t init_calls_export(void) { return init_calls; }

EXPORT("add") int32_t add(int32_t a, int32_t b) { return a + b; }

EXPORT("add64") int64_t add64(int64_t a, int64_t b) { return a + b; }

EXPORT("scale") double scale(double x, float f) { return x * f; }

/* Next sequence number of caller `id` (0-based, per caller). */
EXPORT("next_seq") int32_t next_seq(int32_t id) { return sequences[id & 1023]++; }

/* Adds `value` to the running total and returns the new total. */
EXPORT("accumulate") int64_t accumulate(int32_t value) { return total += value; }

EXPORT("reset") void reset(void) { total = 0; }

static int64_t pack(const void *ptr, uint32_t len) { return (int64_t)(uint32_t)(uintptr_t)ptr | ((int64_t)len << 32); }

static char *upper_copy(const char *s, int32_t len) {
  char *out = malloc(len ? (size_t)len : 1);
  for (int32_t i = 0; i < len; i++) {
    char c = s[i];
    out[i] = c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
  }
  return out;
}

/* Upper-cases ASCII letters; returns a malloc'd copy packed as ptr | len << 32. */
EXPORT("upper") int64_t upper(const char *s, int32_t len) { return pack(upper_copy(s, len), (uint32_t)len); }

/* Same, returning a pointer to a static {ptr, len} pair (the result-pointer convention). */
static uint32_t result_pair[2];
EXPORT("upper_ret") uint32_t *upper_ret(const char *s, int32_t len) {
  result_pair[0] = (uint32_t)(uintptr_t)upper_copy(s, len);
  result_pair[1] = (uint32_t)len;
  return result_pair;
}

/* Reverses bytes into a malloc'd copy packed as ptr | len << 32. */
EXPORT("reverse") int64_t reverse(const uint8_t *p, int32_t len) {
  uint8_t *out = malloc(len ? (size_t)len : 1);
  for (int32_t i = 0; i < len; i++) out[i] = p[len - 1 - i];
  return pack(out, (uint32_t)len);
}

/* Sum of the bytes (checks a byte-array argument). */
EXPORT("sum_bytes") int32_t sum_bytes(const uint8_t *p, int32_t len) {
  int32_t sum = 0;
  for (int32_t i = 0; i < len; i++) sum += p[i];
  return sum;
}

EXPORT("trap") void trap(void) { __builtin_trap(); }

static volatile int32_t forever = 1;
/* Never returns on its own: only an interrupt stops it. */
EXPORT("spin") int32_t spin(void) {
  int32_t n = 0;
  while (forever) n++;
  return n;
}

/* Reads stdin once; returns the byte count or -errno (ECANCELED when the host cancelled it). */
EXPORT("read_stdin") int32_t read_stdin(void) {
  char buf[64];
  ssize_t n = read(0, buf, sizeof buf);
  return n < 0 ? -errno : (int32_t)n;
}

EXPORT("ecanceled") int32_t ecanceled(void) { return ECANCELED; }
