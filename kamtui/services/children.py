"""What kamtui's child processes (health, export) share: the interpreter and
the source tree they run, so a child runs the very code of its parent even
when another kamtui is installed."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import kamtui

# The source tree this process runs from, first on the child's path.
SOURCE = str(Path(kamtui.__file__).resolve().parent.parent)


def child_env() -> dict[str, str]:
    """This process's environment with SOURCE first on PYTHONPATH, and
    without the working folder before it (`python -m` puts it first: run
    from another kamtui checkout, the child ran that one's code)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [SOURCE, env.get("PYTHONPATH")]))
    env["PYTHONSAFEPATH"] = "1"
    return env


def spawn(args: list[str]) -> subprocess.Popen[bytes]:
    """A child process speaking through pipes only: nothing it prints
    reaches the terminal the app draws on. OSError or ValueError when it
    cannot start."""
    return subprocess.Popen(
        args,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(),
        close_fds=True,
    )
