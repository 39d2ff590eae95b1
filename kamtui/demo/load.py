"""Load the built-in demo portfolio from the CSV files in kamtui/demo/data.

The files end on an anchor date; every date is shifted so the anchor becomes
"today", so the demo always looks current. Loading is one transaction and
happens once per file (re-running is a no-op)."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kamtui.demo import DATA_DIR
from kamtui.domain.models import AccountInput, PersonInput
from kamtui.domain.validation import field_errors
from kamtui.storage import loader
from kamtui.storage.accounts import ACCOUNT_FIELDS
from kamtui.storage.db import Store, now_iso
from kamtui.textsafe import fold
from kamtui.vocab import (
    CHANNEL,
    COMPLAINT_STATUS,
    FACT_KIND,
    GOAL_STATUS,
    GOAL_TYPE,
    KIND,
    LEVEL,
    SEVERITY,
)

DEMO_KEY = "demo_loaded"


class DemoError(Exception):
    pass


def sample_dir() -> Path:
    """The installed demo files (package data; a broken install may lack them)."""
    if not (DATA_DIR / "manifest.json").exists():
        raise DemoError(f"the demo files ({DATA_DIR / 'manifest.json'}) are not installed")
    return DATA_DIR


def _rows(folder: Path, name: str) -> list[tuple[int, dict[str, str]]]:
    path = folder / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        out = []
        for row in reader:
            out.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
        return out


class _Shift:
    def __init__(self, anchor: date, today: date) -> None:
        self.delta = timedelta(days=(today - anchor).days)

    def d(self, value: str) -> str | None:
        if not value:
            return None
        return (date.fromisoformat(value[:10]) + self.delta).isoformat()

    def dt(self, value: str) -> str | None:
        if not value:
            return None
        return (datetime.fromisoformat(value) + self.delta).isoformat(timespec="minutes")


HISTORY_WEEKS = 13


def load_demo(store: Store, *, today: date, folder: Path | None = None) -> str:
    if store.get_meta(DEMO_KEY):
        return "demo portfolio already loaded; nothing changed"
    folder = folder or sample_dir()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    shift = _Shift(date.fromisoformat(manifest["anchor"]), today)
    stamp = now_iso()
    counts: dict[str, int] = {}
    with store.write(activity="loading the demo") as conn:
        if conn.execute("SELECT COUNT(*) FROM accounts").fetchone()[0]:
            raise DemoError(
                f"{store.path} already holds accounts; the demo only loads into an empty "
                "database (omit --db to use the separate demo file)"
            )
        accounts: dict[str, int] = {}
        for line, row in _rows(folder, "accounts.csv"):
            data = _valid(AccountInput, row, folder / "accounts.csv", line)
            values = data.model_dump(include=set(ACCOUNT_FIELDS))
            values.update(name_key=data.name_key, created_at=stamp, updated_at=stamp)
            accounts[fold(data.name)] = loader.insert_one(conn, "accounts", values)
        counts["accounts"] = len(accounts)

        def account_id(name: str, file: str, line: int) -> int:
            try:
                return accounts[fold(name)]
            except KeyError:
                raise DemoError(f"{folder / file}:{line}: account: unknown {name!r}") from None

        people: dict[tuple[int, str], int] = {}
        for line, row in _rows(folder, "people.csv"):
            acc = account_id(row["account"], "people.csv", line)
            data = _valid(
                PersonInput,
                {**row, "decision_role": row.get("role")},
                folder / "people.csv",
                line,
            )
            values = data.model_dump(exclude={"consent"})
            values.update(
                account_id=acc, name_key=fold(data.name), created_at=stamp, updated_at=stamp
            )
            people[(acc, fold(data.name))] = loader.insert_one(conn, "people", values)
        counts["people"] = len(people)

        def person_id(acc: int, name: str, file: str, line: int) -> int:
            try:
                return people[(acc, fold(name))]
            except KeyError:
                raise DemoError(f"{folder / file}:{line}: person: unknown {name!r}") from None

        n = 0
        for line, row in _rows(folder, "links.csv"):
            acc = account_id(row["account"], "links.csv", line)
            loader.insert_one(
                conn,
                "links",
                {
                    "account_id": acc,
                    "our_person_id": person_id(acc, row["ours"], "links.csv", line),
                    "their_person_id": person_id(acc, row["theirs"], "links.csv", line),
                    "strength": int(row.get("strength") or 3),
                    "created_at": stamp,
                },
            )
            n += 1
        counts["links"] = n

        n = 0
        for line, row in _rows(folder, "interactions.csv"):
            acc = account_id(row["account"], "interactions.csv", line)
            when = shift.dt(row["when"])
            iid = loader.insert_one(
                conn,
                "interactions",
                {
                    "account_id": acc,
                    "occurred_at": when,
                    "channel": CHANNEL.normalize(row["channel"]),
                    "level": LEVEL.normalize(row["level"]),
                    "kind": KIND.normalize(row.get("kind") or "meeting"),
                    "summary": row["summary"],
                    "notes": row.get("notes") or None,
                    "mood": int(row["mood"]) if row.get("mood") else None,
                    "created_at": when,
                },
            )
            names = [p.strip() for p in (row.get("with") or "").split(";") if p.strip()]
            loader.insert_rows(
                conn,
                "interaction_participants",
                ("interaction_id", "person_id"),
                {(iid, person_id(acc, p, "interactions.csv", line)) for p in names},
            )
            for step in (row.get("next") or "").split("|"):
                if step.strip():
                    text, _, due = step.rpartition("@")
                    loader.insert_one(
                        conn,
                        "next_steps",
                        {
                            "account_id": acc,
                            "interaction_id": iid,
                            "text": (text or due).strip(),
                            "due_date": shift.d(due.strip()) if text else None,
                            "created_at": when,
                        },
                    )
            n += 1
        counts["interactions"] = n

        n = 0
        for line, row in _rows(folder, "complaints.csv"):
            acc = account_id(row["account"], "complaints.csv", line)
            opened = shift.d(row["opened"])
            loader.insert_one(
                conn,
                "complaints",
                {
                    "account_id": acc,
                    "title": row["title"],
                    "description": row.get("description") or None,
                    "severity": SEVERITY.normalize(row.get("severity") or "medium"),
                    "status": COMPLAINT_STATUS.normalize(row.get("status") or "open"),
                    "opened_at": opened,
                    "in_progress_at": shift.d(row.get("in_progress", "")),
                    "resolved_at": shift.d(row.get("resolved", "")),
                    "resolution": row.get("resolution") or None,
                    "created_at": stamp,
                },
            )
            n += 1
        counts["complaints"] = n

        n = 0
        for line, row in _rows(folder, "facts.csv"):
            acc = account_id(row["account"], "facts.csv", line)
            loader.insert_one(
                conn,
                "facts",
                {
                    "account_id": acc,
                    "person_id": person_id(acc, row["person"], "facts.csv", line)
                    if row.get("person")
                    else None,
                    "kind": FACT_KIND.normalize(row.get("kind") or "other"),
                    "text": row["text"],
                    "created_at": stamp,
                },
            )
            n += 1
        counts["facts"] = n

        tx = []
        for line, row in _rows(folder, "transactions.csv"):
            acc = account_id(row["account"], "transactions.csv", line)
            tx.append(
                (
                    acc,
                    shift.d(row["date"]),
                    float(row["amount"]),
                    row["category"],
                    row["document"],
                    float(row["margin"]) if row.get("margin") else None,
                )
            )
        loader.insert_rows(
            conn,
            "transactions",
            ("account_id", "date", "amount", "category", "document", "margin"),
            tx,
        )
        counts["transactions"] = len(tx)

        anchor = date.fromisoformat(manifest["anchor"])
        years = (anchor + shift.delta).year - anchor.year
        wallet = []
        for line, row in _rows(folder, "wallet.csv"):
            acc = account_id(row["account"], "wallet.csv", line)
            wallet.append((acc, row["category"], int(row["year"]) + years, float(row["amount"])))
        loader.insert_rows(
            conn, "wallet_estimates", ("account_id", "category", "year", "amount"), wallet
        )
        counts["wallet estimates"] = len(wallet)

        n = 0
        for line, row in _rows(folder, "goals.csv"):
            acc = account_id(row["account"], "goals.csv", line)
            gid = loader.insert_one(
                conn,
                "goals",
                {
                    "account_id": acc,
                    "type": GOAL_TYPE.normalize(row["type"]),
                    "category": row.get("category") or None,
                    "title": row["title"],
                    "baseline": float(row["baseline"]) if row.get("baseline") else None,
                    "target": float(row["target"]) if row.get("target") else None,
                    "start_date": shift.d(row["start"]),
                    "due_date": shift.d(row.get("due", "")),
                    "status": GOAL_STATUS.normalize(row.get("status") or "active"),
                    "created_at": stamp,
                },
            )
            for action in (row.get("actions") or "").split("|"):
                if action.strip():
                    text, _, due = action.rpartition("@")
                    loader.insert_one(
                        conn,
                        "goal_actions",
                        {
                            "goal_id": gid,
                            "text": (text or due).strip(),
                            "due_date": shift.d(due.strip()) if text else None,
                            "created_at": stamp,
                        },
                    )
            n += 1
        counts["goals"] = n
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?)",
            (DEMO_KEY, json.dumps({"loaded_at": stamp, "today": today.isoformat()})),
        )
    # Weekly health snapshots from the dated data, so trends show on day one.
    from kamtui.services import health

    counts["weekly health snapshots"] = health.backfill(store, today=today, weeks=HISTORY_WEEKS)
    summary = ", ".join(f"{v} {k}" for k, v in counts.items())
    return f"demo portfolio loaded: {summary}"


def _valid(model: Any, row: Mapping[str, str | None], path: Path, line: int) -> Any:
    try:
        return model.model_validate({k: v for k, v in row.items() if k in model.model_fields})
    except ValidationError as exc:
        problems = "; ".join(f"{k}: {v}" for k, v in field_errors(exc).items())
        raise DemoError(f"{path}:{line}: {problems}") from None
