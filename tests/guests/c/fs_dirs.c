/* fs_dirs: directories. path_create_directory, path_open(O_DIRECTORY), fd_readdir (full listing,
 * small buffers resumed by cookie, restart at cookie 0, resume from a remembered cookie),
 * path_remove_directory, path_rename of directories, path_filestat_get on directories, opening
 * below a non-preopened directory fd. "." and ".." entries are optional (wasmtime lists them,
 * uvwasi does not); every other entry must appear exactly once with the right d_type and d_namlen.
 * Invocation: preopen /sandbox (read-write, empty). */
#include "check.h"

#define NFILES 25
#define MAXE 64

struct entry {
    char name[64];
    __wasi_dircookie_t next;
    __wasi_filetype_t type;
};

/* Reads the whole directory with a buf_len-sized buffer starting at `cookie`, resuming each
 * time from the d_next of the last complete entry. Returns entries (without "." / ".."). */
static int list_dir(__wasi_fd_t fd, size_t buf_len, __wasi_dircookie_t cookie, struct entry *out, int max,
                    int *calls, __wasi_errno_t *err) {
    uint8_t *buf = malloc(buf_len);
    int count = 0;
    *calls = 0;
    *err = 0;
    for (;;) {
        __wasi_size_t used = 0;
        *err = __wasi_fd_readdir(fd, buf, buf_len, cookie, &used);
        (*calls)++;
        if (*err || *calls > 10000) break;
        size_t off = 0;
        int progressed = 0;
        while (off + sizeof(__wasi_dirent_t) <= used) {
            __wasi_dirent_t d;
            memcpy(&d, buf + off, sizeof d);
            if (off + sizeof d + d.d_namlen > used) break; /* name truncated: re-read from cookie */
            char name[256];
            size_t len = d.d_namlen < 255 ? d.d_namlen : 255;
            memcpy(name, buf + off + sizeof d, len);
            name[len] = 0;
            off += sizeof d + d.d_namlen;
            cookie = d.d_next;
            progressed = 1;
            if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) continue;
            if (count < max) {
                snprintf(out[count].name, sizeof out[count].name, "%s", name);
                out[count].next = d.d_next;
                out[count].type = d.d_type;
                if (strlen(name) != d.d_namlen) out[count].name[0] = '!'; /* NUL inside name */
            }
            count++;
        }
        if (used < buf_len) break; /* a short buffer means end of directory */
        if (!progressed) { *err = __WASI_ERRNO_NOBUFS; break; } /* buffer too small for one entry */
    }
    free(buf);
    return count;
}

static int find(struct entry *e, int n, const char *name) {
    int hits = 0;
    for (int i = 0; i < n; i++) hits += strcmp(e[i].name, name) == 0;
    return hits;
}

int main(void) {
    int root = find_preopen("/sandbox");
    expect_true("preopen_sandbox_found", root >= 3, "no preopen named /sandbox");
    if (root < 0) return finish();
    __wasi_errno_t e;

    expect_ok("path_create_directory", __wasi_path_create_directory(root, "dirs"));
    expect_errno("path_create_directory_eexist", __wasi_path_create_directory(root, "dirs"), __WASI_ERRNO_EXIST);
    expect_ok("path_create_directory_nested", __wasi_path_create_directory(root, "dirs/sub"));
    expect_errno("path_create_directory_missing_parent_enoent",
                 __wasi_path_create_directory(root, "nope/child"), __WASI_ERRNO_NOENT);

    __wasi_filestat_t st;
    expect_ok("path_filestat_get_dir", __wasi_path_filestat_get(root, 0, "dirs", &st));
    expect_u64("path_filestat_get_dir_filetype", st.filetype, __WASI_FILETYPE_DIRECTORY);

    /* open the new directory and work relative to it */
    __wasi_fd_t d = 0;
    __wasi_rights_t inh = inheritable_rights(root);
    /* Rights that do not apply to a directory (FD_ALLOCATE, FD_FILESTAT_SET_SIZE...) are dropped,
     * but FD_WRITE asks for a writable descriptor, which a directory cannot be: EISDIR, as
     * Wasmtime (open(2) with O_WRONLY/O_RDWR) and uvwasi answer. */
    e = __wasi_path_open(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "dirs", __WASI_OFLAGS_DIRECTORY,
                         inh & ~__WASI_RIGHTS_FD_WRITE, inh, 0, &d);
    expect_ok("path_open_directory_with_file_rights", e);
    if (!e) __wasi_fd_close(d);
    e = __wasi_path_open(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "dirs", __WASI_OFLAGS_DIRECTORY, inh, inh, 0, &d);
    expect_errno("path_open_directory_for_writing_eisdir", e, __WASI_ERRNO_ISDIR);
    if (!e) __wasi_fd_close(d);
    e = open_dir(root, "dirs", &d);
    expect_ok("path_open_directory", e);
    if (e) return finish();
    __wasi_fdstat_t fs;
    expect_ok("fd_fdstat_get_opened_dir", __wasi_fd_fdstat_get(d, &fs));
    expect_u64("opened_dir_filetype", fs.fs_filetype, __WASI_FILETYPE_DIRECTORY);
    __wasi_prestat_t ps;
    expect_errno("fd_prestat_get_not_preopen_ebadf", __wasi_fd_prestat_get(d, &ps), __WASI_ERRNO_BADF);
    expect_ok("fd_filestat_get_dir", __wasi_fd_filestat_get(d, &st));
    expect_u64("fd_filestat_get_dir_filetype", st.filetype, __WASI_FILETYPE_DIRECTORY);

    char name[64];
    int made = 0;
    for (int i = 0; i < NFILES; i++) {
        snprintf(name, sizeof name, "file_with_a_longish_name_%02d.txt", i);
        made += make_file(d, name, "x") == 0;
    }
    expect_u64("create_files_below_opened_dir", made, NFILES);

    struct entry ents[MAXE];
    int calls;
    int n = list_dir(d, 4096, 0, ents, MAXE, &calls, &e);
    expect_ok("fd_readdir", e);
    expect_u64("fd_readdir_count", n, NFILES + 1);
    int all = find(ents, n, "sub") == 1;
    for (int i = 0; i < n; i++) {
        if (strcmp(ents[i].name, "sub") == 0) all &= ents[i].type == __WASI_FILETYPE_DIRECTORY;
        else all &= ents[i].type == __WASI_FILETYPE_REGULAR_FILE && ents[i].name[0] != '!';
    }
    for (int i = 0; i < NFILES; i++) {
        snprintf(name, sizeof name, "file_with_a_longish_name_%02d.txt", i);
        all &= find(ents, n, name) == 1;
    }
    expect_true("fd_readdir_entries", all, "an entry is missing, duplicated or has the wrong type/namlen");

    /* a 100-byte buffer holds only a couple of entries: resume by cookie until done */
    struct entry small[MAXE];
    int small_calls;
    int ns = list_dir(d, 100, 0, small, MAXE, &small_calls, &e);
    expect_ok("fd_readdir_small_buffer", e);
    int same = ns == n;
    for (int i = 0; same && i < n; i++) same = find(small, ns, ents[i].name) == 1;
    check_line(same && small_calls > 5, "fd_readdir_small_buffer_resume", "got %d entries in %d calls", ns,
               small_calls);

    /* resume from a remembered cookie: entries after entry k are the same as in the full listing */
    if (n > 5) {
        struct entry tail[MAXE];
        int nt = list_dir(d, 4096, ents[4].next, tail, MAXE, &calls, &e);
        int match = e == 0 && nt == n - 5;
        for (int i = 0; match && i < nt; i++) match = strcmp(tail[i].name, ents[i + 5].name) == 0;
        check_line(match, "fd_readdir_resume_from_cookie", "errno %s, %d entries after cookie, want %d",
                   errno_name(e), nt, n - 5);
    }
    /* reading at cookie 0 again restarts from the beginning */
    struct entry again[MAXE];
    int na = list_dir(d, 4096, 0, again, MAXE, &calls, &e);
    check_line(na == n && strcmp(again[0].name, ents[0].name) == 0, "fd_readdir_restart_at_zero",
               "second listing has %d entries", na);
    /* a buffer smaller than a dirent header is filled completely (truncated entry) */
    uint8_t tiny[10];
    __wasi_size_t used = 0;
    e = __wasi_fd_readdir(d, tiny, sizeof tiny, 0, &used);
    check_line(e == 0 && used == sizeof tiny, "fd_readdir_tiny_buffer_full", "errno %s used %u", errno_name(e),
               (unsigned)used);

    /* an empty directory lists nothing but "." / ".." */
    __wasi_fd_t sub = 0;
    e = open_dir(d, "sub", &sub);
    expect_ok("path_open_subdir_relative", e);
    if (!e) {
        n = list_dir(sub, 1024, 0, ents, MAXE, &calls, &e);
        check_line(e == 0 && n == 0, "fd_readdir_empty_dir", "errno %s entries %d", errno_name(e), n);
        expect_ok("fd_close_subdir", __wasi_fd_close(sub));
    }

    /* readdir on a regular file */
    __wasi_fd_t f = 0;
    e = open_file(d, "file_with_a_longish_name_00.txt", 0, 0, &f);
    expect_ok("path_open_file_in_dir", e);
    e = __wasi_fd_readdir(f, tiny, sizeof tiny, 0, &used);
    /* ENOTDIR (POSIX), EBADF (wasmtime: not a directory handle) or ENOTCAPABLE (the file fd has no
     * FD_READDIR right) are all faithful answers */
    expect_errno3("fd_readdir_on_file", e, __WASI_ERRNO_NOTDIR, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
    __wasi_fd_close(f);
    e = __wasi_path_open(d, 0, "file_with_a_longish_name_00.txt", __WASI_OFLAGS_DIRECTORY, inh, inh, 0, &f);
    expect_errno("path_open_directory_flag_on_file_enotdir", e, __WASI_ERRNO_NOTDIR);

    /* remove / rename */
    expect_errno("path_remove_directory_enotempty", __wasi_path_remove_directory(root, "dirs"),
                 __WASI_ERRNO_NOTEMPTY);
    expect_errno("path_remove_directory_on_file_enotdir",
                 __wasi_path_remove_directory(d, "file_with_a_longish_name_01.txt"), __WASI_ERRNO_NOTDIR);
    expect_errno("path_remove_directory_missing_enoent", __wasi_path_remove_directory(d, "missing"),
                 __WASI_ERRNO_NOENT);
    expect_ok("path_rename_dir", __wasi_path_rename(d, "sub", d, "sub2"));
    expect_errno("path_filestat_get_renamed_away_enoent", __wasi_path_filestat_get(d, 0, "sub", &st),
                 __WASI_ERRNO_NOENT);
    expect_ok("path_rename_dir_across_fds", __wasi_path_rename(d, "sub2", root, "moved"));
    expect_ok("path_filestat_get_moved", __wasi_path_filestat_get(root, 0, "moved", &st));
    expect_ok("make_target_nonempty", __wasi_path_create_directory(root, "full"));
    expect_ok("make_target_nonempty_file", make_file(root, "full/f", "y"));
    expect_errno2("path_rename_dir_over_nonempty_dir", __wasi_path_rename(root, "moved", root, "full"),
                  __WASI_ERRNO_NOTEMPTY, __WASI_ERRNO_EXIST);
    expect_ok("path_create_directory_empty_target", __wasi_path_create_directory(root, "empty"));
    expect_ok("path_rename_dir_over_empty_dir", __wasi_path_rename(root, "moved", root, "empty"));
    expect_errno("path_rename_dir_over_file_enotdir", __wasi_path_rename(root, "empty", root, "full/f"),
                 __WASI_ERRNO_NOTDIR);
    expect_errno("path_rename_file_over_dir_eisdir", __wasi_path_rename(root, "full/f", root, "empty"),
                 __WASI_ERRNO_ISDIR);

    for (int i = 0; i < NFILES; i++) {
        snprintf(name, sizeof name, "file_with_a_longish_name_%02d.txt", i);
        __wasi_path_unlink_file(d, name);
    }
    expect_ok("fd_close_dir", __wasi_fd_close(d));
    expect_ok("path_remove_directory", __wasi_path_remove_directory(root, "dirs"));
    expect_errno("path_filestat_get_removed_enoent", __wasi_path_filestat_get(root, 0, "dirs", &st),
                 __WASI_ERRNO_NOENT);
    expect_ok("path_remove_directory_renamed", __wasi_path_remove_directory(root, "empty"));
    return finish();
}
