"""A child process of `services/export_parallel.py`: some kinds of a whole
export written into the folder, read in one read transaction.

    python -m kamtui.services.export_worker DB FOLDER --kinds PIECE,PIECE
        [--format csv|json] [--excel]

(a piece: a kind, or a part of its CSV file: kind/part/low id/high id)

Speaks by lines. On standard output: `ready` once its read transaction
holds the file's state, then (after the parent answers `go` on standard
input; anything else ends it) `rows N` after each chunk written and
`done {"piece": rows, …}` at the end. Exit 2 when it cannot work on this
file (another schema, not a file): the parent then exports by itself; 1 with
a message on standard error for any other failure. Internal: not a command
of the CLI."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kamtui-export-worker", add_help=False)
    parser.add_argument("db", type=Path)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--kinds", required=True)
    parser.add_argument("--format", default="csv")
    parser.add_argument("--excel", action="store_true")
    args = parser.parse_args(argv)

    from kamtui.services.errors import ServiceError
    from kamtui.services.export import write_kinds
    from kamtui.services.export_plan import Piece
    from kamtui.storage import export as sql
    from kamtui.storage.db import open_as_is
    from kamtui.storage.errors import StorageError

    try:
        pieces = [Piece.parse(k) for k in args.kinds.split(",") if k]
    except ValueError as exc:
        print(f"nothing to do here: {exc}", file=sys.stderr)
        return 2
    if not args.folder.is_dir():
        print(f"nothing to do here: {args.folder} is not a folder", file=sys.stderr)
        return 2
    try:
        store = open_as_is(args.db, readonly=True)
    except StorageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        with sql.snapshot(store):
            _say("ready")
            if sys.stdin.readline().strip() != "go":
                return 0
            counts = write_kinds(
                store,
                args.folder,
                pieces,
                fmt=args.format,
                excel=args.excel,
                rows_done=lambda n: _say(f"rows {n}"),
            )
        _say("done " + json.dumps(counts))
        return 0
    except (ServiceError, StorageError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        # The parent gone (a broken pipe) or the folder unwritable (disk full)
        print(f"{exc.filename or args.folder}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        store.close()


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    raise SystemExit(main())
