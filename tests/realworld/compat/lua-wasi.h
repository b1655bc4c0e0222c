/* Force-included when building Lua 5.4 for wasm32-wasi.
 *
 * Lua recovers from errors with setjmp/longjmp, which clang 14 + wasi-libc (Debian bookworm) cannot
 * provide (there is no setjmp.h: it needs the wasm exception-handling proposal). Here a raised error
 * ends the process the way an uncaught error ends the standalone interpreter: the message on stderr
 * and exit status 1. Scripts that never raise (or only at top level) behave as natively; pcall and
 * coroutine.yield (which unwinds with the same mechanism) do not work in this build. */
#ifndef RW_LUA_WASI_H
#define RW_LUA_WASI_H

struct lua_State;
_Noreturn void rw_lua_unrecoverable(struct lua_State *L, int status);

#define LUAI_THROW(L, c) rw_lua_unrecoverable(L, (c)->status)
#define LUAI_TRY(L, c, a) { a }
#define luai_jmpbuf int

#include "posix-wasi.h"
#include <stdio.h>
/* No temporary directory either: os.tmpname() raises and io.tmpfile() returns nil plus a message. */
#define LUA_TMPNAMBUFSIZE 32
#define lua_tmpnam(b, e) { (b)[0] = '\0'; errno = ENOSYS; (e) = 1; }
static inline FILE *rw_tmpfile(void) { errno = ENOSYS; return NULL; }
#define tmpfile rw_tmpfile
#endif
