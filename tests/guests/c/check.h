/* Shared helpers for the self-checking WASI guests.
 *
 * Every check prints exactly one stdout line: "ok <name>" or "FAIL <name>: <detail>".
 * finish() exits 0 when every check passed and 1 otherwise.
 * Raw WASI calls go through <wasi/api.h> (__wasi_*) so error paths are reachable;
 * RAW_IMPORT declares an import taking plain i32/i64 values so a guest can pass
 * pointers outside linear memory (EFAULT checks) or a path with an explicit length.
 */
#ifndef GUEST_CHECK_H
#define GUEST_CHECK_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#define RAW_IMPORT(name) \
    __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))

static int g_failures;
static int g_checks;

static __attribute__((unused)) void check_line(int pass, const char *name, const char *fmt, ...) {
    g_checks++;
    if (pass) {
        printf("ok %s\n", name);
        fflush(stdout); /* one fd_write per line: a later hang or trap never hides earlier lines */
        return;
    }
    g_failures++;
    printf("FAIL %s: ", name);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
}

static __attribute__((unused)) const char *errno_name(int e) {
    static const char *const names[] = {
        "SUCCESS", "2BIG", "ACCES", "ADDRINUSE", "ADDRNOTAVAIL", "AFNOSUPPORT", "AGAIN",
        "ALREADY", "BADF", "BADMSG", "BUSY", "CANCELED", "CHILD", "CONNABORTED",
        "CONNREFUSED", "CONNRESET", "DEADLK", "DESTADDRREQ", "DOM", "DQUOT", "EXIST",
        "FAULT", "FBIG", "HOSTUNREACH", "IDRM", "ILSEQ", "INPROGRESS", "INTR", "INVAL", "IO",
        "ISCONN", "ISDIR", "LOOP", "MFILE", "MLINK", "MSGSIZE", "MULTIHOP", "NAMETOOLONG",
        "NETDOWN", "NETRESET", "NETUNREACH", "NFILE", "NOBUFS", "NODEV", "NOENT", "NOEXEC",
        "NOLCK", "NOLINK", "NOMEM", "NOMSG", "NOPROTOOPT", "NOSPC", "NOSYS", "NOTCONN",
        "NOTDIR", "NOTEMPTY", "NOTRECOVERABLE", "NOTSOCK", "NOTSUP", "NOTTY", "NXIO",
        "OVERFLOW", "OWNERDEAD", "PERM", "PIPE", "PROTO", "PROTONOSUPPORT", "PROTOTYPE",
        "RANGE", "ROFS", "SPIPE", "SRCH", "STALE", "TIMEDOUT", "TXTBSY", "XDEV",
        "NOTCAPABLE",
    };
    if (e >= 0 && e < (int)(sizeof names / sizeof names[0])) return names[e];
    return "?";
}

/* Expect an exact errno. */
static __attribute__((unused)) void expect_errno(const char *name, int got, int want) {
    check_line(got == want, name, "got %s(%d), want %s(%d)", errno_name(got), got,
               errno_name(want), want);
}

/* Expect one of two errnos (for places where the spec or runtimes allow alternatives). */
static __attribute__((unused)) void expect_errno2(const char *name, int got, int want1, int want2) {
    check_line(got == want1 || got == want2, name, "got %s(%d), want %s or %s", errno_name(got),
               got, errno_name(want1), errno_name(want2));
}

static __attribute__((unused)) void expect_errno3(const char *name, int got, int w1, int w2, int w3) {
    check_line(got == w1 || got == w2 || got == w3, name, "got %s(%d), want %s, %s or %s",
               errno_name(got), got, errno_name(w1), errno_name(w2), errno_name(w3));
}

static __attribute__((unused)) void expect_ok(const char *name, int got) { expect_errno(name, got, __WASI_ERRNO_SUCCESS); }

static __attribute__((unused)) void expect_u64(const char *name, uint64_t got, uint64_t want) {
    check_line(got == want, name, "got %llu, want %llu", (unsigned long long)got,
               (unsigned long long)want);
}

static __attribute__((unused)) void expect_true(const char *name, int cond, const char *detail) {
    check_line(cond, name, "%s", detail);
}

static __attribute__((unused)) void expect_bytes(const char *name, const void *got, const void *want, size_t len) {
    int same = memcmp(got, want, len) == 0;
    check_line(same, name, "bytes differ (len %zu)", len);
}

static __attribute__((unused)) int finish(void) {
    fflush(stdout);
    if (g_failures) {
        fprintf(stderr, "%d of %d checks failed\n", g_failures, g_checks);
        return 1;
    }
    fprintf(stderr, "all %d checks passed\n", g_checks);
    return 0;
}

/* The preopened directory every filesystem guest works in. Returns its fd or -1. */
static __attribute__((unused)) int find_preopen(const char *want) {
    for (int fd = 3; fd < 64; fd++) {
        __wasi_prestat_t ps;
        if (__wasi_fd_prestat_get(fd, &ps) != 0) continue;
        if (ps.tag != __WASI_PREOPENTYPE_DIR) continue;
        char name[256];
        size_t len = ps.u.dir.pr_name_len;
        if (len >= sizeof name) continue;
        if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)name, len) != 0) continue;
        name[len] = 0;
        /* Some runtimes report the name with a trailing NUL inside pr_name_len. */
        if (strcmp(name, want) == 0) return fd;
    }
    return -1;
}

/* The rights a directory lets files opened below it have (its inheriting rights). Asking for
 * more than that is ENOTCAPABLE in rights-enforcing runtimes, so helpers ask for exactly this. */
static __attribute__((unused)) __wasi_rights_t inheritable_rights(int dirfd) {
    __wasi_fdstat_t st;
    if (__wasi_fd_fdstat_get(dirfd, &st) != 0) return 0;
    return st.fs_rights_inheriting;
}

/* Opens (optionally creating/truncating) a file below dirfd with every right it may have. */
static __attribute__((unused)) __wasi_errno_t open_file(int dirfd, const char *path,
                                                        __wasi_oflags_t oflags,
                                                        __wasi_fdflags_t fdflags, __wasi_fd_t *out) {
    __wasi_rights_t r = inheritable_rights(dirfd);
    return __wasi_path_open(dirfd, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, oflags, r, r, fdflags,
                            out);
}

/* Rights for opening a directory: the inheritable rights minus those that only make sense for
 * writable regular files (uvwasi opens the host directory O_RDWR, hence EISDIR, if FD_WRITE is
 * asked for (also FD_DATASYNC, FD_ALLOCATE, FD_FILESTAT_SET_SIZE); the spec says such rights should simply be dropped). */
static __attribute__((unused)) __wasi_rights_t dir_rights(int dirfd) {
    return inheritable_rights(dirfd) & ~(__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_DATASYNC |
                                         __WASI_RIGHTS_FD_FILESTAT_SET_SIZE);
}

static __attribute__((unused)) __wasi_errno_t open_dir(int dirfd, const char *path, __wasi_fd_t *out) {
    __wasi_rights_t r = dir_rights(dirfd);
    return __wasi_path_open(dirfd, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, __WASI_OFLAGS_DIRECTORY,
                            r, inheritable_rights(dirfd), 0, out);
}

static __attribute__((unused)) __wasi_errno_t write_all(__wasi_fd_t fd, const void *data, size_t len) {
    const uint8_t *p = data;
    while (len) {
        __wasi_ciovec_t iov = {p, len};
        __wasi_size_t n;
        __wasi_errno_t e = __wasi_fd_write(fd, &iov, 1, &n);
        if (e) return e;
        if (n == 0) return __WASI_ERRNO_IO;
        p += n;
        len -= n;
    }
    return 0;
}

/* Creates path below dirfd with the given content (truncating). */
static __attribute__((unused)) __wasi_errno_t make_file(int dirfd, const char *path, const char *content) {
    __wasi_fd_t fd;
    __wasi_errno_t e =
        open_file(dirfd, path, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, 0, &fd);
    if (e) return e;
    e = write_all(fd, content, strlen(content));
    __wasi_errno_t c = __wasi_fd_close(fd);
    return e ? e : c;
}

/* Rights the wasi-testsuite-style guests (ts_*) open their scratch directories with: a subset of
 * what a preopen has (DIR_BASE), and what files opened below them may have (DIR_INHERIT). */
static const __wasi_rights_t DIR_BASE =
    __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_CREATE_FILE |
    __WASI_RIGHTS_PATH_CREATE_DIRECTORY | __WASI_RIGHTS_PATH_REMOVE_DIRECTORY | __WASI_RIGHTS_PATH_OPEN |
    __WASI_RIGHTS_PATH_UNLINK_FILE | __WASI_RIGHTS_PATH_LINK_SOURCE | __WASI_RIGHTS_PATH_LINK_TARGET |
    __WASI_RIGHTS_PATH_READLINK | __WASI_RIGHTS_PATH_RENAME_SOURCE | __WASI_RIGHTS_PATH_RENAME_TARGET |
    __WASI_RIGHTS_PATH_FILESTAT_GET | __WASI_RIGHTS_PATH_FILESTAT_SET_SIZE |
    __WASI_RIGHTS_PATH_FILESTAT_SET_TIMES | __WASI_RIGHTS_PATH_SYMLINK;
static const __wasi_rights_t DIR_INHERIT =
    __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_FD_FILESTAT_GET |
    __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_PATH_LINK_SOURCE | __WASI_RIGHTS_PATH_LINK_TARGET |
    __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_UNLINK_FILE | __WASI_RIGHTS_PATH_FILESTAT_GET |
    __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS | __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_ADVISE |
    __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | __WASI_RIGHTS_FD_FILESTAT_SET_TIMES;

#endif
