"""Correcting the record from the shell: accounts, people, interactions,
complaints, facts and the trash (issue 15's shell-parity part)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.shell import ok


def refused(result: tuple[int, str, str], *words: str) -> str:
    code, out, err = result
    assert code == 2, (out, err)
    for w in words:
        assert w in err
    return err


@pytest.fixture
def acme(k):  # type: ignore[no-untyped-def]
    assert ok(k("account", "add", "Peña Hermanos S.L.", "--number", "ES-9", "--tier", "b")) == "1\n"
    return k


def test_accounts_add_list_edit_delete(acme) -> None:  # type: ignore[no-untyped-def]
    k = acme
    ok(k("account", "add", "Acme", "--owner", "Ana", "--cadence", "30", "--status", "Potencial"))
    rows = json.loads(ok(k("accounts", "--json")))
    assert rows == [
        {"id": 2, "name": "Acme", "number": None, "tier": None, "owner": "Ana", "status": "prospect",
         "identifiers": []},
        {"id": 1, "name": "Peña Hermanos S.L.", "number": "ES-9", "tier": "B", "owner": None,
         "status": "active", "identifiers": []},
    ]  # fmt: skip
    assert "#1  Peña Hermanos S.L.  ES-9" in ok(k("accounts"))
    # only the given fields change; accents and case do not matter
    edited = json.loads(ok(k("account", "edit", "PENA", "--tier", "A", "--status", "INACTIVA",
                             "--json")))  # fmt: skip
    assert (edited["tier"], edited["status"], edited["number"]) == ("A", "dormant", "ES-9")
    assert edited["version"] == 2
    assert "changed Acme Norte (#2)" in ok(k("account", "edit", "#2", "--name", "Acme Norte"))
    assert "moved to the trash" in ok(k("account", "delete", "acme norte"))
    assert [r["id"] for r in json.loads(ok(k("accounts", "--json")))] == [1]


def test_account_errors_exit_2(acme) -> None:  # type: ignore[no-untyped-def]
    k = acme
    refused(k("account", "add", " "), "name")
    refused(k("account", "add", "X", "--status", "nope"), "unknown status 'nope'")
    refused(k("account", "add", "X", "--cadence", "0"), "cadence_days")
    refused(k("account", "edit", "pena"), "nothing to change")
    refused(k("account", "edit", "nobody", "--tier", "A"), "no account matches")
    refused(k("account", "delete", "#9"), "no account #9")
    assert len(json.loads(ok(k("accounts", "--json")))) == 1


def test_account_edit_refuses_a_change_made_meanwhile(acme, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kamtui.services import accounts
    from kamtui.storage import accounts as account_sql

    real_update = account_sql.update

    def racing(store, account_id, data, **kw):  # type: ignore[no-untyped-def]
        with store.write() as conn:  # someone else saves first
            conn.execute("UPDATE accounts SET owner = 'Eve', version = version + 1 WHERE id = 1")
        real_update(store, account_id, data, **kw)

    monkeypatch.setattr(accounts.account_sql, "update", racing)
    refused(acme("account", "edit", "pena", "--tier", "C"), "changed or trashed", "nothing")
    monkeypatch.setattr(accounts.account_sql, "update", real_update)
    row = json.loads(ok(acme("accounts", "--json")))[0]
    assert (row["tier"], row["owner"]) == ("B", "Eve")


def test_people_add_list_edit_delete(acme) -> None:  # type: ignore[no-untyped-def]
    k = acme
    assert ok(k("person", "add", "pena", "Lucía Gómez", "--side", "Suyo", "--function",
                "COMPRAS", "--role", "decisor", "--stance", "campeon")) == "1\n"  # fmt: skip
    ok(k("person", "add", "pena", "Ana Ruiz", "--side", "ours", "--email", "ana@us.es"))
    people = json.loads(ok(k("people", "pena", "--json")))
    assert [(p["name"], p["side"]) for p in people] == [("Ana Ruiz", "ours"),
                                                       ("Lucía Gómez", "theirs")]  # fmt: skip
    assert (people[1]["function"], people[1]["role"], people[1]["stance"]) == (
        "purchasing", "decision_maker", "champion")  # fmt: skip
    edited = json.loads(ok(k("person", "edit", "pena", "lucia", "--title", "Jefa", "--json")))
    assert (edited["title"], edited["role"], edited["version"]) == ("Jefa", "decision_maker", 2)
    assert "Jefa" in ok(k("people", "pena"))
    assert "moved to the trash" in ok(k("person", "delete", "pena", "ana"))
    assert len(json.loads(ok(k("people", "pena", "--json")))) == 1


def test_people_errors_exit_2(acme) -> None:  # type: ignore[no-untyped-def]
    k = acme
    refused(k("person", "add", "pena", "X", "--side", "sideways"), "unknown side")
    refused(k("person", "add", "pena", "X", "--side", "ours", "--email", "nope"), "email")
    assert k("person", "add", "pena", "X")[0] == 2  # --side is required
    refused(k("person", "edit", "pena", "nobody", "--title", "T"), "no person 'nobody'")
    refused(k("person", "edit", "pena", "x"), "nothing to change")
    refused(k("people", "nope"), "no account")


def _with_interaction(k):  # type: ignore[no-untyped-def]
    ok(k("person", "add", "pena", "Lucía Gómez", "--side", "theirs"))
    ok(k("person", "add", "pena", "Ana Ruiz", "--side", "ours"))
    ok(k("log", "pena", "--when", "2026-11-10 10:00", "--channel", "phone", "--level",
         "strategic", "--summary", "Plan 2027", "--with", "Lucía", "--next", "Offer@2026-11-20"))  # fmt: skip
    return k


def test_interactions_list_edit_delete(acme, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    k = _with_interaction(acme)
    items = json.loads(ok(k("interactions", "pena", "--json")))
    assert [(i["id"], i["summary"], i["when"]) for i in items] == [
        (1, "Plan 2027", "2026-11-10T10:00")
    ]
    assert [p["name"] for p in items[0]["with"]] == ["Lucía Gómez"]
    assert items[0]["next_steps"][0]["due_date"] == "2026-11-20"
    assert "#1  10/11/2026 10:00" in ok(k("interactions", "pena"))
    notes = tmp_path / "n.md"
    notes.write_text("- agreed X\n", encoding="utf-8")
    edited = json.loads(ok(k("interaction", "edit", "#1", "--summary", "Plan 2027 v2", "--level",
                             "Satisfacción", "--with", "Ana, Lucía", "--when", "2026-11-09 9:30",
                             "--note-file", str(notes), "--json")))  # fmt: skip
    assert (edited["summary"], edited["level"], edited["when"], edited["notes"]) == (
        "Plan 2027 v2", "satisfaction", "2026-11-09T09:30", "- agreed X")  # fmt: skip
    assert {p["name"] for p in edited["with"]} == {"Ana Ruiz", "Lucía Gómez"}
    assert edited["channel"] == "phone"  # untouched
    assert json.loads(ok(k("interactions", "pena", "--since", "2026-11-10", "--json"))) == []
    assert len(json.loads(ok(k("interactions", "pena", "--since", "2026-11-09", "--json")))) == 1
    assert "moved to the trash" in ok(k("interaction", "delete", "1"))
    assert json.loads(ok(k("interactions", "pena", "--json"))) == []


def test_interaction_errors_exit_2(acme) -> None:  # type: ignore[no-untyped-def]
    k = _with_interaction(acme)
    refused(k("interaction", "edit", "99", "--summary", "x"), "no interaction with id 99")
    refused(k("interaction", "edit", "1", "--level", "nope"), "unknown level")
    refused(k("interaction", "edit", "1", "--with", "Nobody"), "no person 'Nobody'")
    refused(k("interaction", "edit", "1", "--summary", " "), "summary")
    refused(k("interaction", "edit", "1", "--when", "not a date at all"), "--when")
    refused(k("interaction", "edit", "1"), "nothing to change")
    assert k("interaction", "edit", "one", "--summary", "x")[0] == 2
    refused(k("interactions", "pena", "--since", "nonsense"), "--since")
    refused(k("interaction", "delete", "7"), "no interaction")
    item = json.loads(ok(k("interactions", "pena", "--json")))[0]
    assert (item["summary"], item["level"], len(item["with"])) == ("Plan 2027", "strategic", 1)


def test_complaints_and_facts(acme) -> None:  # type: ignore[no-untyped-def]
    k = _with_interaction(acme)
    ok(k("log", "pena", "--when", "today", "--channel", "email", "--level", "operational",
         "--summary", "Late delivery", "--complaint", "high"))  # fmt: skip
    assert "Late delivery" in ok(k("complaints"))
    [c] = json.loads(ok(k("complaints", "--json")))
    assert (c["id"], c["status"], c["severity"], c["account"]) == (
        1, "open", "high", "Peña Hermanos S.L.")  # fmt: skip
    assert "in progress" in ok(k("complaint", "advance", "1"))
    refused(k("complaint", "advance", "1"), "resolution")
    done = json.loads(ok(k("complaint", "resolve", "1", "--resolution", "Sent again", "--json")))
    assert (done["status"], done["resolution"]) == ("resolved", "Sent again")
    refused(k("complaint", "resolve", "1", "--resolution", "x"), "already resolved")
    refused(k("complaint", "advance", "5"), "no complaint")
    assert json.loads(ok(k("complaints", "--json"))) == []
    assert [c["status"] for c in json.loads(ok(k("complaints", "pena", "--json")))] == ["resolved"]

    assert ok(k("fact", "add", "pena", "Prefers calls after 16:00", "--person", "lucia",
                "--kind", "Preferencia")) == "1\n"  # fmt: skip
    [f] = json.loads(ok(k("facts", "pena", "--json")))
    assert (f["kind"], f["person"], f["text"]) == (
        "preference", "Lucía Gómez", "Prefers calls after 16:00")  # fmt: skip
    assert "preference (Lucía Gómez)" in ok(k("facts", "pena"))
    refused(k("fact", "add", "pena", "x", "--person", "nobody"), "no person")
    refused(k("fact", "add", "pena", " "), "text")
    refused(k("fact", "add", "pena", "x", "--kind", "rumour"), "unknown kind")


def test_trash_and_restore(acme) -> None:  # type: ignore[no-untyped-def]
    k = _with_interaction(acme)
    ok(k("account", "add", "Other"))
    ok(k("interaction", "delete", "1"))
    ok(k("person", "delete", "pena", "ana"))
    ok(k("account", "delete", "other"))
    items = json.loads(ok(k("trash", "--json")))
    assert {(i["kind"], i["id"]) for i in items} == {
        ("interaction", 1), ("person", 2), ("account", 2)}  # fmt: skip
    assert "Plan 2027" in ok(k("trash"))
    assert "restored person #2" in ok(k("restore", "people", "2"))
    assert json.loads(ok(k("restore", "Interaction", "#1", "--json")))["kind"] == "interaction"
    ok(k("restore", "account", "2"))
    assert json.loads(ok(k("trash", "--json"))) == []
    assert "The trash is empty." in ok(k("trash"))
    refused(k("restore", "account", "1"), "no account #1 in the trash")
    refused(k("restore", "widget", "1"), "unknown kind")


def test_edit_if_version_refuses_a_stale_version(acme) -> None:  # type: ignore[no-untyped-def]
    k = _with_interaction(acme)
    item = json.loads(ok(k("interactions", "pena", "--json")))[0]
    version = str(item["version"])
    ok(k("interaction", "edit", "1", "--summary", "First", "--if-version", version))
    err = refused(
        k("interaction", "edit", "1", "--summary", "Second", "--if-version", version),
        "changed or trashed by someone else meanwhile",
    )
    assert "nothing was written" in err
    now = json.loads(ok(k("interactions", "pena", "--json")))[0]
    assert now["summary"] == "First" and now["version"] > item["version"]
    ok(k("interaction", "edit", "1", "--summary", "Second", "--if-version", str(now["version"])))
    assert json.loads(ok(k("interactions", "pena", "--json")))[0]["summary"] == "Second"
