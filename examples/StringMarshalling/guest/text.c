/* text: the reactor of the StringMarshalling example. Strings cross as (ptr, len) UTF-8 arguments
 * and come back as malloc'd buffers packed in one i64 (ptr | len << 32), which the host frees with
 * the exported free. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))

static int64_t pack(const char *ptr, uint32_t len) { return (int64_t)(uint32_t)(uintptr_t)ptr | ((int64_t)len << 32); }

static int64_t copy_out(const char *s, size_t len) {
  char *out = malloc(len ? len : 1);
  memcpy(out, s, len);
  return pack(out, (uint32_t)len);
}

/* string -> string: ASCII upper case. */
EXPORT("upper") int64_t upper(const char *s, int32_t len) {
  char *out = malloc(len ? (size_t)len : 1);
  for (int32_t i = 0; i < len; i++) out[i] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 32) : s[i];
  return pack(out, (uint32_t)len);
}

/* string -> string: a greeting built with snprintf (UTF-8 passes through untouched). */
EXPORT("greet") int64_t greet(const char *name, int32_t len) {
  char buf[512];
  int n = snprintf(buf, sizeof buf, "Hello, %.*s! (%d bytes of UTF-8)", len, name, len);
  return copy_out(buf, n < (int)sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* string -> number: how many ASCII vowels. */
EXPORT("count_vowels") int32_t count_vowels(const char *s, int32_t len) {
  int32_t n = 0;
  for (int32_t i = 0; i < len; i++) n += strchr("aeiouAEIOU", s[i]) != NULL && s[i] != 0;
  return n;
}

/* (string, count) -> string: the text repeated, separated by spaces. */
EXPORT("repeat") int64_t repeat(const char *s, int32_t len, int32_t count) {
  if (count <= 0) return copy_out("", 0);
  size_t total = (size_t)len * (size_t)count + (size_t)(count - 1);
  char *out = malloc(total ? total : 1), *p = out;
  for (int32_t i = 0; i < count; i++) {
    if (i) *p++ = ' ';
    memcpy(p, s, (size_t)len);
    p += len;
  }
  return pack(out, (uint32_t)total);
}

/* number -> string. */
EXPORT("describe") int64_t describe(int32_t n) {
  char buf[128];
  int k = snprintf(buf, sizeof buf, "%d is %s and its square is %lld", n, n % 2 ? "odd" : "even", (long long)n * n);
  return copy_out(buf, (size_t)k);
}
