"""A large export written by child processes, one per core (at most
MAX_WORKERS), each writing its pieces (export_plan: whole files, or for CSV
parts of a file joined after in order): one process pays Python's cost per
row (about 3x SQLite's own dump on the large demo), which threads cannot
share, so processes share the rows (`python -m kamtui.services.export_worker`).

The files must still agree with each other as if read in one transaction.
Every child opens its read transaction and says `ready`; the parent has read
`PRAGMA data_version` on a connection of its own before starting them and
reads it again once all are ready. Unchanged, no commit (from the app, the
shell or anything else: that connection writes nothing) happened between,
so every child holds the same state; changed, the children are stopped and
started again (ATTEMPTS times), then the caller exports in its own process.

`run` returns None whenever the children cannot do the work (too small to be
worth starting them, one core, no second connection, a child that cannot
start or works on another schema): the caller then writes everything
itself, as it does for one account's export. A child that fails writing
(a full disk) raises ServiceError with its message."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from kamtui.exporters import files
from kamtui.exporters.spec import BY_KIND
from kamtui.services.children import spawn
from kamtui.services.errors import ServiceError
from kamtui.services.export_plan import Piece, plan
from kamtui.storage import export as sql
from kamtui.storage.db import Store

Progress = Callable[[int, int], None]

EXECUTABLE = sys.executable  # the children's interpreter (tests point it elsewhere)
MODULE = "kamtui.services.export_worker"
# Below this many rows a child's start (a few tenths of a second) is not worth it.
PARALLEL_ROWS = 200_000
MAX_WORKERS = 4
ATTEMPTS = 3
# How long children may take to open the file and say ready.
READY_TIMEOUT = 60.0


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run(
    store: Store,
    folder: Path,
    kinds: Sequence[str],
    *,
    fmt: str,
    excel: bool,
    progress: Progress | None = None,
    force: bool = False,
) -> dict[str, int] | None:
    """Write the files of `kinds` (the whole portfolio) with children; the
    rows written per kind, or None when the caller must do it itself.
    `force`: use children (at least two) whatever the size and cores."""
    sizes = sql.sizes(store)
    rows = sum(sizes.get(k, 0) for k in kinds)
    workers = min(cores(), MAX_WORKERS)
    if force:
        workers = max(workers, 2)
    elif workers < 2 or rows < PARALLEL_ROWS:
        return None
    # Only CSV files are cut in parts (see export_plan).
    spans = (
        {k: sql.id_span(store, k) for k in kinds if k in sql.SPLITTABLE} if fmt == "csv" else None
    )
    groups = plan(sizes, kinds, workers, spans)
    with store.companion() as watch:
        if watch is store:
            return None
        for _attempt in range(ATTEMPTS):
            outcome = _Attempt(watch, store.path, folder, groups, fmt, excel).run(progress, rows)
            if outcome is not None:
                return _joined(folder, groups, outcome)
    return None


def _joined(folder: Path, groups: list[list[Piece]], written: dict[str, int]) -> dict[str, int]:
    """The files written in parts joined; the rows written per kind."""
    counts: dict[str, int] = {}
    parts: dict[str, int] = {}
    for piece in (p for group in groups for p in group):
        counts[piece.kind] = counts.get(piece.kind, 0) + written[piece.text()]
        if piece.part is not None:
            parts[piece.kind] = parts.get(piece.kind, 0) + 1
    try:
        for kind, n in parts.items():
            files.join_parts(folder, BY_KIND[kind], n)
    except OSError as exc:
        _remove_partial(folder)
        raise ServiceError(f"the export failed: {exc.filename or folder}: {exc.strerror}") from None
    return counts


class _Attempt:
    """One try: start the children, check they hold one state, let them write."""

    def __init__(
        self,
        watch: Store,
        db: Path,
        folder: Path,
        groups: list[list[Piece]],
        fmt: str,
        excel: bool,
    ) -> None:
        self.watch = watch
        self.db = db
        self.folder = folder
        self.groups = groups
        self.fmt = fmt
        self.excel = excel
        self.procs: list[subprocess.Popen[bytes]] = []
        self.lines: queue.Queue[tuple[int, str | None]] = queue.Queue()
        self.errors: dict[int, bytes] = {}
        self.readers: list[threading.Thread] = []

    def run(self, progress: Progress | None, total: int) -> dict[str, int] | None:
        before = self.watch.outside_version()
        try:
            if before is None or not self._start():
                return None
            ready = self._wait_ready()
            if not ready or self.watch.outside_version() != before:
                self._send("stop")
                self._finish()
                return None
            self._send("go")
            counts = self._follow(progress, max(total, 1))
            codes = self._finish()
        except BaseException:
            self._kill()
            raise
        if counts is None or any(codes):
            self._failed(codes)
            return None
        return counts

    def _start(self) -> bool:
        for group in self.groups:
            args = [EXECUTABLE, "-m", MODULE, str(self.db), str(self.folder)]
            args += ["--kinds", ",".join(p.text() for p in group), "--format", self.fmt]
            if self.excel:
                args.append("--excel")
            try:
                proc = spawn(args)
            except (OSError, ValueError):
                self._kill()
                return False
            index = len(self.procs)
            self.procs.append(proc)
            threading.Thread(target=self._read, args=(index, proc.stdout), daemon=True).start()
            reader = threading.Thread(target=self._read_errors, args=(index, proc), daemon=True)
            reader.start()
            self.readers.append(reader)
        return True

    def _read(self, index: int, stream: IO[bytes] | None) -> None:
        assert stream is not None
        for raw in stream:
            self.lines.put((index, raw.decode(errors="replace").strip()))
        self.lines.put((index, None))

    def _read_errors(self, index: int, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stderr is not None
        self.errors[index] = proc.stderr.read()

    def _wait_ready(self) -> bool:
        waiting = set(range(len(self.procs)))
        while waiting:
            try:
                index, line = self.lines.get(timeout=READY_TIMEOUT)
            except queue.Empty:
                return False
            if line != "ready":  # ended, or said something else
                return False
            waiting.discard(index)
        return True

    def _send(self, word: str) -> None:
        for proc in self.procs:
            assert proc.stdin is not None
            with contextlib.suppress(OSError):
                proc.stdin.write(word.encode() + b"\n")
                proc.stdin.close()

    def _follow(self, progress: Progress | None, total: int) -> dict[str, int] | None:
        counts: dict[str, int] = {}
        running, done, said_done = len(self.procs), 0, 0
        while running:
            _index, line = self.lines.get()
            if line is None:
                running -= 1
            elif line.startswith("rows "):
                done += int(line[5:])
                if progress is not None:
                    progress(min(done, total - 1), total)
            elif line.startswith("done "):
                counts.update(json.loads(line[5:]))
                said_done += 1
        return counts if said_done == len(self.procs) else None

    def _finish(self) -> list[int]:
        codes = [proc.wait() for proc in self.procs]
        for reader in self.readers:
            reader.join()
        return codes

    def _kill(self) -> None:
        for proc in self.procs:
            with contextlib.suppress(OSError):
                proc.kill()
        for proc in self.procs:
            with contextlib.suppress(OSError):
                proc.wait()
        _remove_partial(self.folder)

    def _failed(self, codes: list[int]) -> None:
        """A child failed: the others are ended, no half-written file stays;
        raises ServiceError unless it only could not work here (exit 2)."""
        self._kill()
        for index, code in enumerate(codes):
            if code not in (0, 2):
                text = self.errors.get(index, b"").decode(errors="replace").strip()
                last = text.splitlines()[-1] if text else f"it ended with {code}"
                raise ServiceError(f"the export failed: {last}")


def _remove_partial(folder: Path) -> None:
    """The files a killed child was writing and the parts of files not
    joined (exporters/files.py writes each under a hidden name first)."""
    for pattern in (".*.tmp", ".*.part*"):
        for path in folder.glob(pattern):
            with contextlib.suppress(OSError):
                path.unlink()
