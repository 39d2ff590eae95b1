"""The importers of the records an export holds: every problem as
FILE:LINE: column: reason, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.importers.csvfile import ImportFailed
from kamtui.services.imports.records import import_records
from kamtui.storage.db import Store


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _count(store: Store, table: str) -> int:
    return int(store.one(f"SELECT COUNT(*) FROM {table}")[0])  # type: ignore[index]


def test_interactions_errors_name_file_line_and_column(demo_store: Store, tmp_path: Path) -> None:
    before = _count(demo_store, "interactions")
    path = _write(
        tmp_path,
        "interactions.csv",
        "account,when,channel,level,with,mood,summary\n"
        "ES-0001,2026-01-02T10:00,phone,operational,Jordi Puig,3,fine\n"
        "ES-0001,02/01/2026,phone,operational,,3,bad date\n"
        "ES-0001,2026-01-03T10:00,carrier pigeon,operational,,3,bad channel\n"
        "ES-0001,2026-01-04T10:00,phone,operational,Nobody Here,3,unknown person\n"
        "ES-0001,2026-01-05T10:00,phone,operational,,9,bad mood\n"
        "Nope Inc,2026-01-06T10:00,phone,operational,,,no account\n",
    )
    with pytest.raises(ImportFailed) as failed:
        import_records("interactions", demo_store, path)
    errors = failed.value.errors
    assert [e.split(": ")[0].rsplit(":", 1)[1] for e in errors] == ["3", "4", "5", "6", "7"]
    assert errors[0].startswith(f"{path}:3: when: ")
    assert errors[1].startswith(f"{path}:4: channel: unknown channel")
    assert errors[2].startswith(f"{path}:5: with: no person 'Nobody Here'")
    assert errors[3].startswith(f"{path}:6: mood: ")
    assert errors[4].startswith(f"{path}:7: account: ")
    assert _count(demo_store, "interactions") == before


def test_a_file_imports_and_reimports_unchanged(demo_store: Store, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "complaints.csv",
        "account,opened,severity,status,title,description\n"
        'ES-0001,2026-11-01,alta,open,\'=Late delivery,"two\nlines"\n',
    )
    report = import_records("complaints", demo_store, path)
    assert (report.created, report.updated) == (1, 0)
    row = demo_store.one("SELECT title, severity, description FROM complaints ORDER BY id DESC")
    assert tuple(row) == ("=Late delivery", "high", "two\nlines")  # type: ignore[arg-type]
    again = import_records("complaints", demo_store, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_missing_and_duplicate(demo_store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "facts.csv", "account,kind\nES-0001,need\n")
    with pytest.raises(ImportFailed, match=r"facts.csv:1: text: required column is missing"):
        import_records("facts", demo_store, path)
    path = _write(tmp_path, "f2.csv", "account,text\nES-0001,same\nES-0001,same\n")
    with pytest.raises(ImportFailed, match=r"f2.csv:3: row: the same record as line 2"):
        import_records("facts", demo_store, path)


def test_goal_actions_need_their_goal(demo_store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "a.csv", "account,goal,text\nES-0001,No such goal,call\n")
    with pytest.raises(ImportFailed, match=r"a.csv:2: goal: no goal 'No such goal'"):
        import_records("goal_actions", demo_store, path)
