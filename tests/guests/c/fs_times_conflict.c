/* fs_times_conflict: fd_/path_filestat_set_times with contradictory flags (a time AND its _NOW
 * twin) must fail with EINVAL and leave the descriptors fully usable: the calls after it must work.
 * Kept apart from fs_errors because uvwasi 0.0.23 (node 20) returns EINVAL from the path variant
 * but leaks the directory fd's lock: the next call on that fd deadlocks and node aborts at exit.
 * Invocation: preopen /sandbox (read-write, empty). */
#include "check.h"

int main(void) {
    int root = find_preopen("/sandbox");
    expect_true("preopen_sandbox_found", root >= 3, "no preopen named /sandbox");
    if (root < 0) return finish();
    __wasi_fd_t f = 0;
    __wasi_filestat_t st;
    expect_ok("setup_file", make_file(root, "times.txt", "t"));
    expect_ok("open_file", open_file(root, "times.txt", 0, 0, &f));
    expect_errno("fd_filestat_set_times_atim_conflict_einval",
                 __wasi_fd_filestat_set_times(f, 1, 1, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
                 __WASI_ERRNO_INVAL);
    expect_errno("fd_filestat_set_times_mtim_conflict_einval",
                 __wasi_fd_filestat_set_times(f, 1, 1, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW),
                 __WASI_ERRNO_INVAL);
    expect_ok("fd_usable_after_conflict", __wasi_fd_filestat_get(f, &st));
    expect_ok("close_file", __wasi_fd_close(f));
    expect_errno("path_filestat_set_times_atim_conflict_einval",
                 __wasi_path_filestat_set_times(root, 0, "times.txt", 1, 1,
                                                __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
                 __WASI_ERRNO_INVAL);
    expect_ok("dir_usable_after_conflict", __wasi_path_filestat_get(root, 0, "times.txt", &st));
    expect_errno("path_filestat_set_times_mtim_conflict_einval",
                 __wasi_path_filestat_set_times(root, 0, "times.txt", 1, 1,
                                                __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW),
                 __WASI_ERRNO_INVAL);
    expect_ok("path_unlink_file_after_conflict", __wasi_path_unlink_file(root, "times.txt"));
    return finish();
}
