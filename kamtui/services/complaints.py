"""Complaints: opened from an interaction or on their own, then
open -> in progress -> resolved, with dates, a resolution and the time it took."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from kamtui import dates
from kamtui.domain.models import Complaint
from kamtui.services.errors import NotFound, ServiceError
from kamtui.storage import accounts as account_sql
from kamtui.storage import complaints as sql
from kamtui.storage import versions
from kamtui.storage.db import Store

STATUS_ORDER = ("open", "in_progress", "resolved")


@dataclass(frozen=True)
class ComplaintView:
    id: int
    account_id: int
    interaction_id: int | None
    title: str
    description: str | None
    severity: str
    status: str
    opened_at: str
    in_progress_at: str | None
    resolved_at: str | None
    resolution: str | None
    account: str = ""
    version: int = 1  # row version: an edit saves only over the version it loaded

    def resolution_days(self) -> int | None:
        return resolution_days(self.opened_at, self.resolved_at)

    def age_days(self, today: date) -> int:
        return (today - date.fromisoformat(self.opened_at[:10])).days


def resolution_days(opened_at: str | None, resolved_at: str | None) -> int | None:
    """Whole days from opening to resolution (0 = the same day)."""
    if not opened_at or not resolved_at:
        return None
    return (date.fromisoformat(resolved_at[:10]) - date.fromisoformat(opened_at[:10])).days


def describe_time(c: ComplaintView, today: date) -> str:
    """ "resolved in 8 days" / "open for 12 days" / "in progress for 3 days"."""
    days = c.resolution_days()
    if c.status == "resolved" and days is not None:
        return "resolved the same day" if days == 0 else f"resolved in {days} day(s)"
    age = c.age_days(today)
    what = "in progress" if c.status == "in_progress" else "open"
    return f"{what} for {age} day(s)"


def view_of(row: Any) -> ComplaintView:
    data = dict(row)
    data.setdefault("account", "")
    return ComplaintView(**{k: data[k] for k in ComplaintView.__dataclass_fields__ if k in data})


def get(store: Store, complaint_id: int) -> ComplaintView:
    row = sql.get(store, complaint_id)
    if row is None:
        raise NotFound(f"no complaint with id {complaint_id}")
    return view_of(row)


def of_account(store: Store, account_id: int) -> list[ComplaintView]:
    return [view_of(r) for r in sql.of_account(store, account_id)]


def _day(value: str | date | None, today: date, field: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        # opened, in progress, resolved: all things that happened
        return dates.parse_date(value, today=today, purpose=dates.PAST).isoformat()
    except ValueError as exc:
        raise ServiceError(f"{field}: {exc}") from None


def open_complaint(
    store: Store,
    account_id: int,
    *,
    title: str,
    today: date,
    description: str | None = None,
    severity: str = "medium",
    opened_at: str | date | None = None,
    interaction_id: int | None = None,
) -> int:
    if account_sql.get(store, account_id) is None:
        raise NotFound(f"no account with id {account_id}")
    opened = _day(opened_at, today, "opened") or today.isoformat()
    try:
        data = Complaint(
            account_id=account_id,
            interaction_id=interaction_id,
            title=title,
            description=description,
            severity=severity or "medium",
            opened_at=opened,
        )
    except ValidationError as exc:
        raise ServiceError(_first_error(exc)) from None
    return sql.insert(store, data.model_dump(exclude={"id"}))


def update_details(
    store: Store,
    complaint_id: int,
    *,
    title: str,
    description: str | None,
    severity: str,
    opened_at: str | date | None,
    today: date,
) -> None:
    current = get(store, complaint_id)
    opened = _day(opened_at, today, "opened") or current.opened_at
    try:
        data = Complaint(
            account_id=current.account_id,
            title=title,
            description=description,
            severity=severity,
            opened_at=opened,
        )
    except ValidationError as exc:
        raise ServiceError(_first_error(exc)) from None
    _check_order(opened, current.in_progress_at, current.resolved_at)
    sql.update(
        store,
        complaint_id,
        {
            "title": data.title,
            "description": data.description,
            "severity": data.severity,
            "opened_at": data.opened_at,
        },
    )


def start(store: Store, complaint_id: int, *, today: date, on: str | date | None = None) -> None:
    """open -> in progress."""
    c = get(store, complaint_id)
    if c.status != "open":
        raise ServiceError(f"complaint #{c.id} is {c.status.replace('_', ' ')}, not open")
    when = _day(on, today, "in progress") or today.isoformat()
    _check_order(c.opened_at, when, None)
    sql.update(store, complaint_id, {"status": "in_progress", "in_progress_at": when})


def resolve(
    store: Store,
    complaint_id: int,
    *,
    resolution: str,
    today: date,
    on: str | date | None = None,
) -> None:
    """open or in progress -> resolved, with what was done."""
    c = get(store, complaint_id)
    text = (resolution or "").strip()
    if not text:
        raise ServiceError("resolution: say how it was resolved")
    if c.status == "resolved":
        raise ServiceError(f"complaint #{c.id} is already resolved")
    when = _day(on, today, "resolved") or today.isoformat()
    _check_order(c.opened_at, c.in_progress_at, when)
    sql.update(store, complaint_id, {"status": "resolved", "resolved_at": when, "resolution": text})


def reopen(store: Store, complaint_id: int) -> None:
    """resolved -> in progress (or open when it never was), keeping the resolution text."""
    c = get(store, complaint_id)
    if c.status != "resolved":
        raise ServiceError(f"complaint #{c.id} is not resolved")
    status = "in_progress" if c.in_progress_at else "open"
    sql.update(store, complaint_id, {"status": status, "resolved_at": None})


def advance(store: Store, complaint_id: int, *, today: date, resolution: str = "") -> str:
    """One step along open -> in progress -> resolved; returns the new status."""
    c = get(store, complaint_id)
    if c.status == "open":
        start(store, complaint_id, today=today)
        return "in_progress"
    if c.status == "in_progress":
        resolve(store, complaint_id, resolution=resolution, today=today)
        return "resolved"
    raise ServiceError(f"complaint #{c.id} is already resolved")


def claim(
    store: Store, complaint_id: int, expected_version: int | None, *, restore: bool = False
) -> None:
    """Start an edit made of several steps (details, then status): inside the
    caller's `store.write()`, raises RecordConflict when the complaint was
    changed or trashed since the form loaded `expected_version`."""
    with store.write() as conn:
        versions.claim(conn, "complaints", complaint_id, expected_version, restore=restore)


def move_to(
    store: Store,
    complaint_id: int,
    status: str,
    *,
    today: date,
    on: str | date | None = None,
    resolution: str = "",
) -> None:
    """Bring the complaint to `status` as the edit form does: a resolved one is
    reopened first when it moves back (or when only its resolution text
    changed), `on` is the day of the move (today when empty)."""
    current = get(store, complaint_id)
    on = on or None
    if status == current.status:
        if status == "resolved" and resolution.strip() != (current.resolution or ""):
            reopen(store, complaint_id)
            resolve(store, complaint_id, resolution=resolution, today=today, on=current.resolved_at)
        return
    if current.status == "resolved":
        reopen(store, complaint_id)
        current = get(store, complaint_id)
    if status == "in_progress" and current.status == "open":
        start(store, complaint_id, today=today, on=on)
    elif status == "resolved":
        resolve(store, complaint_id, resolution=resolution, today=today, on=on)


def save_edit(
    store: Store,
    complaint_id: int,
    *,
    title: str,
    description: str | None,
    severity: str,
    opened_at: str | date | None,
    status: str,
    today: date,
    status_on: str | date | None = None,
    resolution: str = "",
    expected_version: int | None = None,
    restore: bool = False,
) -> None:
    """The edit form's save, in one transaction: the details, then the status
    (`move_to`). With `expected_version` (the version the form loaded) a
    change or trashing made since raises RecordConflict and nothing is
    written; `restore=True` also takes the complaint out of the trash."""
    with store.write():
        claim(store, complaint_id, expected_version, restore=restore)
        update_details(
            store,
            complaint_id,
            title=title,
            description=description,
            severity=severity,
            opened_at=opened_at,
            today=today,
        )
        move_to(store, complaint_id, status, today=today, on=status_on, resolution=resolution)


def delete(store: Store, complaint_id: int) -> None:
    get(store, complaint_id)
    sql.set_deleted(store, complaint_id, True)


def unresolved(store: Store) -> list[ComplaintView]:
    """Open and in-progress complaints of the whole portfolio, oldest first."""
    return [view_of(r) for r in sql.unresolved(store)]


def restore(store: Store, complaint_id: int) -> None:
    sql.set_deleted(store, complaint_id, False)


def _check_order(opened: str, in_progress: str | None, resolved: str | None) -> None:
    if in_progress and in_progress[:10] < opened[:10]:
        raise ServiceError(
            f"in progress: {dates.display_date(in_progress)} is before the complaint was "
            f"opened ({dates.display_date(opened)})"
        )
    if resolved and resolved[:10] < opened[:10]:
        raise ServiceError(
            f"resolved: {dates.display_date(resolved)} is before the complaint was opened "
            f"({dates.display_date(opened)})"
        )


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "value"
    msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{where}: {msg}"
