#!/bin/sh
# Builds real-world C programs from pinned Debian bookworm source tarballs, to wasm32-wasi (what the
# RealWorld test category runs through `reactorhost run`) and natively (the reference outputs):
#
#   out/wasm/sqlite3.wasm   SQLite 3.40.1 shell            out/native/sqlite3
#   out/wasm/lua.wasm       Lua 5.4.4 interpreter          out/native/lua
#   out/wasm/minigzip.wasm  zlib 1.2.13 test/minigzip      out/native/minigzip
#   out/wasm/bzip2.wasm     bzip2 1.0.8                    out/native/bzip2
#
#   tests/realworld/build.sh           build what is missing or stale (a stamp over this script, the
#                                      compat headers and the compiler version decides)
#   tests/realworld/build.sh --force   rebuild everything
#
# Nothing here is committed: out/ is ignored. Tarballs are cached in out/.cache and checked against
# the SHA-256 sums of Debian bookworm's Sources index (pinned below). WASI preview1 lacks a few POSIX
# calls these programs use; compat/*.h (force-included) says what each one becomes.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=$here/out
cache=$out/.cache
work=$out/.work
compat=$here/compat

force=0
case "${1:-}" in
  --force) force=1 ;;
  "") ;;
  *) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

# --- tools -----------------------------------------------------------------------------------------
# The wasm toolchain comes from tests/guests/install-toolchain.sh; SQLite's amalgamation is generated
# by Tcl scripts after a native configure, and the tarballs need curl, xz and bzip2.
need=""
command -v tclsh >/dev/null 2>&1 || need="$need tcl"
command -v curl >/dev/null 2>&1 || need="$need curl"
command -v xz >/dev/null 2>&1 || need="$need xz-utils"
command -v bzip2 >/dev/null 2>&1 || need="$need bzip2"
command -v make >/dev/null 2>&1 || need="$need make"
if [ -n "$need" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing:$need"
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $need >/dev/null
fi
sh "$here/../guests/install-toolchain.sh" >/dev/null

CLANG=${CLANG:-clang}
WASM_CC="$CLANG --target=wasm32-wasi --sysroot=/usr"
WASM_CFLAGS="-O2 -w -isystem $compat/include"
WASM_LDFLAGS="-Wl,--strip-debug"
NATIVE_CC="$CLANG"
NATIVE_CFLAGS="-O2 -w"

# --- up to date? -----------------------------------------------------------------------------------
programs="sqlite3 lua minigzip bzip2"
stamp=$( (cat "$0" "$compat"/*.h "$compat"/*.c "$compat"/include/*.h; $CLANG --version) | sha256sum | cut -d' ' -f1)
if [ "$force" = 0 ] && [ -f "$out/STAMP" ] && [ "$(cat "$out/STAMP")" = "$stamp" ]; then
  complete=1
  for p in $programs; do
    [ -f "$out/wasm/$p.wasm" ] && [ -x "$out/native/$p" ] || complete=0
  done
  if [ "$complete" = 1 ]; then
    echo "real-world programs up to date in $out"
    exit 0
  fi
fi

mkdir -p "$cache" "$work" "$out/wasm" "$out/native"
rm -f "$out/STAMP"

# --- sources: Debian bookworm orig tarballs, SHA-256 from dists/bookworm/main/source/Sources -------
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
fetch() { # fetch POOL_PATH SHA256 -> extracts into $work, prints nothing
  file=$cache/$(basename "$1")
  if [ ! -f "$file" ] || ! echo "$2  $file" | sha256sum -c --status; then
    curl -fsSL --retry 3 -o "$file.part" "$mirror/$1"
    echo "$2  $file.part" | sha256sum -c --status || { echo "error: checksum mismatch for $1" >&2; exit 1; }
    mv "$file.part" "$file"
  fi
  tar -xf "$file" -C "$work"
}
rm -rf "$work" && mkdir -p "$work"
fetch pool/main/s/sqlite3/sqlite3_3.40.1.orig.tar.xz aaa776260ab4dc976db34aa7891819484c8676b5b2783123ebc6301e2ca5d655
fetch pool/main/l/lua5.4/lua5.4_5.4.4.orig.tar.gz 164c7849653b80ae67bec4b7473b884bf5cc8d2dca05653475ec2ed27b9ebf61
fetch pool/main/z/zlib/zlib_1.2.13.dfsg.orig.tar.bz2 71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1
fetch pool/main/b/bzip2/bzip2_1.0.8.orig.tar.gz ab5a03176ee106d3f0fa90e381da478ddae405918153cca248e682cd0c4a2269

# --- builds (one background job per program; each logs to .work/NAME.log) ------------------------
build_sqlite3() {
  cd "$work/sqlite3-3.40.1" && mkdir -p bld && cd bld
  CC="$NATIVE_CC" ../configure --disable-tcl --disable-readline --disable-load-extension >/dev/null
  make sqlite3.c shell.c >/dev/null
  # No threads, no extension loading and no mmap in WASI preview1; -D_WASI_EMULATED_* unlock
  # wasi-libc's signal()/clock()/getpid()/mmap stand-ins the unix VFS and the shell refer to.
  opts="-DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_MAX_MMAP_SIZE=0 -DSQLITE_OMIT_POPEN"
  emul="-D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_GETPID -D_WASI_EMULATED_MMAN"
  $WASM_CC $WASM_CFLAGS $opts $emul -include "$compat/sqlite-wasi.h" -c sqlite3.c -o sqlite3.wasm.o &
  $WASM_CC $WASM_CFLAGS $opts $emul -include "$compat/sqlite-wasi.h" -c shell.c -o shell.wasm.o
  wait $!
  $WASM_CC $WASM_LDFLAGS sqlite3.wasm.o shell.wasm.o -lwasi-emulated-signal -lwasi-emulated-process-clocks \
    -lwasi-emulated-getpid -lwasi-emulated-mman -o "$out/wasm/sqlite3.wasm"
  $NATIVE_CC $NATIVE_CFLAGS $opts sqlite3.c shell.c -lm -o "$out/native/sqlite3"
}

build_lua() {
  cd "$work/lua-5.4.4/src"
  sources=$(ls *.c | grep -v '^luac\.c$')
  mkdir -p wasm
  for f in $sources "$compat/lua-wasi.c"; do
    $WASM_CC $WASM_CFLAGS -I. -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS \
      -include "$compat/lua-wasi.h" -c "$f" -o "wasm/$(basename "$f" .c).o"
  done
  $WASM_CC $WASM_LDFLAGS wasm/*.o -lwasi-emulated-signal -lwasi-emulated-process-clocks -o "$out/wasm/lua.wasm"
  $NATIVE_CC $NATIVE_CFLAGS -DLUA_USE_POSIX $sources -lm -o "$out/native/lua"
}

build_minigzip() {
  cd "$work/zlib-1.2.13.dfsg"
  lib="adler32.c crc32.c deflate.c infback.c inffast.c inflate.c inftrees.c trees.c zutil.c compress.c uncompr.c gzclose.c gzlib.c gzread.c gzwrite.c"
  $WASM_CC $WASM_CFLAGS $WASM_LDFLAGS -I. -DHAVE_UNISTD_H -DHAVE_STDARG_H $lib test/minigzip.c -o "$out/wasm/minigzip.wasm"
  $NATIVE_CC $NATIVE_CFLAGS -I. -DHAVE_UNISTD_H -DHAVE_STDARG_H $lib test/minigzip.c -o "$out/native/minigzip"
}

build_bzip2() {
  cd "$work/bzip2-1.0.8"
  src="blocksort.c huffman.c crctable.c randtable.c compress.c decompress.c bzlib.c bzip2.c"
  $WASM_CC $WASM_CFLAGS $WASM_LDFLAGS -D_FILE_OFFSET_BITS=64 -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS \
    -include "$compat/posix-wasi.h" $src -lwasi-emulated-signal -lwasi-emulated-process-clocks -o "$out/wasm/bzip2.wasm"
  $NATIVE_CC $NATIVE_CFLAGS -D_FILE_OFFSET_BITS=64 $src -o "$out/native/bzip2"
}

start=$(date +%s)
pids=""
for p in $programs; do
  ( set -e; build_$p ) >"$work/$p.log" 2>&1 &
  pids="$pids $p:$!"
done
failed=""
for entry in $pids; do
  wait "${entry#*:}" || failed="$failed ${entry%%:*}"
done
if [ -n "$failed" ]; then
  for p in $failed; do
    echo "error: building $p failed; last lines of $work/$p.log:" >&2
    tail -n 20 "$work/$p.log" >&2
  done
  exit 1
fi
echo "$stamp" >"$out/STAMP"
rm -rf "$work"
echo "built$(for p in $programs; do printf ' %s' "$p"; done) into $out in $(( $(date +%s) - start ))s"
