#!/bin/sh
# Builds the freestanding benchmark guests (no libc, no WASI, no imports).
# Needs clang + wasm-ld with the wasm32 target (Debian: apt-get install clang lld).
# The resulting .wasm files are committed so the benchmark runs without clang.
#
# Compiling and linking are two steps on purpose: the clang driver runs `wasm-opt` after linking
# whenever binaryen happens to be on PATH, which would make the output depend on the machine.
set -eu
cd "$(dirname "$0")"
CLANG=${CLANG:-clang}
WASM_LD=${WASM_LD:-wasm-ld}
# -nostdlib/-ffreestanding: no crt, no libc; -fno-builtin: keep clang from turning loops into
# memset/memcpy calls (there is no libc to link); -mcpu=mvp: MVP opcodes only, so any engine runs it.
for src in compute; do
  "$CLANG" --target=wasm32 -O2 -mcpu=mvp -ffreestanding -fno-builtin -nostdlib -c -o "$src.o" "$src.c"
  # --no-entry: a library of exports, no _start; names are kept (wasm stack traces).
  "$WASM_LD" --no-entry -z stack-size=65536 -o "$src.wasm" "$src.o"
  rm -f "$src.o"
  echo "built $src.wasm ($(wc -c < "$src.wasm") bytes)"
done
