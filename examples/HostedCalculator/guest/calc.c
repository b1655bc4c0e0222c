/* calc: the reactor of the HostedCalculator example. Pure exports (add, fib), a call counter kept
 * across calls, and stderr output that the hosting layer turns into log entries. */
#include <stdint.h>
#include <stdio.h>

#define EXPORT(name) __attribute__((export_name(name)))

static int32_t calls;

/* Runs once, from _initialize, before the host serves any call. */
__attribute__((constructor)) static void on_initialize(void) { fprintf(stderr, "calc: initialised\n"); }

EXPORT("add") int32_t add(int32_t a, int32_t b) {
  calls++;
  return a + b;
}

/* The n-th Fibonacci number (wraps past n = 92). */
EXPORT("fib") int64_t fib(int32_t n) {
  calls++;
  int64_t a = 0, b = 1;
  for (int32_t i = 0; i < n; i++) {
    int64_t t = a + b;
    a = b;
    b = t;
  }
  return a;
}

EXPORT("calls") int32_t calls_so_far(void) { return calls; }

/* Writes a summary line to stderr (the host logs it under ReactorHost.Guests.calc). */
EXPORT("report") void report(void) { fprintf(stderr, "calc: %d calls served\n", calls); }
