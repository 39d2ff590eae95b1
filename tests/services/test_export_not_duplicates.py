"""Pairs marked "not a duplicate" survive export -> import all (the
`not_duplicates` file: accounts by their reference, people by name within
their account) and `kamtui import not_duplicates` reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.domain.models import AccountInput, PersonInput
from kamtui.importers.csvfile import ImportFailed
from kamtui.services import accounts, duplicates, people
from kamtui.services.export import export
from kamtui.services.imports.everything import import_all
from kamtui.services.imports.not_duplicates import import_not_duplicates
from kamtui.storage.db import Store, open_store
from tests.services.roundtrip import rows

FORMS = {"csv": {}, "excel": {"excel": True}, "json": {"fmt": "json"}}


def _names(store: Store) -> set[tuple[str, str, str]]:
    return {(p.kind, p.a_name, p.b_name) for p in duplicates.find(store)}


def _mark(store: Store) -> list[tuple[str, str, str]]:
    """Marks an account pair (one by its number, one by its name), the best
    person pair and one of ours and one of theirs of the same name; what
    was marked, by names."""
    accounts.create(store, AccountInput(name="@Hierros Norte S.L.", account_number="=N-77"))
    accounts.create(store, AccountInput(name="Hierros Norte SA"))
    found = duplicates.find(store)
    best_account = next(p for p in found if p.kind == "account")
    best_person = next(p for p in found if p.kind == "person")
    acc = store.one("SELECT id FROM accounts ORDER BY id LIMIT 1")[0]
    ours = people.create_person(store, acc, PersonInput(side="ours", name="=Ana Ruiz"))
    theirs = people.create_person(store, acc, PersonInput(side="theirs", name="=Ana Ruiz"))
    for p in (best_account, best_person):
        assert duplicates.dismiss(store, p.kind, p.a_id, p.b_id)
    assert duplicates.dismiss(store, "person", ours, theirs)
    return [
        (best_account.kind, best_account.a_name, best_account.b_name),
        (best_person.kind, best_person.a_name, best_person.b_name),
    ]


@pytest.mark.parametrize("form", list(FORMS))
def test_marks_round_trip(demo_store: Store, tmp_path: Path, form: str) -> None:
    marked = _mark(demo_store)
    export(demo_store, tmp_path / "out", **FORMS[form])  # type: ignore[arg-type]
    if form == "csv":  # the account by its number, escaped against formulas
        text = (tmp_path / "out" / "not_duplicates.csv").read_text(encoding="utf-8")
        assert "account,,'=N-77,Hierros Norte SA" in text
    new = open_store(tmp_path / "new.db")
    try:
        reports = import_all(new, tmp_path / "out")
        assert reports["not_duplicates"].created == 3
        assert rows(new)["not_duplicates"] == rows(demo_store)["not_duplicates"]
        assert len(rows(new)["not_duplicates"]) == 3
        listed = _names(new)
        assert all(m not in listed for m in marked)
        assert listed == _names(demo_store)
        again = import_all(new, tmp_path / "out")["not_duplicates"]
        assert (again.created, again.unchanged) == (0, 3)
    finally:
        new.close()


def test_one_accounts_export_keeps_its_peoples_marks(demo_store: Store, tmp_path: Path) -> None:
    _mark(demo_store)
    acc = demo_store.one("SELECT id FROM accounts ORDER BY id LIMIT 1")[0]
    report = export(demo_store, tmp_path / "one", account=f"#{acc}")
    assert (
        report.counts["not_duplicates"]
        == demo_store.one(
            "SELECT COUNT(*) FROM not_duplicates n JOIN people p ON p.id = n.a_id"
            " WHERE n.kind = 'person' AND p.account_id = ?",
            (acc,),
        )[0]
    )
    text = (tmp_path / "one" / "not_duplicates.csv").read_text(encoding="utf-8")
    assert "ours:=Ana Ruiz,theirs:=Ana Ruiz" in text  # on both sides: the side told


def test_a_mark_of_a_record_in_the_trash_is_not_exported(demo_store: Store, tmp_path: Path) -> None:
    acc = demo_store.one("SELECT id FROM accounts ORDER BY id LIMIT 1")[0]
    p = people.create_person(demo_store, acc, PersonInput(side="theirs", name="Luis Gil"))
    q = people.create_person(demo_store, acc, PersonInput(side="theirs", name="Luis Gil Pérez"))
    duplicates.dismiss(demo_store, "person", p, q)
    people.delete_person(demo_store, q)
    report = export(demo_store, tmp_path / "t")
    assert report.counts["not_duplicates"] == 0


def test_bad_rows_are_reported_by_line_and_nothing_is_marked(
    demo_store: Store, tmp_path: Path
) -> None:
    name = demo_store.one("SELECT name FROM accounts ORDER BY id LIMIT 1")[0]
    path = tmp_path / "marks.csv"
    path.write_text(
        "kind,account,a,b\n"
        f'account,,"{name}",Nadie Que Exista SA\n'
        f'maybe,,"{name}","{name}"\n'
        f'account,,"{name}","{name}"\n'
        f'person,"{name}",Nadie,Tampoco\n',
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as failed:
        import_not_duplicates(demo_store, path)
    errors = failed.value.errors
    assert errors[0].startswith(f"{path}:2: b: ")
    assert errors[1].startswith(f"{path}:3: kind: 'maybe' is neither account nor person")
    assert errors[2].startswith(f"{path}:4: b: the same record as a")
    assert errors[3].startswith(f"{path}:5: a: no person 'Nadie'")
    assert demo_store.one("SELECT COUNT(*) FROM not_duplicates")[0] == 0
