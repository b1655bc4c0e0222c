/* ts_libc: the wasi-testsuite's C tests go through wasi-libc (fopen, open, lseek, pread,
 * pwrite, fdopendir, fstatat, shutdown), which maps relative paths onto preopens by name. This
 * guest does the same kind of work through libc so the preopen naming is exercised end to end:
 * argv[1] is the directory prefix the guest uses ("fs-tests.dir" when that is the preopen's
 * name, "." when the preopen is "/"; wasi-libc's cwd is "/").
 *
 * It creates its own fixtures (file, lseek.txt, fopendir.dir/file-0, file-1, writeable/) in a
 * work directory and removes them at the end. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static char g_base[256];

static const char *at(const char *rel) {
    static char buf[4][512];
    static int slot;
    slot = (slot + 1) % 4;
    snprintf(buf[slot], sizeof buf[slot], "%s/%s", g_base, rel);
    return buf[slot];
}

static int write_text(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    size_t n = fwrite(text, 1, strlen(text), f);
    return fclose(f) == 0 && n == strlen(text) ? 0 : -1;
}

int main(int argc, char **argv) {
    const char *prefix = argc > 1 ? argv[1] : ".";
    snprintf(g_base, sizeof g_base, "%s/ts_libc.cleanup", prefix);
    check_line(mkdir(g_base, 0755) == 0, "mkdir_work", "mkdir %s: errno %d", g_base, errno);
    check_line(mkdir(at("fopendir.dir"), 0755) == 0, "mkdir_fopendir", "errno %d", errno);
    check_line(mkdir(at("writeable"), 0755) == 0, "mkdir_writeable", "errno %d", errno);
    check_line(write_text(at("file"), "hello") == 0, "fixture_file", "errno %d", errno);
    check_line(write_text(at("lseek.txt"), "01234567") == 0, "fixture_lseek", "errno %d", errno);
    check_line(write_text(at("fopendir.dir/file-0"), "0") == 0, "fixture_file0", "errno %d", errno);
    check_line(write_text(at("fopendir.dir/file-1"), "1") == 0, "fixture_file1", "errno %d", errno);

    /* fopen-with-access */
    FILE *f = fopen(at("file"), "r");
    check_line(f != NULL, "fopen_read", "errno %d", errno);
    if (f) check_line(fclose(f) == 0, "fclose", "errno %d", errno);

    /* lseek through a FILE's fd */
    f = fopen(at("lseek.txt"), "r");
    check_line(f != NULL, "lseek_fopen", "errno %d", errno);
    if (f) {
        char buf[4];
        int fd = fileno(f);
        size_t n = fread(buf, 1, 4, f);
        fflush(f);
        off_t pos = lseek(fd, 0, SEEK_CUR);
        /* fflush on an input stream gives back the read-ahead (musl), so the fd is at 4 */
        check_line(n == 4 && pos == 4, "lseek_after_fread4", "n=%zu pos=%lld", n, (long long)pos);
        n = fread(buf, 1, 1, f);
        fflush(f);
        pos = lseek(fd, 0, SEEK_CUR);
        check_line(n == 1 && pos == 5 && buf[0] == '4', "lseek_after_fread1", "n=%zu pos=%lld c=%c", n,
                   (long long)pos, buf[0]);
        check_line(lseek(fd, 0, SEEK_SET) == 0, "lseek_set", "errno %d", errno);
        check_line(lseek(fd, 0, SEEK_END) == 8, "lseek_end", "errno %d", errno);
        fclose(f);
    }

    /* pwrite-with-access / pread */
    const char *pw = at("writeable/test_pwrite_pread.txt.cleanup");
    check_line(access(pw, F_OK) != 0, "pwrite_file_absent", "exists");
    int fd = open(pw, O_WRONLY | O_CREAT, 0644);
    check_line(fd > 0, "pwrite_open", "errno %d", errno);
    check_line(pwrite(fd, "very long text", 14, 0) == 14, "pwrite_full", "errno %d", errno);
    check_line(pwrite(fd, "test", 4, 3) == 4, "pwrite_middle", "errno %d", errno);
    close(fd);
    fd = open(pw, O_RDONLY);
    char rb[16] = {0};
    check_line(fd > 0 && read(fd, rb, sizeof rb) == 14 && strncmp(rb, "vertestng text", 14) == 0, "pwrite_result",
               "got %.14s", rb);
    char pb[4] = {0};
    check_line(pread(fd, pb, 4, 3) == 4 && memcmp(pb, "test", 4) == 0, "pread_middle", "got %.4s", pb);
    close(fd);
    check_line(remove(pw) == 0, "pwrite_remove", "errno %d", errno);

    /* pwrite-with-append */
    const char *ap = at("pwrite.cleanup");
    fd = open(ap, O_CREAT | O_TRUNC | O_WRONLY | O_APPEND, 0644);
    check_line(fd != -1, "append_open", "errno %d", errno);
    char two[2] = {'x', 'y'};
    check_line(write(fd, two, 2) == 2, "append_write1", "errno %d", errno);
    check_line(lseek(fd, 0, SEEK_SET) == 0, "append_seek0", "errno %d", errno);
    check_line(write(fd, two, 2) == 2 && lseek(fd, 0, SEEK_CUR) == 4, "append_write2_at_end", "errno %d", errno);
    check_line(pwrite(fd, "abc", 3, 0) == 3 && lseek(fd, 0, SEEK_CUR) == 4, "append_pwrite_keeps_offset", "errno %d",
               errno);
    off_t end = lseek(fd, 0, SEEK_END);
    check_line(end == 4 || end == 7, "append_pwrite_end", "end %lld", (long long)end);
    close(fd);
    unlink(ap);

    /* fdopendir-with-access: d_ino matches fstatat's st_ino */
    int dfd = open(at("fopendir.dir"), O_RDONLY | O_DIRECTORY);
    check_line(dfd != -1, "fdopendir_open", "errno %d", errno);
    DIR *d = dfd != -1 ? fdopendir(dfd) : NULL;
    check_line(d != NULL, "fdopendir", "errno %d", errno);
    int seen = 0, bad = 0;
    ino_t inos[2] = {0, 0};
    struct dirent *de;
    while (d && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.') continue;
        int which = strcmp(de->d_name, "file-0") == 0 ? 0 : strcmp(de->d_name, "file-1") == 0 ? 1 : -1;
        if (which < 0) {
            bad++;
            continue;
        }
        seen |= 1 << which;
        inos[which] = de->d_ino;
        struct stat sb;
        if (fstatat(dfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 || sb.st_ino != de->d_ino) bad++;
    }
    if (d) closedir(d);
    check_line(seen == 3 && bad == 0 && inos[0] != inos[1], "fdopendir_entries_and_inodes", "seen %d bad %d", seen,
               bad);

    /* stat-dev-ino */
    int a = open(at("file"), O_RDONLY), b = open(at("lseek.txt"), O_RDONLY);
    struct stat sa, sb;
    check_line(a != -1 && b != -1 && fstat(a, &sa) == 0 && fstat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
                   sa.st_ino != sb.st_ino,
               "stat_dev_ino", "errno %d", errno);
    close(a);
    close(b);

    /* sock_shutdown on a non-socket and on a bad fd */
    errno = 0;
    check_line(shutdown(STDOUT_FILENO, SHUT_RD) != 0 && errno == ENOTSOCK, "shutdown_stdout_enotsock", "errno %d",
               errno);
    errno = 0;
    check_line(shutdown(9999, SHUT_RD) != 0 && errno == EBADF, "shutdown_bad_fd_ebadf", "errno %d", errno);

    /* isatty on a regular file */
    fd = open(at("file"), O_RDONLY);
    check_line(fd != -1 && isatty(fd) == 0, "isatty_file_false", "errno %d", errno);
    close(fd);

    /* cleanup */
    unlink(at("fopendir.dir/file-0"));
    unlink(at("fopendir.dir/file-1"));
    rmdir(at("fopendir.dir"));
    rmdir(at("writeable"));
    unlink(at("file"));
    unlink(at("lseek.txt"));
    check_line(rmdir(g_base) == 0, "rmdir_work", "errno %d", errno);
    return finish();
}
