#!/bin/sh
# Installs exactly the Debian (bookworm) packages tests/guests/build.sh needs. Idempotent: packages
# already installed are left alone and nothing is fetched when all are present.
#   clang lld wasi-libc libclang-rt-dev-wasm32   C guests (clang 14 --target=wasm32-wasi)
#   rustc libstd-rust-dev-wasm32                 Rust guests (/usr/bin/rustc 1.63 --target wasm32-wasi)
set -eu
packages="clang lld wasi-libc libclang-rt-dev-wasm32 rustc libstd-rust-dev-wasm32"
missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
if [ -z "$missing" ]; then
  echo "toolchain already installed: $packages"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing:$missing"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
