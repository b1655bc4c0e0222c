/* fs_basic: the life of one regular file in /sandbox.
 * Covers fd_prestat_get, fd_prestat_dir_name, path_open, fd_write, fd_read (scatter), fd_seek,
 * fd_tell, fd_pread, fd_pwrite, fd_filestat_get, fd_filestat_set_size, fd_allocate, fd_advise,
 * fd_sync, fd_datasync, fd_fdstat_get, fd_fdstat_set_flags (append), fd_fdstat_set_rights,
 * fd_filestat_set_times, path_filestat_get, path_filestat_set_times, fd_renumber, fd_close,
 * path_unlink_file. Invocation: preopen /sandbox (read-write, empty). */
#include "check.h"

static __wasi_size_t do_write(__wasi_fd_t fd, const char *a, const char *b, __wasi_errno_t *err) {
    __wasi_ciovec_t iov[2] = {{(const uint8_t *)a, strlen(a)}, {(const uint8_t *)b, strlen(b)}};
    __wasi_size_t n = 0;
    *err = __wasi_fd_write(fd, iov, 2, &n);
    return n;
}

static __wasi_filesize_t seek(__wasi_fd_t fd, __wasi_filedelta_t off, __wasi_whence_t wh, __wasi_errno_t *err) {
    __wasi_filesize_t pos = 0xdeadbeef;
    *err = __wasi_fd_seek(fd, off, wh, &pos);
    return pos;
}

static __wasi_filesize_t tell(__wasi_fd_t fd) {
    __wasi_filesize_t pos = 0xdeadbeef;
    if (__wasi_fd_tell(fd, &pos) != 0) return (__wasi_filesize_t)-1;
    return pos;
}

/* Reads the whole file through pread (leaves the position alone). */
static size_t slurp(__wasi_fd_t fd, char *buf, size_t cap) {
    size_t got = 0;
    for (;;) {
        __wasi_iovec_t iov = {(uint8_t *)buf + got, cap - got};
        __wasi_size_t n = 0;
        if (__wasi_fd_pread(fd, &iov, 1, got, &n) != 0 || n == 0) break;
        got += n;
    }
    buf[got < cap ? got : cap - 1] = 0;
    return got;
}

static int near(uint64_t a, uint64_t b, uint64_t slack) { return a > b ? a - b <= slack : b - a <= slack; }

int main(void) {
    __wasi_errno_t e;
    int dir = find_preopen("/sandbox");
    expect_true("preopen_sandbox_found", dir >= 3, "no preopen named /sandbox");
    if (dir < 0) return finish();

    __wasi_prestat_t ps;
    expect_ok("fd_prestat_get", __wasi_fd_prestat_get(dir, &ps));
    check_line(ps.tag == __WASI_PREOPENTYPE_DIR && ps.u.dir.pr_name_len == 8, "fd_prestat_get_dir",
               "tag %d name_len %u", ps.tag, (unsigned)ps.u.dir.pr_name_len);
    char pname[16] = {0};
    expect_ok("fd_prestat_dir_name", __wasi_fd_prestat_dir_name(dir, (uint8_t *)pname, 8));
    expect_bytes("fd_prestat_dir_name_value", pname, "/sandbox", 8);
    expect_errno("fd_prestat_get_stdin_ebadf", __wasi_fd_prestat_get(0, &ps), __WASI_ERRNO_BADF);

    __wasi_fdstat_t ds;
    expect_ok("fd_fdstat_get_dir", __wasi_fd_fdstat_get(dir, &ds));
    expect_u64("fd_fdstat_get_dir_filetype", ds.fs_filetype, __WASI_FILETYPE_DIRECTORY);
    check_line((ds.fs_rights_base & __WASI_RIGHTS_PATH_OPEN) && (ds.fs_rights_inheriting & __WASI_RIGHTS_FD_WRITE),
               "preopen_rights", "base %llx inheriting %llx", (unsigned long long)ds.fs_rights_base,
               (unsigned long long)ds.fs_rights_inheriting);

    /* create + write */
    __wasi_fd_t fd = 0;
    e = open_file(dir, "basic.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, 0, &fd);
    expect_ok("path_open_create", e);
    if (e) return finish();
    __wasi_fdstat_t fs;
    expect_ok("fd_fdstat_get_file", __wasi_fd_fdstat_get(fd, &fs));
    expect_u64("fd_fdstat_get_file_filetype", fs.fs_filetype, __WASI_FILETYPE_REGULAR_FILE);
    __wasi_rights_t need = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK |
                           __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FILESTAT_GET;
    check_line((fs.fs_rights_base & need) == need, "fd_fdstat_get_file_rights", "base %llx",
               (unsigned long long)fs.fs_rights_base);
    expect_u64("fd_fdstat_get_file_flags", fs.fs_flags, 0);

    __wasi_size_t n = do_write(fd, "hello, ", "world\n", &e);
    expect_ok("fd_write_gather", e);
    expect_u64("fd_write_count", n, 13);
    expect_u64("fd_tell_after_write", tell(fd), 13);

    /* seek + read */
    expect_u64("fd_seek_set", seek(fd, 0, __WASI_WHENCE_SET, &e), 0);
    char a[3] = {0}, b[4] = {0};
    __wasi_iovec_t riov[2] = {{(uint8_t *)a, 2}, {(uint8_t *)b, 3}};
    e = __wasi_fd_read(fd, riov, 2, &n);
    expect_ok("fd_read_scatter", e);
    check_line(n == 5 && memcmp(a, "he", 2) == 0 && memcmp(b, "llo", 3) == 0, "fd_read_scatter_data",
               "n=%u a=%.2s b=%.3s", (unsigned)n, a, b);
    expect_u64("fd_tell_after_read", tell(fd), 5);
    expect_u64("fd_seek_end", seek(fd, -3, __WASI_WHENCE_END, &e), 10);
    expect_ok("fd_seek_end_ok", e);
    expect_u64("fd_seek_cur", seek(fd, 2, __WASI_WHENCE_CUR, &e), 12);
    expect_u64("fd_seek_cur_zero_is_tell", seek(fd, 0, __WASI_WHENCE_CUR, &e), 12);
    seek(fd, -100, __WASI_WHENCE_CUR, &e);
    expect_errno("fd_seek_before_start_einval", e, __WASI_ERRNO_INVAL);
    expect_u64("fd_seek_failed_keeps_position", tell(fd), 12);
    seek(fd, 0, 7, &e);
    expect_errno("fd_seek_bad_whence_einval", e, __WASI_ERRNO_INVAL);
    expect_u64("fd_seek_past_end", seek(fd, 100, __WASI_WHENCE_SET, &e), 100);
    char c;
    __wasi_iovec_t one = {(uint8_t *)&c, 1};
    e = __wasi_fd_read(fd, &one, 1, &n);
    check_line(e == 0 && n == 0, "fd_read_eof", "errno %s n=%u", errno_name(e), (unsigned)n);

    /* pread / pwrite do not move the position */
    seek(fd, 1, __WASI_WHENCE_SET, &e);
    char w[6] = {0};
    __wasi_iovec_t piov = {(uint8_t *)w, 5};
    e = __wasi_fd_pread(fd, &piov, 1, 7, &n);
    expect_ok("fd_pread", e);
    check_line(n == 5 && memcmp(w, "world", 5) == 0, "fd_pread_data", "n=%u data=%.5s", (unsigned)n, w);
    __wasi_ciovec_t wiov = {(const uint8_t *)"WORLD", 5};
    e = __wasi_fd_pwrite(fd, &wiov, 1, 7, &n);
    expect_ok("fd_pwrite", e);
    expect_u64("fd_pwrite_count", n, 5);
    expect_u64("fd_pread_pwrite_keep_position", tell(fd), 1);
    e = __wasi_fd_pread(fd, &piov, 1, 1000, &n);
    check_line(e == 0 && n == 0, "fd_pread_past_eof", "errno %s n=%u", errno_name(e), (unsigned)n);
    char all[256];
    slurp(fd, all, sizeof all);
    expect_true("file_content_after_pwrite", strcmp(all, "hello, WORLD\n") == 0, all);

    /* filestat + size changes */
    __wasi_filestat_t st;
    expect_ok("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
    check_line(st.size == 13 && st.filetype == __WASI_FILETYPE_REGULAR_FILE && st.nlink == 1,
               "fd_filestat_get_values", "size %llu type %d nlink %llu", (unsigned long long)st.size,
               st.filetype, (unsigned long long)st.nlink);
    expect_ok("fd_filestat_set_size_shrink", __wasi_fd_filestat_set_size(fd, 5));
    slurp(fd, all, sizeof all);
    expect_true("shrunk_content", strcmp(all, "hello") == 0, all);
    expect_ok("fd_filestat_set_size_grow", __wasi_fd_filestat_set_size(fd, 100));
    __wasi_fd_filestat_get(fd, &st);
    expect_u64("grown_size", st.size, 100);
    size_t got = slurp(fd, all, sizeof all);
    int zeros = got == 100;
    for (size_t i = 5; zeros && i < 100; i++) zeros = all[i] == 0;
    expect_true("grown_tail_is_zero", zeros, "bytes after the old end are not zero");

    /* fd_allocate: succeeds and grows the file, or the runtime reports it unsupported */
    e = __wasi_fd_allocate(fd, 0, 300);
    __wasi_fd_filestat_get(fd, &st);
    check_line((e == 0 && st.size == 300) || e == __WASI_ERRNO_NOTSUP || e == __WASI_ERRNO_NOSYS,
               "fd_allocate", "errno %s size %llu", errno_name(e), (unsigned long long)st.size);
    e = __wasi_fd_allocate(fd, 0, 10);
    __wasi_fd_filestat_get(fd, &st);
    check_line((e == 0 && st.size >= 100) || e == __WASI_ERRNO_NOTSUP || e == __WASI_ERRNO_NOSYS,
               "fd_allocate_never_shrinks", "errno %s size %llu", errno_name(e), (unsigned long long)st.size);

    static const __wasi_advice_t advice[] = {__WASI_ADVICE_NORMAL,   __WASI_ADVICE_SEQUENTIAL,
                                             __WASI_ADVICE_RANDOM,   __WASI_ADVICE_WILLNEED,
                                             __WASI_ADVICE_DONTNEED, __WASI_ADVICE_NOREUSE};
    int adv_ok = 1;
    for (size_t i = 0; i < sizeof advice / sizeof advice[0]; i++)
        adv_ok &= __wasi_fd_advise(fd, 0, 50, advice[i]) == 0;
    expect_true("fd_advise_all_kinds", adv_ok, "some advice value was rejected");
    expect_errno("fd_advise_bad_advice_einval", __wasi_fd_advise(fd, 0, 50, 99), __WASI_ERRNO_INVAL);
    expect_ok("fd_sync", __wasi_fd_sync(fd));
    expect_ok("fd_datasync", __wasi_fd_datasync(fd));

    /* append mode */
    expect_ok("fd_filestat_set_size_reset", __wasi_fd_filestat_set_size(fd, 4));
    expect_ok("fd_fdstat_set_flags_append", __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND));
    __wasi_fd_fdstat_get(fd, &fs);
    check_line(fs.fs_flags & __WASI_FDFLAGS_APPEND, "fd_fdstat_get_shows_append", "flags %x", fs.fs_flags);
    seek(fd, 0, __WASI_WHENCE_SET, &e);
    do_write(fd, "AB", "", &e);
    expect_ok("fd_write_append", e);
    slurp(fd, all, sizeof all);
    expect_true("append_writes_at_end", memcmp(all, "hellAB", 6) == 0, all);
    expect_ok("fd_fdstat_set_flags_clear", __wasi_fd_fdstat_set_flags(fd, 0));
    seek(fd, 0, __WASI_WHENCE_SET, &e);
    do_write(fd, "J", "", &e);
    slurp(fd, all, sizeof all);
    expect_true("non_append_writes_at_position", strcmp(all, "JellAB") == 0, all);

    /* timestamps: explicit values (microsecond-exact), then NOW */
    const uint64_t atim = 1600000000123456000ull, mtim = 1500000000654321000ull;
    expect_ok("fd_filestat_set_times",
              __wasi_fd_filestat_set_times(fd, atim, mtim, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    __wasi_fd_filestat_get(fd, &st);
    check_line(near(st.atim, atim, 1000) && near(st.mtim, mtim, 1000), "fd_filestat_set_times_values",
               "atim %llu mtim %llu", (unsigned long long)st.atim, (unsigned long long)st.mtim);
    expect_ok("fd_filestat_set_times_mtim_only",
              __wasi_fd_filestat_set_times(fd, 0, 1400000000000000000ull, __WASI_FSTFLAGS_MTIM));
    __wasi_fd_filestat_get(fd, &st);
    check_line(near(st.atim, atim, 1000) && near(st.mtim, 1400000000000000000ull, 1000),
               "fd_filestat_set_times_leaves_atim", "atim %llu mtim %llu", (unsigned long long)st.atim,
               (unsigned long long)st.mtim);
    expect_errno("fd_filestat_set_times_conflict_einval",
                 __wasi_fd_filestat_set_times(fd, atim, 0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
                 __WASI_ERRNO_INVAL);
    __wasi_timestamp_t now = 0;
    __wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &now);
    expect_ok("path_filestat_set_times_now",
              __wasi_path_filestat_set_times(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "basic.txt", 0, 0,
                                             __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW));
    __wasi_filestat_t pst;
    expect_ok("path_filestat_get", __wasi_path_filestat_get(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "basic.txt", &pst));
    check_line(near(pst.mtim, now, 5000000000ull) && near(pst.atim, now, 5000000000ull),
               "path_filestat_set_times_now_values", "mtim %llu atim %llu now %llu",
               (unsigned long long)pst.mtim, (unsigned long long)pst.atim, (unsigned long long)now);
    expect_ok("path_filestat_set_times_explicit",
              __wasi_path_filestat_set_times(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "basic.txt", atim, mtim,
                                             __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    __wasi_fd_filestat_get(fd, &st);
    __wasi_path_filestat_get(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "basic.txt", &pst);
    check_line(near(pst.mtim, mtim, 1000) && near(pst.atim, atim, 1000) && pst.ino == st.ino &&
                   pst.dev == st.dev && pst.size == st.size && pst.filetype == __WASI_FILETYPE_REGULAR_FILE,
               "path_filestat_get_matches_fd", "path mtim %llu ino %llu/%llu size %llu/%llu",
               (unsigned long long)pst.mtim, (unsigned long long)pst.ino, (unsigned long long)st.ino,
               (unsigned long long)pst.size, (unsigned long long)st.size);

    /* rights: drop FD_WRITE, writes become ENOTCAPABLE, rights cannot grow back */
    __wasi_fd_t ro = 0;
    e = open_file(dir, "basic.txt", 0, 0, &ro);
    expect_ok("path_open_existing", e);
    __wasi_fdstat_t rs;
    __wasi_fd_fdstat_get(ro, &rs);
    __wasi_rights_t reduced = rs.fs_rights_base & ~(__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_ALLOCATE);
    expect_ok("fd_fdstat_set_rights_drop_write", __wasi_fd_fdstat_set_rights(ro, reduced, rs.fs_rights_inheriting));
    __wasi_fd_fdstat_get(ro, &rs);
    check_line(!(rs.fs_rights_base & __WASI_RIGHTS_FD_WRITE) && (rs.fs_rights_base & __WASI_RIGHTS_FD_READ),
               "fd_fdstat_get_reduced_rights", "base %llx", (unsigned long long)rs.fs_rights_base);
    do_write(ro, "x", "", &e);
    expect_errno("fd_write_without_right_enotcapable", e, __WASI_ERRNO_NOTCAPABLE);
    expect_errno("fd_fdstat_set_rights_grow_enotcapable",
                 __wasi_fd_fdstat_set_rights(ro, reduced | __WASI_RIGHTS_FD_WRITE, rs.fs_rights_inheriting),
                 __WASI_ERRNO_NOTCAPABLE);
    char rb[5] = {0};
    __wasi_iovec_t rio = {(uint8_t *)rb, 4};
    e = __wasi_fd_read(ro, &rio, 1, &n);
    check_line(e == 0 && n == 4 && memcmp(rb, "Jell", 4) == 0, "fd_read_with_reduced_rights", "errno %s n=%u",
               errno_name(e), (unsigned)n);

    /* renumber: ro now lives at fd's number, the old number is closed */
    __wasi_filestat_t before;
    __wasi_fd_filestat_get(ro, &before);
    expect_ok("fd_renumber", __wasi_fd_renumber(ro, fd));
    expect_errno("fd_renumber_source_closed", __wasi_fd_close(ro), __WASI_ERRNO_BADF);
    __wasi_fd_fdstat_get(fd, &rs);
    check_line(!(rs.fs_rights_base & __WASI_RIGHTS_FD_WRITE), "fd_renumber_target_is_source",
               "target still has FD_WRITE (base %llx)", (unsigned long long)rs.fs_rights_base);
    expect_errno("fd_renumber_to_unopened_ebadf", __wasi_fd_renumber(fd, 9999), __WASI_ERRNO_BADF);
    expect_errno("fd_renumber_from_unopened_ebadf", __wasi_fd_renumber(9999, fd), __WASI_ERRNO_BADF);

    expect_ok("fd_close", __wasi_fd_close(fd));
    expect_errno("fd_close_twice_ebadf", __wasi_fd_close(fd), __WASI_ERRNO_BADF);
    expect_ok("path_unlink_file", __wasi_path_unlink_file(dir, "basic.txt"));
    expect_errno("path_filestat_get_after_unlink_enoent",
                 __wasi_path_filestat_get(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "basic.txt", &pst),
                 __WASI_ERRNO_NOENT);
    return finish();
}
