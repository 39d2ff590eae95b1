"""Privacy services: consent history, subject access, erasure that leaves
nothing of the person in the file (nor its WAL), backups named."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from kamtui.services import people, privacy
from kamtui.services.errors import Ambiguous, NotFound, ServiceError
from kamtui.services.search import search
from kamtui.storage import erasure as erase_sql
from kamtui.storage.db import Store, open_store
from tests.services.privacy_world import EMAIL, NAME, build, file_bytes, leftovers

TODAY = date(2026, 11, 15)


def test_consent_history_keeps_order_and_skips_repeats(store: Store) -> None:
    w = build(store)
    given = privacy.consent_entry("sí", date(2026, 3, 1), "correo", "newsletter")
    assert privacy.record_consent(store, w.lucia, given)
    assert not privacy.record_consent(store, w.lucia, given)  # same status, same day
    privacy.record_consent(store, w.lucia, privacy.consent_entry("withdrawn", date(2026, 9, 1)))
    history = privacy.consent_history(store, w.lucia)
    assert [(h["status"], h["date"], h["channel"]) for h in history] == [
        ("given", "2026-03-01", "email"),
        ("withdrawn", "2026-09-01", None),
    ]
    assert privacy.current_consent(store, [w.lucia])[w.lucia]["status"] == "withdrawn"
    with pytest.raises(ServiceError, match="consent"):
        privacy.consent_entry("maybe", TODAY)


def test_person_edit_carries_lawful_basis_and_do_not_contact(store: Store) -> None:
    w = build(store)
    p = people.edit_person(
        store, w.pedro, {"lawful_basis": "interés legítimo", "do_not_contact": True}
    )
    assert p.lawful_basis == "legitimate_interest" and p.do_not_contact is True
    with pytest.raises(ServiceError, match="lawful basis"):
        people.edit_person(store, w.pedro, {"lawful_basis": "because"})


def test_find_any_person_refuses_ambiguous_and_unknown(store: Store) -> None:
    w = build(store)
    people.create_person(
        store, w.account_id, people.person_input({"side": "ours", "name": "Lucía Gómez Ruiz"})
    )
    with pytest.raises(Ambiguous) as exc:
        privacy.find_any_person(store, w.account_id, "lucia gomez")
    assert len(exc.value.candidates) == 2 and all("#" in c for c in exc.value.candidates)
    with pytest.raises(NotFound, match="known"):
        privacy.find_any_person(store, w.account_id, "Nadie")
    assert privacy.find_any_person(store, w.account_id, f"#{w.lucia}")["name"] == NAME
    people.delete_person(store, w.lucia)  # in the trash: still found
    assert privacy.find_any_person(store, w.account_id, "Pardo")["id"] == w.lucia


def test_subject_access_gathers_everything(store: Store) -> None:
    w = build(store)
    privacy.record_consent(
        store, w.lucia, privacy.consent_entry("given", date(2026, 3, 1), "email")
    )
    data = privacy.subject_access(store, w.lucia, today=TODAY)
    assert data["person"]["email"] == EMAIL and data["person"]["lawful_basis"] == "consent"
    assert [i["id"] for i in data["interactions"]] == [w.meeting]  # not the call
    assert "samples" in data["interactions"][0]["notes"]
    assert "Send samples" in data["interactions"][0]["next_steps"]
    assert [f["text"] for f in data["facts"]] == ["Likes early meetings"]
    assert data["complaints"][0]["title"].startswith("Late delivery")
    assert data["consents"][0]["channel"] == "email"
    assert data["links"][0]["other"] == "Ana Ruiz"
    json.dumps(data)  # serialisable as it is


def test_erasure_leaves_nothing_in_the_file_or_its_wal(db_path: Path) -> None:
    store = open_store(db_path)
    w = build(store)
    privacy.record_consent(store, w.lucia, privacy.consent_entry("given", date(2026, 3, 1)))
    people.delete_person(store, w.pedro)  # a trashed neighbour is kept, not erased
    people.restore_person(store, w.pedro)
    assert leftovers(file_bytes(db_path))  # the needles are there before
    plan = privacy.erasure_plan(store, w.lucia)
    assert plan.counts["participations"] == 1 and plan.counts["links"] == 1
    assert plan.counts["facts"] == 1 and plan.counts["consents"] == 1
    tables = plan.texts_by_table
    for table in (
        "interactions",
        "next_steps",
        "complaints",
        "facts",
        "goals",
        "health_snapshots",
        "meta",
    ):
        assert tables.get(table), table

    result = privacy.erase_person(store, w.lucia)
    assert result.clean and result.texts_changed == len(plan.mentions)
    # The store is still open: the WAL is on disk, and must hold nothing either.
    assert leftovers(file_bytes(db_path)) == []
    assert not erase_sql.pending(store)

    # The meeting stays, without her; the others stay whole.
    meeting = store.one("SELECT summary, notes FROM interactions WHERE id = ?", (w.meeting,))
    assert meeting is not None
    assert meeting["summary"] == "Kick-off with [erased contact] and Pedro"
    assert "Pedro Sanz agreed" in meeting["notes"] and "[erased contact] asked" in meeting["notes"]
    who = {
        r[0]
        for r in store.query(
            "SELECT person_id FROM interaction_participants WHERE interaction_id = ?", (w.meeting,)
        )
    }
    assert who == {w.ana, w.pedro}
    call = store.one("SELECT notes FROM interactions WHERE id = ?", (w.call,))
    assert (
        call is not None
        and call["notes"]
        == "Pedro said Sra. [erased contact] is on holiday (tel. [erased contact])."
    )
    assert [f[0] for f in store.query("SELECT text FROM facts")] == [
        "Needs the quote [erased contact] asked for"
    ]
    assert store.one("SELECT COUNT(*) FROM people WHERE id = ?", (w.lucia,))[0] == 0
    assert store.one("SELECT COUNT(*) FROM consents")[0] == 0
    draft = json.loads(store.get_meta(f"draft.interaction.{w.account_id}") or "{}")
    assert draft["values"]["summary"] == "Lunch, [erased contact]"
    # Search finds her no more, and the index is sound.
    assert not [h for h in search(store, "Lucía") if "Lucía" in str(h)]
    assert store.one("PRAGMA integrity_check")[0] == "ok"
    store.conn.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")
    store.close()
    assert leftovers(file_bytes(db_path)) == []


def test_erasure_with_another_connection_open(db_path: Path) -> None:
    """The app keeps its connection open while the shell erases: the file is
    cleaned all the same, and the app then reads the erased state."""
    store = open_store(db_path)
    w = build(store)
    app_side = open_store(db_path)
    assert app_side.one("SELECT COUNT(*) FROM people")[0] == 3
    result = privacy.erase_person(store, w.lucia)
    assert result.clean
    assert leftovers(file_bytes(db_path)) == []
    assert app_side.one("SELECT COUNT(*) FROM people")[0] == 2
    assert app_side.one("PRAGMA integrity_check")[0] == "ok"
    app_side.close()
    store.close()


def test_cleanup_waits_for_a_reader_then_finishes_at_next_open(db_path: Path) -> None:
    store = open_store(db_path)
    w = build(store)
    reader = sqlite3.connect(db_path, isolation_level=None)
    reader.execute("PRAGMA busy_timeout = 100")
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM people").fetchone()  # an open read holds the WAL
    store.conn.execute("PRAGMA busy_timeout = 100")
    result = privacy.erase_person(store, w.lucia)
    assert not result.clean and erase_sql.pending(store)
    assert store.one("SELECT COUNT(*) FROM people WHERE id = ?", (w.lucia,))[0] == 0
    reader.execute("COMMIT")
    reader.close()
    store.close()
    again = open_store(db_path)  # the next open finishes the clean-up
    assert not erase_sql.pending(again)
    assert leftovers(file_bytes(db_path)) == []
    again.close()


def test_first_name_alone_only_when_asked(store: Store) -> None:
    w = build(store)
    with store.write() as conn:
        conn.execute(
            "UPDATE interactions SET notes = 'Lucía will call back' WHERE id = ?", (w.call,)
        )

    def call_notes(first_name: bool) -> list[str]:
        plan = privacy.erasure_plan(store, w.lucia, first_name=first_name)
        return [m.after for m in plan.mentions if (m.table, m.row_id) == ("interactions", w.call)]

    assert call_notes(False) == []
    assert call_notes(True) == ["[erased contact] will call back"]


def test_backups_that_may_hold_the_person_are_named(db_path: Path) -> None:
    from kamtui.services.backup import backup

    store = open_store(db_path)
    w = build(store)
    copy, _ = backup(store)
    result = privacy.erase_person(store, w.lucia)
    assert copy in result.backups
    store.close()


def test_do_not_contact_is_never_due_and_marks_next_steps(store: Store) -> None:
    from kamtui.services import followups as fu

    w = build(store)
    with store.write() as conn:
        conn.execute("UPDATE accounts SET cadence_days = 30 WHERE id = ?", (w.account_id,))
    people.edit_person(store, w.lucia, {"decision_role": "decision_maker"})
    due = fu.contact_due(store, today=date(2027, 3, 1))
    assert w.lucia in {f.person_id for f in due}
    people.edit_person(store, w.lucia, {"do_not_contact": True})
    due = fu.contact_due(store, today=date(2027, 3, 1))
    assert w.lucia not in {f.person_id for f in due}
    assert None in {f.person_id for f in due}  # the account itself still is
    steps = [
        f
        for f in fu.followups(store, today=TODAY).due + fu.followups(store, today=TODAY).later
        if f.kind == fu.NEXT_STEP
    ]
    assert [s.do_not_contact for s in steps] == [(NAME,)]
    assert steps[0].as_json(TODAY)["do_not_contact"] == [NAME]


def test_purge_keeps_recent_trash_and_report_lists_the_rest(store: Store) -> None:
    from kamtui.config import PrivacyConfig
    from kamtui.services import retention

    w = build(store)
    with store.write() as conn:
        conn.execute("UPDATE people SET deleted_at = '2026-09-01T10:00:00' WHERE id = ?", (w.ana,))
        conn.execute(
            "UPDATE facts SET deleted_at = '2026-11-14T10:00:00' WHERE person_id = ?", (w.pedro,)
        )
        conn.execute("UPDATE people SET verified_at = '2025-01-01' WHERE id = ?", (w.pedro,))
    found = retention.report(store, today=TODAY, config=PrivacyConfig())
    assert [(t["kind"], t["id"]) for t in found.trash_past_retention] == [("person", w.ana)]
    assert [p["id"] for p in found.not_verified] == [w.pedro]
    assert retention.purge_due(store, today=TODAY)
    assert retention.auto_purge(store, today=TODAY, config=PrivacyConfig()) == 1
    assert not retention.purge_due(store, today=TODAY)  # once a day
    assert retention.auto_purge(store, today=TODAY, config=PrivacyConfig()) == 0
    assert store.one("SELECT COUNT(*) FROM people WHERE id = ?", (w.ana,))[0] == 0
    assert store.one("SELECT COUNT(*) FROM facts WHERE deleted_at IS NOT NULL")[0] == 1
