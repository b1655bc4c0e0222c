/* A WASI reactor for ReactorHost's reactor benchmarks: an empty export, a pure export, a loop
 * calling an imported host function, and cabi_realloc as the guest allocator (the canonical-ABI
 * allocator, preferred by WasiReactor over malloc/free). */
#include <stdint.h>
#include <stdlib.h>

#define EXPORT(name) __attribute__((export_name(name)))

__attribute__((import_module("env"), import_name("host_inc"))) int32_t host_inc(int32_t);

EXPORT("nop") void nop(void) {}

EXPORT("add") int32_t add(int32_t a, int32_t b) { return a + b; }

/* Calls the host n times, feeding each result back in; returns the last result. */
EXPORT("host_loop") int32_t host_loop(int32_t n) {
  int32_t x = 0;
  for (int32_t i = 0; i < n; i++) x = host_inc(x);
  return x;
}

/* Counts the bytes equal to 'a' (a string-argument export on the cabi_realloc path). */
EXPORT("count_a") int32_t count_a(const char *s, int32_t len) {
  int32_t n = 0;
  for (int32_t i = 0; i < len; i++) n += s[i] == 'a';
  return n;
}

EXPORT("cabi_realloc") void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  (void)old_size;
  (void)align; /* malloc's alignment (16) covers every canonical-ABI alignment */
  return realloc(old, new_size);
}
