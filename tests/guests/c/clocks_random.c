/* clocks_random: clock_res_get, clock_time_get, random_get, sched_yield.
 * Invocation: no arguments beyond argv[0], no env, no preopens. */
#include "check.h"

RAW_IMPORT(clock_res_get) int32_t raw_clock_res_get(int32_t id, int32_t res_ptr);
RAW_IMPORT(clock_time_get) int32_t raw_clock_time_get(int32_t id, int64_t precision, int32_t time_ptr);
RAW_IMPORT(random_get) int32_t raw_random_get(int32_t buf, int32_t len);

static uint32_t memory_end(void) { return (uint32_t)__builtin_wasm_memory_size(0) * 65536u; }

static uint64_t now(__wasi_clockid_t id) {
    __wasi_timestamp_t t = 0;
    if (__wasi_clock_time_get(id, 1, &t) != 0) return 0;
    return t;
}

int main(void) {
    static const struct { __wasi_clockid_t id; const char *res_name; const char *time_name; } clocks[] = {
        {__WASI_CLOCKID_REALTIME, "clock_res_get_realtime", "clock_time_get_realtime"},
        {__WASI_CLOCKID_MONOTONIC, "clock_res_get_monotonic", "clock_time_get_monotonic"},
        {__WASI_CLOCKID_PROCESS_CPUTIME_ID, "clock_res_get_process_cputime", "clock_time_get_process_cputime"},
        {__WASI_CLOCKID_THREAD_CPUTIME_ID, "clock_res_get_thread_cputime", "clock_time_get_thread_cputime"},
    };
    for (size_t i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
        __wasi_timestamp_t res = 0;
        __wasi_errno_t e = __wasi_clock_res_get(clocks[i].id, &res);
        /* A resolution is positive and at most one second for every clock we support. */
        check_line(e == 0 && res > 0 && res <= 1000000000ull, clocks[i].res_name,
                   "errno %s, resolution %llu ns", errno_name(e), (unsigned long long)res);
        __wasi_timestamp_t t = 0;
        e = __wasi_clock_time_get(clocks[i].id, 0, &t);
        check_line(e == 0, clocks[i].time_name, "errno %s", errno_name(e));
    }

    /* realtime plausible: between 2020-01-01 and 2100-01-01 (nanoseconds since the epoch) */
    uint64_t rt = now(__WASI_CLOCKID_REALTIME);
    check_line(rt > 1577836800ull * 1000000000ull && rt < 4102444800ull * 1000000000ull,
               "realtime_plausible", "realtime %llu ns", (unsigned long long)rt);

    /* monotonic never decreases and advances across a busy wait */
    uint64_t prev = now(__WASI_CLOCKID_MONOTONIC), first = prev;
    int monotone = prev != 0;
    for (int i = 0; i < 10000 && monotone; i++) {
        uint64_t t = now(__WASI_CLOCKID_MONOTONIC);
        monotone = t >= prev;
        prev = t;
    }
    expect_true("monotonic_nondecreasing", monotone, "monotonic clock went backwards");
    uint64_t spin_start = now(__WASI_CLOCKID_MONOTONIC), t = spin_start;
    while (t - spin_start < 2000000ull && t >= spin_start) t = now(__WASI_CLOCKID_MONOTONIC);
    check_line(t - spin_start >= 2000000ull && t > first, "monotonic_advances",
               "advanced only %llu ns", (unsigned long long)(t - spin_start));

    /* process cputime advances while we spin */
    uint64_t c0 = now(__WASI_CLOCKID_PROCESS_CPUTIME_ID);
    volatile uint64_t sink = 0;
    uint64_t s0 = now(__WASI_CLOCKID_MONOTONIC);
    while (now(__WASI_CLOCKID_MONOTONIC) - s0 < 5000000ull) sink += 1;
    uint64_t c1 = now(__WASI_CLOCKID_PROCESS_CPUTIME_ID);
    check_line(c1 > c0, "process_cputime_advances", "cputime %llu -> %llu",
               (unsigned long long)c0, (unsigned long long)c1);

    /* invalid clock ids */
    __wasi_timestamp_t dummy;
    expect_errno("clock_res_get_einval", __wasi_clock_res_get(99, &dummy), __WASI_ERRNO_INVAL);
    expect_errno("clock_time_get_einval", __wasi_clock_time_get(99, 1, &dummy), __WASI_ERRNO_INVAL);
    expect_errno("clock_res_get_efault", raw_clock_res_get(__WASI_CLOCKID_MONOTONIC, -4),
                 __WASI_ERRNO_FAULT);
    expect_errno("clock_time_get_efault",
                 raw_clock_time_get(__WASI_CLOCKID_REALTIME, 1, (int32_t)memory_end() - 7),
                 __WASI_ERRNO_FAULT);

    /* random_get: fills the buffer, two draws differ, zero length is fine */
    uint8_t a[64], b[64];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    expect_ok("random_get", __wasi_random_get(a, sizeof a));
    expect_ok("random_get_again", __wasi_random_get(b, sizeof b));
    int nonzero = 0;
    for (size_t i = 0; i < sizeof a; i++) nonzero += a[i] != 0;
    check_line(nonzero > 32, "random_get_fills", "only %d of 64 bytes non-zero", nonzero);
    expect_true("random_get_differs", memcmp(a, b, sizeof a) != 0, "two draws are identical");
    expect_ok("random_get_zero_length", __wasi_random_get(a, 0));
    static uint8_t big[100000];
    expect_ok("random_get_large", __wasi_random_get(big, sizeof big));
    int big_nonzero = 0;
    for (size_t i = sizeof big - 64; i < sizeof big; i++) big_nonzero += big[i] != 0;
    check_line(big_nonzero > 32, "random_get_large_fills_tail", "tail has %d non-zero", big_nonzero);
    expect_errno("random_get_efault", raw_random_get((int32_t)memory_end() - 8, 16),
                 __WASI_ERRNO_FAULT);

    expect_ok("sched_yield", __wasi_sched_yield());
    (void)sink;
    return finish();
}
