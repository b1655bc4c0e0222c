#!/bin/sh
# Runs the WASI testsuite (github.com/WebAssembly/wasi-testsuite, preview1 tests) against
# ReactorHost's CLI. The suite is not part of this repository: check it out (or unpack a release
# of its prebuilt tests) anywhere and point this script at it.
#
#   tests/wasi-testsuite/run.sh SUITE              official runner if SUITE has one, else ours
#   tests/wasi-testsuite/run.sh --simple SUITE     always the dependency-free simple_runner.py
#   tests/wasi-testsuite/run.sh --self-test        no suite needed: a small suite made of our own
#                                                  guests checks the adapter and both --dir styles
#
# The CLI: $REACTORHOST, else `reactorhost` on PATH, else the repository's ./reactorhost launcher
# (it publishes the CLI into artifacts/reactorhost when out of date).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
mode=auto
case "${1:-}" in
  --simple) mode=simple; shift ;;
  --self-test) mode=self ;;
  ""|-h|--help) sed -n '2,14p' "$0"; exit 2 ;;
esac

if [ "$mode" = self ]; then
  bin="$here/../guests/bin"
  suite=$(mktemp -d)
  trap 'rm -rf "$suite"' EXIT
  mkdir -p "$suite/fs-tests.dir"
  cp "$bin/exit_code.wasm" "$suite/proc_exit-42.wasm"
  printf '{"exit_code": 42, "stdout": "before exit\\n"}' >"$suite/proc_exit-42.json"
  cp "$bin/line_count.wasm" "$suite/args_env.wasm"
  cat >"$suite/args_env.json" <<'JSON'
{"args": ["the \"second\" arg", "--exit=7"], "env": {"LC_GREETING": "new\nline", "OTHER": "1"},
 "exit_code": 7,
 "stdout": "args: 3\narg[1]: the \"second\" arg\narg[2]: --exit=7\nLC_GREETING=new\nline\nenv vars: 2\nlines=0 words=0 bytes=0\n"}
JSON
  for g in ts_paths ts_fds ts_libc; do
    cp "$bin/$g.wasm" "$suite/$g-dirs.wasm"
    printf '{"dirs": ["fs-tests.dir"], "args": ["fs-tests.dir"]}' >"$suite/$g-dirs.json"
    cp "$bin/$g.wasm" "$suite/$g-root.wasm"
    arg=/; [ "$g" = ts_libc ] && arg=.
    printf '{"root": "fs-tests.dir", "args": ["%s"]}' "$arg" >"$suite/$g-root.json"
  done
  python3 "$here/simple_runner.py" "$suite"
  # the guests clean up after themselves: the fixture directory must be empty again
  [ -z "$(ls -A "$suite/fs-tests.dir")" ] || { echo "fs-tests.dir not empty:"; ls -A "$suite/fs-tests.dir"; exit 1; }
  exit 0
fi

suite=$(cd "${1:?usage: run.sh [--simple] SUITE}" && pwd)
shift
dirs=""
for lang in assemblyscript c rust; do
  d="$suite/tests/$lang/testsuite"
  [ -d "$d/wasm32-wasip1" ] && d="$d/wasm32-wasip1"
  [ -d "$d" ] && dirs="$dirs $d"
done
[ -n "$dirs" ] || { echo "no tests/*/testsuite directories under $suite" >&2; exit 2; }

runner="$suite/test-runner/wasi_test_runner.py"
if [ "$mode" = auto ] && [ -f "$runner" ]; then
  # Runners that import the adapter as a module (runtime_adapter.py loads it) want adapter.py;
  # older ones execute it with --test-file/--arg/--env/--dir and want legacy_adapter.py.
  if grep -q "_load_adapter_as_module\|compute_argv" "$suite/test-runner/wasi_test_runner/runtime_adapter.py" 2>/dev/null; then
    adapter="$here/adapter.py"
  else
    adapter="$here/legacy_adapter.py"
  fi
  # shellcheck disable=SC2086
  exec python3 "$runner" -t $dirs -r "$adapter" "$@"
fi
# shellcheck disable=SC2086
exec python3 "$here/simple_runner.py" "$@" $dirs
