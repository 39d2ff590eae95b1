"""Logging an interaction: the people of the account's map it names, its next
steps and its date, validated before anything is written."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from kamtui import dates
from kamtui.domain.interaction import Interaction, InvalidField
from kamtui.services.errors import Ambiguous, NotFound, ServiceError
from kamtui.storage import aliases as alias_sql
from kamtui.storage import interactions as sql
from kamtui.storage import lookup as lookup_sql
from kamtui.storage.db import Store
from kamtui.textsafe import clean, fold
from kamtui.vocab import SEVERITY

if TYPE_CHECKING:
    from pydantic import ValidationError

    from kamtui.domain.models import PersonInput


# `kamtui log` imports this package in a fresh process each time, so what only
# some functions need (pydantic and its models, the complaint and fact tables) is
# imported inside them.


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
    """Names (exact, a former name of someone merged, or a unique part,
    accent-insensitive) -> person ids of this account. Unknown or ambiguous
    names raise, listing candidates."""
    everyone = people(store, account_id)
    ids: list[int] = []
    for raw in names:
        name = " ".join(raw.split())
        if not name:
            continue
        key = fold(name)
        found = [p for p in everyone if fold(p.name) == key]
        if not found:
            former = set(alias_sql.aliased(store, account_id, key))
            found = [p for p in everyone if p.id in former]
        found = found or [p for p in everyone if key in fold(p.name)]
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
        due = dates.parse_date(when.strip(), today=today, purpose=dates.FUTURE)
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
        value = dates.parse_datetime(text, today=today, purpose=dates.PAST)
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
        link_participants(store, account_id, data.participant_ids)
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


def link_participants(
    store: Store, account_id: int, participant_ids: Sequence[int], before: Sequence[int] = ()
) -> int:
    """Put each ours x theirs pair of participants in contact on the map: a
    link (origin 'meeting', default strength) for every pair without one.
    Pairs already together in `before` (the participants before an edit) are
    not new and are skipped. Existing links are never touched, and a pair
    whose link is in the trash gets nothing: the user removed it on purpose
    (restoring it stays the user's call). Call inside the interaction's
    write transaction. Returns how many links were created."""
    ids = list(dict.fromkeys(participant_ids))
    if len(ids) < 2:
        return 0
    sides = {r["id"]: r["side"] for r in sql.people(store, account_id) if r["id"] in ids}
    ours = [pid for pid in ids if sides.get(pid) == "ours"]
    theirs = [pid for pid in ids if sides.get(pid) == "theirs"]
    old = set(before)
    pairs = [(o, t) for o in ours for t in theirs if not (o in old and t in old)]
    return sql.add_meeting_links(store, account_id, pairs)


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
