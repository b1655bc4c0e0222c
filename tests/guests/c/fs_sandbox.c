/* fs_sandbox: attempts to leave the preopened directory must fail, with ENOTCAPABLE (uvwasi,
 * the spec's capability error) or EPERM (wasmtime/cap-std reports escapes as EPERM). Covers
 * "..", "a/../../x", absolute paths, absolute and relative symlinks pointing outside (followed
 * as the last component and in the middle of a path), and every path_* function. Paths that
 * stay inside ("sub/../f", "./f", a symlink to "../sbx_inside.txt" from a subdirectory) must work.
 * Invocation: preopen /sandbox (read-write, empty). The host directory's parent is never touched:
 * nothing is created outside even when a runtime wrongly allowed an escape, because every
 * escaping creation targets a name like "sbx_escape_*". */
#include "check.h"

static void denied(const char *name, __wasi_errno_t e) {
    expect_errno2(name, e, __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_PERM);
}

int main(void) {
    int root = find_preopen("/sandbox");
    expect_true("preopen_sandbox_found", root >= 3, "no preopen named /sandbox");
    if (root < 0) return finish();
    __wasi_errno_t e;
    __wasi_fd_t fd = 0;
    __wasi_filestat_t st;
    __wasi_size_t n;
    char buf[64];

    expect_ok("setup_sub", __wasi_path_create_directory(root, "sub"));
    expect_ok("setup_file", make_file(root, "sbx_inside.txt", "inside"));

    /* inside paths that use ".." or "." legitimately */
    if (!(e = open_file(root, "sub/../sbx_inside.txt", 0, 0, &fd))) __wasi_fd_close(fd);
    expect_ok("dotdot_inside_ok", e);
    if (!(e = open_file(root, "./sub/./../sbx_inside.txt", 0, 0, &fd))) __wasi_fd_close(fd);
    expect_ok("dot_inside_ok", e);
    if (!(e = open_dir(root, "sub/..", &fd))) __wasi_fd_close(fd);
    expect_ok("sub_dotdot_is_root_ok", e);
    if (!(e = open_dir(root, ".", &fd))) __wasi_fd_close(fd);
    expect_ok("dot_is_root_ok", e);

    /* escapes through ".." */
    denied("path_open_dotdot", open_file(root, "..", 0, 0, &fd));
    denied("path_open_dotdot_dir", open_dir(root, "..", &fd));
    denied("path_open_dotdot_file", open_file(root, "../sbx_escape_a", __WASI_OFLAGS_CREAT, 0, &fd));
    denied("path_open_nested_dotdot", open_file(root, "sub/../../sbx_escape_b", __WASI_OFLAGS_CREAT, 0, &fd));
    denied("path_open_deep_dotdot", open_file(root, "sub/../sub/../../sbx_inside.txt", 0, 0, &fd));
    denied("path_open_absolute", open_file(root, "/etc/passwd", 0, 0, &fd));
    denied("path_open_absolute_root", open_dir(root, "/", &fd));
    denied("path_open_absolute_sandbox_name", open_file(root, "/sandbox/sbx_inside.txt", 0, 0, &fd));
    denied("path_filestat_get_dotdot", __wasi_path_filestat_get(root, 0, "..", &st));
    denied("path_filestat_get_absolute", __wasi_path_filestat_get(root, 0, "/etc", &st));
    denied("path_create_directory_dotdot", __wasi_path_create_directory(root, "../sbx_escape_dir"));
    denied("path_remove_directory_dotdot", __wasi_path_remove_directory(root, "../sbx_escape_dir"));
    denied("path_unlink_file_dotdot", __wasi_path_unlink_file(root, "../sbx_escape_file"));
    denied("path_rename_to_outside", __wasi_path_rename(root, "sbx_inside.txt", root, "../sbx_escape_moved"));
    denied("path_rename_from_outside", __wasi_path_rename(root, "../sbx_escape_x", root, "got"));
    denied("path_link_to_outside", __wasi_path_link(root, 0, "sbx_inside.txt", root, "../sbx_escape_link"));
    denied("path_link_from_outside", __wasi_path_link(root, 0, "../sbx_escape_x", root, "got"));
    denied("path_symlink_at_outside", __wasi_path_symlink("sbx_inside.txt", root, "../sbx_escape_sym"));
    denied("path_readlink_dotdot", __wasi_path_readlink(root, "../sbx_escape_sym", (uint8_t *)buf, sizeof buf, &n));
    denied("path_filestat_set_times_dotdot",
           __wasi_path_filestat_set_times(root, 0, "..", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    expect_ok("inside_file_untouched", __wasi_path_filestat_get(root, 0, "sbx_inside.txt", &st));

    /* symlinks pointing outside: creating one may be refused; following one must be */
    e = __wasi_path_symlink("/etc", root, "abs_link");
    expect_true("path_symlink_absolute_target", e == 0 || e == __WASI_ERRNO_NOTCAPABLE || e == __WASI_ERRNO_PERM,
                errno_name(e));
    if (e == 0) {
        denied("follow_absolute_symlink_last", open_dir(root, "abs_link", &fd));
        denied("follow_absolute_symlink_middle", open_file(root, "abs_link/passwd", 0, 0, &fd));
        denied("filestat_follow_absolute_symlink",
               __wasi_path_filestat_get(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "abs_link", &st));
        expect_ok("filestat_nofollow_absolute_symlink", __wasi_path_filestat_get(root, 0, "abs_link", &st));
        expect_ok("readlink_absolute_symlink", __wasi_path_readlink(root, "abs_link", (uint8_t *)buf, sizeof buf, &n));
        expect_ok("unlink_absolute_symlink", __wasi_path_unlink_file(root, "abs_link"));
    }
    e = __wasi_path_symlink("../..", root, "sub/up_link");
    expect_true("path_symlink_relative_escape", e == 0 || e == __WASI_ERRNO_NOTCAPABLE || e == __WASI_ERRNO_PERM,
                errno_name(e));
    if (e == 0) {
        denied("follow_relative_escape_last", open_dir(root, "sub/up_link", &fd));
        denied("follow_relative_escape_middle", open_file(root, "sub/up_link/sbx_escape_c", __WASI_OFLAGS_CREAT, 0, &fd));
        denied("create_dir_through_escape_link", __wasi_path_create_directory(root, "sub/up_link/sbx_escape_d"));
        expect_ok("unlink_relative_escape_link", __wasi_path_unlink_file(root, "sub/up_link"));
    }
    /* a relative symlink that climbs but stays inside is fine */
    expect_ok("path_symlink_inside", __wasi_path_symlink("../sbx_inside.txt", root, "sub/in_link"));
    e = open_file(root, "sub/in_link", 0, 0, &fd);
    expect_ok("follow_inside_symlink", e);
    if (!e) {
        __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
        __wasi_fd_read(fd, &iov, 1, &n);
        expect_true("follow_inside_symlink_content", n == 6 && memcmp(buf, "inside", 6) == 0, "wrong content");
        __wasi_fd_close(fd);
    }
    /* every directory fd is its own sandbox root: ".." from a directory opened below the preopen
     * cannot climb above that directory (wasmtime/cap-std and uvwasi agree) */
    __wasi_fd_t sub = 0;
    expect_ok("open_sub", open_dir(root, "sub", &sub));
    fd = 0xffff;
    denied("subfd_dotdot", open_file(sub, "../sbx_inside.txt", 0, 0, &fd));
    denied("subfd_dotdot_dotdot", open_file(sub, "../../sbx_inside.txt", 0, 0, &fd));
    expect_ok("subfd_make_file", make_file(sub, "f", "f"));
    e = open_file(sub, "./f", 0, 0, &fd);
    expect_ok("subfd_inside_ok", e);
    if (!e) __wasi_fd_close(fd);
    expect_ok("close_sub", __wasi_fd_close(sub));

    /* symlink loop */
    expect_ok("path_symlink_loop_a", __wasi_path_symlink("loop_b", root, "loop_a"));
    expect_ok("path_symlink_loop_b", __wasi_path_symlink("loop_a", root, "loop_b"));
    expect_errno("follow_symlink_loop_eloop", open_file(root, "loop_a", 0, 0, &fd), __WASI_ERRNO_LOOP);
    return finish();
}
