/* fs_links: path_symlink, path_readlink (incl. truncation to buf_len like POSIX readlink),
 * path_link (hard links share the inode, nlink 2), lookupflags (symlink_follow vs not) for
 * path_filestat_get / path_open / path_filestat_set_times, path_rename (replacing a file),
 * path_unlink_file on links. Invocation: preopen /sandbox (read-write, empty). */
#include "check.h"

static size_t read_file(int dir, const char *path, char *buf, size_t cap) {
    __wasi_fd_t fd;
    if (open_file(dir, path, 0, 0, &fd) != 0) return (size_t)-1;
    __wasi_iovec_t iov = {(uint8_t *)buf, cap - 1};
    __wasi_size_t n = 0;
    if (__wasi_fd_read(fd, &iov, 1, &n) != 0) n = 0;
    buf[n] = 0;
    __wasi_fd_close(fd);
    return n;
}

int main(void) {
    int root = find_preopen("/sandbox");
    expect_true("preopen_sandbox_found", root >= 3, "no preopen named /sandbox");
    if (root < 0) return finish();
    __wasi_errno_t e;
    __wasi_filestat_t st, lst;
    char buf[64];

    expect_ok("setup_dir", __wasi_path_create_directory(root, "links"));
    expect_ok("setup_target", make_file(root, "links/target.txt", "target data"));

    /* symlinks */
    expect_ok("path_symlink", __wasi_path_symlink("target.txt", root, "links/sym"));
    expect_errno("path_symlink_eexist", __wasi_path_symlink("whatever", root, "links/sym"), __WASI_ERRNO_EXIST);
    __wasi_size_t n = 0;
    memset(buf, 0, sizeof buf);
    expect_ok("path_readlink", __wasi_path_readlink(root, "links/sym", (uint8_t *)buf, sizeof buf, &n));
    check_line(n == 10 && memcmp(buf, "target.txt", 10) == 0, "path_readlink_contents", "n=%u buf=%.*s",
               (unsigned)n, (int)n, buf);
    memset(buf, 'Z', sizeof buf);
    e = __wasi_path_readlink(root, "links/sym", (uint8_t *)buf, 4, &n);
    check_line(e == 0 && n == 4 && memcmp(buf, "targZ", 5) == 0, "path_readlink_truncates",
               "errno %s n=%u buf=%.5s", errno_name(e), (unsigned)n, buf);
    expect_errno("path_readlink_not_a_link_einval",
                 __wasi_path_readlink(root, "links/target.txt", (uint8_t *)buf, sizeof buf, &n), __WASI_ERRNO_INVAL);
    expect_errno("path_readlink_missing_enoent",
                 __wasi_path_readlink(root, "links/none", (uint8_t *)buf, sizeof buf, &n), __WASI_ERRNO_NOENT);

    expect_ok("path_filestat_get_nofollow", __wasi_path_filestat_get(root, 0, "links/sym", &lst));
    expect_u64("path_filestat_get_nofollow_is_symlink", lst.filetype, __WASI_FILETYPE_SYMBOLIC_LINK);
    expect_ok("path_filestat_get_follow",
              __wasi_path_filestat_get(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "links/sym", &st));
    check_line(st.filetype == __WASI_FILETYPE_REGULAR_FILE && st.size == 11, "path_filestat_get_follow_is_target",
               "type %d size %llu", st.filetype, (unsigned long long)st.size);
    n = read_file(root, "links/sym", buf, sizeof buf);
    expect_true("path_open_through_symlink", n == 11 && strcmp(buf, "target data") == 0, buf);

    /* path_open without symlink_follow on a symlink as the last component */
    __wasi_fd_t fd = 0;
    __wasi_rights_t r = inheritable_rights(root);
    e = __wasi_path_open(root, 0, "links/sym", 0, r, r, 0, &fd);
    expect_errno("path_open_nofollow_on_symlink_eloop", e, __WASI_ERRNO_LOOP);
    if (e == 0) __wasi_fd_close(fd);

    /* a symlink in the middle of a path is always followed */
    expect_ok("setup_subdir", __wasi_path_create_directory(root, "links/realdir"));
    expect_ok("setup_subdir_file", make_file(root, "links/realdir/inner.txt", "inner"));
    expect_ok("path_symlink_to_dir", __wasi_path_symlink("realdir", root, "links/dirlink"));
    n = read_file(root, "links/dirlink/inner.txt", buf, sizeof buf);
    expect_true("symlink_dir_in_middle_of_path", n == 5 && strcmp(buf, "inner") == 0, "could not read through dirlink");
    __wasi_filestat_t ist;
    expect_ok("path_filestat_get_through_dirlink_nofollow",
              __wasi_path_filestat_get(root, 0, "links/dirlink/inner.txt", &ist));

    /* dangling symlink */
    expect_ok("path_symlink_dangling", __wasi_path_symlink("does-not-exist", root, "links/dangling"));
    expect_errno("path_filestat_get_dangling_follow_enoent",
                 __wasi_path_filestat_get(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "links/dangling", &st),
                 __WASI_ERRNO_NOENT);
    expect_ok("path_filestat_get_dangling_nofollow", __wasi_path_filestat_get(root, 0, "links/dangling", &st));

    /* set times through a followed link changes the target */
    const uint64_t mt = 1300000000000000000ull;
    expect_ok("path_filestat_set_times_follow",
              __wasi_path_filestat_set_times(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "links/sym", 0, mt,
                                             __WASI_FSTFLAGS_MTIM));
    __wasi_path_filestat_get(root, 0, "links/target.txt", &st);
    check_line(st.mtim == mt, "path_filestat_set_times_follow_hits_target", "target mtim %llu",
               (unsigned long long)st.mtim);

    /* hard links */
    __wasi_filestat_t tst;
    __wasi_path_filestat_get(root, 0, "links/target.txt", &tst);
    expect_ok("path_link", __wasi_path_link(root, 0, "links/target.txt", root, "links/hard"));
    __wasi_path_filestat_get(root, 0, "links/hard", &st);
    __wasi_path_filestat_get(root, 0, "links/target.txt", &tst);
    check_line(st.ino == tst.ino && st.nlink == 2 && tst.nlink == 2, "path_link_same_inode",
               "ino %llu vs %llu nlink %llu/%llu", (unsigned long long)st.ino, (unsigned long long)tst.ino,
               (unsigned long long)st.nlink, (unsigned long long)tst.nlink);
    expect_errno("path_link_eexist", __wasi_path_link(root, 0, "links/target.txt", root, "links/hard"),
                 __WASI_ERRNO_EXIST);
    expect_errno("path_link_missing_source_enoent", __wasi_path_link(root, 0, "links/none", root, "links/hard2"),
                 __WASI_ERRNO_NOENT);
    __wasi_fd_t sub = 0;
    e = open_dir(root, "links/realdir", &sub);
    expect_ok("open_subdir", e);
    expect_ok("path_link_across_fds", __wasi_path_link(root, 0, "links/target.txt", sub, "hard3"));
    n = read_file(sub, "hard3", buf, sizeof buf);
    expect_true("path_link_across_fds_content", n == 11 && strcmp(buf, "target data") == 0, buf);

    /* unlinking one name keeps the data alive under the other */
    expect_ok("path_unlink_file_one_link", __wasi_path_unlink_file(root, "links/target.txt"));
    n = read_file(root, "links/hard", buf, sizeof buf);
    expect_true("hard_link_survives_unlink", n == 11 && strcmp(buf, "target data") == 0, buf);
    __wasi_path_filestat_get(root, 0, "links/hard", &st);
    expect_u64("nlink_after_unlink", st.nlink, 2);
    /* sym now dangles; removing the symlink removes the link, not its target */
    expect_ok("path_symlink_to_hard", __wasi_path_symlink("hard", root, "links/sym2"));
    expect_ok("path_unlink_file_symlink", __wasi_path_unlink_file(root, "links/sym2"));
    expect_ok("symlink_target_still_there", __wasi_path_filestat_get(root, 0, "links/hard", &st));
    expect_ok("path_unlink_file_dangling_symlink", __wasi_path_unlink_file(root, "links/dangling"));
    expect_ok("path_unlink_file_dir_symlink", __wasi_path_unlink_file(root, "links/dirlink"));
    expect_ok("dir_symlink_target_still_there", __wasi_path_filestat_get(root, 0, "links/realdir", &st));

    /* rename a file over another file replaces it */
    expect_ok("setup_rename_src", make_file(root, "links/a.txt", "AAA"));
    expect_ok("setup_rename_dst", make_file(root, "links/b.txt", "BBBBBB"));
    expect_ok("path_rename_replace", __wasi_path_rename(root, "links/a.txt", root, "links/b.txt"));
    n = read_file(root, "links/b.txt", buf, sizeof buf);
    expect_true("path_rename_replace_content", n == 3 && strcmp(buf, "AAA") == 0, buf);
    expect_errno("path_rename_source_gone_enoent",
                 __wasi_path_filestat_get(root, 0, "links/a.txt", &st), __WASI_ERRNO_NOENT);
    expect_errno("path_rename_missing_enoent", __wasi_path_rename(root, "links/a.txt", root, "links/c.txt"),
                 __WASI_ERRNO_NOENT);
    expect_ok("path_rename_symlink", __wasi_path_rename(root, "links/sym", root, "links/sym_renamed"));
    expect_ok("path_readlink_after_rename",
              __wasi_path_readlink(root, "links/sym_renamed", (uint8_t *)buf, sizeof buf, &n));
    expect_true("path_rename_symlink_keeps_contents", n == 10 && memcmp(buf, "target.txt", 10) == 0, "contents changed");
    if (sub) __wasi_fd_close(sub);
    return finish();
}
