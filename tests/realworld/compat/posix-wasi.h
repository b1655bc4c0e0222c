/* Force-included (-include) by the real-world builds: POSIX calls that wasm32-wasi's libc does not
 * declare because WASI preview1 has nothing to map them onto. Files there have no modes or owners,
 * there are no users and no subprocesses, so mode/owner changes succeed without effect (as when a
 * file system ignores them), ids are 0 and system() reports that no shell is available. */
#ifndef RW_POSIX_WASI_H
#define RW_POSIX_WASI_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static inline int rw_fchmod(int fd, mode_t mode) { (void)fd; (void)mode; return 0; }
static inline int rw_chmod(const char *path, mode_t mode) { (void)path; (void)mode; return 0; }
static inline int rw_fchown(int fd, uid_t owner, gid_t group) { (void)fd; (void)owner; (void)group; return 0; }
static inline uid_t rw_getuid(void) { return 0; }
/* Declared by wasi-libc's unistd.h but not defined; a wasm page is 64 KiB. */
static inline int rw_getpagesize(void) { return 65536; }
static inline int rw_system(const char *command) { errno = ENOSYS; return command ? -1 : 0; }

#define fchmod rw_fchmod
#define chmod rw_chmod
#define fchown rw_fchown
#define getuid rw_getuid
#define geteuid rw_getuid
#define getpagesize rw_getpagesize
#define system rw_system

#endif
