"""Full-text search: accents, hostile query text, index kept in sync."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kamtui.domain.models import AccountInput
from kamtui.services import accounts, search
from kamtui.services import interactions as inter
from kamtui.storage.db import Store, apply_migrations, open_store
from kamtui.storage.schema import MIGRATIONS


def test_accent_and_case_insensitive(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Compañía Ibérica de Rodamientos"))
    for query in ("compania", "COMPAÑÍA", "iberica rodam", "compa"):
        hits = search.search(store, query)
        assert [(h.kind, h.id) for h in hits] == [("account", acc)], query
    assert search.search(store, "compañia ausente") == []


HOSTILE = [
    '"',
    '"unbalanced',
    "-",
    "-rodamientos",
    "*",
    "rod*",
    "NEAR",
    "NEAR(a b)",
    "a NEAR/2 b",
    "(",
    "((rodamientos",
    ")",
    "AND",
    "OR NOT",
    "title:x",
    "^start",
    "x'y",
    "[bold]x[/]",
    "\x1b[31m",
    "",
    "   ",
    "'; DROP TABLE accounts; --",
    "🙂",
    "a" * 5000,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(demo_store: Store, query: str) -> None:
    hits = search.search(demo_store, query)
    assert isinstance(hits, list)
    assert demo_store.one("SELECT COUNT(*) FROM accounts")[0] == 14


def test_operators_are_plain_words(demo_store: Store) -> None:
    # "-queja" is not "NOT queja": both words are required, like any other words.
    plain = search.search(demo_store, "rodamientos")
    assert plain
    with_dash = search.search(demo_store, "rodamientos -rodamientos")
    assert [h.id for h in with_dash] == [h.id for h in plain]
    assert search.fts_query('NEAR("a" b) OR -c*') == '"NEAR"* "a" "b" "OR"* "c"'


def test_hits_carry_account_title_and_highlighted_snippet(demo_store: Store) -> None:
    hits = search.search(demo_store, "lubricación automática")
    assert hits
    hit = next(h for h in hits if h.kind == "interaction" and h.snippet)
    marked = [text for text, matched in hit.snippet_spans if matched]
    assert any(t.casefold().startswith("lubricaci") for t in marked)
    assert hit.account and hit.account_id
    assert set(hit.as_json()) >= {"kind", "id", "account", "title", "snippet"}


def test_index_follows_inserts_updates_and_deletes(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Ferretería Núñez"))
    iid = inter.log_interaction(
        store,
        acc,
        occurred_at="2026-11-10T10:00",
        channel="phone",
        level="operational",
        summary="Llamada sobre tornillería",
        notes="Quieren **pedido mínimo** más bajo",
    )
    assert [h.id for h in search.search(store, "pedido minimo")] == [iid]
    store.conn.execute("UPDATE interactions SET notes = 'otra cosa' WHERE id = ?", (iid,))
    assert search.search(store, "pedido minimo") == []
    inter.delete(store, iid)
    assert search.search(store, "tornilleria") == []
    inter.restore(store, iid)
    assert [h.kind for h in search.search(store, "tornilleria")] == ["interaction"]
    # accounts in the trash hide everything of theirs
    accounts.delete(store, acc)
    assert search.search(store, "nunez") == [] and search.search(store, "tornilleria") == []
    accounts.restore(store, acc)
    assert {h.kind for h in search.search(store, "nunez")} == {"account"}
    # a hard delete cascades to the index
    with store.write() as conn:
        conn.execute("DELETE FROM accounts WHERE id = ?", (acc,))
    assert store.one("SELECT COUNT(*) FROM search_index")[0] == 0


def test_demo_index_complete(demo_store: Store) -> None:
    expected = sum(
        demo_store.one(f"SELECT COUNT(*) FROM {t} WHERE deleted_at IS NULL")[0]
        for t in ("accounts", "people", "interactions", "facts", "complaints")
    )
    assert demo_store.one("SELECT COUNT(*) FROM search_index")[0] == expected
    names = demo_store.one(
        "SELECT (SELECT COUNT(*) FROM accounts WHERE deleted_at IS NULL)"
        " + (SELECT COUNT(*) FROM people WHERE deleted_at IS NULL)"
    )[0]
    assert demo_store.one("SELECT COUNT(*) FROM search_directory")[0] == names
    assert search.rebuild(demo_store) == expected
    assert demo_store.one("SELECT COUNT(*) FROM search_directory")[0] == names


def test_migration_indexes_existing_rows(tmp_path: Path) -> None:
    """A database from before the search migration gets its rows indexed."""
    path = tmp_path / "old.db"
    store = open_store(path, migrate=False)
    index = next(i for i, (name, _) in enumerate(MIGRATIONS) if name == "full-text search index")
    apply_migrations(store, 0, MIGRATIONS[:index])
    with store.write() as conn:
        conn.execute(
            "INSERT INTO accounts (name, name_key, created_at, updated_at)"
            " VALUES ('Compañía Vieja', 'compania vieja', 'x', 'x')"
        )
    store.close()
    store = open_store(path)
    try:
        assert [h.title for h in search.search(store, "compania")] == ["Compañía Vieja"]
    finally:
        store.close()
    assert list(tmp_path.glob("old.db.v*.bak")), "a backup is taken before migrating"


def test_external_tools_can_still_write(db_path: Path, store: Store) -> None:
    """The triggers use no kamtui SQL function: plain sqlite3 can insert."""
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO accounts (name, name_key, created_at, updated_at)"
        " VALUES ('Açores Pescas', 'acores pescas', 'x', 'x')"
    )
    conn.commit()
    conn.close()
    assert [h.title for h in search.search(store, "acores")] == ["Açores Pescas"]


def test_markup_in_titles_is_data(store: Store) -> None:
    accounts.create(store, AccountInput(name="[bold]Evil[/] \x1b]0;pwned\x07 Corp"))
    [hit] = search.search(store, "evil")
    assert "[bold]" in hit.title and "\x1b" not in hit.title and "\x07" not in hit.title


def test_imports_keep_the_index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Importing (and re-importing with changes) leaves the search index right."""
    from kamtui.cli.main import main

    db = tmp_path / "k.db"
    csv_file = tmp_path / "accounts.csv"
    csv_file.write_text(
        "name,account_number,industry\nCompañía Naviera Ártabra,ES-9,Shipping\n", encoding="utf-8"
    )
    assert main(["--db", str(db), "import", "accounts", str(csv_file)]) == 0
    csv_file.write_text(
        "name,account_number,industry\nCompañía Naviera Ártabra,ES-9,Ferries\n", encoding="utf-8"
    )
    assert main(["--db", str(db), "import", "accounts", str(csv_file)]) == 0
    capsys.readouterr()
    s = open_store(db)
    try:
        assert [h.title for h in search.search(s, "artabra ferries")] == [
            "Compañía Naviera Ártabra"
        ]
        assert search.search(s, "shipping") == []
        assert s.one("SELECT COUNT(*) FROM search_index")[0] == 1
    finally:
        s.close()


def _log(store: Store, acc: int, day: int, summary: str, notes: str | None = None) -> int:
    return inter.log_interaction(
        store,
        acc,
        occurred_at=f"2026-10-{day:02d}T10:00",
        channel="phone",
        level="operational",
        summary=summary,
        notes=notes,
    )


def test_common_words_rank_the_newest_window_but_keep_names(store: Store) -> None:
    """Past the window only the newest matches are ranked (words in titles
    first); accounts and people named by the query are found however old."""
    acc = accounts.create(store, AccountInput(name="Rodamientos Ortiz"))
    _log(store, acc, 1, "Rodamientos: revisión 1")
    body = [
        _log(store, acc, day, f"Llamada {day}", "Pedido de rodamientos") for day in range(2, 12)
    ]
    titled = _log(store, acc, 12, "Rodamientos: revisión 12")
    hits = search.search(store, "rodamientos", window=3)
    assert [(h.kind, h.id) for h in hits] == [
        ("account", acc),
        ("interaction", titled),
        ("interaction", body[-1]),
        ("interaction", body[-2]),
    ]
    assert len(search.search(store, "rodamientos")) == 13


def test_names_are_found_whatever_else_matches(store: Store) -> None:
    """An account or person named by the query comes first even when far more
    (and newer) notes mention the same words."""
    acc = accounts.create(store, AccountInput(name="Hidrotec"))
    other = accounts.create(store, AccountInput(name="Aceros Bilbao"))
    with store.write() as conn:
        conn.execute(
            "INSERT INTO people (account_id, side, name, name_key, title, created_at, updated_at)"
            " VALUES (?, 'theirs', 'Lucía Hidrotec Peña', 'lucia hidrotec pena', 'Compras',"
            " 'x', 'x')",
            (other,),
        )
        person = conn.execute("SELECT max(id) FROM people").fetchone()[0]
    notes = [
        _log(store, other, day, f"Visita {day}", "Comparan con Hidrotec") for day in range(1, 21)
    ]
    hits = search.search(store, "hidrotec", limit=5, window=2)
    assert [(h.kind, h.id) for h in hits] == [
        ("account", acc),
        ("person", person),
        ("interaction", notes[-1]),
        ("interaction", notes[-2]),
    ]
    # accents and case do not matter for names either
    assert [h.id for h in search.search(store, "LUCIA pena")][:1] == [person]
    # an account is found even when more (and newer) people share its name
    with store.write() as conn:
        for n in range(12):
            conn.execute(
                "INSERT INTO people (account_id, side, name, name_key, created_at, updated_at)"
                " VALUES (?, 'theirs', ?, ?, 'x', 'x')",
                (other, f"Ana{n} Hidrotec", f"ana{n} hidrotec"),
            )
    hits = search.search(store, "hidrotec", limit=5, window=2)
    assert hits[0].kind == "account" and hits[0].id == acc
    assert [h.kind for h in hits[1:]] == ["person"] * 4


def test_whole_words_before_prefixes(store: Store) -> None:
    """ "plant" finds "plant" before "planta"; a word still being typed finds
    the words it begins."""
    acc = accounts.create(store, AccountInput(name="Conservas Rías"))
    spanish = _log(store, acc, 2, "Visita a la planta de Vigo")
    english = _log(store, acc, 1, "Plant visit", "the plant manager")
    assert [h.id for h in search.search(store, "plant")] == [english, spanish]
    assert [h.id for h in search.search(store, "planta")] == [spanish]
    assert [h.id for h in search.search(store, "pla vig")] == [spanish]


def test_words_in_titles_rank_before_words_in_notes(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Conservas Rías"))
    in_title = _log(store, acc, 1, "Auditoría BRC", "todo correcto")
    in_notes = _log(store, acc, 2, "Visita", "preparar auditoría BRC")
    newer_in_notes = _log(store, acc, 3, "Llamada", "auditoría BRC confirmada")
    half = _log(store, acc, 4, "Auditoría pendiente", "norma BRC")
    hits = search.search(store, "auditoria brc")
    assert [h.id for h in hits] == [in_title, half, newer_in_notes, in_notes]


def test_directory_follows_people_and_accounts(store: Store) -> None:
    """The names index is kept in sync by triggers like the main one."""
    acc = accounts.create(store, AccountInput(name="Ferretería Núñez"))
    with store.write() as conn:
        conn.execute(
            "INSERT INTO people (account_id, side, name, name_key, created_at, updated_at)"
            " VALUES (?, 'theirs', 'Íñigo Arrieta', 'inigo arrieta', 'x', 'x')",
            (acc,),
        )
        pid = conn.execute("SELECT max(id) FROM people").fetchone()[0]
    assert [(h.kind, h.id) for h in search.search(store, "inigo")] == [("person", pid)]
    with store.write() as conn:
        conn.execute("UPDATE people SET name = 'Íñigo Zubiri' WHERE id = ?", (pid,))
    assert search.search(store, "arrieta") == []
    assert [h.title for h in search.search(store, "zubiri")] == ["Íñigo Zubiri"]
    with store.write() as conn:
        conn.execute("UPDATE people SET deleted_at = 'x' WHERE id = ?", (pid,))
    assert search.search(store, "zubiri") == []
    accounts.update(store, acc, AccountInput(name="Ferretería Ortuella"))
    assert search.search(store, "nunez") == []
    assert [h.kind for h in search.search(store, "ortuella")] == ["account"]
    directory = "SELECT rowid, kind, ref_id, account_id, title, body FROM search_directory"
    same_in_main = directory.replace("search_directory", "search_index") + (
        " WHERE kind IN ('account', 'person')"
    )
    assert store.query(directory + " ORDER BY rowid") == store.query(
        same_in_main + " ORDER BY rowid"
    )
    with store.write() as conn:
        conn.execute("DELETE FROM accounts WHERE id = ?", (acc,))
    assert store.one("SELECT COUNT(*) FROM search_directory")[0] == 0


def test_directory_migration_indexes_existing_people(tmp_path: Path) -> None:
    """A database from before the directory index gets its names indexed."""
    path = tmp_path / "old.db"
    store = open_store(path, migrate=False)
    index = next(i for i, (name, _) in enumerate(MIGRATIONS) if name == "directory search index")
    apply_migrations(store, 0, MIGRATIONS[:index])
    with store.write() as conn:
        conn.execute(
            "INSERT INTO accounts (name, name_key, created_at, updated_at)"
            " VALUES ('Compañía Vieja', 'compania vieja', 'x', 'x')"
        )
        conn.execute(
            "INSERT INTO people (account_id, side, name, name_key, created_at, updated_at)"
            " VALUES (1, 'theirs', 'Begoña Vieja', 'begona vieja', 'x', 'x')"
        )
    store.close()
    store = open_store(path)
    try:
        assert store.one("SELECT COUNT(*) FROM search_directory")[0] == 2
        assert [h.kind for h in search.search(store, "vieja")] == ["account", "person"]
    finally:
        store.close()


def test_search_does_not_queue_behind_the_store_lock(store: Store) -> None:
    """Searches read through a connection of their own: another thread
    holding the store (a long health computation) does not hold them up, and
    they still see every committed write at once."""
    import threading

    acc = accounts.create(store, AccountInput(name="Compañía Ibérica"))
    release = threading.Event()
    held = threading.Event()

    def hold() -> None:
        with store.read():
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    found: list[list[search.SearchHit]] = []
    try:
        assert held.wait(5)
        searcher = threading.Thread(target=lambda: found.append(search.search(store, "iberica")))
        searcher.start()
        searcher.join(5)
        assert not searcher.is_alive(), "the search waited for the store's lock"
    finally:
        release.set()
        holder.join()
    assert [(h.kind, h.id) for h in found[0]] == [("account", acc)]
    accounts.update(store, acc, AccountInput(name="Compañía Lusa"))
    assert search.search(store, "iberica") == []
    assert [h.id for h in search.search(store, "lusa")] == [acc]
