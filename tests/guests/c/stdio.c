/* stdio: reads stdin to EOF with fd_read (small, odd-sized reads) and writes an ASCII-uppercase copy
 * to stdout with fd_write (two iovecs per write). Reports the filetype of fds 0/1/2 (fd_fdstat_get)
 * on stderr as "stdin=<t> stdout=<t> stderr=<t>" (t = WASI filetype number) plus "bytes=<n>".
 * Expected: exit 0, stdout = uppercase(stdin) exactly. Works for stdin that is a pipe, a file,
 * empty, or a tty. Exits 1 on any WASI error (printed on stderr). */
#include <stdio.h>
#include <wasi/api.h>

static void fail(const char *what, int e) {
    fprintf(stderr, "stdio: %s failed with errno %d\n", what, e);
    __wasi_proc_exit(1);
}

int main(void) {
    __wasi_fdstat_t st[3];
    for (int fd = 0; fd < 3; fd++) {
        __wasi_errno_t e = __wasi_fd_fdstat_get(fd, &st[fd]);
        if (e) fail("fd_fdstat_get", e);
    }
    static uint8_t buf[37];
    unsigned long long total = 0;
    for (;;) {
        __wasi_iovec_t iov = {buf, sizeof buf};
        __wasi_size_t n = 0;
        __wasi_errno_t e = __wasi_fd_read(0, &iov, 1, &n);
        if (e) fail("fd_read", e);
        if (n == 0) break;
        total += n;
        for (__wasi_size_t i = 0; i < n; i++)
            if (buf[i] >= 'a' && buf[i] <= 'z') buf[i] = (uint8_t)(buf[i] - 32);
        /* split the write across two iovecs to exercise gather writes */
        __wasi_size_t half = n / 2, off = 0;
        while (off < n) {
            __wasi_ciovec_t out[2];
            int cnt = 0;
            if (off < half) out[cnt++] = (__wasi_ciovec_t){buf + off, half - off};
            out[cnt++] = (__wasi_ciovec_t){buf + (off < half ? half : off), n - (off < half ? half : off)};
            __wasi_size_t w = 0;
            e = __wasi_fd_write(1, out, cnt, &w);
            if (e) fail("fd_write", e);
            off += w;
        }
    }
    fprintf(stderr, "stdin=%d stdout=%d stderr=%d bytes=%llu\n", st[0].fs_filetype, st[1].fs_filetype,
            st[2].fs_filetype, total);
    return 0;
}
