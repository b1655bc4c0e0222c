/* args_env: args_sizes_get, args_get, environ_sizes_get, environ_get (contents, sizes, EFAULT).
 * Invocation: argv = {"args_env", "alpha", "two words", "\u00fcn\u00efc\u00f6d\u00e9", ""},
 *             env  = {GUEST_MODE=test, EMPTY=, WITH_EQ=a=b=c} (exactly these three). */
#include "check.h"

RAW_IMPORT(args_sizes_get) int32_t raw_args_sizes_get(int32_t argc_ptr, int32_t size_ptr);
RAW_IMPORT(args_get) int32_t raw_args_get(int32_t argv_ptr, int32_t buf_ptr);
RAW_IMPORT(environ_sizes_get) int32_t raw_environ_sizes_get(int32_t count_ptr, int32_t size_ptr);
RAW_IMPORT(environ_get) int32_t raw_environ_get(int32_t env_ptr, int32_t buf_ptr);

static const char *const kArgs[] = {"args_env", "alpha", "two words",
                                    "\xc3\xbc" "n" "\xc3\xaf" "c" "\xc3\xb6" "d" "\xc3\xa9", ""};
static const char *const kEnv[] = {"GUEST_MODE=test", "EMPTY=", "WITH_EQ=a=b=c"};
#define NARGS (sizeof kArgs / sizeof kArgs[0])
#define NENV (sizeof kEnv / sizeof kEnv[0])

static uint32_t memory_end(void) { return (uint32_t)__builtin_wasm_memory_size(0) * 65536u; }

int main(int argc, char **argv) {
    /* libc's view (built from args_get by wasi-libc's crt). */
    int same = argc == (int)NARGS;
    for (int i = 0; same && i < argc; i++) same = strcmp(argv[i], kArgs[i]) == 0;
    expect_true("libc_argv_matches", same, "main() argv differs from the expected invocation");

    size_t want_buf = 0;
    for (size_t i = 0; i < NARGS; i++) want_buf += strlen(kArgs[i]) + 1;
    __wasi_size_t count = 0, bufsize = 0;
    expect_ok("args_sizes_get", __wasi_args_sizes_get(&count, &bufsize));
    expect_u64("args_sizes_get_count", count, NARGS);
    expect_u64("args_sizes_get_bufsize", bufsize, want_buf);

    uint8_t **ptrs = calloc(count + 1, sizeof *ptrs);
    uint8_t *buf = calloc(bufsize + 1, 1);
    expect_ok("args_get", __wasi_args_get(ptrs, buf));
    int contents = count == NARGS;
    for (size_t i = 0; contents && i < NARGS; i++) {
        contents = ptrs[i] >= buf && ptrs[i] < buf + bufsize &&
                   strcmp((char *)ptrs[i], kArgs[i]) == 0;
    }
    expect_true("args_get_contents", contents, "argument strings differ or point outside buf");
    expect_true("args_get_nul_terminated", bufsize > 0 && buf[bufsize - 1] == 0,
                "last byte of argv_buf is not NUL");

    /* environment: exactly the three expected variables, order not significant */
    size_t want_env = 0;
    for (size_t i = 0; i < NENV; i++) want_env += strlen(kEnv[i]) + 1;
    __wasi_size_t ecount = 0, esize = 0;
    expect_ok("environ_sizes_get", __wasi_environ_sizes_get(&ecount, &esize));
    expect_u64("environ_sizes_get_count", ecount, NENV);
    expect_u64("environ_sizes_get_bufsize", esize, want_env);
    uint8_t **eptrs = calloc(ecount + 1, sizeof *eptrs);
    uint8_t *ebuf = calloc(esize + 1, 1);
    expect_ok("environ_get", __wasi_environ_get(eptrs, ebuf));
    int found = 0;
    for (size_t i = 0; i < NENV; i++) {
        for (size_t j = 0; j < ecount; j++) {
            if (eptrs[j] >= ebuf && eptrs[j] < ebuf + esize &&
                strcmp((char *)eptrs[j], kEnv[i]) == 0) {
                found++;
                break;
            }
        }
    }
    expect_u64("environ_get_contents", found, NENV);
    expect_true("libc_getenv", getenv("WITH_EQ") && strcmp(getenv("WITH_EQ"), "a=b=c") == 0 &&
                                   getenv("EMPTY") && getenv("EMPTY")[0] == 0 &&
                                   getenv("NOT_SET_ANYWHERE") == NULL,
                "getenv results differ");

    /* EFAULT: result pointers outside linear memory (fully, or straddling the end). */
    int32_t scratch = (int32_t)(intptr_t)calloc(64, 1);
    int32_t end = (int32_t)memory_end();
    expect_errno("args_sizes_get_efault", raw_args_sizes_get(-16, scratch), __WASI_ERRNO_FAULT);
    expect_errno("args_sizes_get_efault_straddle", raw_args_sizes_get(scratch, end - 2),
                 __WASI_ERRNO_FAULT);
    expect_errno("args_get_efault_argv", raw_args_get(-16, (int32_t)(intptr_t)buf),
                 __WASI_ERRNO_FAULT);
    expect_errno("args_get_efault_buf", raw_args_get((int32_t)(intptr_t)ptrs, end - 4),
                 __WASI_ERRNO_FAULT);
    expect_errno("environ_sizes_get_efault", raw_environ_sizes_get(scratch, -8),
                 __WASI_ERRNO_FAULT);
    expect_errno("environ_get_efault_env", raw_environ_get(end - 1, (int32_t)(intptr_t)ebuf),
                 __WASI_ERRNO_FAULT);
    expect_errno("environ_get_efault_buf", raw_environ_get((int32_t)(intptr_t)eptrs, -1),
                 __WASI_ERRNO_FAULT);
    return finish();
}
