"""Running kamtui as a separate process, as a user's shell would."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from kamtui.domain.models import AccountInput
from kamtui.services import accounts
from kamtui.storage.db import Store

ROOT = Path(__file__).resolve().parents[2]


def env(**extra: str) -> dict[str, str]:
    out = dict(os.environ)
    out["PYTHONPATH"] = str(ROOT)
    out.update(extra)
    return out


def kamtui(
    db: Path, *args: str, timeout: float = 60, **extra_env: str
) -> subprocess.CompletedProcess[str]:
    """`kamtui --db DB ARGS…` in a new process."""
    return subprocess.run(
        [sys.executable, "-m", "kamtui", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env(**extra_env),
        stdin=subprocess.DEVNULL,
    )


def log_args(account: str, summary: str) -> list[str]:
    return [
        "log",
        account,
        "--when",
        "2026-11-10 10:00",
        "--channel",
        "phone",
        "--level",
        "operational",
        "--summary",
        summary,
    ]


def summaries(db: Path) -> list[str]:
    """Interaction summaries as a fresh connection sees them."""
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT summary FROM interactions ORDER BY id")]
    finally:
        conn.close()


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def add_account(store: Store, name: str, number: str | None = None) -> int:
    return accounts.create(store, AccountInput(name=name, account_number=number))


def transactions_csv(path: Path, rows: int, numbers: list[str]) -> Path:
    """A finance export of `rows` invoices spread over the given accounts."""
    lines = ["date,account_number,amount,category,document"]
    for i in range(rows):
        number = numbers[i % len(numbers)]
        lines.append(
            f"2025-{1 + i % 12:02d}-{1 + i % 28:02d},{number},{100 + i % 900}.50,Cat{i % 7},DOC-{i}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
