"""6. Peak memory (max RSS) of the app on the large database: `kamtui --db
FILE` run headless until the portfolio is painted, its health computed and
one account opened with all its tabs' data loaded; against a bare Textual
app with an empty DataTable. The app computes a whole portfolio's health in
a child process: kamtui's figure is the app's peak plus the child's (as if
both peaked at once). Every run starts with no valid stored health (as on
a new day), so that the child computes it: a copy whose health an earlier
run or benchmark stored would otherwise measure the app alone."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from _common import PYTHON, Scratch, env, large_today, median, parser, report, require_db

PROBE = str(Path(__file__).with_name("_app_probe.py"))


def peak_kb(cmd: list[str], environ: dict[str, str]) -> int:
    return sum(peaks_kb(cmd, environ))


def peaks_kb(cmd: list[str], environ: dict[str, str]) -> tuple[int, int]:
    """The peak of the process and of its largest child."""
    proc = subprocess.run(cmd, env=environ, capture_output=True, text=True, timeout=600)
    for line in proc.stdout.splitlines():
        if line.startswith("loaded "):
            found = [int(x) for x in line.split()[1:3]]
            return found[0], found[1] if len(found) > 1 else 0
    raise RuntimeError(f"{cmd}: no figure ({proc.returncode}): {proc.stderr[-2000:]}")


def forget_stored_health(path: Path) -> None:
    """Drop what today's stored health was computed for (the meta row of
    `storage/health_cache.py`): the next start computes the whole portfolio."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute("DELETE FROM meta WHERE key = 'health_cache'")
    finally:
        conn.close()


def cold_peaks_kb(db: Path, environ: dict[str, str]) -> tuple[int, int]:
    forget_stored_health(db)
    return peaks_kb([PYTHON, PROBE, "kamtui", str(db), "--until", "loaded"], environ)


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    db = require_db(args.db)
    runs = args.runs or 3
    with Scratch(db, args.work) as scratch:
        environ = env(large_today(db))
        both = [cold_peaks_kb(scratch.path, environ) for _ in range(runs)]
        kam = [a + c for a, c in both]
        bare = [peak_kb([PYTHON, PROBE, "bare", "--until", "loaded"], environ) for _ in range(runs)]
    k, f = median(kam) / 1024, median(bare) / 1024
    print(
        "  kamtui runs (app + child): "
        + ", ".join(f"{a / 1024:.0f} + {c / 1024:.0f}" for a, c in both)
        + " MB",
        file=sys.stderr,
    )
    report(
        "6 peak memory",
        kamtui=k,
        floor=f,
        unit="MB",
        target="<= 300 MB",
        ok=k <= 300,
    )


if __name__ == "__main__":
    main()
