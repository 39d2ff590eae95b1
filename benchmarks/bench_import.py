"""3. Import 1,000,000 transaction rows from a CSV with kamtui's importer
(kamtui.services.imports.finance writing what kamtui.importers.transactions
parses: dialect detection, validation of every row, account matching, one
all-or-nothing upsert) against raw executemany of the
same rows already parsed into tuples. Both write into identical copies of a
database holding the large portfolio's 10,000 accounts and no transactions."""

from __future__ import annotations

import csv
import random
import sqlite3
import sys
import tempfile
from pathlib import Path

from _common import ROOT, copy_db, median, parser, report, require_db, timed

sys.path.insert(0, str(ROOT))

ROWS = 1_000_000
CATEGORIES = (
    "Rodamientos",
    "Transmisión",
    "Repuestos",
    "Neumática",
    "Mantenimiento",
    "Lubricación",
)


def make_base(db: Path, base: Path) -> list[tuple[int, str, str]]:
    from kamtui.storage.db import open_store

    store = open_store(base)
    with store.write() as conn:
        conn.execute("ATTACH DATABASE ? AS big", (f"file:{db}?mode=ro",))
        # By name: the large file may predate columns this schema added (version).
        cols = ", ".join(r[1] for r in conn.execute("PRAGMA big.table_info(accounts)"))
        conn.execute(
            f"INSERT INTO accounts ({cols}) SELECT {cols} FROM big.accounts WHERE deleted_at IS NULL"
        )
    store.conn.execute("DETACH DATABASE big")
    accounts = [
        (r[0], r[1], r[2]) for r in store.query("SELECT id, name, account_number FROM accounts")
    ]
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return accounts


def make_rows(
    accounts: list[tuple[int, str, str]],
) -> list[tuple[int, str, str, float, str, str, float | None]]:
    r = random.Random(7)
    rows = []
    for n in range(ROWS):
        acc = r.choice(accounts)
        day = f"2027-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
        margin = round(r.uniform(0.1, 0.4), 2) if r.random() < 0.6 else None
        rows.append(
            (
                acc[0],
                acc[2],
                day,
                round(r.uniform(50, 20000), 2),
                r.choice(CATEGORIES),
                f"IMP-{n:07d}",
                margin,
            )
        )
    return rows


def write_csv(path: Path, rows: list) -> None:  # type: ignore[type-arg]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["date", "account_number", "amount", "category", "document", "margin"])
        for _id, number, day, amount, cat, doc, margin in rows:
            w.writerow([day, number, f"{amount:.2f}", cat, doc, "" if margin is None else margin])


def floor(path: Path, tuples: list) -> float:  # type: ignore[type-arg]
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    # The floor keeps no audit trail: the plainest insert, as before kamtui had one.
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'transactions'"
        " AND name LIKE 'audit%'"
    ).fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')

    def load() -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO transactions (account_id, date, amount, category, document, margin)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            tuples,
        )
        conn.execute("COMMIT")

    elapsed, _ = timed(load)
    conn.close()
    return elapsed


def kamtui_import(path: Path, csv_path: Path) -> float:
    from kamtui.services.imports.finance import import_transactions
    from kamtui.storage.db import open_store

    store = open_store(path)
    try:
        elapsed, rep = timed(lambda: import_transactions(store, csv_path))
        assert rep.created == ROWS, rep
    finally:
        store.close()
    return elapsed


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    db = require_db(args.db)
    runs = args.runs or 3
    with tempfile.TemporaryDirectory(prefix="kamtui-bench-import-") as tmp:
        d = Path(tmp)
        base = d / "base.db"
        accounts = make_base(db, base)
        rows = make_rows(accounts)
        csv_path = d / "transactions.csv"
        write_csv(csv_path, rows)
        tuples = [(a, day, amount, cat, doc, m) for a, _n, day, amount, cat, doc, m in rows]
        del rows
        size = csv_path.stat().st_size
        kam, base_times = [], []
        for i in range(runs):
            target = d / f"k{i}.db"
            copy_db(base, target)
            kam.append(kamtui_import(target, csv_path))
            target.unlink()
            target = d / f"f{i}.db"
            copy_db(base, target)
            base_times.append(floor(target, tuples))
            target.unlink()
    k, f = median(kam), median(base_times)
    print(
        f"  {ROWS:,} rows, {size / 1e6:.0f} MB CSV: kamtui {ROWS / k:,.0f} rows/s,"
        f" raw executemany {ROWS / f:,.0f} rows/s",
        file=sys.stderr,
    )
    report(
        "3 import 1M transactions from CSV",
        kamtui=k,
        floor=f,
        target="ratio <= 2",
        ok=k / f <= 2,
        extra={"rows_per_s": ROWS / k},
    )


if __name__ == "__main__":
    main()
