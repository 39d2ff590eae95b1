"""Complaints lifecycle (open -> in progress -> resolved) and facts."""

from __future__ import annotations

from datetime import date

import pytest

from kamtui.domain.models import AccountInput, PersonInput
from kamtui.services import accounts, facts
from kamtui.services import complaints as cs
from kamtui.services import interactions as inter
from kamtui.services.errors import ServiceError
from kamtui.storage.db import Store

TODAY = date(2026, 11, 15)


def test_lifecycle_with_dates_resolution_and_time(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Conservas Peña S.A."))
    cid = cs.open_complaint(
        store, acc, title="Entrega parcial", severity="Alta", opened_at="7/11/2026", today=TODAY
    )
    c = cs.get(store, cid)
    assert (c.status, c.severity, c.opened_at) == ("open", "high", "2026-11-07")
    assert cs.describe_time(c, TODAY) == "open for 8 day(s)"
    with pytest.raises(ServiceError, match="resolution"):
        cs.resolve(store, cid, resolution="  ", today=TODAY)

    cs.start(store, cid, today=date(2026, 11, 9))
    c = cs.get(store, cid)
    assert (c.status, c.in_progress_at) == ("in_progress", "2026-11-09")
    assert cs.describe_time(c, TODAY) == "in progress for 8 day(s)"
    with pytest.raises(ServiceError, match="not open"):
        cs.start(store, cid, today=TODAY)

    cs.resolve(store, cid, resolution="Envío urgente desde Zaragoza", today=TODAY)
    c = cs.get(store, cid)
    assert (c.status, c.resolved_at, c.resolution) == (
        "resolved",
        "2026-11-15",
        "Envío urgente desde Zaragoza",
    )
    assert c.resolution_days() == 8
    assert cs.describe_time(c, TODAY) == "resolved in 8 day(s)"
    with pytest.raises(ServiceError, match="already resolved"):
        cs.advance(store, cid, today=TODAY)

    cs.reopen(store, cid)
    assert cs.get(store, cid).status == "in_progress"


def test_advance_steps_and_date_order(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="X"))
    cid = cs.open_complaint(store, acc, title="Factura duplicada", today=TODAY)
    assert cs.get(store, cid).opened_at == "2026-11-15"
    with pytest.raises(ServiceError, match="before the complaint was opened"):
        cs.resolve(store, cid, resolution="ok", today=TODAY, on="2026-11-01")
    assert cs.advance(store, cid, today=TODAY) == "in_progress"
    assert cs.advance(store, cid, today=TODAY, resolution="Abono emitido") == "resolved"
    assert cs.get(store, cid).resolution_days() == 0
    assert cs.describe_time(cs.get(store, cid), TODAY) == "resolved the same day"


def test_bad_complaints_are_refused(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="X"))
    with pytest.raises(ServiceError, match="title"):
        cs.open_complaint(store, acc, title=" ", today=TODAY)
    with pytest.raises(ServiceError, match="severity"):
        cs.open_complaint(store, acc, title="t", severity="meh", today=TODAY)
    with pytest.raises(ServiceError, match="opened"):
        cs.open_complaint(store, acc, title="t", opened_at="someday", today=TODAY)
    assert cs.of_account(store, acc) == []


def test_update_details_and_delete(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="X"))
    cid = cs.open_complaint(store, acc, title="t", today=TODAY)
    cs.update_details(
        store,
        cid,
        title="[bold]Retraso[/]",
        description="d",
        severity="critical",
        opened_at="2026-11-10",
        today=TODAY,
    )
    c = cs.get(store, cid)
    assert (c.title, c.severity, c.opened_at) == ("[bold]Retraso[/]", "critical", "2026-11-10")
    cs.delete(store, cid)
    assert cs.of_account(store, acc) == []


def test_facts_per_account_or_person(store: Store) -> None:
    acc = accounts.create(store, AccountInput(name="Conservas Peña S.A."))
    ana = inter.add_person(store, acc, PersonInput(side="theirs", name="Ana"))
    f1 = facts.add(store, acc, "Facturas solo por e-mail", kind="preferencia")
    f2 = facts.add(store, acc, "Cierra el ejercicio en marzo", kind="habit", person_id=ana)
    listed = facts.of_account(store, acc)
    assert {(f["id"], f["kind"], f["person"]) for f in listed} == {
        (f1, "preference", None),
        (f2, "habit", "Ana"),
    }
    facts.update(store, f1, "Facturas solo en PDF por e-mail", kind="need")
    assert facts.get(store, f1)["text"] == "Facturas solo en PDF por e-mail"
    with pytest.raises(ServiceError, match="text"):
        facts.add(store, acc, "   ")
    with pytest.raises(ServiceError, match="kind"):
        facts.add(store, acc, "x", kind="gossip")
    other = accounts.create(store, AccountInput(name="Otra"))
    with pytest.raises(ServiceError, match="map"):
        facts.add(store, other, "x", person_id=ana)
    facts.delete(store, f2)
    assert [f["id"] for f in facts.of_account(store, acc)] == [f1]


def test_save_edit_moves_the_status_in_one_transaction(store: Store) -> None:
    from kamtui.storage.versions import RecordConflict

    acc = accounts.create(store, AccountInput(name="Edit S.L."))
    cid = cs.open_complaint(store, acc, title="Rotura", opened_at="2026-11-01", today=TODAY)
    version = store.one("SELECT version FROM complaints WHERE id = ?", (cid,))[0]
    details = {"title": "Rotura de palés", "description": None, "severity": "high"}
    cs.save_edit(
        store,
        cid,
        **details,
        opened_at="2026-11-01",
        status="resolved",
        status_on="2026-11-10",
        resolution="Reposición enviada",
        today=TODAY,
        expected_version=version,
    )
    c = cs.get(store, cid)
    assert (c.title, c.status, c.resolved_at) == ("Rotura de palés", "resolved", "2026-11-10")
    # the version the form loaded is stale now: nothing is written
    with pytest.raises(RecordConflict):
        cs.save_edit(
            store,
            cid,
            **{**details, "title": "Otra"},
            opened_at="2026-11-01",
            status="open",
            today=TODAY,
            expected_version=version,
        )
    assert cs.get(store, cid).title == "Rotura de palés"
    # a bad move rolls the details back with it
    with pytest.raises(ServiceError, match="resolution"):
        cs.save_edit(
            store,
            cid,
            **{**details, "title": "Otra"},
            opened_at="2026-11-01",
            status="resolved",
            resolution="   ",
            today=TODAY,
        )
    assert cs.get(store, cid).title == "Rotura de palés"
