/* See lua-wasi.h: what Lua's error unwinding becomes without setjmp/longjmp. */
#include <stdio.h>
#include <stdlib.h>
#include "lua.h"

_Noreturn void rw_lua_unrecoverable(lua_State *L, int status) {
  const char *message = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
  fflush(stdout);
  if (status == LUA_YIELD) {
    fputs("lua: coroutine.yield is not supported in this wasm32-wasi build\n", stderr);
  } else {
    fprintf(stderr, "lua: %s\n", message ? message : "(error object is not a string)");
  }
  exit(EXIT_FAILURE);
}
