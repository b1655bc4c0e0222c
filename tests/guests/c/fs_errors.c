/* fs_errors: error paths of the fd_* and path_* functions.
 *  - EBADF: every fd-taking function on an fd that was never opened (and one just closed)
 *  - EFAULT: iovecs, buffers, paths and result pointers outside linear memory (raw imports)
 *  - ENOENT, ENOTDIR, EEXIST, EISDIR, ENOTEMPTY, EINVAL on bad arguments
 *    (path_filestat_set_times with conflicting flags lives in fs_times_conflict.c: it wedges node)
 * Invocation: preopen /sandbox (read-write, empty). */
#include "check.h"

RAW_IMPORT(fd_write) int32_t raw_fd_write(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nwritten);
RAW_IMPORT(fd_read) int32_t raw_fd_read(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nread);
RAW_IMPORT(fd_pread) int32_t raw_fd_pread(int32_t fd, int32_t iovs, int32_t iovs_len, int64_t off, int32_t nread);
RAW_IMPORT(fd_pwrite) int32_t raw_fd_pwrite(int32_t fd, int32_t iovs, int32_t iovs_len, int64_t off, int32_t nw);
RAW_IMPORT(fd_seek) int32_t raw_fd_seek(int32_t fd, int64_t off, int32_t whence, int32_t newoff);
RAW_IMPORT(fd_tell) int32_t raw_fd_tell(int32_t fd, int32_t off);
RAW_IMPORT(fd_fdstat_get) int32_t raw_fd_fdstat_get(int32_t fd, int32_t out);
RAW_IMPORT(fd_filestat_get) int32_t raw_fd_filestat_get(int32_t fd, int32_t out);
RAW_IMPORT(fd_prestat_get) int32_t raw_fd_prestat_get(int32_t fd, int32_t out);
RAW_IMPORT(fd_prestat_dir_name) int32_t raw_fd_prestat_dir_name(int32_t fd, int32_t buf, int32_t len);
RAW_IMPORT(fd_readdir) int32_t raw_fd_readdir(int32_t fd, int32_t buf, int32_t len, int64_t cookie, int32_t used);
RAW_IMPORT(path_open) int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len,
                                            int32_t oflags, int64_t base, int64_t inh, int32_t fdflags, int32_t out);
RAW_IMPORT(path_create_directory) int32_t raw_path_create_directory(int32_t fd, int32_t path, int32_t len);
RAW_IMPORT(path_filestat_get) int32_t raw_path_filestat_get(int32_t fd, int32_t flags, int32_t path, int32_t len,
                                                            int32_t out);
RAW_IMPORT(path_readlink) int32_t raw_path_readlink(int32_t fd, int32_t path, int32_t len, int32_t buf,
                                                    int32_t buf_len, int32_t used);

static int32_t P(const void *p) { return (int32_t)(intptr_t)p; }
static int32_t mem_end(void) { return (int32_t)((uint32_t)__builtin_wasm_memory_size(0) * 65536u); }

static void ebadf_all(const char *suffix, __wasi_fd_t bad) {
    char name[96];
    uint8_t data[16] = {0};
    __wasi_iovec_t iov = {data, sizeof data};
    __wasi_ciovec_t ciov = {data, sizeof data};
    __wasi_size_t n;
    __wasi_filesize_t pos;
    __wasi_fdstat_t fs;
    __wasi_filestat_t st;
    __wasi_prestat_t ps;
    __wasi_fd_t out;
#define EB(fn, call)                                                  \
    do {                                                              \
        snprintf(name, sizeof name, "%s_ebadf%s", fn, suffix);        \
        expect_errno(name, call, __WASI_ERRNO_BADF);                  \
    } while (0)
    EB("fd_advise", __wasi_fd_advise(bad, 0, 1, __WASI_ADVICE_NORMAL));
    EB("fd_allocate", __wasi_fd_allocate(bad, 0, 1));
    EB("fd_close", __wasi_fd_close(bad));
    EB("fd_datasync", __wasi_fd_datasync(bad));
    EB("fd_fdstat_get", __wasi_fd_fdstat_get(bad, &fs));
    EB("fd_fdstat_set_flags", __wasi_fd_fdstat_set_flags(bad, 0));
    EB("fd_fdstat_set_rights", __wasi_fd_fdstat_set_rights(bad, 0, 0));
    EB("fd_filestat_get", __wasi_fd_filestat_get(bad, &st));
    EB("fd_filestat_set_size", __wasi_fd_filestat_set_size(bad, 0));
    EB("fd_filestat_set_times", __wasi_fd_filestat_set_times(bad, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    EB("fd_pread", __wasi_fd_pread(bad, &iov, 1, 0, &n));
    EB("fd_prestat_get", __wasi_fd_prestat_get(bad, &ps));
    EB("fd_prestat_dir_name", __wasi_fd_prestat_dir_name(bad, data, sizeof data));
    EB("fd_pwrite", __wasi_fd_pwrite(bad, &ciov, 1, 0, &n));
    EB("fd_read", __wasi_fd_read(bad, &iov, 1, &n));
    EB("fd_readdir", __wasi_fd_readdir(bad, data, sizeof data, 0, &n));
    EB("fd_renumber", __wasi_fd_renumber(bad, 1));
    EB("fd_seek", __wasi_fd_seek(bad, 0, __WASI_WHENCE_SET, &pos));
    EB("fd_sync", __wasi_fd_sync(bad));
    EB("fd_tell", __wasi_fd_tell(bad, &pos));
    EB("fd_write", __wasi_fd_write(bad, &ciov, 1, &n));
    EB("path_create_directory", __wasi_path_create_directory(bad, "x"));
    EB("path_filestat_get", __wasi_path_filestat_get(bad, 0, "x", &st));
    EB("path_filestat_set_times", __wasi_path_filestat_set_times(bad, 0, "x", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    EB("path_link_old", __wasi_path_link(bad, 0, "x", 3, "y"));
    EB("path_link_new", __wasi_path_link(3, 0, "x", bad, "y"));
    EB("path_open", __wasi_path_open(bad, 0, "x", 0, 0, 0, 0, &out));
    EB("path_readlink", __wasi_path_readlink(bad, "x", data, sizeof data, &n));
    EB("path_remove_directory", __wasi_path_remove_directory(bad, "x"));
    EB("path_rename_old", __wasi_path_rename(bad, "x", 3, "y"));
    EB("path_rename_new", __wasi_path_rename(3, "x", bad, "y"));
    EB("path_symlink", __wasi_path_symlink("x", bad, "y"));
    EB("path_unlink_file", __wasi_path_unlink_file(bad, "x"));
#undef EB
}

int main(void) {
    int root = find_preopen("/sandbox");
    expect_true("preopen_sandbox_found", root == 3, "want /sandbox preopened as fd 3 (the first preopen)");
    if (root < 0) return finish();
    __wasi_errno_t e;
    __wasi_fd_t fd = 0;
    __wasi_filestat_t st;
    __wasi_size_t n;

    ebadf_all("", 9999);
    ebadf_all("_huge_fd", 0x7fffffff);
    e = open_file(root, "closed.txt", __WASI_OFLAGS_CREAT, 0, &fd);
    expect_ok("open_then_close", e ? e : __wasi_fd_close(fd));
    {
        __wasi_ciovec_t ciov = {(const uint8_t *)"x", 1};
        expect_errno("fd_write_closed_fd_ebadf", __wasi_fd_write(fd, &ciov, 1, &n), __WASI_ERRNO_BADF);
    }

    /* EFAULT (node/uvwasi answers EOVERFLOW for out-of-bounds guest pointers) */
    e = open_file(root, "fault.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, 0, &fd);
    expect_ok("open_fault_file", e);
    static uint8_t data[32] = "0123456789abcdef0123456789abcdef";
    static __wasi_ciovec_t good_iov = {data, 8};
    static __wasi_ciovec_t bad_data_iov = {(const uint8_t *)(intptr_t)-64, 8};
    static __wasi_iovec_t bad_read_iov = {(uint8_t *)(intptr_t)-64, 8};
    static uint32_t out32[4];
    static uint64_t out64[16];
    int32_t end = mem_end();
    expect_errno("fd_write_iovs_efault", raw_fd_write(fd, -16, 1, P(out32)), __WASI_ERRNO_FAULT);
    expect_errno("fd_write_iovs_straddle_efault", raw_fd_write(fd, end - 4, 1, P(out32)), __WASI_ERRNO_FAULT);
    expect_errno("fd_write_data_efault", raw_fd_write(fd, P(&bad_data_iov), 1, P(out32)), __WASI_ERRNO_FAULT);
    expect_errno("fd_write_nwritten_efault", raw_fd_write(fd, P(&good_iov), 1, end), __WASI_ERRNO_FAULT);
    expect_errno("fd_pwrite_data_efault", raw_fd_pwrite(fd, P(&bad_data_iov), 1, 0, P(out32)), __WASI_ERRNO_FAULT);
    expect_ok("fd_write_good", raw_fd_write(fd, P(&good_iov), 1, P(out32)));
    expect_errno("fd_read_buf_efault", raw_fd_read(fd, P(&bad_read_iov), 1, P(out32)), __WASI_ERRNO_FAULT);
    expect_errno("fd_pread_buf_efault", raw_fd_pread(fd, P(&bad_read_iov), 1, 0, P(out32)), __WASI_ERRNO_FAULT);
    expect_errno("fd_seek_result_efault", raw_fd_seek(fd, 0, __WASI_WHENCE_SET, end - 4), __WASI_ERRNO_FAULT);
    expect_errno("fd_tell_result_efault", raw_fd_tell(fd, -8), __WASI_ERRNO_FAULT);
    expect_errno("fd_fdstat_get_efault", raw_fd_fdstat_get(fd, end - 8), __WASI_ERRNO_FAULT);
    expect_errno("fd_filestat_get_efault", raw_fd_filestat_get(fd, end - 32), __WASI_ERRNO_FAULT);
    expect_errno("fd_prestat_get_efault", raw_fd_prestat_get(root, -4), __WASI_ERRNO_FAULT);
    expect_errno("fd_prestat_dir_name_efault", raw_fd_prestat_dir_name(root, end - 2, 8), __WASI_ERRNO_FAULT);
    expect_errno("fd_readdir_buf_efault", raw_fd_readdir(root, end - 16, 64, 0, P(out32)), __WASI_ERRNO_FAULT);
    expect_errno("path_open_path_efault",
                 raw_path_open(root, 0, end - 3, 10, 0, (int64_t)inheritable_rights(root),
                               (int64_t)inheritable_rights(root), 0, P(out32)),
                 __WASI_ERRNO_FAULT);
    expect_errno("path_open_result_efault",
                 raw_path_open(root, 0, P("fault.txt"), 9, 0, (int64_t)inheritable_rights(root),
                               (int64_t)inheritable_rights(root), 0, -4),
                 __WASI_ERRNO_FAULT);
    expect_errno("path_create_directory_path_efault", raw_path_create_directory(root, -100, 50), __WASI_ERRNO_FAULT);
    expect_errno("path_filestat_get_result_efault", raw_path_filestat_get(root, 0, P("fault.txt"), 9, end - 16),
                 __WASI_ERRNO_FAULT);
    /* the path length, not a NUL, delimits the path */
    expect_ok("path_filestat_get_explicit_length", raw_path_filestat_get(root, 0, P("fault.txtGARBAGE"), 9, P(out64)));
    expect_errno("path_readlink_buf_efault", raw_path_readlink(root, P("fault.txt"), 9, -8, 64, P(out32)),
                 __WASI_ERRNO_FAULT);
    __wasi_fd_filestat_get(fd, &st);
    expect_u64("failed_writes_left_file_alone", st.size, 8);

    /* ENOENT */
    e = open_file(root, "missing.txt", 0, 0, &fd);
    expect_errno("path_open_missing_enoent", e, __WASI_ERRNO_NOENT);
    e = open_file(root, "nodir/new.txt", __WASI_OFLAGS_CREAT, 0, &fd);
    expect_errno("path_open_creat_missing_parent_enoent", e, __WASI_ERRNO_NOENT);
    expect_errno("path_filestat_get_missing_enoent", __wasi_path_filestat_get(root, 0, "missing.txt", &st),
                 __WASI_ERRNO_NOENT);
    expect_errno("path_unlink_file_missing_enoent", __wasi_path_unlink_file(root, "missing.txt"), __WASI_ERRNO_NOENT);
    expect_errno("path_filestat_set_times_missing_enoent",
                 __wasi_path_filestat_set_times(root, 0, "missing.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW),
                 __WASI_ERRNO_NOENT);
    expect_errno("path_open_empty_path_enoent", open_file(root, "", 0, 0, &fd), __WASI_ERRNO_NOENT);

    /* ENOTDIR: a regular file used as a directory */
    expect_ok("setup_plain", make_file(root, "plain.txt", "plain"));
    expect_errno("path_open_file_as_dir_component_enotdir", open_file(root, "plain.txt/x", 0, 0, &fd),
                 __WASI_ERRNO_NOTDIR);
    expect_errno("path_create_directory_under_file_enotdir", __wasi_path_create_directory(root, "plain.txt/d"),
                 __WASI_ERRNO_NOTDIR);
    expect_errno("path_filestat_get_under_file_enotdir", __wasi_path_filestat_get(root, 0, "plain.txt/x", &st),
                 __WASI_ERRNO_NOTDIR);
    __wasi_fd_t pf = 0;
    expect_ok("open_plain", open_file(root, "plain.txt", 0, 0, &pf));
    /* a file fd as the directory of a path_* call */
    expect_errno3("path_open_dirfd_is_file", open_file(pf, "x", 0, 0, &fd), __WASI_ERRNO_NOTDIR,
                  __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
    expect_errno3("path_create_directory_dirfd_is_file", __wasi_path_create_directory(pf, "x"),
                  __WASI_ERRNO_NOTDIR, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);

    /* EEXIST */
    expect_errno("path_open_creat_excl_eexist",
                 open_file(root, "plain.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, 0, &fd), __WASI_ERRNO_EXIST);
    expect_errno("path_create_directory_over_file_eexist", __wasi_path_create_directory(root, "plain.txt"),
                 __WASI_ERRNO_EXIST);
    expect_errno("path_symlink_over_file_eexist", __wasi_path_symlink("x", root, "plain.txt"), __WASI_ERRNO_EXIST);
    expect_ok("path_create_directory_dir", __wasi_path_create_directory(root, "adir"));
    expect_errno("path_link_over_dir_eexist", __wasi_path_link(root, 0, "plain.txt", root, "adir"),
                 __WASI_ERRNO_EXIST);

    /* EISDIR */
    expect_errno("path_unlink_file_on_dir_eisdir", __wasi_path_unlink_file(root, "adir"), __WASI_ERRNO_ISDIR);
    expect_errno("path_open_dir_trunc_eisdir", open_file(root, "adir", __WASI_OFLAGS_TRUNC, 0, &fd),
                 __WASI_ERRNO_ISDIR);
    expect_errno("path_rename_file_over_dir_eisdir", __wasi_path_rename(root, "plain.txt", root, "adir"),
                 __WASI_ERRNO_ISDIR);
    {
        __wasi_fd_t dfd = 0;
        expect_ok("open_adir", open_dir(root, "adir", &dfd));
        uint8_t b[4];
        __wasi_iovec_t iov = {b, sizeof b};
        /* EISDIR (POSIX read on a directory), EBADF (not a file handle) or ENOTCAPABLE (the
         * directory fd has no FD_READ right) */
        expect_errno3("fd_read_on_dir", __wasi_fd_read(dfd, &iov, 1, &n), __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF,
                      __WASI_ERRNO_NOTCAPABLE);
        __wasi_fd_close(dfd);
    }

    /* ENOTEMPTY */
    expect_ok("setup_nonempty", make_file(root, "adir/f", "f"));
    expect_errno("path_remove_directory_enotempty", __wasi_path_remove_directory(root, "adir"),
                 __WASI_ERRNO_NOTEMPTY);

    /* EINVAL */
    __wasi_filesize_t pos;
    expect_errno("fd_seek_bad_whence_einval", __wasi_fd_seek(pf, 0, 3, &pos), __WASI_ERRNO_INVAL);
    expect_errno("fd_seek_negative_einval", __wasi_fd_seek(pf, -1, __WASI_WHENCE_SET, &pos), __WASI_ERRNO_INVAL);
    expect_errno("fd_advise_bad_advice_einval", __wasi_fd_advise(pf, 0, 1, 200), __WASI_ERRNO_INVAL);
    expect_errno("fd_filestat_set_times_conflict_einval",
                 __wasi_fd_filestat_set_times(pf, 1, 1, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW),
                 __WASI_ERRNO_INVAL);
    expect_errno("path_readlink_regular_file_einval", __wasi_path_readlink(root, "plain.txt", data, 8, &n),
                 __WASI_ERRNO_INVAL);

    /* ENOTCAPABLE / EBADF: writing through a read-only descriptor */
    __wasi_fd_t ro = 0;
    e = __wasi_path_open(root, 0, "plain.txt", 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_FILESTAT_GET, 0, 0, &ro);
    expect_ok("path_open_read_only", e);
    {
        __wasi_ciovec_t ciov = {data, 4};
        expect_errno2("fd_write_read_only", __wasi_fd_write(ro, &ciov, 1, &n), __WASI_ERRNO_NOTCAPABLE,
                      __WASI_ERRNO_BADF);
    }
    __wasi_fd_filestat_get(pf, &st);
    expect_u64("read_only_write_left_file_alone", st.size, 5);
    __wasi_fd_close(ro);
    __wasi_fd_close(pf);

    return finish();
}
