/* words: the reactor of the WordCounter example. A word-frequency table that lives in the guest's
 * memory for the reactor's whole life: every add_word call updates it, queries read it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define CAPACITY 8192 /* open addressing; more distinct words than CAPACITY / 2 are refused */

typedef struct {
  char *word;
  int32_t len;
  int32_t count;
} entry;

static entry table[CAPACITY];
static int32_t distinct;
static int64_t total;

static uint32_t hash(const char *s, int32_t len) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (int32_t i = 0; i < len; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
  return h;
}

static entry *find(const char *s, int32_t len, int create) {
  for (uint32_t i = hash(s, len) % CAPACITY;; i = (i + 1) % CAPACITY) {
    entry *e = &table[i];
    if (!e->word) {
      if (!create || distinct >= CAPACITY / 2) return NULL;
      e->word = malloc(len ? (size_t)len : 1);
      memcpy(e->word, s, (size_t)len);
      e->len = len;
      distinct++;
      return e;
    }
    if (e->len == len && memcmp(e->word, s, (size_t)len) == 0) return e;
  }
}

/* Counts one occurrence; returns the word's count so far, or -1 when the table is full. */
EXPORT("add_word") int32_t add_word(const char *s, int32_t len) {
  entry *e = find(s, len, 1);
  if (!e) return -1;
  total++;
  return ++e->count;
}

EXPORT("count_of") int32_t count_of(const char *s, int32_t len) {
  entry *e = find(s, len, 0);
  return e ? e->count : 0;
}

EXPORT("distinct") int32_t distinct_words(void) { return distinct; }

EXPORT("total") int64_t total_words(void) { return total; }

/* The most frequent word as "word=count" (ties: the first found), packed ptr | len << 32. */
EXPORT("top") int64_t top(void) {
  entry *best = NULL;
  for (int32_t i = 0; i < CAPACITY; i++)
    if (table[i].word && (!best || table[i].count > best->count)) best = &table[i];
  char buf[300];
  int n = best ? snprintf(buf, sizeof buf, "%.*s=%d", best->len > 255 ? 255 : best->len, best->word, best->count) : 0;
  char *out = malloc(n ? (size_t)n : 1);
  memcpy(out, buf, (size_t)n);
  return (int64_t)(uint32_t)(uintptr_t)out | ((int64_t)n << 32);
}
