/* ts_fds: the descriptor-level behaviour the WASI testsuite (wasi-testsuite, preview1) checks,
 * as Wasmtime does it on Linux: the preopen's rights and re-opening it as "." (a directory
 * opened with FD_WRITE is EISDIR), fd_prestat_dir_name buffer sizes, file operations on a
 * directory fd, fd_readdir with "." and ".." (inodes, cookies, 1000 entries through a 256-byte
 * buffer), set_size/set_times/advise/allocate, APPEND via path_open and fd_fdstat_set_flags,
 * pwrite on an APPEND fd, rights dropped with fd_fdstat_set_rights (including truncation rights),
 * read-only / write-only opens, seek/tell, pread/pwrite with several iovecs, O_TRUNC, two fds on
 * one file, dev/ino, poll_oneoff on stdio, clocks, sched_yield, random_get, fd_renumber (onto a
 * preopen, of stdio) and closing a preopen.
 *
 * Invocation: argv[1] = the name of a writable preopen (e.g. "fs-tests.dir" or "/"). Stdout is
 * renumbered away near the end, so the last checks are written to the fd it moved to. */
#include "check.h"

#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW


/* The rights every userland expects on a preopened directory (base), and additionally inheritable. */
static const __wasi_rights_t PREOPEN_BASE =
    __WASI_RIGHTS_PATH_CREATE_DIRECTORY | __WASI_RIGHTS_PATH_CREATE_FILE | __WASI_RIGHTS_PATH_LINK_SOURCE |
    __WASI_RIGHTS_PATH_LINK_TARGET | __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR |
    __WASI_RIGHTS_PATH_READLINK | __WASI_RIGHTS_PATH_RENAME_SOURCE | __WASI_RIGHTS_PATH_RENAME_TARGET |
    __WASI_RIGHTS_PATH_SYMLINK | __WASI_RIGHTS_PATH_REMOVE_DIRECTORY | __WASI_RIGHTS_PATH_UNLINK_FILE |
    __WASI_RIGHTS_PATH_FILESTAT_GET | __WASI_RIGHTS_PATH_FILESTAT_SET_TIMES | __WASI_RIGHTS_FD_FILESTAT_GET |
    __WASI_RIGHTS_FD_FILESTAT_SET_TIMES;
static const __wasi_rights_t PREOPEN_INHERIT_EXTRA =
    __WASI_RIGHTS_FD_DATASYNC | __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS |
    __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_ADVISE |
    __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE |
    __WASI_RIGHTS_FD_FILESTAT_SET_TIMES | __WASI_RIGHTS_POLL_FD_READWRITE;

static __wasi_errno_t open_rw(int d, const char *path, __wasi_oflags_t oflags, __wasi_rights_t rights,
                              __wasi_fdflags_t fdflags, __wasi_fd_t *fd) {
    return __wasi_path_open(d, 0, path, oflags, rights, 0, fdflags, fd);
}

static __wasi_errno_t touch(int d, const char *path) {
    __wasi_fd_t fd;
    __wasi_errno_t e = open_rw(d, path, __WASI_OFLAGS_CREAT, 0, 0, &fd);
    if (e == 0) e = __wasi_fd_close(fd);
    return e;
}

static __wasi_errno_t put(__wasi_fd_t fd, uint8_t byte, size_t len, __wasi_size_t *n) {
    uint8_t buf[128];
    memset(buf, byte, sizeof buf);
    __wasi_ciovec_t iov = {buf, len};
    return __wasi_fd_write(fd, &iov, 1, n);
}

static __wasi_errno_t get(__wasi_fd_t fd, uint8_t *buf, size_t len, __wasi_size_t *n) {
    __wasi_iovec_t iov = {buf, len};
    return __wasi_fd_read(fd, &iov, 1, n);
}

static int all_bytes(const uint8_t *p, size_t n, uint8_t v) {
    for (size_t i = 0; i < n; i++)
        if (p[i] != v) return 0;
    return 1;
}

static void preopen_checks(int root) {
    __wasi_prestat_t ps;
    expect_ok("prestat_get", __wasi_fd_prestat_get(root, &ps));
    uint8_t name[300];
    expect_errno2("prestat_dir_name_len0", __wasi_fd_prestat_dir_name(root, name, 0), __WASI_ERRNO_INVAL,
                  __WASI_ERRNO_NAMETOOLONG);
    expect_ok("prestat_dir_name_larger_buffer", __wasi_fd_prestat_dir_name(root, name, ps.u.dir.pr_name_len + 1));

    __wasi_fdstat_t st;
    expect_ok("preopen_fdstat", __wasi_fd_fdstat_get(root, &st));
    check_line((st.fs_rights_base & PREOPEN_BASE) == PREOPEN_BASE, "preopen_base_rights", "base %llx",
               (unsigned long long)st.fs_rights_base);
    check_line((st.fs_rights_inheriting & (PREOPEN_BASE | PREOPEN_INHERIT_EXTRA)) == (PREOPEN_BASE | PREOPEN_INHERIT_EXTRA),
               "preopen_inheriting_rights", "inheriting %llx", (unsigned long long)st.fs_rights_inheriting);
    check_line(st.fs_filetype == __WASI_FILETYPE_DIRECTORY && st.fs_flags == 0, "preopen_is_plain_dir",
               "type %d flags %d", st.fs_filetype, st.fs_flags);

    struct {
        const char *name;
        __wasi_oflags_t oflags;
        __wasi_rights_t base, inh;
    } ok_opens[] = {
        {"reopen_dot_same_rights", 0, st.fs_rights_base, st.fs_rights_inheriting},
        {"reopen_dot_no_rights", 0, 0, 0},
        {"reopen_dot_dir_no_rights", __WASI_OFLAGS_DIRECTORY, 0, 0},
        {"reopen_dot_dir_read", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READ, 0},
    };
    for (size_t i = 0; i < sizeof ok_opens / sizeof ok_opens[0]; i++) {
        __wasi_fd_t fd = 0;
        __wasi_errno_t e = __wasi_path_open(root, 0, ".", ok_opens[i].oflags, ok_opens[i].base, ok_opens[i].inh, 0, &fd);
        expect_ok(ok_opens[i].name, e);
        if (e == 0) __wasi_fd_close(fd);
    }
    __wasi_fd_t fd = 0;
    __wasi_errno_t e = __wasi_path_open(root, 0, ".", __WASI_OFLAGS_DIRECTORY,
                                        __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &fd);
    expect_errno("reopen_dot_dir_read_write_eisdir", e, __WASI_ERRNO_ISDIR);
    if (e == 0) __wasi_fd_close(fd);
    e = __wasi_path_open(root, 0, ".", 0, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd);
    expect_errno("reopen_dot_write_eisdir", e, __WASI_ERRNO_ISDIR);
    if (e == 0) __wasi_fd_close(fd);
    e = __wasi_path_open(root, 0, ".", 0, 0, 0, __WASI_FDFLAGS_NONBLOCK, &fd);
    expect_ok("reopen_dot_nonblock", e);
    if (e == 0) __wasi_fd_close(fd);
}

static void dir_fd_ops(int d) {
    __wasi_filestat_t fs;
    expect_ok("dirops_filestat", __wasi_fd_filestat_get(d, &fs));
    expect_u64("dirops_is_dir", fs.filetype, __WASI_FILETYPE_DIRECTORY);
    uint8_t buf[128];
    __wasi_iovec_t iov = {buf, sizeof buf};
    __wasi_ciovec_t ciov = {buf, sizeof buf};
    __wasi_size_t n;
    __wasi_filesize_t off;
    expect_errno3("dirops_read", __wasi_fd_read(d, &iov, 1, &n), __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF,
                  __WASI_ERRNO_NOTCAPABLE);
    expect_errno3("dirops_pread", __wasi_fd_pread(d, &iov, 1, 0, &n), __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF,
                  __WASI_ERRNO_NOTCAPABLE);
    expect_errno3("dirops_write", __wasi_fd_write(d, &ciov, 1, &n), __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF,
                  __WASI_ERRNO_NOTCAPABLE);
    expect_errno3("dirops_pwrite", __wasi_fd_pwrite(d, &ciov, 1, 0, &n), __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF,
                  __WASI_ERRNO_NOTCAPABLE);
    expect_errno3("dirops_seek_cur", __wasi_fd_seek(d, 0, __WASI_WHENCE_CUR, &off), __WASI_ERRNO_ISDIR,
                  __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
    expect_errno3("dirops_seek_set", __wasi_fd_seek(d, 0, __WASI_WHENCE_SET, &off), __WASI_ERRNO_ISDIR,
                  __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
    expect_errno3("dirops_seek_end", __wasi_fd_seek(d, 0, __WASI_WHENCE_END, &off), __WASI_ERRNO_ISDIR,
                  __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
    expect_errno3("dirops_tell", __wasi_fd_tell(d, &off), __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF,
                  __WASI_ERRNO_NOTCAPABLE);
    expect_errno3("dirops_allocate", __wasi_fd_allocate(d, 0, 1), __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF,
                  __WASI_ERRNO_NOTCAPABLE);
    __wasi_errno_t e = __wasi_fd_filestat_set_size(d, 0);
    check_line(e == __WASI_ERRNO_ISDIR || e == __WASI_ERRNO_INVAL || e == __WASI_ERRNO_BADF ||
                   e == __WASI_ERRNO_NOTCAPABLE,
               "dirops_set_size", "got %s", errno_name(e));

    /* asking for FD_SEEK on a directory: the open works, the right is not granted */
    expect_ok("ts_dseek_mkdir", __wasi_path_create_directory(d, "seekdir"));
    __wasi_fd_t sd = 0;
    expect_ok("dirseek_open", __wasi_path_open(d, 0, "seekdir", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_SEEK, 0, 0, &sd));
    expect_errno3("dirseek_seek", __wasi_fd_seek(sd, 0, __WASI_WHENCE_CUR, &off), __WASI_ERRNO_ISDIR,
                  __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_BADF);
    __wasi_fdstat_t st;
    expect_ok("ts_dirseek_fdstat", __wasi_fd_fdstat_get(sd, &st));
    check_line(st.fs_filetype == __WASI_FILETYPE_DIRECTORY && (st.fs_rights_base & __WASI_RIGHTS_FD_SEEK) == 0,
               "dirseek_no_seek_right", "type %d base %llx", st.fs_filetype, (unsigned long long)st.fs_rights_base);
    __wasi_fd_close(sd);
    expect_ok("ts_dseek_rmdir", __wasi_path_remove_directory(d, "seekdir"));
}

struct ent {
    __wasi_dirent_t d;
    char name[32];
};

/* One fd_readdir call into a 256-byte buffer; complete entries only; eof = short buffer. */
static int readdir256(__wasi_fd_t fd, __wasi_dircookie_t cookie, struct ent *out, int max, int *eof) {
    uint8_t buf[256];
    __wasi_size_t used = 0;
    if (__wasi_fd_readdir(fd, buf, sizeof buf, cookie, &used) != 0) return -1;
    *eof = used < sizeof buf;
    int n = 0;
    size_t off = 0;
    while (off + sizeof(__wasi_dirent_t) <= used) {
        __wasi_dirent_t d;
        memcpy(&d, buf + off, sizeof d);
        if (off + sizeof d + d.d_namlen > used) break;
        if (n < max) {
            out[n].d = d;
            size_t len = d.d_namlen < 31 ? d.d_namlen : 31;
            memcpy(out[n].name, buf + off + sizeof d, len);
            out[n].name[len] = 0;
        }
        n++;
        off += sizeof d + d.d_namlen;
    }
    return n;
}

static void readdir_checks(int d) {
    __wasi_filestat_t dst;
    expect_ok("rd_dir_stat", __wasi_fd_filestat_get(d, &dst));
    struct ent e[8];
    int eof = 0;
    int n = readdir256(d, 0, e, 8, &eof);
    check_line(n == 2 && eof, "rd_empty_has_dot_and_dotdot", "n=%d eof=%d", n, eof);
    int dot = -1, dotdot = -1;
    for (int i = 0; i < n && i < 8; i++) {
        if (strcmp(e[i].name, ".") == 0) dot = i;
        if (strcmp(e[i].name, "..") == 0) dotdot = i;
    }
    check_line(dot >= 0 && e[dot].d.d_type == __WASI_FILETYPE_DIRECTORY && e[dot].d.d_ino == dst.ino &&
                   e[dot].d.d_namlen == 1,
               "rd_dot_entry", "dot=%d", dot);
    check_line(dotdot >= 0 && e[dotdot].d.d_type == __WASI_FILETYPE_DIRECTORY, "rd_dotdot_entry", "dotdot=%d", dotdot);

    __wasi_fd_t f = 0;
    expect_ok("rd_create_file",
              open_rw(d, "file", __WASI_OFLAGS_CREAT,
                      __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_FD_FILESTAT_GET,
                      0, &f));
    __wasi_filestat_t fst;
    expect_ok("ts_rd_file_stat", __wasi_fd_filestat_get(f, &fst));
    __wasi_fd_close(f);
    n = readdir256(d, 0, e, 8, &eof);
    check_line(n == 3 && eof, "rd_three_entries", "n=%d eof=%d", n, eof);
    int file = -1;
    for (int i = 0; i < n && i < 8; i++)
        if (strcmp(e[i].name, "file") == 0) file = i;
    check_line(file >= 0 && e[file].d.d_type == __WASI_FILETYPE_REGULAR_FILE && e[file].d.d_ino == fst.ino,
               "rd_file_entry_type_and_ino", "file=%d", file);
    if (n == 3) {
        char last[32];
        strcpy(last, e[2].name);
        __wasi_dircookie_t c = e[1].d.d_next;
        n = readdir256(d, c, e, 8, &eof);
        check_line(n == 1 && eof && strcmp(e[0].name, last) == 0, "rd_resume_from_cookie", "n=%d", n);
    }
    expect_ok("ts_rd_unlink", __wasi_path_unlink_file(d, "file"));

    char name[32];
    int made = 0;
    for (int i = 0; i < 1000; i++) {
        snprintf(name, sizeof name, "file.%d", i);
        if (touch(d, name) == 0) made++;
    }
    expect_u64("rd_lots_created", made, 1000);
    int total = 0, calls = 0;
    __wasi_dircookie_t cookie = 0;
    for (;;) {
        struct ent big[32];
        n = readdir256(d, cookie, big, 32, &eof);
        calls++;
        if (n <= 0 || calls > 5000) break;
        total += n;
        if (eof) break;
        cookie = big[(n < 32 ? n : 32) - 1].d.d_next;
    }
    check_line(total == 1002, "rd_lots_count_with_cookies", "total %d in %d calls", total, calls);
    int removed = 0;
    for (int i = 0; i < 1000; i++) {
        snprintf(name, sizeof name, "file.%d", i);
        if (__wasi_path_unlink_file(d, name) == 0) removed++;
    }
    expect_u64("rd_lots_removed", removed, 1000);
}

static void size_time_checks(int d) {
    __wasi_fd_t f = 0;
    __wasi_filestat_t st;
    /* fd_advise + fd_allocate */
    expect_ok("adv_create", open_rw(d, "adv", __WASI_OFLAGS_CREAT,
                                    __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_ADVISE |
                                        __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE |
                                        __WASI_RIGHTS_FD_ALLOCATE,
                                    0, &f));
    expect_ok("adv_set_size", __wasi_fd_filestat_set_size(f, 100));
    expect_ok("adv_advise", __wasi_fd_advise(f, 10, 50, __WASI_ADVICE_NORMAL));
    __wasi_fd_filestat_get(f, &st);
    expect_u64("adv_size_unchanged", st.size, 100);
    __wasi_errno_t e = __wasi_fd_allocate(f, 100, 100);
    if (e == 0) {
        __wasi_fd_filestat_get(f, &st);
        expect_u64("alloc_grows", st.size, 200);
        expect_ok("alloc_inside", __wasi_fd_allocate(f, 10, 10));
        __wasi_fd_filestat_get(f, &st);
        expect_u64("alloc_inside_unchanged", st.size, 200);
        expect_ok("alloc_straddle", __wasi_fd_allocate(f, 190, 20));
        __wasi_fd_filestat_get(f, &st);
        expect_u64("alloc_straddle_grows", st.size, 210);
    } else {
        expect_errno("alloc_notsup", e, __WASI_ERRNO_NOTSUP);
    }
    __wasi_fd_close(f);
    expect_ok("ts_adv_unlink", __wasi_path_unlink_file(d, "adv"));

    /* fd_filestat_set_size / set_times */
    expect_ok("fss_create", open_rw(d, "fss", __WASI_OFLAGS_CREAT,
                                    __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_FILESTAT_GET |
                                        __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | __WASI_RIGHTS_FD_FILESTAT_SET_TIMES,
                                    0, &f));
    __wasi_fd_filestat_get(f, &st);
    expect_u64("fss_empty", st.size, 0);
    expect_ok("fss_set_size", __wasi_fd_filestat_set_size(f, 100));
    __wasi_fd_filestat_get(f, &st);
    expect_u64("fss_size_100", st.size, 100);
    __wasi_timestamp_t atim = st.atim, mtim = st.mtim - 100;
    expect_ok("fss_set_mtim", __wasi_fd_filestat_set_times(f, mtim, mtim, __WASI_FSTFLAGS_MTIM));
    __wasi_fd_filestat_get(f, &st);
    check_line(st.size == 100 && st.mtim == mtim && st.atim == atim, "fss_only_mtim_changed",
               "size %llu mtim %llu/%llu atim %llu/%llu", (unsigned long long)st.size, (unsigned long long)st.mtim,
               (unsigned long long)mtim, (unsigned long long)st.atim, (unsigned long long)atim);
    expect_errno("fstflags_mtim_and_now_einval",
                 __wasi_fd_filestat_set_times(f, 100, 200, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW),
                 __WASI_ERRNO_INVAL);
    expect_errno("fstflags_atim_and_now_einval",
                 __wasi_fd_filestat_set_times(f, 100, 200, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
                 __WASI_ERRNO_INVAL);
    __wasi_fd_close(f);
    expect_ok("ts_fss_unlink", __wasi_path_unlink_file(d, "fss"));

    /* path_open with APPEND (and SYNC if supported), path_filestat_set_times */
    __wasi_rights_t r = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_PATH_FILESTAT_GET;
    __wasi_fdflags_t flags = __WASI_FDFLAGS_APPEND | __WASI_FDFLAGS_SYNC;
    e = open_rw(d, "pfs", __WASI_OFLAGS_CREAT, r, flags, &f);
    if (e == __WASI_ERRNO_NOTSUP) {
        flags = __WASI_FDFLAGS_APPEND;
        e = open_rw(d, "pfs", __WASI_OFLAGS_CREAT, r, flags, &f);
    }
    expect_ok("pfs_open_append", e);
    __wasi_fdstat_t fds;
    __wasi_fd_fdstat_get(f, &fds);
    check_line((fds.fs_flags & flags) == flags, "pfs_fdstat_flags", "flags %x want %x", fds.fs_flags, flags);
    expect_ok("ts_pfs_stat", __wasi_path_filestat_get(d, 0, "pfs", &st));
    mtim = st.mtim - 100;
    expect_ok("pfs_set_mtim", __wasi_path_filestat_set_times(d, 0, "pfs", 0, mtim, __WASI_FSTFLAGS_MTIM));
    __wasi_path_filestat_get(d, 0, "pfs", &st);
    expect_u64("pfs_mtim_changed", st.mtim, mtim);
    expect_errno("pfs_mtim_and_now_einval",
                 __wasi_path_filestat_set_times(d, 0, "pfs", 0, mtim, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW),
                 __WASI_ERRNO_INVAL);
    __wasi_path_filestat_get(d, 0, "pfs", &st);
    expect_u64("pfs_mtim_untouched_after_einval", st.mtim, mtim);
    expect_errno("pfs_atim_and_now_einval",
                 __wasi_path_filestat_set_times(d, 0, "pfs", 0, 0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
                 __WASI_ERRNO_INVAL);
    __wasi_fd_close(f);
    expect_ok("ts_pfs_unlink", __wasi_path_unlink_file(d, "pfs"));
}

static void append_checks(int d) {
    __wasi_fd_t f = 0;
    __wasi_size_t n = 0;
    __wasi_filesize_t pos = 0;
    uint8_t buf[128];
    expect_ok("app_open", open_rw(d, "app", __WASI_OFLAGS_CREAT,
                                  __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK |
                                      __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS,
                                  __WASI_FDFLAGS_APPEND, &f));
    expect_ok("app_write0", put(f, 0, 100, &n));
    __wasi_fd_seek(f, 0, __WASI_WHENCE_SET, &pos);
    expect_ok("app_read0", get(f, buf, 100, &n));
    check_line(n == 100 && all_bytes(buf, 100, 0), "app_read0_data", "n=%u", (unsigned)n);
    __wasi_fd_seek(f, 0, __WASI_WHENCE_SET, &pos);
    expect_ok("app_write1_after_seek0", put(f, 1, 100, &n));
    __wasi_fd_seek(f, 100, __WASI_WHENCE_SET, &pos);
    expect_ok("app_read1", get(f, buf, 100, &n));
    check_line(n == 100 && all_bytes(buf, 100, 1), "app_write_went_to_end", "n=%u", (unsigned)n);
    expect_ok("app_clear_flags", __wasi_fd_fdstat_set_flags(f, 0));
    __wasi_fd_seek(f, 0, __WASI_WHENCE_SET, &pos);
    expect_ok("app_write2", put(f, 2, 100, &n));
    __wasi_fd_seek(f, 0, __WASI_WHENCE_SET, &pos);
    expect_ok("app_read2", get(f, buf, 100, &n));
    check_line(n == 100 && all_bytes(buf, 100, 2), "app_off_overwrites", "n=%u", (unsigned)n);
    __wasi_fd_close(f);
    __wasi_filestat_t st;
    expect_ok("ts_app_stat", __wasi_path_filestat_get(d, 0, "app", &st));
    expect_u64("app_size_200", st.size, 200);
    expect_ok("ts_app_unlink", __wasi_path_unlink_file(d, "app"));

    /* pwrite on an APPEND fd leaves the position alone; the data lands at 0 (POSIX) or the end (Linux) */
    expect_ok("pwa_open", open_rw(d, "pwa", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC,
                                  __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL,
                                  __WASI_FDFLAGS_APPEND, &f));
    put(f, 'a', 2, &n);
    __wasi_fd_seek(f, 0, __WASI_WHENCE_SET, &pos);
    put(f, 'b', 2, &n);
    __wasi_fd_seek(f, 0, __WASI_WHENCE_CUR, &pos);
    expect_u64("pwa_pos_after_appends", pos, 4);
    __wasi_ciovec_t ciov = {buf, 3};
    expect_ok("pwa_pwrite", __wasi_fd_pwrite(f, &ciov, 1, 0, &n));
    __wasi_fd_seek(f, 0, __WASI_WHENCE_CUR, &pos);
    expect_u64("pwa_pos_unchanged", pos, 4);
    __wasi_fd_seek(f, 0, __WASI_WHENCE_END, &pos);
    check_line(pos == 4 || pos == 7, "pwa_end", "end %llu", (unsigned long long)pos);
    __wasi_fd_close(f);
    expect_ok("ts_pwa_unlink", __wasi_path_unlink_file(d, "pwa"));
}

static void rights_checks(int d) {
    __wasi_fd_t f = 0;
    __wasi_size_t n = 0;
    __wasi_filesize_t pos;
    uint8_t data[4] = {0, 1, 2, 3}, back[4] = {9, 9, 9, 9};
    expect_ok("rights_open", open_rw(d, "rights", __WASI_OFLAGS_CREAT,
                                     __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK |
                                         __WASI_RIGHTS_FD_TELL,
                                     0, &f));
    __wasi_ciovec_t ciov = {data, 4};
    __wasi_iovec_t iov = {back, 4};
    expect_ok("rights_write", __wasi_fd_write(f, &ciov, 1, &n));
    __wasi_fd_seek(f, 0, __WASI_WHENCE_SET, &pos);
    expect_ok("rights_read", __wasi_fd_read(f, &iov, 1, &n));
    check_line(n == 4 && memcmp(data, back, 4) == 0, "rights_roundtrip", "n=%u", (unsigned)n);
    __wasi_fdstat_t st;
    __wasi_fd_fdstat_get(f, &st);
    expect_ok("rights_drop_rw", __wasi_fd_fdstat_set_rights(f, st.fs_rights_base & ~(__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE),
                                                            st.fs_rights_inheriting));
    __wasi_fd_fdstat_get(f, &st);
    check_line((st.fs_rights_base & (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE)) == 0 &&
                   (st.fs_rights_base & __WASI_RIGHTS_FD_SEEK) != 0,
               "rights_dropped_visible", "base %llx", (unsigned long long)st.fs_rights_base);
    expect_errno2("rights_read_without_right", __wasi_fd_read(f, &iov, 1, &n), __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
    expect_errno2("rights_write_without_right", __wasi_fd_write(f, &ciov, 1, &n), __WASI_ERRNO_BADF,
                  __WASI_ERRNO_NOTCAPABLE);
    __wasi_rights_t more = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL;
    expect_errno("rights_regrant_enotcapable",
                 __wasi_fd_fdstat_set_rights(f, st.fs_rights_base | more, st.fs_rights_inheriting | more),
                 __WASI_ERRNO_NOTCAPABLE);
    __wasi_fd_close(f);
    expect_ok("ts_rights_unlink", __wasi_path_unlink_file(d, "rights"));

    /* read-only, write-only, read-write opens of one file */
    expect_ok("ts_rw_touch", touch(d, "rw"));
    uint8_t buf[100];
    iov = (__wasi_iovec_t){buf, sizeof buf};
    expect_ok("rw_open_readonly", open_rw(d, "rw", 0, __WASI_RIGHTS_FD_READ, 0, &f));
    __wasi_fd_fdstat_get(f, &st);
    check_line((st.fs_rights_base & __WASI_RIGHTS_FD_READ) && !(st.fs_rights_base & __WASI_RIGHTS_FD_WRITE),
               "rw_readonly_rights", "base %llx", (unsigned long long)st.fs_rights_base);
    expect_ok("rw_readonly_read", __wasi_fd_read(f, &iov, 1, &n));
    expect_u64("rw_readonly_read_empty", n, 0);
    uint8_t fifty[50];
    memset(fifty, 1, sizeof fifty);
    ciov = (__wasi_ciovec_t){fifty, 50};
    expect_errno3("rw_readonly_write_fails", __wasi_fd_write(f, &ciov, 1, &n), __WASI_ERRNO_BADF,
                  __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_ACCES);
    __wasi_fd_close(f);
    expect_ok("rw_open_writeonly", open_rw(d, "rw", 0, __WASI_RIGHTS_FD_WRITE, 0, &f));
    __wasi_fd_fdstat_get(f, &st);
    check_line(!(st.fs_rights_base & __WASI_RIGHTS_FD_READ) && (st.fs_rights_base & __WASI_RIGHTS_FD_WRITE),
               "rw_writeonly_rights", "base %llx", (unsigned long long)st.fs_rights_base);
    expect_errno3("rw_writeonly_read_fails", __wasi_fd_read(f, &iov, 1, &n), __WASI_ERRNO_BADF,
                  __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_ACCES);
    expect_ok("rw_writeonly_write", __wasi_fd_write(f, &ciov, 1, &n));
    expect_u64("rw_writeonly_wrote", n, 50);
    __wasi_fd_close(f);
    expect_ok("rw_open_readwrite",
              open_rw(d, "rw", 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_FILESTAT_GET, 0, &f));
    expect_ok("rw_readwrite_read", __wasi_fd_read(f, &iov, 1, &n));
    expect_u64("rw_readwrite_read_50", n, 50);
    expect_ok("rw_readwrite_write", put(f, 2, 25, &n));
    __wasi_filestat_t fst;
    __wasi_fd_filestat_get(f, &fst);
    expect_u64("rw_readwrite_size_75", fst.size, 75);
    __wasi_fd_close(f);
    expect_ok("ts_rw_unlink", __wasi_path_unlink_file(d, "rw"));
}

static void truncation_checks(int root) {
    __wasi_fd_t d = 0, f = 0;
    expect_ok("ts_tr_mkdir", __wasi_path_create_directory(root, "trunc.cleanup"));
    expect_ok("ts_tr_open", __wasi_path_open(root, 0, "trunc.cleanup", __WASI_OFLAGS_DIRECTORY, DIR_BASE, DIR_INHERIT, 0, &d));
    expect_ok("ts_tr_touch", touch(d, "file"));
    __wasi_fdstat_t st;
    expect_ok("tr_dir_fdstat", __wasi_fd_fdstat_get(d, &st));
    check_line(st.fs_filetype == __WASI_FILETYPE_DIRECTORY && st.fs_flags == 0 &&
                   (st.fs_rights_base & __WASI_RIGHTS_FD_FILESTAT_SET_SIZE) == 0,
               "tr_dir_has_no_fd_set_size", "type %d flags %d base %llx", st.fs_filetype, st.fs_flags,
               (unsigned long long)st.fs_rights_base);
    if (st.fs_rights_base & __WASI_RIGHTS_PATH_FILESTAT_SET_SIZE) {
        expect_ok("tr_trunc_open", open_rw(d, "file", __WASI_OFLAGS_TRUNC, 0, 0, &f));
        __wasi_fd_close(f);
        __wasi_rights_t base = st.fs_rights_base, inh = st.fs_rights_inheriting;
        if (inh & __WASI_RIGHTS_FD_FILESTAT_SET_SIZE) {
            inh &= ~__WASI_RIGHTS_FD_FILESTAT_SET_SIZE;
            expect_ok("tr_drop_inheriting_set_size", __wasi_fd_fdstat_set_rights(d, base, inh));
        }
        expect_ok("tr_trunc_without_fd_set_size", open_rw(d, "file", __WASI_OFLAGS_TRUNC, 0, 0, &f));
        __wasi_fd_close(f);
        base &= ~__WASI_RIGHTS_PATH_FILESTAT_SET_SIZE;
        expect_ok("tr_drop_path_set_size", __wasi_fd_fdstat_set_rights(d, base, inh));
        __wasi_fd_fdstat_get(d, &st);
        expect_u64("tr_path_set_size_dropped", st.fs_rights_base & __WASI_RIGHTS_PATH_FILESTAT_SET_SIZE, 0);
        __wasi_errno_t e = open_rw(d, "file", __WASI_OFLAGS_TRUNC, 0, 0, &f);
        expect_errno2("tr_trunc_refused", e, __WASI_ERRNO_PERM, __WASI_ERRNO_NOTCAPABLE);
        if (e == 0) __wasi_fd_close(f);
    }
    expect_ok("ts_tr_unlink", __wasi_path_unlink_file(d, "file"));
    __wasi_fd_close(d);
    expect_ok("ts_tr_rmdir", __wasi_path_remove_directory(root, "trunc.cleanup"));
}

static void io_checks(int d) {
    __wasi_fd_t f = 0, g = 0;
    __wasi_filesize_t off = 0;
    __wasi_size_t n = 0;
    expect_ok("st_open", open_rw(d, "seek", __WASI_OFLAGS_CREAT,
                                 __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL,
                                 0, &f));
    expect_ok("st_tell0", __wasi_fd_tell(f, &off));
    expect_u64("st_tell0_value", off, 0);
    put(f, 0, 100, &n);
    __wasi_fd_tell(f, &off);
    expect_u64("st_tell_after_write", off, 100);
    expect_ok("st_seek_back", __wasi_fd_seek(f, -50, __WASI_WHENCE_CUR, &off));
    expect_u64("st_seek_back_value", off, 50);
    __wasi_fd_seek(f, 0, __WASI_WHENCE_SET, &off);
    expect_ok("st_seek_past_end", __wasi_fd_seek(f, 1000, __WASI_WHENCE_CUR, &off));
    expect_errno("st_seek_before_start_einval", __wasi_fd_seek(f, -2000, __WASI_WHENCE_CUR, &off), __WASI_ERRNO_INVAL);
    __wasi_fd_seek(f, 0, __WASI_WHENCE_SET, &off);
    uint8_t buf[100];
    get(f, buf, 100, &n);
    __wasi_fd_tell(f, &off);
    check_line(n == 100 && off == 100, "st_read_moves_offset", "n=%u off=%llu", (unsigned)n, (unsigned long long)off);
    __wasi_fd_close(f);
    expect_ok("ts_st_unlink", __wasi_path_unlink_file(d, "seek"));

    /* pread / pwrite, also with two iovecs */
    expect_ok("pp_open", open_rw(d, "pp", __WASI_OFLAGS_CREAT,
                                 __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_WRITE, 0, &f));
    uint8_t c4[4] = {0, 1, 2, 3}, r4[4];
    __wasi_ciovec_t cv = {c4, 4};
    __wasi_iovec_t rv = {r4, 4};
    expect_ok("pp_pwrite0", __wasi_fd_pwrite(f, &cv, 1, 0, &n));
    expect_ok("pp_pread0", __wasi_fd_pread(f, &rv, 1, 0, &n));
    check_line(n == 4 && memcmp(r4, c4, 4) == 0, "pp_roundtrip", "n=%u", (unsigned)n);
    __wasi_ciovec_t cv2[2] = {{c4, 2}, {c4 + 2, 2}};
    expect_ok("pp_pwrite_two_iovecs", __wasi_fd_pwrite(f, cv2, 2, 0, &n));
    expect_u64("pp_pwrite_two_iovecs_n", n, 4);
    memset(r4, 9, 4);
    __wasi_iovec_t rv2[2] = {{r4, 2}, {r4 + 2, 2}};
    expect_ok("pp_pread_two_iovecs", __wasi_fd_pread(f, rv2, 2, 0, &n));
    check_line(n == 4 && memcmp(r4, c4, 4) == 0, "pp_pread_two_iovecs_data", "n=%u", (unsigned)n);
    memset(r4, 0, 4);
    expect_ok("pp_pread_at2", __wasi_fd_pread(f, &rv, 1, 2, &n));
    static const uint8_t want_at2[4] = {2, 3, 0, 0};
    check_line(n == 2 && memcmp(r4, want_at2, 4) == 0, "pp_pread_at2_short", "n=%u", (unsigned)n);
    uint8_t c2[2] = {1, 0};
    cv = (__wasi_ciovec_t){c2, 2};
    expect_ok("pp_pwrite_at2", __wasi_fd_pwrite(f, &cv, 1, 2, &n));
    expect_ok("pp_pread_all", __wasi_fd_pread(f, &rv, 1, 0, &n));
    static const uint8_t want_all[4] = {0, 1, 1, 0};
    check_line(n == 4 && memcmp(r4, want_all, 4) == 0, "pp_pwrite_at2_data", "n=%u", (unsigned)n);
    __wasi_fd_seek(f, 0, __WASI_WHENCE_CUR, &off);
    expect_u64("pp_position_untouched", off, 0);

    /* a second fd sees writes at once; O_TRUNC empties the file */
    expect_ok("ub_open_second", open_rw(d, "pp", 0, __WASI_RIGHTS_FD_READ, 0, &g));
    __wasi_fd_seek(f, 0, __WASI_WHENCE_END, &off);
    put(f, 7, 1, &n);
    uint8_t five[5] = {0};
    get(g, five, 5, &n);
    check_line(n == 5 && five[4] == 7, "ub_unbuffered_write_visible", "n=%u", (unsigned)n);
    __wasi_fd_close(g);
    __wasi_fd_close(f);
    expect_ok("trunc_open", open_rw(d, "pp", __WASI_OFLAGS_TRUNC, __WASI_RIGHTS_FD_FILESTAT_GET, 0, &f));
    __wasi_filestat_t st;
    __wasi_fd_filestat_get(f, &st);
    expect_u64("trunc_empties", st.size, 0);
    __wasi_fd_close(f);

    /* dev/ino: two files in one directory */
    expect_ok("ts_ino_touch", touch(d, "other"));
    __wasi_filestat_t a, b;
    __wasi_path_filestat_get(d, 0, "pp", &a);
    __wasi_path_filestat_get(d, 0, "other", &b);
    check_line(a.dev == b.dev && a.ino != b.ino, "stat_dev_same_ino_differs", "dev %llu/%llu ino %llu/%llu",
               (unsigned long long)a.dev, (unsigned long long)b.dev, (unsigned long long)a.ino,
               (unsigned long long)b.ino);
    __wasi_fdstat_t fs;
    open_rw(d, "other", 0, 0, 0, &f);
    __wasi_fd_fdstat_get(f, &fs);
    expect_u64("file_is_not_a_tty", fs.fs_filetype, __WASI_FILETYPE_REGULAR_FILE);
    __wasi_fd_close(f);
    expect_ok("ts_ino_unlink1", __wasi_path_unlink_file(d, "pp"));
    expect_ok("ts_ino_unlink2", __wasi_path_unlink_file(d, "other"));
}

static void misc_checks(void) {
    __wasi_timestamp_t res = 0, t1 = 0, t2 = 0;
    expect_ok("clock_res_monotonic", __wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, &res));
    check_line(res > 0, "clock_res_monotonic_positive", "res %llu", (unsigned long long)res);
    expect_ok("clock_res_realtime", __wasi_clock_res_get(__WASI_CLOCKID_REALTIME, &res));
    check_line(res > 0, "clock_res_realtime_positive", "res %llu", (unsigned long long)res);
    __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t1);
    expect_ok("sched_yield", __wasi_sched_yield());
    __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t2);
    check_line(t2 >= t1 && t1 > 0, "clock_monotonic_nondecreasing", "%llu then %llu", (unsigned long long)t1,
               (unsigned long long)t2);
    static uint8_t big[1 << 20];
    expect_ok("random_get_1mib", __wasi_random_get(big, sizeof big));
    size_t zeros = 0;
    for (size_t i = 0; i < sizeof big; i++) zeros += big[i] == 0;
    check_line(zeros < sizeof big / 64, "random_get_1mib_random", "%zu zero bytes", zeros);

    /* poll_oneoff: stdin readable or the clock fires; stdout and stderr become writable before a 200 ms clock */
    __wasi_subscription_t in[3];
    __wasi_event_t out[3];
    __wasi_size_t n = 0;
    memset(in, 0, sizeof in);
    in[0].userdata = 0x12345678;
    in[0].u.tag = __WASI_EVENTTYPE_CLOCK;
    in[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    in[0].u.u.clock.timeout = 200000000;
    in[1].userdata = 0x87654321;
    in[1].u.tag = __WASI_EVENTTYPE_FD_READ;
    in[1].u.u.fd_read.file_descriptor = 0;
    expect_ok("poll_stdin_or_clock", __wasi_poll_oneoff(in, out, 2, &n));
    int good = n >= 1;
    for (__wasi_size_t i = 0; i < n && i < 2; i++) {
        if (out[i].type == __WASI_EVENTTYPE_CLOCK) good &= out[i].error == 0 && out[i].userdata == 0x12345678;
        else if (out[i].type == __WASI_EVENTTYPE_FD_READ) good &= out[i].error == 0 && out[i].userdata == 0x87654321;
        else good = 0;
    }
    check_line(good, "poll_stdin_or_clock_events", "n=%u", (unsigned)n);
    memset(in, 0, sizeof in);
    in[0].userdata = 1;
    in[0].u.tag = __WASI_EVENTTYPE_FD_WRITE;
    in[0].u.u.fd_write.file_descriptor = 1;
    in[1].userdata = 2;
    in[1].u.tag = __WASI_EVENTTYPE_FD_WRITE;
    in[1].u.u.fd_write.file_descriptor = 2;
    in[2].userdata = 3;
    in[2].u.tag = __WASI_EVENTTYPE_CLOCK;
    in[2].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    in[2].u.u.clock.timeout = 200000000;
    int pending = 3; /* bit 0: stdout, bit 1: stderr */
    int rounds = 0, timed_out = 0;
    while (pending && rounds++ < 4 && !timed_out) {
        __wasi_subscription_t subs[3];
        int k = 0;
        if (pending & 1) subs[k++] = in[0];
        if (pending & 2) subs[k++] = in[1];
        subs[k++] = in[2];
        if (__wasi_poll_oneoff(subs, out, k, &n) != 0) break;
        for (__wasi_size_t i = 0; i < n; i++) {
            if (out[i].userdata == 3) timed_out = 1;
            else if (out[i].type == __WASI_EVENTTYPE_FD_WRITE && out[i].error == 0) pending &= ~(int)out[i].userdata;
        }
    }
    check_line(pending == 0, "poll_stdout_stderr_writable", "pending %d timed_out %d", pending, timed_out);
}

/* After stdout has been renumbered away, report through the fd it moved to. */
static void line_to(__wasi_fd_t fd, int pass, const char *name) {
    char line[128];
    int len = snprintf(line, sizeof line, "%s %s\n", pass ? "ok" : "FAIL", name);
    g_checks++;
    if (!pass) g_failures++;
    __wasi_ciovec_t iov = {(const uint8_t *)line, (size_t)len};
    __wasi_size_t n;
    __wasi_fd_write(fd, &iov, 1, &n);
}

static void renumber_checks(int root, int d) {
    __wasi_fd_t from = 0, to = 0;
    __wasi_rights_t rw = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE;
    expect_ok("rn_open_from", open_rw(d, "file1", __WASI_OFLAGS_CREAT, rw, 0, &from));
    expect_ok("rn_open_to", open_rw(d, "file2", __WASI_OFLAGS_CREAT, rw, 0, &to));
    __wasi_fdstat_t a, b;
    __wasi_fd_fdstat_get(from, &a);
    expect_ok("rn_renumber", __wasi_fd_renumber(from, to));
    expect_errno("rn_from_closed", __wasi_fd_close(from), __WASI_ERRNO_BADF);
    expect_ok("rn_to_open", __wasi_fd_fdstat_get(to, &b));
    check_line(a.fs_filetype == b.fs_filetype && a.fs_flags == b.fs_flags && a.fs_rights_base == b.fs_rights_base &&
                   a.fs_rights_inheriting == b.fs_rights_inheriting,
               "rn_fdstat_moved", "rights %llx/%llx", (unsigned long long)a.fs_rights_base,
               (unsigned long long)b.fs_rights_base);
    expect_errno("rn_to_closed_fd_ebadf", __wasi_fd_renumber(to, from), __WASI_ERRNO_BADF);
    __wasi_fd_close(to);
    expect_ok("ts_rn_unlink1", __wasi_path_unlink_file(d, "file1"));
    expect_ok("ts_rn_unlink2", __wasi_path_unlink_file(d, "file2"));
    expect_ok("ts_close_work", __wasi_fd_close(d));

    /* renumber a directory over the preopen: the preopen's number now names that directory */
    __wasi_fd_t sub = 0;
    expect_ok("ts_ow_mkdir", __wasi_path_create_directory(root, "overwrite.cleanup"));
    expect_ok("ow_open", __wasi_path_open(root, 0, "overwrite.cleanup", __WASI_OFLAGS_DIRECTORY, DIR_BASE, DIR_INHERIT, 0, &sub));
    __wasi_fd_t keep = 0; /* the preopen, reached again through "." to clean up afterwards */
    expect_ok("ow_reopen_root", __wasi_path_open(root, 0, ".", __WASI_OFLAGS_DIRECTORY, DIR_BASE, DIR_INHERIT, 0, &keep));
    __wasi_filestat_t before, after;
    __wasi_fd_filestat_get(sub, &before);
    expect_ok("ow_renumber_over_preopen", __wasi_fd_renumber(sub, root));
    expect_ok("ow_preopen_fd_open", __wasi_fd_filestat_get(root, &after));
    check_line(before.dev == after.dev && before.ino == after.ino, "ow_preopen_fd_is_moved_dir", "ino %llu/%llu",
               (unsigned long long)before.ino, (unsigned long long)after.ino);
    __wasi_fdstat_t st;
    expect_errno("ow_source_closed", __wasi_fd_fdstat_get(sub, &st), __WASI_ERRNO_BADF);
    expect_ok("close_preopen_number", __wasi_fd_close(root));
    expect_errno("close_preopen_then_ebadf", __wasi_fd_fdstat_get(root, &st), __WASI_ERRNO_BADF);
    expect_ok("close_preopen_other_fd_alive", __wasi_fd_fdstat_get(keep, &st));
    expect_u64("close_preopen_other_fd_is_dir", st.fs_filetype, __WASI_FILETYPE_DIRECTORY);
    expect_ok("ts_ow_rmdir", __wasi_path_remove_directory(keep, "overwrite.cleanup"));

    /* renumber stdin, stdout and stderr onto file fds (stdout last; afterwards report through it) */
    __wasi_fd_t out_fd = 1;
    for (int s = 0; s < 3; s++) {
        static const __wasi_fd_t order[3] = {0, 2, 1};
        static const char *const names[3][3] = {
            {"stdio_renumber_stdin", "stdio_renumber_stdin_target_open", "stdio_renumber_stdin_closed"},
            {"stdio_renumber_stderr", "stdio_renumber_stderr_target_open", "stdio_renumber_stderr_closed"},
            {"stdio_renumber_stdout", "stdio_renumber_stdout_target_open", "stdio_renumber_stdout_closed"},
        };
        __wasi_fd_t from_fd = order[s], t = 0;
        __wasi_errno_t e = open_rw(keep, "ts_stdio.cleanup", __WASI_OFLAGS_CREAT, 0, 0, &t);
        __wasi_errno_t r = e ? e : __wasi_fd_renumber(from_fd, t);
        if (from_fd == 1 && r == 0) out_fd = t;
        __wasi_errno_t g1 = __wasi_fd_fdstat_get(t, &st);
        __wasi_errno_t g2 = __wasi_fd_fdstat_get(from_fd, &st);
        line_to(out_fd, r == 0, names[s][0]);
        line_to(out_fd, g1 == 0, names[s][1]);
        line_to(out_fd, g2 != 0, names[s][2]);
        line_to(out_fd, __wasi_path_unlink_file(keep, "ts_stdio.cleanup") == 0, "ts_stdio_unlink");
    }
    line_to(out_fd, __wasi_path_remove_directory(keep, "ts_fds.cleanup") == 0, "ts_rmdir_work");
    __wasi_fd_close(keep);
}

int main(int argc, char **argv) {
    const char *name = argc > 1 ? argv[1] : "/";
    int root = find_preopen(name);
    check_line(root >= 3, "preopen_found", "no preopen named %s", name);
    if (root < 0) return finish();
    preopen_checks(root);
    dir_fd_ops(root);
    expect_ok("ts_mkdir_work", __wasi_path_create_directory(root, "ts_fds.cleanup"));
    __wasi_fd_t d = 0;
    expect_ok("ts_open_work",
              __wasi_path_open(root, 0, "ts_fds.cleanup", __WASI_OFLAGS_DIRECTORY, DIR_BASE, DIR_INHERIT, 0, &d));
    readdir_checks(d);
    size_time_checks(d);
    append_checks(d);
    rights_checks(d);
    truncation_checks(root);
    io_checks(d);
    misc_checks();
    renumber_checks(root, d);
    /* stdout is gone: the exit code carries the verdict */
    return g_failures ? 1 : 0;
}
