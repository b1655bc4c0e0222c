/* memfs_guest: the end-to-end guest of the in-memory file system tests (InMemoryGuestTests).
 * Uses libc (so wasi-libc's preopen lookup, path_open, readdir and stat run as in real programs)
 * against the preopen "/data", which the test fills beforehand with input.txt and sub/.
 *   1. reads /data/input.txt, writes it upper-cased to /data/out/result.txt (mkdir out first)
 *   2. appends a line to /data/log.txt twice (O_APPEND), seeks and overwrites with pwrite
 *   3. makes a symlink link -> out/result.txt and reads through it; hard-links it as copy.txt
 *   4. renames sub to moved, lists /data sorted by readdir order to stdout with each entry's type
 *   5. checks a few error paths: open of a missing file is ENOENT, rmdir of non-empty is ENOTEMPTY,
 *      escaping with ".." fails
 * Exit code 0 when everything behaved; otherwise prints "FAIL ..." and exits 1.
 * Build: clang --target=wasm32-wasi --sysroot=/usr -Os -c memfs_guest.c -o memfs_guest.o
 *        clang --target=wasm32-wasi --sysroot=/usr -Wl,--strip-all memfs_guest.o -o memfs_guest.wasm
 *        then base64 into MemFsGuestModule.cs (see the comment there). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;

static void check(int ok, const char *what) {
    if (!ok) {
        printf("FAIL %s (errno %d)\n", what, errno);
        failures++;
    }
}

int main(void) {
    char buf[256];
    FILE *in = fopen("/data/input.txt", "r");
    check(in != NULL, "open input");
    if (!in) return 1;
    size_t n = fread(buf, 1, sizeof buf - 1, in);
    fclose(in);
    buf[n] = 0;
    for (size_t i = 0; i < n; i++) buf[i] = (char)toupper((unsigned char)buf[i]);

    check(mkdir("/data/out", 0755) == 0, "mkdir out");
    FILE *out = fopen("/data/out/result.txt", "w");
    check(out != NULL, "create result");
    if (out) {
        fputs(buf, out);
        fclose(out);
    }

    for (int i = 0; i < 2; i++) {
        int fd = open("/data/log.txt", O_WRONLY | O_CREAT | O_APPEND, 0644);
        check(fd >= 0, "open log");
        check(write(fd, "line\n", 5) == 5, "append");
        close(fd);
    }
    int fd = open("/data/log.txt", O_RDWR);
    check(pwrite(fd, "LINE", 4, 5) == 4, "pwrite");
    check(lseek(fd, 0, SEEK_END) == 10, "seek end");
    close(fd);

    check(symlink("out/result.txt", "/data/link") == 0, "symlink");
    char target[64];
    ssize_t len = readlink("/data/link", target, sizeof target - 1);
    check(len == 14 && memcmp(target, "out/result.txt", 14) == 0, "readlink");
    FILE *via = fopen("/data/link", "r");
    check(via != NULL, "open via link");
    if (via) {
        char again[256];
        size_t m = fread(again, 1, sizeof again, via);
        check(m == n && memcmp(again, buf, n) == 0, "content via link");
        fclose(via);
    }
    check(link("/data/out/result.txt", "/data/copy.txt") == 0, "hard link");
    struct stat st;
    check(stat("/data/copy.txt", &st) == 0 && st.st_nlink == 2 && (size_t)st.st_size == n, "stat hard link");

    check(rename("/data/sub", "/data/moved") == 0, "rename dir");
    DIR *dir = opendir("/data");
    check(dir != NULL, "opendir");
    if (dir) {
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            const char *kind = e->d_type == DT_DIR ? "dir" : e->d_type == DT_REG ? "file" : e->d_type == DT_LNK ? "link" : "other";
            printf("%s %s\n", kind, e->d_name);
        }
        closedir(dir);
    }

    errno = 0;
    check(open("/data/missing.txt", O_RDONLY) < 0 && errno == ENOENT, "missing is ENOENT");
    errno = 0;
    check(rmdir("/data/out") < 0 && errno == ENOTEMPTY, "rmdir non-empty is ENOTEMPTY");
    errno = 0;
    check(open("/data/../etc/passwd", O_RDONLY) < 0, "escape refused");

    return failures == 0 ? 0 : 1;
}
