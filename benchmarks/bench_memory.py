"""6. Peak memory (max RSS) of the app on the large database: `kamtui --db
FILE` run headless until the portfolio is painted, its health computed and
one account opened with all its tabs' data loaded; against a bare Textual
app with an empty DataTable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from _common import PYTHON, Scratch, env, large_today, median, parser, report, require_db

PROBE = str(Path(__file__).with_name("_app_probe.py"))


def peak_kb(cmd: list[str], environ: dict[str, str]) -> int:
    proc = subprocess.run(cmd, env=environ, capture_output=True, text=True, timeout=600)
    for line in proc.stdout.splitlines():
        if line.startswith("loaded "):
            return int(line.split()[1])
    raise RuntimeError(f"{cmd}: no figure ({proc.returncode}): {proc.stderr[-2000:]}")


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    db = require_db(args.db)
    runs = args.runs or 3
    with Scratch(db, args.work) as scratch:
        environ = env(large_today(db))
        kam = [
            peak_kb([PYTHON, PROBE, "kamtui", str(scratch.path), "--until", "loaded"], environ)
            for _ in range(runs)
        ]
        bare = [peak_kb([PYTHON, PROBE, "bare", "--until", "loaded"], environ) for _ in range(runs)]
    k, f = median(kam) / 1024, median(bare) / 1024
    print(f"  kamtui runs: {', '.join(f'{x / 1024:.0f}' for x in kam)} MB", file=sys.stderr)
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
