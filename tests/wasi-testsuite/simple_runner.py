#!/usr/bin/env python3
"""A dependency-free runner for WASI testsuite test directories, following the suite's
doc/specification.md, driving ReactorHost through adapter.py.

  simple_runner.py [--filter SUBSTRING] [--verbose] DIR [DIR...]

Every *.wasm under each DIR is a test; NAME.json next to it (optional) gives
  args      program arguments (after argv[0])
  env       the exact environment
  dirs      directories (relative to the test's directory) preopened under the same relative
            name, with the test's directory as the working directory (older suites; the
            `wasmtime --dir fs-tests.dir` style)
  root      a directory (relative to the test's directory) preopened as "/" (current suites)
  exit_code expected exit code (default 0)
  stdout    expected stdout, if given (exact)
  stderr    expected stderr, if given (exact)
Files and directories named *.cleanup under the preopened directories are removed before and
after each test, as the official runner does. Exit status: 0 when every test passed.
"""

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import adapter  # noqa: E402

TIMEOUT_SECONDS = 60


def cleanup(dirs):
    for d in dirs:
        for f in sorted(Path(d).glob("**/*.cleanup"), reverse=True):
            if f.is_dir() and not f.is_symlink():
                shutil.rmtree(f)
            elif f.exists() or f.is_symlink():
                f.unlink()


def run_test(wasm: Path, verbose: bool):
    spec_path = wasm.with_suffix(".json")
    spec = json.loads(spec_path.read_text(encoding="utf-8")) if spec_path.exists() else {}
    args = spec.get("args", [])
    env = spec.get("env", {})
    cwd = wasm.parent
    if "root" in spec:
        preopened = [cwd / spec["root"]]
        dirs = str(preopened[0])
    else:
        preopened = [cwd / d for d in spec.get("dirs", [])]
        dirs = list(spec.get("dirs", []))
    argv = adapter.build_argv(str(wasm.resolve()), args, env, dirs)
    cleanup(preopened)
    try:
        result = subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True,
                                timeout=TIMEOUT_SECONDS, check=False)
        problems = []
        want_exit = spec.get("exit_code", 0)
        if result.returncode != want_exit:
            problems.append(f"exit code {result.returncode}, want {want_exit}")
        for stream in ("stdout", "stderr"):
            if stream in spec:
                got = getattr(result, stream).decode("utf-8", "replace")
                if got != spec[stream]:
                    problems.append(f"{stream} {got!r}, want {spec[stream]!r}")
        if verbose or problems:
            out = result.stdout.decode("utf-8", "replace")
            err = result.stderr.decode("utf-8", "replace")
            problems.append(f"argv: {argv}\n--- stdout ---\n{out}--- stderr ---\n{err}")
    except subprocess.TimeoutExpired:
        problems = [f"timed out after {TIMEOUT_SECONDS} s; argv: {argv}"]
    finally:
        cleanup(preopened)
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="+")
    parser.add_argument("--filter", default="")
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()

    passed = failed = 0
    for d in options.dirs:
        for wasm in sorted(Path(d).glob("*.wasm")):
            if options.filter not in wasm.name:
                continue
            problems = run_test(wasm, options.verbose)
            ok = not [p for p in problems if not p.startswith("argv:")]
            print(f"{'PASS' if ok else 'FAIL'} {wasm}")
            for p in problems:
                print("    " + p.replace("\n", "\n    "))
            passed += ok
            failed += not ok
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
