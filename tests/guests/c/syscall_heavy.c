/* syscall_heavy: benchmark guest. Makes many small WASI calls on a file in /sandbox:
 * per iteration fd_seek + fd_write(8 bytes) + fd_seek + fd_read(8 bytes), plus a little
 * arithmetic, then prints one deterministic line:
 *   "syscall_heavy iterations=N calls=C checksum=0x................\n"
 * argv[1] = iterations (default 100000). Exit 0, or 1 on any WASI error (details on stderr).
 * Invocation: preopen /sandbox (read-write, empty). */
#include "check.h"

static void die(const char *what, int e) {
    fprintf(stderr, "syscall_heavy: %s failed: %s\n", what, errno_name(e));
    exit(1);
}

int main(int argc, char **argv) {
    long iterations = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
    int root = find_preopen("/sandbox");
    if (root < 0) die("find_preopen", __WASI_ERRNO_NOENT);
    __wasi_fd_t fd;
    __wasi_errno_t e = open_file(root, "heavy.bin", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, 0, &fd);
    if (e) die("path_open", e);
    static uint8_t block[4096];
    for (size_t i = 0; i < sizeof block; i++) block[i] = (uint8_t)(i * 131u + 7u);
    if ((e = write_all(fd, block, sizeof block))) die("fd_write", e);

    uint64_t checksum = 0xcbf29ce484222325ull, calls = 2;
    uint64_t state = 0x9e3779b97f4a7c15ull;
    for (long i = 0; i < iterations; i++) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        __wasi_filesize_t pos, off = state % (sizeof block - 8);
        if ((e = __wasi_fd_seek(fd, (__wasi_filedelta_t)off, __WASI_WHENCE_SET, &pos))) die("fd_seek", e);
        uint64_t value = state * 0x100000001b3ull + (uint64_t)i;
        __wasi_ciovec_t wio = {(const uint8_t *)&value, 8};
        __wasi_size_t n;
        if ((e = __wasi_fd_write(fd, &wio, 1, &n)) || n != 8) die("fd_write", e ? e : __WASI_ERRNO_IO);
        uint64_t back_off = (off + 4096 - 64 * (i % 7)) % (sizeof block - 8);
        if ((e = __wasi_fd_seek(fd, (__wasi_filedelta_t)back_off, __WASI_WHENCE_SET, &pos))) die("fd_seek", e);
        uint64_t got = 0;
        __wasi_iovec_t rio = {(uint8_t *)&got, 8};
        if ((e = __wasi_fd_read(fd, &rio, 1, &n)) || n != 8) die("fd_read", e ? e : __WASI_ERRNO_IO);
        checksum = (checksum ^ got) * 0x100000001b3ull;
        calls += 4;
    }
    if ((e = __wasi_fd_close(fd))) die("fd_close", e);
    printf("syscall_heavy iterations=%ld calls=%llu checksum=0x%016llx\n", iterations, (unsigned long long)calls,
           (unsigned long long)checksum);
    return 0;
}
