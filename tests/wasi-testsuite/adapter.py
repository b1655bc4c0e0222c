"""ReactorHost runtime adapter for the WASI testsuite's test runner (WebAssembly/wasi-testsuite).

The current runner imports an adapter as a Python module and calls get_name(), get_version(),
get_wasi_versions(), get_wasi_worlds() and compute_argv(...); it runs the returned argv itself.
compute_argv's parameters changed over the runner's history, so this one accepts every shape
seen so far:

  compute_argv(test_path, (args, env, dirs), proposals, wasi_version)
      dirs: [(host_path, guest_path), ...]
  compute_argv(test_path, (args, env, root), proposals, wasi_world, wasi_version)
      root: the test's fixture directory (or None), preopened as "/"
  compute_argv(test_path, config, wasi_version)
      config.operations holds a Run(args, env, dirs) operation

Older runners instead execute an adapter script with --version / --test-file / --arg / --env /
--dir: use legacy_adapter.py for those (a module adapter must print nothing when run directly,
which is how the current runner tells the two kinds apart).

The ReactorHost command comes from $REACTORHOST (split like a shell command line), else
`reactorhost` on PATH, else the repository's ./reactorhost launcher (which publishes the CLI
into artifacts/reactorhost when it is out of date).
"""

import os
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Sequence

_REPO = Path(__file__).resolve().parents[2]


def _command() -> List[str]:
    configured = os.getenv("REACTORHOST")
    if configured:
        return shlex.split(configured)
    on_path = shutil.which("reactorhost")
    if on_path:
        return [on_path]
    # The repository's launcher: publishes the fast-starting CLI when out of date, then runs it.
    launcher = _REPO / "reactorhost"
    if launcher.is_file():
        return [str(launcher)]
    return ["reactorhost"]


def get_name() -> str:
    return "reactorhost"


def get_version() -> str:
    result = subprocess.run(_command() + ["--version"], encoding="UTF-8", capture_output=True, check=True)
    words = result.stdout.split()
    # "1.0.0+<commit>": the runner wants a plain version
    return words[-1].split("+")[0] if words else "0.0.0"


def get_wasi_versions() -> List[str]:
    return ["wasm32-wasip1"]


def get_wasi_worlds() -> List[str]:
    return ["wasi:cli/command"]


def _dir_options(dirs: Any) -> List[str]:
    """--dir options for a list of (host, guest) pairs, or for a single root preopened as "/"."""
    if dirs is None or dirs == "":
        return []
    if isinstance(dirs, (str, os.PathLike)):
        return ["--dir", f"{dirs}::/"]
    options: List[str] = []
    for entry in dirs:
        if isinstance(entry, (str, os.PathLike)):
            options += ["--dir", str(entry)]
        else:
            host, guest = entry
            options += ["--dir", f"{host}::{guest}"]
    return options


def build_argv(test_path: str, args: Sequence[str], env: Dict[str, str], dirs: Any) -> List[str]:
    """reactorhost run [--env K=V]... [--dir HOST::GUEST]... MODULE [ARGS]..."""
    argv = _command() + ["run"]
    for key, value in env.items():
        argv += ["--env", f"{key}={value}"]
    argv += _dir_options(dirs)
    argv.append(str(test_path))
    argv += [str(a) for a in args]
    return argv


def compute_argv(test_path: str, *rest: Any) -> List[str]:
    first = rest[0] if rest else None
    if isinstance(first, tuple) and len(first) == 3:
        args, env, dirs = first
        return build_argv(test_path, args, env, dirs)
    operations = getattr(first, "operations", None)
    if operations is not None:
        for op in operations:
            if type(op).__name__ == "Run":
                args, env, dirs = op[0], op[1], op[2]
                return build_argv(test_path, args, env, dirs)
    raise TypeError(f"unrecognised compute_argv arguments: {rest!r}")


if __name__ == "__main__":
    # The runner runs module adapters once with --version and expects no output (output means
    # a legacy adapter). Nothing to do here.
    pass
