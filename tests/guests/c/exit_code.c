/* exit_code: writes one line then calls proc_exit(42) directly; the line after it must never run.
 * Expected: exit code 42, stdout exactly "before exit\n". */
#include <wasi/api.h>

static void say(const char *s, unsigned len) {
    __wasi_ciovec_t iov = {(const uint8_t *)s, len};
    __wasi_size_t n;
    (void)__wasi_fd_write(1, &iov, 1, &n);
}

int main(void) {
    say("before exit\n", 12);
    __wasi_proc_exit(42);
    say("after exit\n", 11); /* unreachable */
    return 3;
}
