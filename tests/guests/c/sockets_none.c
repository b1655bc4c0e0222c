/* sockets_none: sock_accept, sock_recv, sock_send, sock_shutdown on descriptors that are not
 * sockets. No socket is preopened, so every call must fail without side effects:
 *  - unknown fd                       -> EBADF
 *  - stdout (unless it is a socket) / a regular file / a dir
 *                                     -> ENOTSOCK (spec); EBADF accepted (wasmtime's
 *                                         wasi-common answers EBADF for every non-socket).
 * Invocation: preopen /sandbox (read-write, empty). */
#include "check.h"

static void not_a_socket(const char *what, __wasi_fd_t fd) {
    char name[96];
    uint8_t data[8] = "sockdata";
    __wasi_iovec_t iov = {data, sizeof data};
    __wasi_ciovec_t ciov = {data, sizeof data};
    __wasi_size_t n = 12345;
    __wasi_roflags_t roflags = 0;
    __wasi_fd_t newfd = 777;

    snprintf(name, sizeof name, "sock_accept_%s", what);
    expect_errno2(name, __wasi_sock_accept(fd, 0, &newfd), __WASI_ERRNO_NOTSOCK, __WASI_ERRNO_BADF);
    snprintf(name, sizeof name, "sock_recv_%s", what);
    expect_errno2(name, __wasi_sock_recv(fd, &iov, 1, 0, &n, &roflags), __WASI_ERRNO_NOTSOCK,
                  __WASI_ERRNO_BADF);
    snprintf(name, sizeof name, "sock_send_%s", what);
    expect_errno2(name, __wasi_sock_send(fd, &ciov, 1, 0, &n), __WASI_ERRNO_NOTSOCK,
                  __WASI_ERRNO_BADF);
    snprintf(name, sizeof name, "sock_shutdown_%s", what);
    expect_errno2(name, __wasi_sock_shutdown(fd, __WASI_SDFLAGS_RD | __WASI_SDFLAGS_WR),
                  __WASI_ERRNO_NOTSOCK, __WASI_ERRNO_BADF);
}

int main(void) {
    __wasi_fd_t bad = 9999;
    uint8_t data[4];
    __wasi_iovec_t iov = {data, sizeof data};
    __wasi_ciovec_t ciov = {data, sizeof data};
    __wasi_size_t n;
    __wasi_roflags_t roflags;
    __wasi_fd_t newfd;
    expect_errno("sock_accept_ebadf", __wasi_sock_accept(bad, 0, &newfd), __WASI_ERRNO_BADF);
    expect_errno("sock_recv_ebadf", __wasi_sock_recv(bad, &iov, 1, 0, &n, &roflags), __WASI_ERRNO_BADF);
    expect_errno("sock_send_ebadf", __wasi_sock_send(bad, &ciov, 1, 0, &n), __WASI_ERRNO_BADF);
    expect_errno("sock_shutdown_ebadf", __wasi_sock_shutdown(bad, __WASI_SDFLAGS_WR), __WASI_ERRNO_BADF);

    /* stdout is only a non-socket if the host made it so: node's child_process pipes are
     * socketpairs (and uvwasi crashes node in sock_accept on them), so check the filetype. */
    __wasi_fdstat_t so;
    expect_ok("fd_fdstat_get_stdout", __wasi_fd_fdstat_get(1, &so));
    if (so.fs_filetype != __WASI_FILETYPE_SOCKET_STREAM && so.fs_filetype != __WASI_FILETYPE_SOCKET_DGRAM)
        not_a_socket("stdout", 1);
    int dir = find_preopen("/sandbox");
    expect_true("preopen_sandbox", dir >= 0, "no /sandbox preopen");
    if (dir >= 0) {
        not_a_socket("dir", (__wasi_fd_t)dir);
        __wasi_fd_t f;
        __wasi_errno_t e = open_file(dir, "sock_plain.txt", __WASI_OFLAGS_CREAT, 0, &f);
        expect_ok("create_plain_file", e);
        if (!e) {
            not_a_socket("file", f);
            /* the failed sock_send must not have written anything */
            __wasi_filestat_t st;
            expect_ok("fd_filestat_get_plain", __wasi_fd_filestat_get(f, &st));
            expect_u64("sock_send_wrote_nothing", st.size, 0);
            expect_ok("close_plain_file", __wasi_fd_close(f));
        }
    }
    return finish();
}
