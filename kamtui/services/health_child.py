"""The app's whole-portfolio health computations (a new day, other settings,
a start with no valid stored health) in a child process: their seconds of
CPU in a thread of the app's process shared the GIL with the UI thread, and
keys took twice their idle time (benchmark 11). The child
(`python -m kamtui.services.health_worker`) opens the same file, computes
and stores every account's health in one transaction (`store.write()`, as
in the app) and prints what it stored; the app's worker waits for it (a
blocking wait: the UI thread keeps the GIL) and then reads the stored
health like any other.

The child runs the code the app runs (same interpreter, same source tree
first on its path), with the app's settings (sent on its standard input,
checked against their fingerprint) and the app's "today" (an argument: it
may be injected). It runs at a lower priority than the app. When it cannot
start, fails or is killed by someone else, `Outcome.ok` is False and the
caller computes in its own process, as without a child; a child stopped
half-way has written nothing (its one transaction is rolled back). When the
app ends, `Children.stop` terminates the children still running: the
stored health is derived data, computed again at the next start."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from kamtui import gcpause
from kamtui.services.children import spawn

if TYPE_CHECKING:
    from kamtui.config import Config
    from kamtui.storage.db import Store

# The interpreter of the children: this one (tests point it elsewhere).
EXECUTABLE = sys.executable
MODULE = "kamtui.services.health_worker"
# After `stop` asked a child to end: how long it may take before it is killed.
STOP_GRACE = 2.0


@dataclass(frozen=True)
class Outcome:
    """One child's run: `ok` when it stored every account's health (their
    ids in `accounts`); else why not, and `stopped` when `Children.stop`
    ended it."""

    ok: bool
    pid: int | None = None
    accounts: frozenset[int] = frozenset()
    cpu: float = 0.0  # the child's CPU seconds, as it reported them
    why: str = ""
    stopped: bool = False


class Children:
    """The child processes computing health for one app. `stop()` (the app
    ends) terminates those running and refuses to start others."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[bytes]] = set()
        self._stopped_pids: set[int] = set()
        self.stopped = False

    def running(self) -> list[int]:
        """The pids of the children running now."""
        with self._lock:
            return [p.pid for p in self._running]

    def compute(self, store: Store, today: date, config: Config, fp: str) -> Outcome:
        """Every account's health for `today` computed and stored by a child
        process; waits for it (seconds on a large portfolio)."""
        args = [
            EXECUTABLE,
            "-m",
            MODULE,
            str(store.path),
            "--today",
            today.isoformat(),
            "--fingerprint",
            fp,
            "--busy-limit",
            str(store.busy_limit),
        ]
        if store.user:
            args += ["--user", store.user]
        if not gcpause.is_enabled():
            args.append("--no-gc-pause")
        with self._lock:
            if self.stopped:
                return Outcome(False, why="the app is closing", stopped=True)
            try:
                proc = spawn(args)
            except (OSError, ValueError) as exc:
                return Outcome(False, why=f"the child process could not start ({exc})")
            self._running.add(proc)
        try:
            out, err = proc.communicate(config.model_dump_json().encode())
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        finally:
            with self._lock:
                self._running.discard(proc)
                stopped = proc.pid in self._stopped_pids
        if stopped:
            return Outcome(False, proc.pid, why="stopped: the app is closing", stopped=True)
        if proc.returncode != 0:
            last = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
            return Outcome(
                False, proc.pid, why=f"the child process ended with {proc.returncode}: {last[0]}"
            )
        try:
            found = json.loads(out)
            accounts = frozenset(int(a) for a in found["accounts"])
            cpu = float(found["cpu"])
        except (ValueError, KeyError, TypeError):
            return Outcome(False, proc.pid, why="the child process answered nonsense")
        return Outcome(True, proc.pid, accounts, cpu)

    def stop(self) -> None:
        """Terminate the children running (each one's write is one
        transaction: all or nothing) and start no more."""
        with self._lock:
            self.stopped = True
            procs = list(self._running)
            self._stopped_pids.update(p.pid for p in procs)
        for proc in procs:
            try:
                proc.terminate()
                proc.wait(STOP_GRACE)
            except subprocess.TimeoutExpired:
                proc.kill()
            except OSError:
                pass
