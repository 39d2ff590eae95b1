"""Build the large portfolio into a new file: the sections' rows through the bulk
loader, then indexes, the full-text index and (optionally) health history.

The rows are built by the section modules; the SQL that writes them is in
kamtui.storage.bulk."""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kamtui.demo.large.columns import TABLES
from kamtui.demo.large.generator import Generator
from kamtui.demo.large.progress import Reporter
from kamtui.demo.large.size import LARGE, META_KEY, LargeDemoError, Size
from kamtui.storage import audit, bulk
from kamtui.storage.db import open_store


@dataclass
class BuildResult:
    path: Path
    counts: dict[str, int]
    seconds: float  # the whole build
    rows: int  # rows written by the bulk load
    load_seconds: float  # the bulk load, its indexes included
    phases: dict[str, float] = field(default_factory=dict)  # later phases, seconds

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.load_seconds if self.load_seconds else 0.0

    def __str__(self) -> str:
        main = ", ".join(f"{v:,} {k}" for k, v in self.counts.items())
        later = "".join(f", {k} {v:.1f} s" for k, v in self.phases.items())
        return (
            f"large portfolio built: {main}. Bulk load: {self.rows:,} rows in "
            f"{self.load_seconds:.1f} s ({self.rows_per_second:,.0f} rows/s) with indexes"
            f"{later}; {self.seconds:.1f} s in all"
        )


def build(
    path: Path | str,
    *,
    today: date,
    seed: int = 1,
    size: Size = LARGE,
    progress: Any = sys.stderr,
    history_weeks: int = 0,
) -> BuildResult:
    """Build the portfolio into a new file at `path` (which must not exist).

    The file is written next to `path` under a temporary name and renamed
    when complete, so an interrupted build never leaves a half-filled
    database behind."""
    path = Path(path).expanduser()
    if path.exists():
        raise LargeDemoError(f"{path} already exists; the large demo is built into a new file")
    part = path.with_name(path.name + ".part")
    for leftover in (part, Path(str(part) + "-wal"), Path(str(part) + "-shm")):
        if leftover.exists():
            leftover.unlink()
    started = time.monotonic()
    store = open_store(part)
    try:
        rep = Reporter(progress)
        conn = store.conn
        deferred = bulk.begin_build(conn)
        conn.execute("BEGIN")
        gen = Generator(today=today, seed=seed, size=size)
        gen.write(conn, rep)
        rep.step("indexes")
        bulk.end_build(conn, deferred, step=lambda s: rep.step(s, force=False))
        # One audit entry for the whole load: its triggers were set aside.
        audit.record_bulk_load(
            conn,
            "demo",
            "large demo portfolio",
            {t: int(n) for t, n in bulk.table_counts(conn, ("accounts", "people")).items()},
            at=f"{today.isoformat()}T00:00:00",
        )
        conn.execute("COMMIT")
        load_seconds = time.monotonic() - started
        loaded_rows = rep.done
        phases: dict[str, float] = {}
        mark = time.monotonic()
        rep.step("full-text index")
        from kamtui.storage import search as search_sql

        search_sql.rebuild(store)
        bulk.optimize_search(conn)
        phases["full-text index"] = time.monotonic() - mark
        if history_weeks:
            mark = time.monotonic()
            rep.step(f"health history ({history_weeks} weeks)")
            from kamtui.services import health

            health.backfill(store, today=today, weeks=history_weeks)
            phases[f"{history_weeks} weeks of health snapshots"] = time.monotonic() - mark
        counts = bulk.table_counts(conn, TABLES)
        bulk.set_meta(
            conn,
            META_KEY,
            json.dumps(
                {"seed": seed, "today": today.isoformat(), "size": size.__dict__},
                sort_keys=True,
            ),
        )
        bulk.finish(conn)
        rep.close()
    except BaseException:
        store.close()
        for leftover in (part, Path(str(part) + "-wal"), Path(str(part) + "-shm")):
            if leftover.exists():
                leftover.unlink()
        raise
    store.close()
    os.replace(part, path)
    seconds = time.monotonic() - started
    shown = {
        k: counts[k]
        for k in ("accounts", "people", "interactions", "transactions", "links", "complaints")
    }
    shown.update(
        {
            "participants": counts["interaction_participants"],
            "next steps": counts["next_steps"],
            "facts": counts["facts"],
            "wallet estimates": counts["wallet_estimates"],
            "goals": counts["goals"],
            "indexed for search": counts["search_index"],
        }
    )
    return BuildResult(
        path=path,
        counts=shown,
        seconds=seconds,
        rows=loaded_rows,
        load_seconds=load_seconds,
        phases=phases,
    )


def default_path(cli_value: str | None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    from kamtui.paths import data_dir

    return data_dir() / "demo-large.db"


def describe(path: Path) -> dict[str, Any] | None:
    """The build parameters stored in a large demo file, or None."""
    value = bulk.read_meta(path, META_KEY)
    return json.loads(value) if value else None
