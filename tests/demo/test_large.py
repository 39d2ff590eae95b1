"""The large synthetic portfolio, built small: seeded, exact sizes, plausible,
and an ordinary kamtui database."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from kamtui.demo.large import (
    LARGE,
    TABLES,
    LargeDemoError,
    Size,
    allocate,
    build,
    describe,
)
from kamtui.services import search
from kamtui.storage.db import open_store
from kamtui.storage.schema import SCHEMA_VERSION

TODAY = date(2026, 11, 15)
SMALL = Size(accounts=40, people=800, interactions=4_000, transactions=8_000)


def digest(path: Path) -> str:
    """A hash of every row of every table, in id order."""
    conn = sqlite3.connect(path)
    h = hashlib.sha256()
    for table in TABLES:
        order = "1, 2" if table == "interaction_participants" else "rowid"
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}"):
            h.update(repr(tuple(row)).encode())
    conn.close()
    return h.hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "large.db"
    build(path, today=TODAY, seed=3, size=SMALL, progress=None)
    return path


@pytest.fixture
def db(built: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{built}?mode=ro", uri=True)
    yield conn
    conn.close()


def test_same_seed_same_content_and_file(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    build(again, today=TODAY, seed=3, size=SMALL, progress=None)
    assert digest(again) == digest(built)
    assert again.read_bytes() == built.read_bytes()
    other = tmp_path / "other.db"
    build(other, today=TODAY, seed=4, size=SMALL, progress=None)
    assert digest(other) != digest(built)


def test_exact_row_counts(db: sqlite3.Connection) -> None:
    def count(table: str) -> int:
        return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    assert count("accounts") == SMALL.accounts
    assert count("people") == SMALL.people
    assert count("interactions") == SMALL.interactions
    assert count("transactions") == SMALL.transactions
    for table in ("links", "interaction_participants", "complaints", "facts", "wallet_estimates"):
        assert count(table) > 0, table


def test_a_normal_private_kamtui_database(built: Path) -> None:
    assert stat.S_IMODE(os.stat(built).st_mode) == 0o600
    assert not Path(str(built) + ".part").exists()
    store = open_store(built)
    try:
        assert store.one("PRAGMA user_version")[0] == SCHEMA_VERSION
        assert store.query("PRAGMA foreign_key_check") == []
        assert store.one("PRAGMA integrity_check")[0] == "ok"
        # the indexes and full-text triggers dropped for the load are back
        names = {r[0] for r in store.query("SELECT name FROM sqlite_master")}
        assert {"interactions_account_time", "transactions_date", "people_account"} <= names
        assert "search_interactions_insert" in names
        hits = search.search(store, "rodamientos")
        assert hits and any(h.kind == "interaction" for h in hits)
        # the full-text index holds every live searchable row
        indexed = store.one("SELECT COUNT(*) FROM search_index")[0]
        sources = sum(
            store.one(f"SELECT COUNT(*) FROM {t} WHERE deleted_at IS NULL")[0]
            for t in ("accounts", "people", "interactions", "facts", "complaints")
        )
        assert indexed == sources
        # and the directory (accounts and people) too, with its triggers
        assert "search_directory_people_insert" in names
        directory = store.one("SELECT COUNT(*) FROM search_directory")[0]
        assert directory == sum(
            store.one(f"SELECT COUNT(*) FROM {t} WHERE deleted_at IS NULL")[0]
            for t in ("accounts", "people")
        )
    finally:
        store.close()
    assert describe(built) == {
        "seed": 3,
        "today": "2026-11-15",
        "size": {"accounts": 40, "people": 800, "interactions": 4000, "transactions": 8000},
    }


def test_plausible_people_and_companies(db: sqlite3.Connection) -> None:
    names = [r[0] for r in db.execute("SELECT name FROM accounts")]
    assert len(set(names)) == len(names)
    assert any(n.endswith(("S.A.", "S.L.")) for n in names)
    assert any(n.endswith(("Ltd", "plc", "Limited")) for n in names)
    people = [r[0] for r in db.execute("SELECT name FROM people")]
    assert any(c in "".join(people) for c in "áéíóúñ")
    tiers = Counter(r[0] for r in db.execute("SELECT tier FROM accounts"))
    assert set(tiers) == {"A", "B", "C"} and tiers["C"] > tiers["A"]
    # every account has its KAM on our side and someone on theirs
    assert db.execute(
        "SELECT COUNT(*) FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM people p"
        " WHERE p.account_id = a.id AND p.side = 'ours' AND p.name = a.owner)"
    ).fetchone() == (0,)
    assert db.execute(
        "SELECT COUNT(*) FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM people p"
        " WHERE p.account_id = a.id AND p.side = 'theirs')"
    ).fetchone() == (0,)


def test_interactions_have_participants_of_their_account(db: sqlite3.Connection) -> None:
    assert db.execute(
        "SELECT COUNT(*) FROM interactions i WHERE"
        " (SELECT COUNT(*) FROM interaction_participants p WHERE p.interaction_id = i.id) < 2"
    ).fetchone() == (0,)
    assert db.execute(
        "SELECT COUNT(*) FROM interaction_participants ip JOIN interactions i"
        " ON i.id = ip.interaction_id JOIN people p ON p.id = ip.person_id"
        " WHERE p.account_id != i.account_id"
    ).fetchone() == (0,)
    levels = Counter(r[0] for r in db.execute("SELECT level FROM interactions"))
    assert set(levels) == {"operational", "strategic", "satisfaction"}
    assert levels["operational"] > levels["strategic"]
    first, last = db.execute(
        "SELECT MIN(occurred_at), MAX(occurred_at) FROM interactions"
    ).fetchone()
    assert first[:7] >= "2023-11" and last[:10] <= TODAY.isoformat()
    # complaints come from complaint interactions; recent ones may still be open
    assert db.execute(
        "SELECT COUNT(*) FROM complaints c JOIN interactions i ON i.id = c.interaction_id"
        " WHERE i.kind != 'complaint'"
    ).fetchone() == (0,)


def test_transactions_are_seasonal_and_unique(db: sqlite3.Connection) -> None:
    assert db.execute(
        "SELECT COUNT(*) FROM (SELECT account_id, document FROM transactions"
        " GROUP BY 1, 2 HAVING COUNT(*) > 1)"
    ).fetchone() == (0,)
    by_month = dict(
        db.execute("SELECT substr(date, 6, 2), COUNT(*) FROM transactions GROUP BY 1").fetchall()
    )
    assert by_month["08"] < 0.7 * by_month["10"]  # the August shutdown
    weekend = db.execute(
        "SELECT COUNT(*) FROM transactions WHERE strftime('%w', date) IN ('0', '6')"
    ).fetchone()[0]
    assert weekend == 0
    assert db.execute("SELECT MAX(date) FROM transactions").fetchone()[0] <= TODAY.isoformat()
    # A accounts buy more than C accounts
    rev = dict(
        db.execute(
            "SELECT a.tier, SUM(t.amount) / COUNT(DISTINCT a.id) FROM transactions t"
            " JOIN accounts a ON a.id = t.account_id GROUP BY a.tier"
        ).fetchall()
    )
    assert rev["A"] > 2 * rev["C"]


def test_allocate_is_exact() -> None:
    assert sum(allocate(1_000_003, [1.0, 2.5, 0.3, 7.0], minimum=2)) == 1_000_003
    assert allocate(10, [1, 1, 1, 1, 1]) == [2, 2, 2, 2, 2]
    assert min(allocate(100, [0.0001, 5.0, 5.0], minimum=3)) == 3
    assert LARGE.accounts == 10_000 and LARGE.transactions == 2_000_000


def test_build_refuses_an_existing_file(built: Path) -> None:
    with pytest.raises(LargeDemoError, match="already exists"):
        build(built, today=TODAY, size=SMALL, progress=None)


def test_generator_words_are_kamtui_vocabulary_keys() -> None:
    """The generator's weights are its own; the keys must be the app's."""
    from kamtui import vocab
    from kamtui.demo.large import catalogue, texts

    functions = {f for f, _ in catalogue.THEIR_FUNCTIONS} | set(catalogue.OUR_FUNCTIONS)
    assert functions <= set(vocab.FUNCTION.keys)
    assert {r for r, _ in catalogue.ROLES} <= set(vocab.DECISION_ROLE.keys)
    assert {s for s, _ in catalogue.STANCES} <= set(vocab.STANCE.keys)
    assert set(catalogue.CHANNELS) == set(catalogue.KINDS) == set(vocab.LEVEL.keys)
    assert {c for v in catalogue.CHANNELS.values() for c, _ in v} <= set(vocab.CHANNEL.keys)
    assert {k for v in catalogue.KINDS.values() for k, _ in v} <= set(vocab.KIND.keys)
    assert {k for v in texts.FACTS.values() for k, _ in v} <= set(vocab.FACT_KIND.keys)
    assert {t for _, t in texts.GOAL_TITLES} <= set(vocab.GOAL_TYPE.keys)
