"""A one-line progress report for long CLI jobs, on stderr.

On a terminal the line is redrawn in place at most ten times a second and
erased when the job ends. When stderr is a file or a pipe, a plain line is
written at most every `quiet_every` seconds (and nothing at all for jobs that
finish before the first one is due), so logs stay short."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO


class ProgressLine:
    def __init__(
        self,
        label: str,
        *,
        stream: TextIO | None = None,
        unit: str = "rows",
        tty: bool | None = None,
        quiet_every: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.unit = unit
        self.tty = self.stream.isatty() if tty is None else tty
        self.interval = 0.1 if self.tty else quiet_every
        self.clock = clock
        self.started = clock()
        self.last = self.started
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        finished = total > 0 and done >= total
        if finished:
            self.close()
            return
        if now - self.last < self.interval:
            return
        self.last = now
        pct = f"{min(done / total, 1):4.0%} " if total > 0 else ""
        text = f"{self.label}: {pct}({done:,} of ~{total:,} {self.unit})"
        if self.tty:
            self.stream.write("\r\x1b[2K" + text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown and self.tty:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
        self.shown = False

    def __enter__(self) -> ProgressLine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
