"""The child process of `services/health_child.py`: every account's health
computed and stored for the app, out of the app's process.

    python -m kamtui.services.health_worker DB --today ISO --fingerprint FP
        [--busy-limit S] [--user NAME] [--no-gc-pause]  < settings (JSON)

Prints `{"pid", "accounts", "cpu"}` (JSON) once stored; exit 2 when its
input does not match what the app asked for (other settings, a file of
another schema), 1 on any other failure: the app then computes in its own
process. Internal: not a command of the CLI."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from datetime import date
from pathlib import Path

# Below the app (and the user's other work): the app waits for the result,
# the person at the keyboard does not.
NICE = 10


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kamtui-health-worker", add_help=False)
    parser.add_argument("db", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, required=True)
    parser.add_argument("--fingerprint", required=True)
    parser.add_argument("--busy-limit", type=float, default=None)
    parser.add_argument("--user", default=None)
    parser.add_argument("--no-gc-pause", action="store_true")
    args = parser.parse_args(argv)
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):  # not allowed here: at the usual priority
            os.nice(NICE)

    from kamtui import gcpause
    from kamtui.config import Config
    from kamtui.services import health_refresh
    from kamtui.storage.db import open_as_is
    from kamtui.storage.errors import StorageError

    gcpause.set_enabled(not args.no_gc_pause)
    try:
        config = Config.model_validate_json(sys.stdin.buffer.read())
    except ValueError as exc:
        print(f"unreadable settings: {exc}", file=sys.stderr)
        return 2
    if health_refresh.fingerprint(config) != args.fingerprint:
        print("the settings received are not the app's", file=sys.stderr)
        return 2
    try:
        store = open_as_is(args.db)
    except StorageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        if args.busy_limit is not None:
            store.busy_limit = args.busy_limit
        store.user = args.user
        with gcpause.paused():
            counters = health_refresh.compute_whole(
                store, store, args.today, config, args.fingerprint
            )
    finally:
        store.close()
    found = {"pid": os.getpid(), "accounts": sorted(counters), "cpu": time.process_time()}
    sys.stdout.write(json.dumps(found))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
