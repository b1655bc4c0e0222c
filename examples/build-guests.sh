#!/bin/sh
# Builds every example's C guest: examples/NAME/guest/X.c -> examples/NAME/guest/X.wasm (committed,
# so `dotnet run` needs only the .NET SDK). A source with a main() is a WASI command (_start); the
# others are reactors. Same toolchain and deterministic flags as
# tests/guests/build.sh (Debian clang 14 + lld + wasi-libc; tests/guests/install-toolchain.sh).
#   examples/build-guests.sh           rebuild
#   examples/build-guests.sh --check   rebuild into a temporary directory; exit 1 if a .wasm differs
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
CLANG=${CLANG:-clang}
SYSROOT=${WASI_SYSROOT:-/usr}
CFLAGS="--target=wasm32-wasi --sysroot=$SYSROOT -O2 -Wall -Wextra -Werror -ffile-prefix-map=$here=. -fno-ident"
# Reactor: _initialize instead of _start; export the libc allocator for host-side marshalling.
LDFLAGS="--target=wasm32-wasi --sysroot=$SYSROOT -Wl,--strip-debug"
REACTOR_LDFLAGS="-mexec-model=reactor -Wl,--export=malloc -Wl,--export=free"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for src in */guest/*.c; do
  name=$(basename "$src" .c)
  dir=$(dirname "$src")
  if grep -q '^int main(' "$src"; then extra=""; else extra="$REACTOR_LDFLAGS"; fi
  # Compile and link separately: with -O at link time the driver would run wasm-opt when present.
  $CLANG $CFLAGS -c "$src" -o "$tmp/$name.o"
  if [ "${1:-}" = --check ]; then
    $CLANG $LDFLAGS $extra "$tmp/$name.o" -o "$tmp/$name.wasm"
    if ! cmp -s "$tmp/$name.wasm" "$dir/$name.wasm"; then
      echo "differs: $dir/$name.wasm" >&2
      status=1
    fi
  else
    $CLANG $LDFLAGS $extra "$tmp/$name.o" -o "$dir/$name.wasm"
    echo "built $dir/$name.wasm"
  fi
done
exit $status
