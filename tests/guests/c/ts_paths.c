/* ts_paths: the path-resolution rules the WASI testsuite (wasi-testsuite, preview1) relies on,
 * checked against what Wasmtime does on Linux: trailing slashes for every path_* call, O_EXCL,
 * missing files, a file used as a dirfd, "." / ".." / repeated slashes inside the sandbox,
 * absolute paths and too many ".." refused, NUL inside a path, symlinks opened without
 * symlink_follow (ELOOP / ENOTDIR), dangling symlinks and self-loops, symlinks to "/" refused,
 * readlink truncation, set_times on a symlink itself, hard links (to symlinks, over existing
 * names, with symlink_follow), renames of files and directories.
 *
 * Invocation: argv[1] = the name of a writable preopen (e.g. "fs-tests.dir" or "/"); the guest
 * works in a fresh sub-directory of it and removes it at the end. */
#include "check.h"

RAW_IMPORT(path_open) int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len,
                                            int32_t oflags, int64_t base, int64_t inh, int32_t fdflags, int32_t out);

#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW


/* path_open with no lookup flags, no rights: the testsuite's favourite probe. */
static __wasi_errno_t probe(int dir, const char *path, __wasi_oflags_t oflags, __wasi_fd_t *fd) {
    return __wasi_path_open(dir, 0, path, oflags, 0, 0, 0, fd);
}

static void probe_ok(const char *name, int dir, const char *path, __wasi_oflags_t oflags) {
    __wasi_fd_t fd = 0;
    __wasi_errno_t e = probe(dir, path, oflags, &fd);
    check_line(e == 0 && fd > 2, name, "errno %s fd %u", errno_name(e), (unsigned)fd);
    if (e == 0) __wasi_fd_close(fd);
}

static __wasi_errno_t probe_err(int dir, const char *path, __wasi_lookupflags_t lookup, __wasi_oflags_t oflags) {
    __wasi_fd_t fd = 0;
    __wasi_errno_t e = __wasi_path_open(dir, lookup, path, oflags, 0, 0, 0, &fd);
    if (e == 0) __wasi_fd_close(fd);
    return e;
}

static __wasi_errno_t touch(int dir, const char *path) {
    __wasi_fd_t fd;
    __wasi_errno_t e = probe(dir, path, __WASI_OFLAGS_CREAT, &fd);
    if (e == 0) e = __wasi_fd_close(fd);
    return e;
}

static void trailing_slashes(int d) {
    /* open: a file named with a trailing slash is not a directory */
    expect_ok("ts_setup_dir", __wasi_path_create_directory(d, "dir"));
    expect_ok("ts_setup_nested", __wasi_path_create_directory(d, "dir/nested"));
    expect_ok("ts_setup_file", touch(d, "dir/nested/file"));
    expect_errno2("open_file_trailing_slash", probe_err(d, "dir/nested/file/", 0, 0), __WASI_ERRNO_NOTDIR,
                  __WASI_ERRNO_NOENT);
    expect_errno2("open_file_trailing_slashes", probe_err(d, "dir/nested/file///", 0, 0), __WASI_ERRNO_NOTDIR,
                  __WASI_ERRNO_NOENT);
    probe_ok("open_dir_trailing_slash", d, "dir/nested/", 0);
    probe_ok("open_dir_trailing_slashes", d, "dir/nested///", 0);
    probe_ok("open_dot_dot_maze", d, "dir/.//nested/../../dir/nested/../nested///./file", 0);
    expect_errno2("open_absolute_refused", probe_err(d, "/dir/nested/file", 0, 0), __WASI_ERRNO_PERM,
                  __WASI_ERRNO_NOTCAPABLE);
    expect_errno2("open_too_many_dotdots_refused", probe_err(d, "dir/nested/../../../x/dir/nested/file", 0, 0),
                  __WASI_ERRNO_PERM, __WASI_ERRNO_NOTCAPABLE);
    {
        static const char with_nul[] = "dir/nested/file\0";
        __wasi_fd_t fd = 0;
        int32_t e = raw_path_open(d, 0, (int32_t)(intptr_t)with_nul, (int32_t)(sizeof with_nul - 1), 0, 0, 0, 0,
                                  (int32_t)(intptr_t)&fd);
        if (e == 0) __wasi_fd_close(fd);
        expect_errno3("open_trailing_nul_refused", e, __WASI_ERRNO_INVAL, __WASI_ERRNO_ILSEQ, __WASI_ERRNO_NOENT);
    }
    expect_ok("ts_unlink_nested_file", __wasi_path_unlink_file(d, "dir/nested/file"));
    expect_ok("ts_rmdir_nested", __wasi_path_remove_directory(d, "dir/nested"));

    /* unlink_file */
    expect_errno("unlink_dir_eisdir", __wasi_path_unlink_file(d, "dir"), __WASI_ERRNO_ISDIR);
    expect_errno("unlink_dir_slash_eisdir", __wasi_path_unlink_file(d, "dir/"), __WASI_ERRNO_ISDIR);
    expect_ok("ts_rmdir_dir", __wasi_path_remove_directory(d, "dir"));
    expect_ok("ts_touch_file", touch(d, "file"));
    expect_errno("unlink_file_slash_enotdir", __wasi_path_unlink_file(d, "file/"), __WASI_ERRNO_NOTDIR);
    expect_ok("unlink_file_plain", __wasi_path_unlink_file(d, "file"));

    /* remove_directory */
    expect_ok("ts_mkdir_rm", __wasi_path_create_directory(d, "rm.d"));
    expect_ok("rmdir_plain", __wasi_path_remove_directory(d, "rm.d"));
    expect_ok("ts_mkdir_rm2", __wasi_path_create_directory(d, "rm.d"));
    expect_ok("rmdir_trailing_slash", __wasi_path_remove_directory(d, "rm.d/"));
    expect_ok("ts_touch_rmfile", touch(d, "rm.f"));
    expect_errno("rmdir_file_enotdir", __wasi_path_remove_directory(d, "rm.f"), __WASI_ERRNO_NOTDIR);
    expect_errno("rmdir_file_slash_enotdir", __wasi_path_remove_directory(d, "rm.f/"), __WASI_ERRNO_NOTDIR);
    expect_ok("ts_unlink_rmfile", __wasi_path_unlink_file(d, "rm.f"));

    /* rename a directory with trailing slashes on either side */
    expect_ok("ts_mkdir_source", __wasi_path_create_directory(d, "source"));
    expect_ok("rename_dir_src_slash", __wasi_path_rename(d, "source/", d, "target"));
    expect_ok("rename_dir_dst_slash", __wasi_path_rename(d, "target", d, "source/"));
    expect_ok("rename_dir_both_slash", __wasi_path_rename(d, "source/", d, "target/"));
    expect_ok("rename_dir_no_slash", __wasi_path_rename(d, "target", d, "source"));
    expect_ok("ts_rmdir_source", __wasi_path_remove_directory(d, "source"));
    expect_ok("ts_touch_rfile", touch(d, "rfile"));
    expect_errno("rename_file_src_slash_enotdir", __wasi_path_rename(d, "rfile/", d, "rfile2"), __WASI_ERRNO_NOTDIR);
    expect_errno("rename_file_dst_slash_enotdir", __wasi_path_rename(d, "rfile", d, "rfile2/"), __WASI_ERRNO_NOTDIR);
    expect_ok("ts_unlink_rfile", __wasi_path_unlink_file(d, "rfile"));

    /* symlink destinations with trailing slashes */
    expect_errno("symlink_dangling_dst_slash_enoent", __wasi_path_symlink("source", d, "target/"), __WASI_ERRNO_NOENT);
    expect_ok("symlink_dangling", __wasi_path_symlink("source", d, "target"));
    expect_ok("ts_unlink_dangling", __wasi_path_unlink_file(d, "target"));
    expect_ok("ts_mkdir_target", __wasi_path_create_directory(d, "target"));
    expect_errno("symlink_over_dir_slash_eexist", __wasi_path_symlink("source", d, "target/"), __WASI_ERRNO_EXIST);
    expect_errno("symlink_over_dir_eexist", __wasi_path_symlink("source", d, "target"), __WASI_ERRNO_EXIST);
    expect_ok("ts_rmdir_target", __wasi_path_remove_directory(d, "target"));
    expect_ok("ts_touch_target", touch(d, "target"));
    expect_errno2("symlink_over_file_slash", __wasi_path_symlink("source", d, "target/"), __WASI_ERRNO_NOTDIR,
                  __WASI_ERRNO_EXIST);
    expect_errno("symlink_over_file_eexist", __wasi_path_symlink("source", d, "target"), __WASI_ERRNO_EXIST);
    expect_ok("ts_unlink_target", __wasi_path_unlink_file(d, "target"));
}

static void open_flags(int d) {
    expect_ok("ts_touch_excl", touch(d, "excl"));
    expect_errno("open_creat_excl_existing_eexist", probe_err(d, "excl", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL),
                 __WASI_ERRNO_EXIST);
    expect_errno("open_missing_enoent", probe_err(d, "missing", 0, 0), __WASI_ERRNO_NOENT);
    expect_errno("open_directory_on_file_enotdir", probe_err(d, "excl", 0, __WASI_OFLAGS_DIRECTORY),
                 __WASI_ERRNO_NOTDIR);
    __wasi_fd_t f = 0;
    expect_ok("ts_open_excl", probe(d, "excl", 0, &f));
    expect_errno2("open_under_file_dirfd_enotdir", probe_err(f, "foo", 0, __WASI_OFLAGS_CREAT), __WASI_ERRNO_NOTDIR,
                  __WASI_ERRNO_NOTCAPABLE);
    __wasi_fd_close(f);
    probe_ok("open_dot_nonblock", d, ".", 0);
    {
        __wasi_fd_t fd = 0;
        __wasi_errno_t e = __wasi_path_open(d, 0, ".", 0, 0, 0, __WASI_FDFLAGS_NONBLOCK, &fd);
        check_line(e == 0, "open_dot_with_nonblock_flag", "errno %s", errno_name(e));
        if (e == 0) __wasi_fd_close(fd);
    }
    expect_ok("ts_unlink_excl", __wasi_path_unlink_file(d, "excl"));

    /* a directory named by path_open with O_CREAT / O_TRUNC / FD_WRITE (open(2): EISDIR) */
    expect_ok("ts_mkdir_od", __wasi_path_create_directory(d, "od"));
    expect_errno("open_creat_existing_dir_eisdir", probe_err(d, "od", 0, __WASI_OFLAGS_CREAT), __WASI_ERRNO_ISDIR);
    expect_errno("open_trunc_dir_eisdir", probe_err(d, "od", 0, __WASI_OFLAGS_TRUNC), __WASI_ERRNO_ISDIR);
    expect_errno("open_creat_directory_einval", probe_err(d, "od_new", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_DIRECTORY),
                 __WASI_ERRNO_INVAL);
    {
        __wasi_fd_t fd = 0;
        __wasi_errno_t e = __wasi_path_open(d, 0, "od", 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &fd);
        expect_errno("open_dir_for_writing_eisdir", e, __WASI_ERRNO_ISDIR);
        if (e == 0) __wasi_fd_close(fd);
    }
    /* "." and ".." as the last component, a directory moved into itself, readlink on a directory */
    expect_errno("rename_dir_into_itself_einval", __wasi_path_rename(d, "od", d, "od/sub"), __WASI_ERRNO_INVAL);
    expect_ok("ts_touch_lf", touch(d, "lf"));
    expect_errno("link_over_existing_dir_slash_eexist", __wasi_path_link(d, 0, "lf", d, "od/"), __WASI_ERRNO_EXIST);
    {
        uint8_t b[8];
        __wasi_size_t n = 0;
        expect_errno("readlink_dir_einval", __wasi_path_readlink(d, "od", b, sizeof b, &n), __WASI_ERRNO_INVAL);
    }
    expect_ok("ts_unlink_lf", __wasi_path_unlink_file(d, "lf"));
    expect_ok("ts_rmdir_od", __wasi_path_remove_directory(d, "od"));
}

static void symlinks(int d) {
    /* a symlink to a directory, opened without symlink_follow */
    expect_ok("ts_nf_mkdir_target", __wasi_path_create_directory(d, "target"));
    expect_ok("nf_symlink_to_dir", __wasi_path_symlink("target", d, "symlink"));
    expect_errno2("nf_open_dir_symlink_as_dir", probe_err(d, "symlink", 0, __WASI_OFLAGS_DIRECTORY),
                  __WASI_ERRNO_LOOP, __WASI_ERRNO_NOTDIR);
    expect_errno2("nf_open_dir_symlink", probe_err(d, "symlink", 0, 0), __WASI_ERRNO_LOOP, __WASI_ERRNO_ACCES);
    {
        __wasi_fd_t fd = 0;
        __wasi_errno_t e = __wasi_path_open(d, FOLLOW, "symlink", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd);
        check_line(e == 0, "nf_open_dir_symlink_follow", "errno %s", errno_name(e));
        if (e == 0) __wasi_fd_close(fd);
    }
    __wasi_filestat_t st;
    expect_ok("exists_symlink_nofollow", __wasi_path_filestat_get(d, 0, "symlink", &st));
    expect_u64("exists_symlink_nofollow_type", st.filetype, __WASI_FILETYPE_SYMBOLIC_LINK);
    expect_ok("exists_symlink_follow", __wasi_path_filestat_get(d, FOLLOW, "symlink", &st));
    expect_u64("exists_symlink_follow_type", st.filetype, __WASI_FILETYPE_DIRECTORY);
    expect_ok("ts_nf_unlink_symlink", __wasi_path_unlink_file(d, "symlink"));
    expect_ok("ts_nf_rmdir_target", __wasi_path_remove_directory(d, "target"));

    /* a symlink to a file */
    expect_ok("ts_nf_touch_target", touch(d, "target"));
    expect_ok("nf_symlink_to_file", __wasi_path_symlink("target", d, "symlink"));
    expect_errno2("nf_open_file_symlink_as_dir", probe_err(d, "symlink", 0, __WASI_OFLAGS_DIRECTORY),
                  __WASI_ERRNO_LOOP, __WASI_ERRNO_NOTDIR);
    expect_errno("nf_open_file_symlink_eloop", probe_err(d, "symlink", 0, 0), __WASI_ERRNO_LOOP);
    expect_errno("nf_open_file_symlink_follow_as_dir_enotdir",
                 probe_err(d, "symlink", FOLLOW, __WASI_OFLAGS_DIRECTORY), __WASI_ERRNO_NOTDIR);
    {
        __wasi_fd_t fd = 0;
        __wasi_errno_t e = __wasi_path_open(d, FOLLOW, "symlink", 0, 0, 0, 0, &fd);
        check_line(e == 0, "open_file_symlink_follow", "errno %s", errno_name(e));
        if (e == 0) __wasi_fd_close(fd);
    }
    expect_ok("ts_nf_unlink_symlink2", __wasi_path_unlink_file(d, "symlink"));

    /* readlink: exact length, untouched tail, truncation to the buffer */
    expect_ok("rl_symlink", __wasi_path_symlink("target", d, "symlink"));
    uint8_t buf[10];
    memset(buf, 0, sizeof buf);
    __wasi_size_t n = 0;
    expect_ok("rl_readlink", __wasi_path_readlink(d, "symlink", buf, sizeof buf, &n));
    static const uint8_t want[10] = {'t', 'a', 'r', 'g', 'e', 't', 0, 0, 0, 0};
    check_line(n == 6 && memcmp(buf, want, 10) == 0, "rl_readlink_contents_tail_untouched", "n=%u", (unsigned)n);
    uint8_t small[4] = {0};
    expect_ok("rl_readlink_small", __wasi_path_readlink(d, "symlink", small, sizeof small, &n));
    check_line(n == 4 && memcmp(small, "targ", 4) == 0, "rl_readlink_truncated", "n=%u", (unsigned)n);
    expect_ok("ts_rl_unlink", __wasi_path_unlink_file(d, "symlink"));

    /* set_times on the symlink itself vs. through it */
    __wasi_filestat_t fst, sst, tmp;
    expect_ok("sf_file_stat", __wasi_path_filestat_get(d, 0, "target", &fst));
    expect_ok("sf_symlink", __wasi_path_symlink("target", d, "symlink"));
    expect_ok("sf_symlink_stat", __wasi_path_filestat_get(d, 0, "symlink", &sst));
    __wasi_timestamp_t sym_mtim = sst.mtim - 200;
    expect_ok("sf_set_times_nofollow", __wasi_path_filestat_set_times(d, 0, "symlink", 0, sym_mtim, __WASI_FSTFLAGS_MTIM));
    expect_ok("ts_sf_restat", __wasi_path_filestat_get(d, 0, "symlink", &tmp));
    expect_u64("sf_symlink_mtim_changed", tmp.mtim, sym_mtim);
    expect_ok("ts_sf_restat_file", __wasi_path_filestat_get(d, 0, "target", &tmp));
    expect_u64("sf_target_mtim_unchanged", tmp.mtim, fst.mtim);
    expect_ok("ts_sf_follow", __wasi_path_filestat_get(d, FOLLOW, "symlink", &tmp));
    expect_u64("sf_follow_sees_target_mtim", tmp.mtim, fst.mtim);
    expect_ok("sf_set_times_follow",
              __wasi_path_filestat_set_times(d, FOLLOW, "symlink", 0, sst.mtim, __WASI_FSTFLAGS_MTIM));
    expect_ok("ts_sf_restat_file2", __wasi_path_filestat_get(d, 0, "target", &tmp));
    expect_u64("sf_target_mtim_changed", tmp.mtim, sst.mtim);
    expect_ok("ts_sf_unlink", __wasi_path_unlink_file(d, "symlink"));
    expect_ok("ts_nf_unlink_target", __wasi_path_unlink_file(d, "target"));

    /* dangling symlinks and loops */
    expect_ok("dangling_symlink", __wasi_path_symlink("target", d, "dangling"));
    expect_errno2("dangling_open_as_dir", probe_err(d, "dangling", 0, __WASI_OFLAGS_DIRECTORY), __WASI_ERRNO_NOTDIR,
                  __WASI_ERRNO_LOOP);
    expect_errno("dangling_open_eloop", probe_err(d, "dangling", 0, 0), __WASI_ERRNO_LOOP);
    expect_errno("dangling_open_follow_enoent", probe_err(d, "dangling", FOLLOW, 0), __WASI_ERRNO_NOENT);
    expect_ok("ts_unlink_dangling", __wasi_path_unlink_file(d, "dangling"));
    expect_ok("loop_symlink", __wasi_path_symlink("loop", d, "loop"));
    expect_errno("loop_open_eloop", probe_err(d, "loop", 0, 0), __WASI_ERRNO_LOOP);
    expect_errno("loop_open_follow_eloop", probe_err(d, "loop", FOLLOW, 0), __WASI_ERRNO_LOOP);
    expect_ok("ts_unlink_loop", __wasi_path_unlink_file(d, "loop"));

    /* a symlink to the root is refused at creation (cap-std: absolute targets) */
    __wasi_errno_t e = __wasi_path_symlink("/", d, "root_link");
    check_line(e != 0, "symlink_to_root_refused", "path_symlink(\"/\") succeeded");
    if (e == 0) __wasi_path_unlink_file(d, "root_link");

    /* path_exists: subdir + file + links, with and without follow */
    expect_ok("ts_pe_mkdir", __wasi_path_create_directory(d, "subdir"));
    expect_ok("ts_pe_touch", touch(d, "subdir/file"));
    expect_ok("pe_symlink_file", __wasi_path_symlink("subdir/file", d, "link1"));
    expect_ok("pe_symlink_dir", __wasi_path_symlink("subdir", d, "link2"));
    expect_ok("ts_pe_stat1", __wasi_path_filestat_get(d, FOLLOW, "link1", &st));
    expect_u64("pe_link1_follow_is_file", st.filetype, __WASI_FILETYPE_REGULAR_FILE);
    expect_ok("ts_pe_stat2", __wasi_path_filestat_get(d, FOLLOW, "link2", &st));
    expect_u64("pe_link2_follow_is_dir", st.filetype, __WASI_FILETYPE_DIRECTORY);
    expect_ok("ts_pe_stat3", __wasi_path_filestat_get(d, 0, "subdir/file", &st));
    expect_u64("pe_file_is_file", st.filetype, __WASI_FILETYPE_REGULAR_FILE);
    expect_ok("ts_pe_cleanup1", __wasi_path_unlink_file(d, "link1"));
    expect_ok("ts_pe_cleanup2", __wasi_path_unlink_file(d, "link2"));
    expect_ok("ts_pe_cleanup3", __wasi_path_unlink_file(d, "subdir/file"));
    expect_ok("ts_pe_cleanup4", __wasi_path_remove_directory(d, "subdir"));
}

static void hard_links(int d) {
    const __wasi_rights_t rights = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_PATH_LINK_SOURCE |
                                   __WASI_RIGHTS_PATH_LINK_TARGET | __WASI_RIGHTS_FD_FILESTAT_GET |
                                   __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_UNLINK_FILE;
    __wasi_fd_t file = 0, link = 0, sub = 0;
    expect_ok("hl_create", __wasi_path_open(d, 0, "file", __WASI_OFLAGS_CREAT, rights, rights, 0, &file));
    expect_ok("hl_link_same_dir", __wasi_path_link(d, 0, "file", d, "link"));
    expect_ok("hl_open_link", __wasi_path_open(d, 0, "link", 0, rights, rights, 0, &link));
    __wasi_filestat_t a, b;
    __wasi_fd_filestat_get(file, &a);
    __wasi_fd_filestat_get(link, &b);
    check_line(a.dev == b.dev && a.ino == b.ino && a.nlink == b.nlink && a.nlink == 2 && a.size == b.size &&
                   a.atim == b.atim && a.mtim == b.mtim && a.ctim == b.ctim && a.filetype == b.filetype,
               "hl_filestat_equal", "ino %llu/%llu nlink %llu/%llu", (unsigned long long)a.ino,
               (unsigned long long)b.ino, (unsigned long long)a.nlink, (unsigned long long)b.nlink);
    __wasi_fdstat_t fa, fb;
    __wasi_fd_fdstat_get(file, &fa);
    __wasi_fd_fdstat_get(link, &fb);
    check_line(fa.fs_flags == fb.fs_flags && fa.fs_filetype == fb.fs_filetype &&
                   fa.fs_rights_base == fb.fs_rights_base && fa.fs_rights_inheriting == fb.fs_rights_inheriting,
               "hl_fdstat_equal", "rights %llx/%llx", (unsigned long long)fa.fs_rights_base,
               (unsigned long long)fb.fs_rights_base);
    __wasi_fd_close(link);
    expect_ok("ts_hl_unlink_link", __wasi_path_unlink_file(d, "link"));

    expect_ok("ts_hl_mkdir", __wasi_path_create_directory(d, "subdir"));
    expect_ok("hl_open_subdir",
              __wasi_path_open(d, 0, "subdir", __WASI_OFLAGS_DIRECTORY, rights, rights, 0, &sub));
    expect_ok("hl_link_other_dir", __wasi_path_link(d, 0, "file", sub, "link"));
    expect_ok("hl_open_link_other_dir", __wasi_path_open(sub, 0, "link", 0, rights, rights, 0, &link));
    __wasi_fd_filestat_get(link, &b);
    __wasi_fd_filestat_get(file, &a);
    check_line(a.ino == b.ino && a.nlink == b.nlink, "hl_other_dir_same_inode", "ino %llu/%llu",
               (unsigned long long)a.ino, (unsigned long long)b.ino);
    __wasi_fd_close(link);
    __wasi_fd_close(file);
    expect_ok("ts_hl_unlink_sublink", __wasi_path_unlink_file(sub, "link"));
    __wasi_fd_close(sub);
    expect_ok("ts_hl_rmdir_sub", __wasi_path_remove_directory(d, "subdir"));

    expect_ok("ts_hl_touch_link", touch(d, "link"));
    expect_errno("hl_link_over_file_eexist", __wasi_path_link(d, 0, "file", d, "link"), __WASI_ERRNO_EXIST);
    expect_ok("ts_hl_unlink_link2", __wasi_path_unlink_file(d, "link"));
    expect_errno("hl_link_to_itself_eexist", __wasi_path_link(d, 0, "file", d, "file"), __WASI_ERRNO_EXIST);
    expect_ok("ts_hl_mkdir_link", __wasi_path_create_directory(d, "link"));
    expect_errno("hl_link_over_dir_eexist", __wasi_path_link(d, 0, "file", d, "link"), __WASI_ERRNO_EXIST);
    expect_ok("ts_hl_rmdir_link", __wasi_path_remove_directory(d, "link"));
    expect_ok("ts_hl_mkdir_subdir", __wasi_path_create_directory(d, "subdir"));
    expect_errno2("hl_link_dir_refused", __wasi_path_link(d, 0, "subdir", d, "link"), __WASI_ERRNO_PERM,
                  __WASI_ERRNO_ACCES);
    expect_ok("ts_hl_rmdir_subdir", __wasi_path_remove_directory(d, "subdir"));
    expect_errno("hl_link_dst_slash_enoent", __wasi_path_link(d, 0, "file", d, "link/"), __WASI_ERRNO_NOENT);

    expect_ok("ts_hl_dangling", __wasi_path_symlink("target", d, "symlink"));
    expect_ok("hl_link_dangling_symlink", __wasi_path_link(d, 0, "symlink", d, "link"));
    __wasi_filestat_t st;
    expect_ok("ts_hl_stat_link", __wasi_path_filestat_get(d, 0, "link", &st));
    expect_u64("hl_link_to_symlink_is_symlink", st.filetype, __WASI_FILETYPE_SYMBOLIC_LINK);
    expect_ok("ts_hl_unlink_symlink", __wasi_path_unlink_file(d, "symlink"));
    expect_ok("ts_hl_unlink_hl", __wasi_path_unlink_file(d, "link"));
    expect_ok("ts_hl_loop", __wasi_path_symlink("symlink", d, "symlink"));
    expect_ok("hl_link_symlink_loop", __wasi_path_link(d, 0, "symlink", d, "link"));
    expect_ok("ts_hl_unlink_loop", __wasi_path_unlink_file(d, "symlink"));
    expect_ok("ts_hl_unlink_looplink", __wasi_path_unlink_file(d, "link"));
    expect_ok("ts_hl_dangling2", __wasi_path_symlink("target", d, "symlink"));
    expect_errno("hl_link_over_dangling_eexist", __wasi_path_link(d, 0, "file", d, "symlink"), __WASI_ERRNO_EXIST);
    expect_errno2("hl_link_follow_dangling", __wasi_path_link(d, FOLLOW, "symlink", d, "link"), __WASI_ERRNO_INVAL,
                  __WASI_ERRNO_NOENT);
    expect_ok("ts_hl_unlink_dangling2", __wasi_path_unlink_file(d, "symlink"));
    expect_ok("ts_hl_unlink_file", __wasi_path_unlink_file(d, "file"));
}

static void renames(int d) {
    expect_ok("ts_rn_mkdir_source", __wasi_path_create_directory(d, "source"));
    expect_ok("rn_dir_to_new", __wasi_path_rename(d, "source", d, "target"));
    expect_errno("rn_dir_source_gone", probe_err(d, "source", 0, __WASI_OFLAGS_DIRECTORY), __WASI_ERRNO_NOENT);
    probe_ok("rn_dir_target_there", d, "target", __WASI_OFLAGS_DIRECTORY);
    expect_ok("ts_rn_rmdir_target", __wasi_path_remove_directory(d, "target"));

    expect_ok("ts_rn_mkdir_source2", __wasi_path_create_directory(d, "source"));
    expect_ok("ts_rn_mkdir_target2", __wasi_path_create_directory(d, "target"));
    expect_ok("rn_dir_over_empty_dir", __wasi_path_rename(d, "source", d, "target"));
    expect_errno("rn_dir_over_empty_source_gone", probe_err(d, "source", 0, __WASI_OFLAGS_DIRECTORY),
                 __WASI_ERRNO_NOENT);
    expect_ok("ts_rn_rmdir_target2", __wasi_path_remove_directory(d, "target"));

    expect_ok("ts_rn_mkdir_source3", __wasi_path_create_directory(d, "source"));
    expect_ok("ts_rn_mkdir_target3", __wasi_path_create_directory(d, "target"));
    expect_ok("ts_rn_touch_target_file", touch(d, "target/file"));
    expect_errno("rn_dir_over_nonempty_enotempty", __wasi_path_rename(d, "source", d, "target"),
                 __WASI_ERRNO_NOTEMPTY);
    expect_errno("rn_dir_over_file_enotdir", __wasi_path_rename(d, "source", d, "target/file"), __WASI_ERRNO_NOTDIR);
    expect_ok("ts_rn_cleanup1", __wasi_path_unlink_file(d, "target/file"));
    expect_ok("ts_rn_cleanup2", __wasi_path_remove_directory(d, "source"));
    expect_ok("ts_rn_cleanup3", __wasi_path_remove_directory(d, "target"));

    expect_ok("ts_rn_touch_source", touch(d, "source"));
    expect_ok("rn_file_to_new", __wasi_path_rename(d, "source", d, "target"));
    expect_errno("rn_file_source_gone", probe_err(d, "source", 0, 0), __WASI_ERRNO_NOENT);
    probe_ok("rn_file_target_there", d, "target", 0);
    expect_ok("ts_rn_touch_source2", touch(d, "source"));
    expect_ok("rn_file_over_file", __wasi_path_rename(d, "source", d, "target"));
    expect_errno("rn_file_over_file_source_gone", probe_err(d, "source", 0, 0), __WASI_ERRNO_NOENT);
    expect_ok("ts_rn_unlink_target", __wasi_path_unlink_file(d, "target"));
    expect_ok("ts_rn_touch_source3", touch(d, "source"));
    expect_ok("ts_rn_mkdir_target4", __wasi_path_create_directory(d, "target"));
    expect_errno("rn_file_over_dir_eisdir", __wasi_path_rename(d, "source", d, "target"), __WASI_ERRNO_ISDIR);
    expect_ok("ts_rn_cleanup4", __wasi_path_remove_directory(d, "target"));
    expect_ok("ts_rn_cleanup5", __wasi_path_unlink_file(d, "source"));
}

/* rmdir(2) on a path ending in "." or "..". Last, in its own directory: a host that resolves
 * these lexically removes the wrong directory. */
static void dot_components(int d) {
    expect_ok("ts_mkdir_dots", __wasi_path_create_directory(d, "dots"));
    expect_ok("ts_mkdir_dots_sub", __wasi_path_create_directory(d, "dots/sub"));
    expect_errno("rmdir_dot_einval", __wasi_path_remove_directory(d, "dots/sub/."), __WASI_ERRNO_INVAL);
    expect_errno("rmdir_dotdot_enotempty", __wasi_path_remove_directory(d, "dots/sub/.."), __WASI_ERRNO_NOTEMPTY);
    expect_errno("rmdir_missing_dot_enoent", __wasi_path_remove_directory(d, "dots/nope/."), __WASI_ERRNO_NOENT);
    expect_ok("ts_rmdir_dots_sub", __wasi_path_remove_directory(d, "dots/sub"));
    expect_ok("ts_rmdir_dots", __wasi_path_remove_directory(d, "dots"));
}

int main(int argc, char **argv) {
    const char *name = argc > 1 ? argv[1] : "/";
    int root = find_preopen(name);
    check_line(root >= 3, "preopen_found", "no preopen named %s", name);
    if (root < 0) return finish();

    expect_ok("ts_mkdir_work", __wasi_path_create_directory(root, "ts_paths.cleanup"));
    __wasi_fd_t d = 0;
    expect_ok("ts_open_work", __wasi_path_open(root, 0, "ts_paths.cleanup", __WASI_OFLAGS_DIRECTORY, DIR_BASE,
                                               DIR_INHERIT, 0, &d));
    trailing_slashes(d);
    open_flags(d);
    symlinks(d);
    hard_links(d);
    renames(d);
    dot_components(d);
    expect_ok("ts_close_work", __wasi_fd_close(d));
    expect_ok("ts_rmdir_work", __wasi_path_remove_directory(root, "ts_paths.cleanup"));
    return finish();
}
