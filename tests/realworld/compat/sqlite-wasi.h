/* Force-included (-include) when building SQLite 3.40 (library and shell) for wasm32-wasi.
 *
 * SQLite 3.40 predates its own WASI support, and WASI preview1 has no advisory record locks. A
 * single process owns the database, so every lock request is granted (what SQLite's later releases
 * do on WASI too). Everything else the unix VFS does (pread/pwrite, fsync, ftruncate, journal
 * create/unlink, stat) goes to the host unchanged. */
#ifndef RW_SQLITE_WASI_H
#define RW_SQLITE_WASI_H

#include "posix-wasi.h"
#include <fcntl.h>
#include <stdarg.h>

#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7

static inline int rw_fcntl(int fd, int cmd, ...) {
  va_list ap;
  va_start(ap, cmd);
  if (cmd == F_GETLK) {
    struct flock *lock = va_arg(ap, struct flock *);
    lock->l_type = F_UNLCK; /* nobody else holds a conflicting lock */
    va_end(ap);
    return 0;
  }
  if (cmd == F_SETLK || cmd == F_SETLKW) {
    va_end(ap);
    return 0;
  }
  int arg = va_arg(ap, int);
  va_end(ap);
  return fcntl(fd, cmd, arg);
}
#define fcntl rw_fcntl

#endif
