"""Logging interactions (TUI and CLI), the account timeline, drafts.

`log_interaction` validates everything before it writes anything: an unknown
vocabulary value, a participant from another account or a bad next-step date
raises ServiceError and nothing is stored."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kamtui import dates
from kamtui.domain.interaction import Interaction, InvalidField
from kamtui.services.errors import Ambiguous, NotFound, ServiceError
from kamtui.storage import interactions as sql
from kamtui.storage import lookup as lookup_sql
from kamtui.storage.db import Store, now_iso
from kamtui.storage.errors import StorageError
from kamtui.textsafe import clean, fold
from kamtui.vocab import SEVERITY

if TYPE_CHECKING:
    from pydantic import ValidationError

    from kamtui.domain.models import PersonInput

# `kamtui log` runs this module in a fresh process each time, so what only some
# functions need (pydantic and its models, the complaint and fact tables) is
# imported inside them.

# -- people of the account's map -------------------------------------------------


@dataclass(frozen=True)
class Participant:
    id: int
    name: str
    side: str
    function: str | None = None
    title: str | None = None

    @property
    def label(self) -> str:
        bits = [b for b in (self.title, self.function) if b]
        extra = f" ({clean(bits[0], one_line=True)})" if bits else ""
        return f"{clean(self.name, one_line=True)}{extra}"


def people(store: Store, account_id: int) -> list[Participant]:
    """Both sides of the account's map, ours first."""
    return [
        Participant(r["id"], r["name"], r["side"], r["function"], r["title"])
        for r in sql.people(store, account_id)
    ]


def add_person(store: Store, account_id: int, data: PersonInput) -> int:
    """A new person added inline from the log form."""
    from kamtui.services import people as people_service

    return people_service.create_person(store, account_id, data)


def parse_person(text: str) -> PersonInput:
    """'Name', 'Name, ours' or 'Name, theirs, purchasing' -> PersonInput
    (their side unless told). Raises ServiceError."""
    from pydantic import ValidationError

    from kamtui.domain.models import PersonInput

    parts = [p.strip() for p in text.split(",")]
    name = parts[0] if parts else ""
    side = parts[1] if len(parts) > 1 and parts[1] else "theirs"
    function = parts[2] if len(parts) > 2 and parts[2] else None
    try:
        return PersonInput(name=name, side=side, function=function)
    except ValidationError as exc:
        raise ServiceError(_first_error(exc)) from None


def resolve_people(store: Store, account_id: int, names: Iterable[str]) -> list[int]:
    """Names (exact, or a unique part, accent-insensitive) -> person ids of
    this account. Unknown or ambiguous names raise, listing candidates."""
    everyone = people(store, account_id)
    ids: list[int] = []
    for raw in names:
        name = " ".join(raw.split())
        if not name:
            continue
        key = fold(name)
        exact = [p for p in everyone if fold(p.name) == key]
        found = exact or [p for p in everyone if key in fold(p.name)]
        if len(found) == 1:
            if found[0].id not in ids:
                ids.append(found[0].id)
            continue
        if found:
            raise Ambiguous("person", name, [_person_label(p) for p in found])
        known = "; ".join(_person_label(p) for p in everyone) or "nobody on the map yet"
        raise NotFound(f"no person {name!r} on this account's map; people: {known}")
    return ids


def _person_label(p: Participant) -> str:
    return f"{p.name} ({'ours' if p.side == 'ours' else 'theirs'}, #{p.id})"


# -- next steps ------------------------------------------------------------------

_EMAIL_TAIL = re.compile(r"^[\w-]+(\.[\w-]+)*\.[A-Za-z]{2,}(\s|$)")


def parse_next_step(text: str, *, today: date) -> tuple[str, str | None]:
    """'Send the offer @ next friday' -> ('Send the offer', '2026-11-20').
    The last '@' separates the due date; no '@' means no date."""
    line = " ".join(text.split())
    body, sep, when = line.rpartition("@")
    if sep and body and not body[-1].isspace() and _EMAIL_TAIL.match(when):
        sep = ""  # "write to ana@example.com": an address, not a due date
    if not sep:
        if not line:
            raise ServiceError("next step: text is required")
        return line, None
    body = body.strip()
    if not body:
        raise ServiceError(f"next step {text!r}: text is required before '@'")
    if not when.strip():
        return body, None
    try:
        due = dates.parse_date(when.strip(), today=today)
    except ValueError as exc:
        raise ServiceError(f"next step {body!r}: {exc}") from None
    return body, due.isoformat()


def parse_next_steps(text: str, *, today: date) -> list[tuple[str, str | None]]:
    """One next step per line (blank lines skipped); errors name the line."""
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(parse_next_step(line, today=today))
        except ServiceError as exc:
            raise ServiceError(f"next steps line {n}: {exc}") from None
    return out


# -- logging ---------------------------------------------------------------------


def parse_when(text: str, *, today: date, now: datetime | None = None) -> str:
    """Lenient date/time -> stored ISO minutes. "now", or a bare "today" when
    today is the real today, take the current time (`now`)."""
    raw = fold(text)
    if not raw:
        raise ServiceError("when: is required")
    if now is not None and (
        raw in ("now", "ahora") or (raw in ("today", "hoy") and now.date() == today)
    ):
        return dates.iso(now) or ""
    if raw in ("now", "ahora"):
        raw, text = "today", "today"
    try:
        value = dates.parse_datetime(text, today=today)
    except ValueError as exc:
        raise ServiceError(f"when: {exc}") from None
    return dates.iso(value) or ""


def log_interaction(
    store: Store,
    account_id: int,
    *,
    occurred_at: str | datetime,
    channel: str,
    level: str,
    kind: str = "meeting",
    summary: str,
    notes: str | None = None,
    mood: int | str | None = None,
    participant_ids: Sequence[int] = (),
    next_steps: Sequence[tuple[str, str | None]] = (),
    complaint_severity: str | None = None,
) -> int:
    """Validate and store one interaction with participants and next steps.
    With `complaint_severity`, a complaint is opened from it too (same
    transaction). Returns the interaction id."""
    if not lookup_sql.account_exists(store, account_id):
        raise NotFound(f"no account with id {account_id}")
    when = occurred_at if isinstance(occurred_at, str) else dates.iso(occurred_at)
    if mood in ("", None):
        mood = None
    try:
        data = Interaction.validate(
            account_id=account_id,
            occurred_at=when or "",
            channel=channel,
            level=level,
            kind=kind or "meeting",
            summary=summary,
            notes=notes,
            mood=mood,
            participant_ids=list(dict.fromkeys(participant_ids)),
        )
    except InvalidField as exc:
        raise ServiceError(str(exc)) from None
    try:
        datetime.fromisoformat(data.occurred_at)
    except ValueError:
        raise ServiceError(f"when: {data.occurred_at!r} is not a date") from None
    known = sql.people_of_account(store, account_id, data.participant_ids)
    strangers = [pid for pid in data.participant_ids if pid not in known]
    if strangers:
        raise ServiceError(f"participants: {strangers} are not people of this account")
    severity = None
    if complaint_severity:
        try:
            severity = SEVERITY.normalize(complaint_severity)
        except ValueError as exc:
            raise ServiceError(str(exc)) from None
        from kamtui.storage import complaints as complaint_sql
    for text, due in next_steps:
        if not text.strip():
            raise ServiceError("next step: text is required")
        if due is not None:
            try:
                date.fromisoformat(due)
            except ValueError:
                raise ServiceError(f"next step {text!r}: {due!r} is not a date") from None
    with store.write():
        iid = sql.insert(store, data.row(), data.participant_ids, next_steps)
        if severity:
            complaint_sql.insert(
                store,
                {
                    "account_id": account_id,
                    "interaction_id": iid,
                    "title": data.summary,
                    "description": data.notes,
                    "severity": severity,
                    "status": "open",
                    "opened_at": data.occurred_at[:10],
                },
            )
    return iid


def delete(store: Store, interaction_id: int) -> None:
    if sql.get(store, interaction_id) is None:
        raise NotFound(f"no interaction with id {interaction_id}")
    sql.set_deleted(store, interaction_id, True)


def restore(store: Store, interaction_id: int) -> None:
    sql.set_deleted(store, interaction_id, False)


def complete_next_step(store: Store, step_id: int, today: date, done: bool = True) -> None:
    if sql.get_next_step(store, step_id) is None:
        raise NotFound(f"no next step with id {step_id}")
    sql.set_next_step_done(store, step_id, today.isoformat() if done else None)


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "value"
    msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{where}: {msg}"


# -- timeline ----------------------------------------------------------------------


@dataclass
class NextStep:
    id: int
    text: str
    due_date: str | None
    done_at: str | None


@dataclass
class TimelineItem:
    """One line of the Interactions tab: an interaction, an order or a complaint."""

    type: str  # "interaction" | "order" | "complaint"
    id: int
    when: str  # ISO date or date-time
    title: str
    channel: str | None = None
    level: str | None = None
    kind: str | None = None
    mood: int | None = None
    notes: str | None = None
    people: list[Participant] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)
    amount: float | None = None
    category: str | None = None
    document: str | None = None
    complaint: dict[str, Any] | None = None

    @property
    def key(self) -> tuple[str, int]:
        return (self.type, self.id)


@dataclass
class Timeline:
    items: list[TimelineItem]
    people: list[Participant]
    facts: list[dict[str, Any]]


def timeline(store: Store, account_id: int) -> Timeline:
    """Interactions, orders and complaints, newest first; the account's people
    (for filters) and facts."""
    from kamtui.storage import complaints as complaint_sql
    from kamtui.storage import facts as fact_sql

    rows = sql.interactions(store, account_id)
    ids = [r["id"] for r in rows]
    parts: dict[int, list[Participant]] = {}
    for r in sql.participants(store, ids):
        parts.setdefault(r["interaction_id"], []).append(
            Participant(r["id"], r["name"], r["side"], r["function"])
        )
    steps: dict[int, list[NextStep]] = {}
    for r in sql.next_steps_of(store, ids):
        steps.setdefault(r["interaction_id"], []).append(
            NextStep(r["id"], r["text"], r["due_date"], r["done_at"])
        )
    items = [
        TimelineItem(
            type="interaction",
            id=r["id"],
            when=r["occurred_at"],
            title=r["summary"],
            channel=r["channel"],
            level=r["level"],
            kind=r["kind"],
            mood=r["mood"],
            notes=r["notes"],
            people=parts.get(r["id"], []),
            next_steps=steps.get(r["id"], []),
        )
        for r in rows
    ]
    items += [
        TimelineItem(
            type="order",
            id=r["id"],
            when=r["date"],
            title=f"Order {r['document']}",
            amount=r["amount"],
            category=r["category"],
            document=r["document"],
        )
        for r in sql.orders(store, account_id)
    ]
    items += [
        TimelineItem(
            type="complaint",
            id=r["id"],
            when=r["opened_at"],
            title=r["title"],
            kind="complaint",
            notes=r["description"],
            complaint=dict(r),
        )
        for r in complaint_sql.of_account(store, account_id)
    ]
    items.sort(key=lambda i: (i.when[:16], i.type == "interaction", i.id), reverse=True)
    return Timeline(
        items=items,
        people=people(store, account_id),
        facts=[dict(r) for r in fact_sql.of_account(store, account_id)],
    )


ORDERS = "order"


def filter_timeline(
    items: Sequence[TimelineItem],
    *,
    level: str | None = None,
    kind: str | None = None,
    channel: str | None = None,
    person_id: int | None = None,
) -> list[TimelineItem]:
    """Filters by level, kind, channel and person. Orders and complaints have
    no level, channel or participants: any of those filters hides them. The
    kind filter also takes "order" (orders only)."""
    out = []
    for item in items:
        if item.type == "order":
            if kind == ORDERS or (
                kind is None and level is None and channel is None and person_id is None
            ):
                out.append(item)
            continue
        if kind == ORDERS:
            continue
        if item.type == "complaint":
            if (
                level is None
                and channel is None
                and person_id is None
                and kind
                in (
                    None,
                    "complaint",
                )
            ):
                out.append(item)
            continue
        if level is not None and item.level != level:
            continue
        if kind is not None and item.kind != kind:
            continue
        if channel is not None and item.channel != channel:
            continue
        if person_id is not None and all(p.id != person_id for p in item.people):
            continue
        out.append(item)
    return out


# -- drafts --------------------------------------------------------------------------


class DraftNotSaved(ServiceError):
    """The database could not take the draft (busy beyond its timeout, read-only...)."""


def _encode_draft(values: dict[str, Any]) -> str:
    return json.dumps({"saved_at": now_iso(), "values": values}, default=str)


def _decode_draft(raw: str | None) -> tuple[str, dict[str, Any]] | None:
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return str(data["saved_at"]), dict(data["values"])
    except (ValueError, KeyError, TypeError):
        return None


def save_draft(store: Store, account_id: int, values: dict[str, Any]) -> None:
    """Keep the log form's values for the account. Waits for a busy database
    up to its busy timeout; raises DraftNotSaved if it still cannot write."""
    try:
        sql.save_draft(store, account_id, _encode_draft(values))
    except (sqlite3.Error, StorageError) as exc:
        raise DraftNotSaved(f"the draft could not be saved in the database ({exc})") from None


def load_draft(store: Store, account_id: int) -> tuple[str, dict[str, Any]] | None:
    """(saved_at, values) of the account's unsaved log form, if any."""
    return _decode_draft(sql.load_draft(store, account_id))


def clear_draft(store: Store, account_id: int) -> None:
    try:
        sql.clear_draft(store, account_id)
    except (sqlite3.Error, StorageError) as exc:
        raise DraftNotSaved(f"the draft could not be removed ({exc})") from None


# A draft the database could not take (it stayed locked by another process
# past the busy timeout) goes to a file next to the database, private like
# it; the form offers it back (the newer of the two) and removes it once the
# database holds the draft again.


def draft_file(db_path: Path, account_id: int) -> Path:
    return db_path.with_name(f"{db_path.name}.draft-{account_id}.json")


def save_draft_file(db_path: Path, account_id: int, values: dict[str, Any]) -> Path:
    """Write the draft to its fallback file (atomically, mode 0600); OSError if impossible."""
    path = draft_file(db_path, account_id)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(_encode_draft(values))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def load_draft_file(db_path: Path, account_id: int) -> tuple[str, dict[str, Any]] | None:
    try:
        raw = draft_file(db_path, account_id).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return _decode_draft(raw)


def clear_draft_file(db_path: Path, account_id: int) -> None:
    with contextlib.suppress(OSError):
        draft_file(db_path, account_id).unlink(missing_ok=True)
