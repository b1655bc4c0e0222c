#!/bin/sh
# Builds every test guest into tests/guests/bin/NAME.wasm, deterministically.
#
#   tests/guests/build.sh           rebuild bin/*.wasm
#   tests/guests/build.sh --check   rebuild into a temporary directory and exit 1 (listing the
#                                   files) if anything differs from the committed bin/*.wasm
#
# Toolchain: Debian bookworm's clang 14 + lld + wasi-libc + libclang-rt-dev-wasm32, and Debian's
# rustc 1.63 + libstd-rust-dev-wasm32 (see install-toolchain.sh). Other versions produce other
# bytes; --check prints the versions it used.
#
# Determinism: C is compiled (-O2, no debug info) and linked in separate steps so the clang
# driver never runs wasm-opt behind our back (it does when -O is given at link time and binaryen
# is on PATH); sources are passed by relative path from this directory and -ffile-prefix-map /
# --remap-path-prefix map the directory to "." so no absolute path can leak in. The name section
# is kept (function names for trap stack traces); debug sections are stripped.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

mode=build
case "${1:-}" in
  --check) mode=check ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

CLANG=${CLANG:-clang}
RUSTC=${RUSTC:-/usr/bin/rustc}
SYSROOT=${WASI_SYSROOT:-/usr}
CFLAGS="--target=wasm32-wasi --sysroot=$SYSROOT -O2 -Wall -Wextra -Werror -Wno-unused-result -ffile-prefix-map=$here=. -fno-ident"
LDFLAGS="--target=wasm32-wasi --sysroot=$SYSROOT -Wl,--strip-debug"
REACTOR_LDFLAGS="-mexec-model=reactor -Wl,--export=malloc -Wl,--export=free"
RUSTFLAGS="--target wasm32-wasi --edition 2021 -C opt-level=2 -C debuginfo=0 -C codegen-units=1 -C strip=debuginfo -C panic=abort --remap-path-prefix=$here=."

obj=$(mktemp -d)
if [ "$mode" = check ]; then
  out=$(mktemp -d)
  trap 'rm -rf "$obj" "$out"' EXIT
else
  out=bin
  mkdir -p "$out"
  trap 'rm -rf "$obj"' EXIT
fi

built=""
for src in c/*.c; do
  name=$(basename "$src" .c)
  # reactor_*.c are reactors (_initialize + exports, no _start) that export the libc allocator
  # so the host can place strings and buffers in guest memory.
  case "$name" in
    reactor_*) extra="$REACTOR_LDFLAGS" ;;
    *) extra="" ;;
  esac
  $CLANG $CFLAGS -c "$src" -o "$obj/$name.o"
  $CLANG $LDFLAGS $extra "$obj/$name.o" -o "$out/$name.wasm"
  built="$built $name"
done

if ls rust/*.rs >/dev/null 2>&1; then
  for src in rust/*.rs; do
    name=$(basename "$src" .rs)
    $RUSTC $RUSTFLAGS "$src" -o "$out/$name.wasm"
    built="$built $name"
  done
fi

if [ "$mode" = build ]; then
  # drop stale outputs of guests whose source was removed
  for f in bin/*.wasm; do
    n=$(basename "$f" .wasm)
    case " $built " in *" $n "*) ;; *) echo "removing stale $f"; rm -f "$f" ;; esac
  done
  echo "built:$built"
  exit 0
fi

echo "toolchain: $($CLANG --version | head -1); $($RUSTC --version)"
status=0
for f in "$out"/*.wasm; do
  n=$(basename "$f")
  if [ ! -f "bin/$n" ]; then echo "missing from bin/: $n"; status=1
  elif ! cmp -s "$f" "bin/$n"; then echo "differs: bin/$n"; status=1
  fi
done
for f in bin/*.wasm; do
  n=$(basename "$f")
  [ -f "$out/$n" ] || { echo "stale (no source): bin/$n"; status=1; }
done
if [ $status -eq 0 ]; then echo "all guests match the committed bin/*.wasm"; fi
exit $status
