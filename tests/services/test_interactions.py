"""Logging interactions (service layer), lenient dates, participants, next
steps, drafts and the account timeline."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kamtui import dates
from kamtui.domain.models import AccountInput, PersonInput
from kamtui.services import accounts
from kamtui.services import interactions as inter
from kamtui.services.errors import Ambiguous, NotFound, ServiceError
from kamtui.storage.db import Store

TODAY = date(2026, 11, 15)  # a Sunday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", datetime(2026, 11, 15, 0, 0)),
        ("yesterday 15:00", datetime(2026, 11, 14, 15, 0)),
        ("2025-03-07", datetime(2025, 3, 7)),
        ("7/3/2025", datetime(2025, 3, 7)),  # day-first
        ("last friday", datetime(2026, 11, 13)),
        ("ayer 9:30", datetime(2026, 11, 14, 9, 30)),
        ("13/11/2026 10:15", datetime(2026, 11, 13, 10, 15)),
    ],
)
def test_lenient_dates_with_injected_today(text: str, expected: datetime) -> None:
    assert dates.parse_datetime(text, today=TODAY) == expected
    assert inter.parse_when(text, today=TODAY) == expected.isoformat(timespec="minutes")


def test_last_friday_on_a_friday_is_a_week_ago() -> None:
    assert dates.parse_date("last friday", today=date(2026, 11, 13)) == date(2026, 11, 6)


def test_now_and_today_take_the_clock_only_on_the_real_day() -> None:
    now = datetime(2026, 11, 15, 9, 41)
    assert inter.parse_when("today", today=TODAY, now=now) == "2026-11-15T09:41"
    assert inter.parse_when("now", today=TODAY, now=now) == "2026-11-15T09:41"
    assert inter.parse_when("today", today=date(2026, 11, 16), now=now) == "2026-11-16T00:00"
    with pytest.raises(ServiceError, match="when: "):
        inter.parse_when("the day after the party", today=TODAY)
    with pytest.raises(ServiceError, match="when: is required"):
        inter.parse_when("  ", today=TODAY)


def test_next_steps_text_at_date() -> None:
    assert inter.parse_next_step("Send the offer @ next friday", today=TODAY) == (
        "Send the offer",
        "2026-11-20",
    )
    assert inter.parse_next_step("Write to ana@example.com", today=TODAY) == (
        "Write to ana@example.com",
        None,
    )
    assert inter.parse_next_step("No date here", today=TODAY) == ("No date here", None)
    assert inter.parse_next_steps("A@1/12/2026\n\nB", today=TODAY) == [
        ("A", "2026-12-01"),
        ("B", None),
    ]
    with pytest.raises(ServiceError, match="line 2"):
        inter.parse_next_steps("ok\nbad @ someday maybe", today=TODAY)


def _account(store: Store) -> tuple[int, int, int, int]:
    acc = accounts.create(store, AccountInput(name="Conservas Núñez S.A."))
    ours = inter.add_person(store, acc, PersonInput(side="ours", name="Lucía Fernández"))
    ana = inter.add_person(store, acc, PersonInput(side="theirs", name="Ana Núñez"))
    ana2 = inter.add_person(store, acc, PersonInput(side="theirs", name="Ana Belén Ruiz"))
    return acc, ours, ana, ana2


def test_log_interaction_with_people_and_next_steps(store: Store) -> None:
    acc, ours, ana, _ = _account(store)
    iid = inter.log_interaction(
        store,
        acc,
        occurred_at="2026-11-14T15:00",
        channel="Teléfono",
        level="estratégico",
        kind="call",
        summary="Plan 2027",
        notes="- [bold]literal[/]\n- second",
        mood="4",
        participant_ids=[ours, ana, ana],
        next_steps=[("Send offer", "2026-11-20")],
    )
    [item] = [i for i in inter.timeline(store, acc).items if i.type == "interaction"]
    assert (item.id, item.channel, item.level, item.kind, item.mood) == (
        iid,
        "phone",
        "strategic",
        "call",
        4,
    )
    assert item.notes == "- [bold]literal[/]\n- second"
    assert [p.name for p in item.people] == ["Lucía Fernández", "Ana Núñez"]
    assert [(s.text, s.due_date) for s in item.next_steps] == [("Send offer", "2026-11-20")]


def test_invalid_interactions_write_nothing(store: Store) -> None:
    acc, ours, _, _ = _account(store)
    other = accounts.create(store, AccountInput(name="Otra"))
    stranger = inter.add_person(store, other, PersonInput(side="theirs", name="Extraño"))
    base = dict(occurred_at="2026-11-14T15:00", channel="phone", level="strategic", summary="x")
    bad = [
        {**base, "channel": "pigeon"},
        {**base, "level": "casual"},
        {**base, "mood": 9},
        {**base, "summary": "  "},
        {**base, "participant_ids": [ours, stranger]},
        {**base, "next_steps": [("", None)]},
        {**base, "complaint_severity": "apocalyptic"},
    ]
    for kwargs in bad:
        with pytest.raises(ServiceError):
            inter.log_interaction(store, acc, **kwargs)  # type: ignore[arg-type]
    assert store.one("SELECT COUNT(*) FROM interactions")[0] == 0
    assert store.one("SELECT COUNT(*) FROM next_steps")[0] == 0
    with pytest.raises(NotFound):
        inter.log_interaction(store, 999, **base)  # type: ignore[arg-type]


def test_complaint_opened_from_an_interaction(store: Store) -> None:
    acc, _, _, _ = _account(store)
    iid = inter.log_interaction(
        store,
        acc,
        occurred_at="2026-11-14T15:00",
        channel="email",
        level="operational",
        kind="complaint",
        summary="Entrega parcial",
        notes="Faltan 40 cajas",
        complaint_severity="alta",
    )
    row = store.one("SELECT * FROM complaints")
    assert (row["interaction_id"], row["title"], row["severity"], row["opened_at"]) == (
        iid,
        "Entrega parcial",
        "high",
        "2026-11-14",
    )


def test_resolve_people_by_name_part_accent_insensitive(store: Store) -> None:
    acc, ours, ana, ana2 = _account(store)
    assert inter.resolve_people(store, acc, ["lucia", "Ana Nunez"]) == [ours, ana]
    assert inter.resolve_people(store, acc, ["belen"]) == [ana2]
    with pytest.raises(Ambiguous) as exc:
        inter.resolve_people(store, acc, ["ana"])
    assert "Ana Núñez" in str(exc.value) and "Ana Belén Ruiz" in str(exc.value)
    with pytest.raises(NotFound, match="people: Lucía Fernández"):
        inter.resolve_people(store, acc, ["Pedro"])


def test_parse_inline_person() -> None:
    p = inter.parse_person("Marta Gil, ours, calidad")
    assert (p.name, p.side, p.function) == ("Marta Gil", "ours", "quality")
    assert inter.parse_person("Jon").side == "theirs"
    with pytest.raises(ServiceError, match="side"):
        inter.parse_person("Jon, neither")


def test_timeline_merges_orders_and_complaints_and_filters(demo_store: Store) -> None:
    pena = accounts.resolve(demo_store, "Conservas Peña").id
    tl = inter.timeline(demo_store, pena)
    whens = [i.when[:16] for i in tl.items]
    assert whens == sorted(whens, reverse=True)
    assert {i.type for i in tl.items} >= {"interaction", "order"}
    strategic = inter.filter_timeline(tl.items, level="strategic")
    assert strategic and all(i.type == "interaction" and i.level == "strategic" for i in strategic)
    only_orders = inter.filter_timeline(tl.items, kind="order")
    assert only_orders and all(i.type == "order" for i in only_orders)
    person = next(p for p in tl.people if p.side == "theirs")
    theirs = inter.filter_timeline(tl.items, person_id=person.id)
    assert theirs and all(person.id in {p.id for p in i.people} for i in theirs)
    phone = inter.filter_timeline(tl.items, channel="phone", kind="call")
    assert all(i.channel == "phone" and i.kind == "call" for i in phone)


def test_drafts_are_kept_per_account(store: Store) -> None:
    acc, _, _, _ = _account(store)
    assert inter.load_draft(store, acc) is None
    inter.save_draft(store, acc, {"summary": "half-typed", "notes": "[/] x"})
    saved_at, values = inter.load_draft(store, acc)  # type: ignore[misc]
    assert values == {"summary": "half-typed", "notes": "[/] x"} and saved_at
    assert inter.load_draft(store, acc + 1) is None
    inter.clear_draft(store, acc)
    assert inter.load_draft(store, acc) is None


def test_next_step_done_and_undone(store: Store) -> None:
    acc, _, _, _ = _account(store)
    inter.log_interaction(
        store,
        acc,
        occurred_at="2026-11-14T15:00",
        channel="phone",
        level="operational",
        summary="x",
        next_steps=[("Call back", "2026-11-16")],
    )
    step = store.one("SELECT id FROM next_steps")[0]
    inter.complete_next_step(store, step, TODAY)
    assert store.one("SELECT done_at FROM next_steps")[0] == "2026-11-15"
    inter.complete_next_step(store, step, TODAY, done=False)
    assert store.one("SELECT done_at FROM next_steps")[0] is None
    with pytest.raises(NotFound):
        inter.complete_next_step(store, 999, TODAY)
