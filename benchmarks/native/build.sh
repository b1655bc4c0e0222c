#!/bin/sh
# Builds the native twin of the HTTP benchmark's guest: the very same C source as
# examples/SocketHttpServer/guest/http_server.c, compiled for the host with -O2 (the binary is
# never committed; `reactorhost bench http` runs this script when the binary is missing or older
# than the source).
#   benchmarks/native/build.sh [OUTPUT]     default OUTPUT: benchmarks/native/bin/http_server
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src="$here/../../examples/SocketHttpServer/guest/http_server.c"
out=${1:-"$here/bin/http_server"}
CC=${CC:-$(command -v gcc || command -v clang || command -v cc)}
mkdir -p "$(dirname "$out")"
"$CC" -O2 -Wall -Wextra -Werror -o "$out" "$src"
echo "built $out with $CC"
