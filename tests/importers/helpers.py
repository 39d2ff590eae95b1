"""Helpers for the importer tests (also used by tests/reliability)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kamtui.cli.main import main

TABLES = ("accounts", "people", "links", "transactions", "wallet_estimates")
HEADERS = {
    "accounts": "name,account_number,address",
    "people": "account,side,name,title,privacy_note",
    "links": "account,ours,theirs,strength",
    "transactions": "date,account,amount,category,document,margin",
    "wallet": "account,category,year,amount",
}


def seed(db: Path, tmp: Path) -> None:
    """Accounts Acme (C-1) and Beta (C-2); Olga (ours) and Ana (theirs) at Acme."""
    files = {
        "accounts": "name,account_number\nAcme,C-1\nBeta,C-2\n",
        "people": "account,side,name\nAcme,ours,Olga\nAcme,theirs,Ana\n",
    }
    for kind, text in files.items():
        path = tmp / f"seed-{kind}.csv"
        path.write_text(text, encoding="utf-8")
        assert main(["--db", str(db), "import", kind, str(path)]) == 0


def snapshot(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}
