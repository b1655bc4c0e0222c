/* poll: poll_oneoff with clock subscriptions (relative ~10 ms: elapsed is measured, absolute
 * deadline, several clocks where only the earliest fires), fd_read/fd_write readiness (stdout,
 * a regular file in /sandbox: ready at once), mixed fd + long clock (returns at once), error
 * handling (0 subscriptions -> EINVAL, unknown fd -> EBADF in the call or in the event, bad
 * clock id, pointers outside memory -> EFAULT).
 * Invocation: preopen /sandbox (read-write, empty); stdout may be a pipe, file or tty. */
#include "check.h"

RAW_IMPORT(poll_oneoff) int32_t raw_poll_oneoff(int32_t in, int32_t out, int32_t nsubs, int32_t nevents);

static uint64_t mono(void) {
    __wasi_timestamp_t t = 0;
    __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t);
    return t;
}

static __wasi_subscription_t clock_sub(uint64_t userdata, __wasi_clockid_t id, uint64_t timeout, int abs) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = __WASI_EVENTTYPE_CLOCK;
    s.u.u.clock.id = id;
    s.u.u.clock.timeout = timeout;
    s.u.u.clock.precision = 0;
    s.u.u.clock.flags = abs ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
    return s;
}

static __wasi_subscription_t fd_sub(uint64_t userdata, __wasi_eventtype_t type, __wasi_fd_t fd) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = type;
    if (type == __WASI_EVENTTYPE_FD_READ) s.u.u.fd_read.file_descriptor = fd;
    else s.u.u.fd_write.file_descriptor = fd;
    return s;
}

static const __wasi_event_t *find_event(const __wasi_event_t *ev, __wasi_size_t n, uint64_t userdata) {
    for (__wasi_size_t i = 0; i < n; i++)
        if (ev[i].userdata == userdata) return &ev[i];
    return NULL;
}

int main(void) {
    __wasi_event_t ev[8];
    __wasi_size_t n = 0;
    __wasi_errno_t e;

    /* relative monotonic timeout: at least 10 ms must pass */
    __wasi_subscription_t s1 = clock_sub(0x1111, __WASI_CLOCKID_MONOTONIC, 10000000ull, 0);
    uint64_t t0 = mono();
    e = __wasi_poll_oneoff(&s1, ev, 1, &n);
    uint64_t dt = mono() - t0;
    expect_ok("poll_oneoff_clock_relative", e);
    check_line(n == 1 && ev[0].userdata == 0x1111 && ev[0].type == __WASI_EVENTTYPE_CLOCK && ev[0].error == 0,
               "poll_oneoff_clock_event", "n=%u userdata=%llx type=%d error=%d", (unsigned)n,
               (unsigned long long)ev[0].userdata, ev[0].type, ev[0].error);
    check_line(dt >= 10000000ull && dt < 2000000000ull, "poll_oneoff_clock_elapsed_10ms", "elapsed %llu ns",
               (unsigned long long)dt);

    /* absolute monotonic deadline 15 ms from now, with a 1 s relative safety net so a runtime
     * that misreads abstime cannot hang the guest */
    uint64_t deadline = mono() + 15000000ull;
    __wasi_subscription_t s2[2] = {clock_sub(0x2222, __WASI_CLOCKID_MONOTONIC, deadline, 1),
                                   clock_sub(0x2223, __WASI_CLOCKID_MONOTONIC, 1000000000ull, 0)};
    e = __wasi_poll_oneoff(s2, ev, 2, &n);
    uint64_t after = mono();
    check_line(e == 0 && n == 1 && ev[0].userdata == 0x2222, "poll_oneoff_clock_absolute", "errno %s n=%u userdata %llx",
               errno_name(e), (unsigned)n, (unsigned long long)ev[0].userdata);
    check_line(after >= deadline && after - deadline < 2000000000ull, "poll_oneoff_clock_absolute_waited",
               "woke %lld ns relative to the deadline", (long long)(after - deadline));

    /* realtime relative clock */
    __wasi_subscription_t s3 = clock_sub(0x3333, __WASI_CLOCKID_REALTIME, 5000000ull, 0);
    t0 = mono();
    e = __wasi_poll_oneoff(&s3, ev, 1, &n);
    dt = mono() - t0;
    check_line(e == 0 && n == 1 && ev[0].userdata == 0x3333 && dt >= 4000000ull, "poll_oneoff_clock_realtime",
               "errno %s n=%u elapsed %llu", errno_name(e), (unsigned)n, (unsigned long long)dt);

    /* zero timeout returns at once */
    __wasi_subscription_t s0 = clock_sub(0x4444, __WASI_CLOCKID_MONOTONIC, 0, 0);
    e = __wasi_poll_oneoff(&s0, ev, 1, &n);
    check_line(e == 0 && n == 1 && ev[0].userdata == 0x4444, "poll_oneoff_clock_zero", "errno %s n=%u",
               errno_name(e), (unsigned)n);

    /* two clocks: only the 5 ms one fires, well before the 5 s one */
    __wasi_subscription_t two[2] = {clock_sub(0x5555, __WASI_CLOCKID_MONOTONIC, 5000000000ull, 0),
                                    clock_sub(0x6666, __WASI_CLOCKID_MONOTONIC, 5000000ull, 0)};
    t0 = mono();
    e = __wasi_poll_oneoff(two, ev, 2, &n);
    dt = mono() - t0;
    check_line(e == 0 && n == 1 && ev[0].userdata == 0x6666 && dt < 2000000000ull, "poll_oneoff_earliest_clock",
               "errno %s n=%u first userdata %llx elapsed %llu", errno_name(e), (unsigned)n,
               (unsigned long long)ev[0].userdata, (unsigned long long)dt);

    /* stdout is writable */
    __wasi_subscription_t so = fd_sub(0x7777, __WASI_EVENTTYPE_FD_WRITE, 1);
    e = __wasi_poll_oneoff(&so, ev, 1, &n);
    check_line(e == 0 && n == 1 && ev[0].userdata == 0x7777 && ev[0].type == __WASI_EVENTTYPE_FD_WRITE &&
                   ev[0].error == 0,
               "poll_oneoff_stdout_writable", "errno %s n=%u type=%d error=%s", errno_name(e), (unsigned)n,
               ev[0].type, errno_name(ev[0].error));

    int root = find_preopen("/sandbox");
    expect_true("preopen_sandbox_found", root >= 3, "no preopen named /sandbox");
    __wasi_fd_t f = 0;
    e = make_file(root, "poll.txt", "0123456789");
    if (!e) e = open_file(root, "poll.txt", 0, 0, &f);
    expect_ok("setup_file", e);
    if (!e) {
        /* a regular file is always ready for reading and writing */
        __wasi_subscription_t fs[2] = {fd_sub(0x8888, __WASI_EVENTTYPE_FD_READ, f),
                                       fd_sub(0x9999, __WASI_EVENTTYPE_FD_WRITE, f)};
        e = __wasi_poll_oneoff(fs, ev, 2, &n);
        const __wasi_event_t *r = find_event(ev, n, 0x8888), *w = find_event(ev, n, 0x9999);
        check_line(e == 0 && n == 2 && r && w && r->error == 0 && w->error == 0 &&
                       r->type == __WASI_EVENTTYPE_FD_READ && w->type == __WASI_EVENTTYPE_FD_WRITE,
                   "poll_oneoff_file_ready", "errno %s n=%u read %s write %s", errno_name(e), (unsigned)n,
                   r ? errno_name(r->error) : "missing", w ? errno_name(w->error) : "missing");
        /* fd + a 5 s clock: the fd wins immediately, the clock does not fire */
        __wasi_subscription_t mix[2] = {clock_sub(0xaaaa, __WASI_CLOCKID_MONOTONIC, 5000000000ull, 0),
                                        fd_sub(0xbbbb, __WASI_EVENTTYPE_FD_READ, f)};
        t0 = mono();
        e = __wasi_poll_oneoff(mix, ev, 2, &n);
        dt = mono() - t0;
        check_line(e == 0 && n == 1 && ev[0].userdata == 0xbbbb && dt < 1000000000ull,
                   "poll_oneoff_fd_before_clock", "errno %s n=%u userdata %llx elapsed %llu", errno_name(e),
                   (unsigned)n, (unsigned long long)ev[0].userdata, (unsigned long long)dt);
        __wasi_fd_close(f);
    }

    /* errors */
    expect_errno("poll_oneoff_zero_subscriptions_einval", __wasi_poll_oneoff(&s1, ev, 0, &n), __WASI_ERRNO_INVAL);
    __wasi_subscription_t bad = fd_sub(0xcccc, __WASI_EVENTTYPE_FD_READ, 9999);
    n = 0;
    e = __wasi_poll_oneoff(&bad, ev, 1, &n);
    check_line(e == __WASI_ERRNO_BADF || (e == 0 && n == 1 && ev[0].userdata == 0xcccc && ev[0].error == __WASI_ERRNO_BADF),
               "poll_oneoff_bad_fd_ebadf", "errno %s n=%u event error %s", errno_name(e), (unsigned)n,
               n ? errno_name(ev[0].error) : "-");
    __wasi_subscription_t badclock = clock_sub(0xdddd, 77, 1000000ull, 0);
    n = 0;
    e = __wasi_poll_oneoff(&badclock, ev, 1, &n);
    check_line(e == __WASI_ERRNO_INVAL || (e == 0 && n == 1 && ev[0].userdata == 0xdddd && ev[0].error == __WASI_ERRNO_INVAL),
               "poll_oneoff_bad_clock_einval", "errno %s n=%u event error %s", errno_name(e), (unsigned)n,
               n ? errno_name(ev[0].error) : "-");
    int32_t end = (int32_t)((uint32_t)__builtin_wasm_memory_size(0) * 65536u);
    static uint32_t nout;
    expect_errno("poll_oneoff_in_efault", raw_poll_oneoff(end - 16, (int32_t)(intptr_t)ev, 1, (int32_t)(intptr_t)&nout),
                 __WASI_ERRNO_FAULT);
    expect_errno("poll_oneoff_out_efault", raw_poll_oneoff((int32_t)(intptr_t)&s0, end - 16, 1, (int32_t)(intptr_t)&nout),
                 __WASI_ERRNO_FAULT);
    expect_errno("poll_oneoff_nevents_efault", raw_poll_oneoff((int32_t)(intptr_t)&s0, (int32_t)(intptr_t)ev, 1, -2),
                 __WASI_ERRNO_FAULT);
    return finish();
}
