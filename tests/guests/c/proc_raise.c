/* proc_raise: the spec's proc_raise is not supportable by a sandboxed host; ReactorHost
 * (like wasmtime) answers ENOSYS or ENOTSUP. We raise a signal whose default action is to be
 * ignored (SIGWINCH) so a runtime that really delivers it to its own process (node/uvwasi does
 * kill(getpid(), sig)) survives. proc_raise is no longer declared by wasi-libc, hence the import. */
#include "check.h"

RAW_IMPORT(proc_raise) int32_t raw_proc_raise(int32_t sig);

int main(void) {
    expect_errno2("proc_raise_unsupported", raw_proc_raise(27 /* signal.winch */), __WASI_ERRNO_NOSYS,
                  __WASI_ERRNO_NOTSUP);
    return finish();
}
