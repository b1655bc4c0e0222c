/* trap: writes one line, then executes `unreachable` inside a named function.
 * Expected: the guest traps (host reports an unreachable trap, not an exit code);
 * stdout exactly "before trap\n". The function name guest_trap_here appears in the
 * name section so a host can show it in the wasm stack trace. */
#include <wasi/api.h>

__attribute__((noinline)) void guest_trap_here(int depth) {
    if (depth == 0) __builtin_trap();
    guest_trap_here(depth - 1);
}

int main(void) {
    __wasi_ciovec_t iov = {(const uint8_t *)"before trap\n", 12};
    __wasi_size_t n;
    (void)__wasi_fd_write(1, &iov, 1, &n);
    guest_trap_here(3);
    return 0;
}
