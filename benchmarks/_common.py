"""Shared plumbing of the benchmark scripts: where the large database is, a
scratch copy of it (benchmarks never write to the file you built), timing
helpers and the one-line result format that run_all.py collects."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# The kamtui source tree under test (KAMTUI_BENCH_SRC: another checkout, to
# measure an older version against the same database).
ROOT = Path(os.environ.get("KAMTUI_BENCH_SRC") or Path(__file__).resolve().parent.parent)
PYTHON = sys.executable
RESULT_PREFIX = "BENCH-RESULT "


def default_db() -> Path:
    env = os.environ.get("KAMTUI_BENCH_DB")
    if env:
        return Path(env).expanduser()
    sys.path.insert(0, str(ROOT))
    from kamtui.demo.large import default_path

    return default_path(None)


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument(
        "--db",
        type=Path,
        default=None,
        help="the large database (default: $KAMTUI_BENCH_DB, else the file "
        "`kamtui demo --size large --no-open` builds)",
    )
    p.add_argument(
        "--work",
        type=Path,
        default=None,
        help="use this scratch copy as is (run_all passes one copy to every script)",
    )
    p.add_argument("--runs", type=int, default=None, help="repetitions (each script has a default)")
    return p


def large_today(db: Path) -> str:
    """The day the large portfolio was built for (its dates end there)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'large_demo'").fetchone()
    finally:
        conn.close()
    if row:
        return json.loads(row[0])["today"]
    return time.strftime("%Y-%m-%d")


def require_db(db: Path | None) -> Path:
    db = db or default_db()
    if not db.exists():
        sys.exit(
            f"no large database at {db}: build it with `kamtui demo --size large --no-open` "
            "(or pass --db PATH)"
        )
    return db


class Scratch:
    """A private copy of the large database, migrated once, deleted at the end."""

    def __init__(self, db: Path, work: Path | None = None) -> None:
        self.keep = work is not None
        if work is not None:
            self.path = work
            self.dir = None
        else:
            self.dir = Path(tempfile.mkdtemp(prefix="kamtui-bench-"))
            self.path = self.dir / "bench.db"
            copy_db(db, self.path)
            migrate(self.path)

    def close(self) -> None:
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> Scratch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def copy_db(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
    os.chmod(dst, 0o600)


def migrate(path: Path) -> None:
    """Open once with kamtui so any pending migration (and its backup copy)
    happens before anything is timed."""
    sys.path.insert(0, str(ROOT))
    from kamtui.storage.db import open_store

    open_store(path).close()
    for extra in path.parent.glob(path.name + ".v*.bak"):
        extra.unlink()


_compiled = False


def compile_sources() -> None:
    """Byte-compile the kamtui tree under test once. The floor's packages were
    compiled when pip installed them, and a user's kamtui caches its bytecode on
    its first run; with PYTHONDONTWRITEBYTECODE set (as on our CI machines)
    kamtui alone would be recompiled on every process start."""
    global _compiled
    if not _compiled:
        import compileall

        compileall.compile_dir(str(ROOT / "kamtui"), quiet=1)
        _compiled = True


def env(today: str) -> dict[str, str]:
    compile_sources()
    e = dict(os.environ)
    e["KAMTUI_TODAY"] = today
    # The floor draws at the frame rate kamtui asks Textual for (kamtui/ui/perf.py).
    e.setdefault("TEXTUAL_FPS", "120")
    e.setdefault("KAMTUI_CONFIG", str(Path(tempfile.gettempdir()) / "kamtui-bench-none.toml"))
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    return e


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(0.95 * (len(ordered) - 1))))
    return ordered[k]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def run_command(cmd: list[str], environ: dict[str, str], *, stdin: str | None = None) -> float:
    t = time.perf_counter()
    proc = subprocess.run(
        cmd, env=environ, input=stdin, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()}")
    return elapsed


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def report(
    name: str,
    *,
    kamtui: float | None,
    floor: float | None = None,
    target: str = "",
    ok: bool | None = None,
    unit: str = "s",
    extra: dict[str, Any] | None = None,
    skipped: str | None = None,
) -> None:
    """Print the figure for people and one JSON line for run_all.py."""
    ratio = kamtui / floor if kamtui is not None and floor else None
    data = {
        "name": name,
        "kamtui": kamtui,
        "floor": floor,
        "ratio": ratio,
        "unit": unit,
        "target": target,
        "ok": ok,
        "skipped": skipped,
        **(extra or {}),
    }
    if skipped:
        print(f"{name}: skipped — {skipped}")
    else:
        fmt = ms if unit == "s" else (lambda v: f"{v:,.0f} {unit}")
        line = f"{name}: kamtui {fmt(kamtui)}"  # type: ignore[arg-type]
        if floor is not None:
            line += f", floor {fmt(floor)}, ratio {ratio:.2f}"
        if target:
            line += f" (target {target}: {'met' if ok else 'NOT met'})"
        print(line)
    print(RESULT_PREFIX + json.dumps(data), flush=True)
