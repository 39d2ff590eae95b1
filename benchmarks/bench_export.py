"""12. Export the whole large portfolio (`kamtui export DIR`, CSV: one file
per kind, references by name, formula-safe cells) against the floor `sqlite3
FILE .dump` into a file (the sqlite3 command line tool, all in C; the sqlite3
module's iterdump when the tool is not installed). Then the round trip:
export + `kamtui import all` into an empty file, against .dump + executemany
of every table's rows (read beforehand, untimed) into an empty file of the
same schema. Times are wall clock on a scratch copy; CPU seconds are printed
beside them because a shared machine makes wall times noisy.

Also printed, for scale, the plainest Python pipeline (sqlite3 fetchmany ->
csv.writer, no joins, no escaping) over the two biggest tables: what any
exporter written in Python pays before doing anything of its own. And the
same export in one process: kamtui writes a large export with one child
process per core (services/export_parallel.py), so the CPU seconds are the
children's too."""

from __future__ import annotations

import csv
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, Scratch, median, parser, report, require_db

sys.path.insert(0, str(ROOT))

# The tables an export holds, parents first (foreign keys).
TABLES = (
    "accounts",
    "account_identifiers",
    "people",
    "links",
    "interactions",
    "interaction_participants",
    "next_steps",
    "complaints",
    "facts",
    "transactions",
    "wallet_estimates",
    "goals",
    "goal_actions",
)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# (table, what identifies a record to kamtui's importers, the text made unique)
_IDENTITIES = (
    ("people", "account_id, side, name_key", "name"),
    ("interactions", "account_id, occurred_at, summary", "summary"),
    ("complaints", "account_id, opened_at, title", "title"),
    ("facts", "account_id, text", "text"),
    ("goal_actions", "goal_id, text", "text"),
)


def make_records_distinct(db: Path) -> dict[str, int]:
    """Large demo files built before the generator kept every record's
    identity unique hold records kamtui's importers take for one and the
    same (people "Nuria X" and "Núria X" on one side of an account, two
    interactions of an account at the same moment with the same summary, a
    fact repeated word for word…), so `import all` refuses their export.
    The generator no longer makes such records (tests/demo/
    test_large_round_trip.py); this is for files made before. In this
    scratch copy, before anything is timed, the later of each such group
    gets " #2", " #3"… on its text; returns how many per table (all zero
    for a file built since)."""
    conn = sqlite3.connect(db)
    changed = {}
    with conn:
        for table, key, column in _IDENTITIES:
            live = "WHERE deleted_at IS NULL" if table != "goal_actions" else ""
            extra = ", name_key = name_key || ' #' || d.n" if table == "people" else ""
            changed[table] = conn.execute(
                f"UPDATE {table} SET {column} = {column} || ' #' || d.n{extra} FROM"
                f" (SELECT id, row_number() OVER (PARTITION BY {key} ORDER BY id) AS n"
                f" FROM {table} {live}) AS d WHERE {table}.id = d.id AND d.n > 1"
            ).rowcount
    conn.close()
    return changed


def floor_dump(db: Path, out: Path) -> tuple[float, float]:
    """(wall, cpu) seconds of `.dump` into `out`."""
    cli = shutil.which("sqlite3")
    t, c = time.perf_counter(), _children_cpu()
    if cli:
        with out.open("w") as fh:
            subprocess.run([cli, str(db), ".dump"], stdout=fh, check=True)
        return time.perf_counter() - t, _children_cpu() - c
    c = time.process_time()
    conn = sqlite3.connect(db)
    with out.open("w") as fh:
        for line in conn.iterdump():
            fh.write(line + "\n")
    conn.close()
    return time.perf_counter() - t, time.process_time() - c


def floor_load(db: Path, target: Path) -> float:
    """Seconds of executemany of every exported table's rows into an empty
    kamtui file (the rows read from `db` first, untimed), one transaction
    per table as rows arrive in memory, all PRAGMAs as kamtui sets them."""
    from kamtui.storage.db import open_store

    open_store(target).close()
    src = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    dst = sqlite3.connect(target, isolation_level=None)
    dst.execute("PRAGMA journal_mode = WAL")
    dst.execute("PRAGMA synchronous = NORMAL")
    dst.execute("PRAGMA foreign_keys = ON")
    total = 0.0
    for table in TABLES:
        cols = [r[1] for r in dst.execute(f"PRAGMA table_info({table})")]
        have = {r[1] for r in src.execute(f"PRAGMA table_info({table})")}
        cols = [c for c in cols if c in have]
        rows = src.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        t = time.perf_counter()
        dst.execute("BEGIN IMMEDIATE")
        dst.executemany(sql, rows)
        dst.execute("COMMIT")
        total += time.perf_counter() - t
        del rows
    src.close()
    dst.close()
    return total


def python_floor(db: Path, out: Path) -> tuple[float, float]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    t, c = time.perf_counter(), time.process_time()
    for table in ("interactions", "transactions"):
        with out.open("w", newline="") as fh:
            writer = csv.writer(fh)
            cursor = conn.execute(f"SELECT * FROM {table}")
            while batch := cursor.fetchmany(5000):
                writer.writerows(batch)
    conn.close()
    return time.perf_counter() - t, time.process_time() - c


def kamtui_export(
    db: Path, folder: Path, *, parallel: bool | None = None
) -> tuple[float, float, dict[str, int]]:
    """(wall, CPU of this process and its children, rows per kind)."""
    from kamtui.services.export import export
    from kamtui.storage.db import open_store

    store = open_store(db)
    try:
        t, c, cc = time.perf_counter(), time.process_time(), _children_cpu()
        rep = export(store, folder, parallel=parallel)
        cpu = time.process_time() - c + _children_cpu() - cc
        return time.perf_counter() - t, cpu, rep.counts
    finally:
        store.close()


def kamtui_import(folder: Path, target: Path, exported: dict[str, int]) -> float:
    """Seconds of `import all`; checks (untimed) that the new file holds as
    many live records of each kind as were exported."""
    from kamtui.services.imports.everything import import_all
    from kamtui.storage import export as sql
    from kamtui.storage.db import open_store

    store = open_store(target)
    try:
        t = time.perf_counter()
        import_all(store, folder)
        took = time.perf_counter() - t
        found = {kind: sql.count(store, kind, None) for kind in exported}
    finally:
        store.close()
    if found != exported:
        wrong = {k: (exported[k], found[k]) for k in exported if found[k] != exported[k]}
        raise SystemExit(f"the round trip lost or added records (exported, imported): {wrong}")
    return took


def main() -> None:
    cli = parser(__doc__ or "")
    cli.add_argument(
        "--export-only", action="store_true", help="time the export alone (12a), no round trip"
    )
    args = cli.parse_args()
    db = require_db(args.db)
    runs = args.runs or 1
    exports, floors, trips, floor_trips = [], [], [], []
    with (
        Scratch(db, args.work) as scratch,
        tempfile.TemporaryDirectory(prefix="kamtui-bench-export-") as tmp,
    ):
        d = Path(tmp)
        changed = make_records_distinct(scratch.path)
        print(f"  made distinct in the scratch copy: {changed}", file=sys.stderr)
        for i in range(runs):
            wall, cpu, counts = kamtui_export(scratch.path, d / f"out{i}")
            exports.append(wall)
            print(f"  export run {i + 1}: {wall:.1f} s wall, {cpu:.1f} s CPU", file=sys.stderr)
            f_wall, f_cpu = floor_dump(scratch.path, d / "dump.sql")
            floors.append(f_wall)
            print(f"  .dump run {i + 1}: {f_wall:.1f} s wall, {f_cpu:.1f} s CPU", file=sys.stderr)
            if not args.export_only:
                imported = kamtui_import(d / f"out{i}", d / f"new{i}.db", counts)
                trips.append(wall + imported)
                print(f"  import all run {i + 1}: {imported:.1f} s", file=sys.stderr)
                loaded = floor_load(scratch.path, d / f"floor{i}.db")
                floor_trips.append(f_wall + loaded)
                print(f"  executemany run {i + 1}: {loaded:.1f} s", file=sys.stderr)
            shutil.rmtree(d / f"out{i}")
            for name in (f"new{i}.db", f"floor{i}.db", "dump.sql"):
                for extra in d.glob(name + "*"):
                    extra.unlink()
        p_wall, p_cpu = python_floor(scratch.path, d / "plain.csv")
        one_wall, one_cpu, _n = kamtui_export(scratch.path, d / "one", parallel=False)
    print(
        f"  {sum(counts.values()):,} rows exported; plain Python fetchmany -> csv of "
        f"interactions + transactions alone: {p_wall:.1f} s wall, {p_cpu:.1f} s CPU",
        file=sys.stderr,
    )
    print(
        f"  the same export in one process (no children): {one_wall:.1f} s wall, "
        f"{one_cpu:.1f} s CPU",
        file=sys.stderr,
    )
    k, f = median(exports), median(floors)
    report(
        "12a export the large portfolio (CSV)",
        kamtui=k,
        floor=f,
        target="ratio <= 2",
        ok=k / f <= 2,
    )
    if args.export_only:
        return
    k, f = median(trips), median(floor_trips)
    report(
        "12b export + import all into an empty file",
        kamtui=k,
        floor=f,
        target="ratio <= 3",
        ok=k / f <= 3,
    )


if __name__ == "__main__":
    main()
