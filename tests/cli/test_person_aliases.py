"""After `kamtui merge person`, the name of the person merged away is a
former name of the one kept: imports (people, vCards, interactions naming
participants) and `kamtui log --with` find the person kept; `merge undo`
takes the former name back, and an erasure removes it."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from kamtui.cli.main import main
from tests.services.privacy_world import file_bytes

OLD = "Mª Zubizarreta"  # nobody else's name in the file
NEW = "María Zubizarreta Olano"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "k.db"


@pytest.fixture
def k(db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    def run(*args: str) -> str:
        try:
            code = main(["--db", str(db), *args])
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        assert code == 0, captured.err
        return captured.out

    return run


def people(k) -> dict[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    return {str(p["name"]): p for p in json.loads(k("people", "ES-9", "--json"))}


def aliases(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT person_id, name, merged_id FROM person_aliases").fetchall()
    finally:
        conn.close()


def merged(k) -> int:  # type: ignore[no-untyped-def]
    k("account", "add", "Conservas Peña S.A.", "--number", "ES-9")
    k("person", "add", "ES-9", OLD, "--side", "theirs", "--phone", "+34 600 111 222")
    k("person", "add", "ES-9", NEW, "--side", "theirs", "--title", "Jefa de Compras")
    k("person", "add", "ES-9", "Ana Ruiz", "--side", "ours")
    out = k("merge", "person", "ES-9", OLD, NEW, "--yes")
    assert f"former name: {OLD}" in out
    return int(people(k)[NEW]["id"])  # type: ignore[call-overload]


def test_imports_and_log_naming_the_merged_away_person_find_the_one_kept(
    k, db: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    kept = merged(k)
    assert aliases(db) == [(kept, OLD, kept - 1)]

    # An old people file: fills the kept person's blanks, never renames her.
    old_people = tmp_path / "people.csv"
    old_people.write_text(
        "account,side,name,email,title\n"
        f"ES-9,theirs,{OLD.upper()},mz@conservas-pena.es,Compradora\n",
        encoding="utf-8",
    )
    assert "0 new, 1 updated" in k("import", "people", str(old_people))
    # A vCard of the old contact.
    card = tmp_path / "old.vcf"
    card.write_text(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{OLD}\r\nN:Zubizarreta;Mª;;;\r\n"
        "TEL:+34 600 111 222\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    k("import", "vcard", str(card), "--account", "ES-9")
    found = people(k)
    assert set(found) == {NEW, "Ana Ruiz"}
    assert found[NEW]["email"] == "mz@conservas-pena.es"
    assert found[NEW]["title"] == "Jefa de Compras"

    # An interactions file naming her by the old name, and `kamtui log`.
    meetings = tmp_path / "interactions.csv"
    meetings.write_text(
        "account,occurred_at,channel,level,summary,with\n"
        f'ES-9,2026-10-01 10:00,phone,operational,Pedido de otoño,"Ana Ruiz; {OLD}"\n',
        encoding="utf-8",
    )
    k("import", "interactions", str(meetings))
    k(
        "log", "ES-9", "--when", "2026-11-02 10:00", "--channel", "phone",
        "--level", "operational", "--summary", "Llamada", "--with", OLD,
    )  # fmt: skip
    conn = sqlite3.connect(db)
    who = conn.execute(
        "SELECT i.summary, p.name FROM interaction_participants ip"
        " JOIN interactions i ON i.id = ip.interaction_id JOIN people p ON p.id = ip.person_id"
        " ORDER BY i.summary, p.name"
    ).fetchall()
    conn.close()
    assert who == [("Llamada", NEW), ("Pedido de otoño", "Ana Ruiz"), ("Pedido de otoño", NEW)]


def test_merge_undo_takes_the_former_name_back(k, db: Path) -> None:  # type: ignore[no-untyped-def]
    merged(k)
    k("merge", "undo")
    assert aliases(db) == []
    assert set(people(k)) == {OLD, NEW, "Ana Ruiz"}


def test_a_second_merge_carries_the_former_names_and_undo_returns_them(k, db: Path) -> None:  # type: ignore[no-untyped-def]
    kept = merged(k)
    k("person", "add", "ES-9", "M. Z. Olano", "--side", "theirs")
    third = int(people(k)["M. Z. Olano"]["id"])  # type: ignore[call-overload]
    k("merge", "person", "ES-9", NEW, "M. Z. Olano", "--yes")
    assert set(aliases(db)) == {(third, OLD, kept - 1), (third, NEW, kept)}
    k("merge", "undo")
    assert aliases(db) == [(kept, OLD, kept - 1)]


def test_erasure_removes_the_former_names(k, db: Path) -> None:  # type: ignore[no-untyped-def]
    kept = merged(k)
    held = json.loads(k("privacy", "export", "ES-9", NEW))
    assert held["person"]["former_names"] == [OLD]
    assert f"- former names: {OLD}" in k("privacy", "export", "ES-9", NEW, "--format", "md")
    k("privacy", "erase", "ES-9", "#" + str(kept - 1), "--yes")  # the one merged away
    assert aliases(db) == []
    k("person", "add", "ES-9", "Mª Z. Olano", "--side", "theirs")
    k("merge", "person", "ES-9", "Mª Z. Olano", NEW, "--yes")
    assert [a[1] for a in aliases(db)] == ["Mª Z. Olano"]
    out = k("privacy", "erase", "ES-9", NEW, "--yes")  # the one kept
    assert "former names (people merged into them): Mª Z. Olano" in out
    assert "1 records of people merged into them (in the trash) removed" in out
    assert aliases(db) == []
    assert b"Z. Olano" not in file_bytes(db)


def test_a_former_names_column_gives_people_their_former_names(k, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    k("account", "add", "Conservas Peña S.A.", "--number", "ES-9")
    k("person", "add", "ES-9", NEW, "--side", "theirs")
    file = tmp_path / "people.csv"
    file.write_text(
        "account,side,name,former_names\n"
        f'ES-9,theirs,{NEW},"{OLD}; M. Z. Olano"\n'
        "ES-9,ours,Ana Ruiz,Ana R.\n",
        encoding="utf-8",
    )
    assert "1 new, 1 updated" in k("import", "people", str(file))
    assert "0 new, 0 updated, 2 unchanged" in k("import", "people", str(file))
    found = people(k)
    assert {(p, n) for p, n, _m in aliases(db)} == {
        (found[NEW]["id"], OLD),
        (found[NEW]["id"], "M. Z. Olano"),
        (found["Ana Ruiz"]["id"], "Ana R."),
    }
    k(
        "log", "ES-9", "--when", "2026-11-02 10:00", "--channel", "phone",
        "--level", "operational", "--summary", "Llamada", "--with", "m. z. olano, Ana R.",
    )  # fmt: skip
    conn = sqlite3.connect(db)
    who = {r[0] for r in conn.execute("SELECT person_id FROM interaction_participants")}
    conn.close()
    assert who == {found[NEW]["id"], found["Ana Ruiz"]["id"]}
