"""1. Start-up to the first painted portfolio on the large database, against a
bare Textual app showing an empty DataTable. Both are timed from spawning the
process to the first refresh after the data is on screen (headless, 120x40)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from _common import PYTHON, Scratch, env, large_today, median, parser, report, require_db

PROBE = str(Path(__file__).with_name("_app_probe.py"))


def time_to_painted(cmd: list[str], environ: dict[str, str]) -> float:
    t = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - t
    proc.wait(timeout=120)
    if line.strip() != "painted":
        raise RuntimeError(
            f"{cmd} did not paint: {line!r} {proc.stderr.read() if proc.stderr else ''}"
        )
    return elapsed


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    db = require_db(args.db)
    runs = args.runs or 7
    with Scratch(db, args.work) as scratch:
        environ = env(large_today(db))
        kam_cmd = [PYTHON, PROBE, "kamtui", str(scratch.path)]
        bare_cmd = [PYTHON, PROBE, "bare"]
        time_to_painted(kam_cmd, environ)  # warm the page cache and .pyc files
        time_to_painted(bare_cmd, environ)
        kam, floor = [], []
        for _ in range(runs):
            kam.append(time_to_painted(kam_cmd, environ))
            floor.append(time_to_painted(bare_cmd, environ))
    k, f = median(kam), median(floor)
    print(f"  kamtui runs: {', '.join(f'{x * 1000:.0f}' for x in kam)} ms", file=sys.stderr)
    print(f"  bare runs:   {', '.join(f'{x * 1000:.0f}' for x in floor)} ms", file=sys.stderr)
    report(
        "1 start-up to painted portfolio",
        kamtui=k,
        floor=f,
        target="ratio <= 1.5 and < 1 s",
        ok=k / f <= 1.5 and k < 1.0,
    )


if __name__ == "__main__":
    main()
