/* Placeholder so Lua's ldo.c compiles: lua-wasi.h replaces every use of setjmp/longjmp. */
#ifndef RW_SETJMP_H
#define RW_SETJMP_H
#endif
