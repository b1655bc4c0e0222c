#!/usr/bin/env python3
"""ReactorHost adapter for older WASI testsuite runners, which execute the adapter as a script:

  legacy_adapter.py --version
  legacy_adapter.py --test-file MODULE.wasm [--arg A]... [--env K=V]... [--dir DIR]...

--dir DIR is handed to `reactorhost run --dir DIR` unchanged: a plain DIR is preopened under the
same (possibly relative) name, as `wasmtime --dir DIR` does; HOST::GUEST is also accepted. The
adapter exits with the guest's exit code. See adapter.py for how the command is located.
"""

import argparse
import signal
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import adapter  # noqa: E402  (the module adapter next to this file)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--version", action="store_true")
    parser.add_argument("--test-file")
    parser.add_argument("--arg", action="append", default=[])
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("--dir", action="append", default=[])
    options = parser.parse_args()

    if options.version:
        print(f"{adapter.get_name()} {adapter.get_version()}")
        return 0
    if not options.test_file:
        parser.error("--test-file is required")

    env = dict(item.split("=", 1) for item in options.env)
    argv = adapter.build_argv(options.test_file, options.arg, env, options.dir)
    child = subprocess.Popen(argv)

    # The runner sends SIGTERM on a timeout: stop the guest too.
    def stop(signum, frame):  # pylint: disable=unused-argument
        child.terminate()

    signal.signal(signal.SIGTERM, stop)
    return child.wait()


if __name__ == "__main__":
    sys.exit(main())
