"""The demos are importable from their own export: no two records that
kamtui's importers take for one and the same (same account, side and folded
name for people; same account, moment and summary for interactions…), so
`kamtui export` then `kamtui import all` into an empty file gives every row
back."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kamtui.demo.large import Size, build
from kamtui.services.export import export
from kamtui.services.imports.everything import import_all
from kamtui.storage import records
from kamtui.storage.db import Store, open_store
from kamtui.textsafe import fold
from tests.services.roundtrip import rows

TODAY = date(2026, 11, 15)
# Few accounts with many records each: at this size and seed the generator
# used to make every kind of clash (people "Nuria X" and "Núria X", two
# interactions of an account at one moment with one summary, complaints,
# facts and goal actions repeated word for word).
CROWDED = Size(accounts=20, people=3_000, interactions=10_000, transactions=40)
SEED = 3

# What identifies a record to each importer: (kind, table, columns, columns
# compared folded). The records' kinds come from the importers' own table.
IDENTITIES: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("accounts by number", "accounts", ("account_number",), ()),
    ("accounts by name", "accounts", ("name",), ("name",)),
    ("people", "people", ("account_id", "side", "name"), ("name",)),
    ("links", "links", ("our_person_id", "their_person_id"), ()),
    ("transactions", "transactions", ("account_id", "document"), ()),
    ("wallet", "wallet_estimates", ("account_id", "category", "year"), ()),
    *(
        (kind, table, key, ("business_unit", "number") if kind == "identifiers" else ())
        for kind, (table, key, _live) in records.TABLES.items()
    ),
)


def clashes(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Per kind, a few identities held by more than one live record."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    for kind, table, key, folded in IDENTITIES:
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        live = " WHERE deleted_at IS NULL" if "deleted_at" in columns else ""
        seen: dict[tuple[Any, ...], int] = defaultdict(int)
        for row in conn.execute(f"SELECT {', '.join(key)} FROM {table}{live}"):
            ident = tuple(
                fold(v) if c in folded and isinstance(v, str) else v
                for c, v in zip(key, row, strict=True)
            )
            if None not in ident:  # an account without a number is known by its name
                seen[ident] += 1
        repeated = [ident for ident, n in seen.items() if n > 1]
        if repeated:
            found[kind] = repeated[:3]
    return found


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crowded") / "large.db"
    build(path, today=TODAY, seed=SEED, size=CROWDED, progress=None)
    return path


@pytest.fixture
def crowded_store(crowded: Path) -> Iterator[Store]:
    store = open_store(crowded)
    yield store
    store.close()


def test_the_large_demo_has_no_two_records_the_importers_take_for_one(crowded: Path) -> None:
    conn = sqlite3.connect(f"file:{crowded}?mode=ro", uri=True)
    try:
        assert clashes(conn) == {}
        # Still Spanish: both spellings stay, only never twice on one side of an account.
        names = "\n".join(r[0] for r in conn.execute("SELECT name FROM people"))
        assert "Núria " in names and "Nuria " in names
        assert any(c in names for c in "áéíóúñ")
    finally:
        conn.close()


def test_the_large_demo_round_trips_through_export_and_import_all(
    crowded_store: Store, tmp_path: Path
) -> None:
    report = export(crowded_store, tmp_path / "out")
    new = open_store(tmp_path / "new.db")
    try:
        imported = import_all(new, tmp_path / "out")
        assert {k: r.created for k, r in imported.items()} == report.counts
        before, after = rows(crowded_store), rows(new)
        assert {k: len(v) for k, v in after.items()} == {k: len(v) for k, v in before.items()}
        assert after == before
    finally:
        new.close()


def test_the_small_demo_has_no_two_records_the_importers_take_for_one(demo_path: Path) -> None:
    # Its round trip is tests/services/test_export.py's test_the_demo_round_trips.
    conn = sqlite3.connect(f"file:{demo_path}?mode=ro", uri=True)
    try:
        assert clashes(conn) == {}
    finally:
        conn.close()


def test_an_account_with_many_facts_gets_them_told_apart_by_a_detail() -> None:
    from kamtui.demo.large import activity, companies
    from kamtui.demo.large.generator import Generator
    from kamtui.demo.large.texts import FACT_DETAILS

    gen = Generator(today=TODAY, seed=SEED, size=Size(accounts=80, people=800))
    for _ in companies.accounts(gen):
        pass
    for _ in companies.people(gen):
        pass
    gen.accs[0].weight = 1e9  # nearly all 400 facts on the first account
    texts = [row[5] for row in activity.facts(gen) if row[1] == 1]
    assert len(texts) > 350
    assert len(set(texts)) == len(texts)
    detail_starts = {d.split("{")[0] for lang in FACT_DETAILS.values() for d in lang}
    detailed = [t for t in texts if any(s in t for s in detail_starts)]
    assert detailed and not any("#" in t for t in texts)


def test_one_accounts_interactions_never_share_a_moment_even_on_a_full_day() -> None:
    import random

    from kamtui.demo.large.activity import _free_moment

    day = date(2026, 11, 13).toordinal()
    taken = {day * 1440 + q * 15 for q in range(8 * 4, 19 * 4)}  # every working quarter hour
    t = _free_moment(random.Random(1), taken, day)
    assert t not in taken and t < day * 1440 + 8 * 60  # earlier, never in the future
