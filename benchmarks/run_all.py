"""Run every kamtui benchmark against the large database and print a summary.

    python benchmarks/run_all.py [--db PATH] [--only 1,4] [--json FILE]

Build the database first with `kamtui demo --size large --no-open` (or pass
--db). The benchmarks work on one scratch copy (deleted at the end): the file
you built is never written. Each script can also be run on its own."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from _common import PYTHON, RESULT_PREFIX, Scratch, require_db

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    ("1", "bench_startup.py"),
    ("2", "bench_health.py"),
    ("3", "bench_import.py"),
    ("4", "bench_search.py"),
    ("5", "bench_keys.py"),
    ("6", "bench_memory.py"),
    ("7", "bench_log.py"),
    ("8", "bench_restart.py"),
    ("9", "bench_shell_log.py"),
    ("10", "bench_app_save.py"),
    ("11", "bench_day_change.py"),
    ("12", "bench_export.py"),
]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    import textual

    return (
        f"{cpu}, {os.cpu_count()} cores{mem}; Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, Textual {textual.__version__}"
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--db", type=Path, default=None, help="the large database")
    p.add_argument("--only", default="", help="comma-separated benchmark numbers (default: all)")
    p.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = p.parse_args()
    db = require_db(args.db)
    only = {x.strip() for x in args.only.split(",") if x.strip()}
    print(f"machine: {machine()}")
    print(f"database: {db} ({db.stat().st_size / 1e9:.2f} GB)\n", flush=True)
    results = []
    started = time.monotonic()
    with Scratch(db) as scratch:
        for number, script in SCRIPTS:
            if only and number not in only:
                continue
            cmd = [PYTHON, str(HERE / script), "--db", str(db), "--work", str(scratch.path)]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
            for line in proc.stdout.splitlines():
                if line.startswith(RESULT_PREFIX):
                    results.append(json.loads(line[len(RESULT_PREFIX) :]))
                else:
                    print(line)
            sys.stdout.write(proc.stderr)
            if proc.returncode != 0:
                print(f"{script} failed with exit code {proc.returncode}")
            sys.stdout.flush()
    print(f"\nsummary ({time.monotonic() - started:.0f} s):")
    print(f"  {'benchmark':<46} {'kamtui':>10} {'floor':>10} {'ratio':>7}  target")
    for r in results:
        if r.get("skipped"):
            print(f"  {r['name']:<46} skipped: {r['skipped']}")
            continue
        unit = r["unit"]

        def fmt(v: float | None, unit: str = unit) -> str:
            if v is None:
                return "-"
            if unit == "s":
                return f"{v * 1000:,.0f} ms" if v < 10 else f"{v:,.1f} s"
            return f"{v:,.0f} {unit}"

        ratio = f"{r['ratio']:.2f}" if r.get("ratio") else "-"
        verdict = "met" if r.get("ok") else "NOT met"
        print(
            f"  {r['name']:<46} {fmt(r['kamtui']):>10} {fmt(r['floor']):>10} {ratio:>7}"
            f"  {r['target']} {verdict}"
        )
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "results": results}, indent=2))


if __name__ == "__main__":
    main()
