"""The build's progress line on stderr."""

from __future__ import annotations

import time
from typing import Any


class Reporter:
    """A progress line on stderr (redrawn in place on a terminal)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.done = 0
        self.started = time.monotonic()
        self.last = 0.0
        self.tty = bool(stream is not None and stream.isatty())
        self.stage = ""

    def step(self, stage: str, *, force: bool = True) -> None:
        self.stage = stage
        self._show(force=force)

    def rows(self, n: int) -> None:
        self.done += n
        self._show()

    def _show(self, force: bool = False) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        if not force and now - self.last < (0.2 if self.tty else 10.0):
            return
        self.last = now
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        text = (
            f"building: {self.stage:<28} {self.done:>11,} rows  {elapsed:6.1f} s  "
            f"{rate:>9,.0f} rows/s"
        )
        self.stream.write(("\r\x1b[2K" + text) if self.tty else (text + "\n"))
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not None and self.tty:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
