"""Follow-ups across the portfolio: open next steps from interactions, open
action items of active goals and contacts due (accounts and key people past
the account's contact cadence), bucketed overdue / today / this week (the
next 7 days) / later (and undated)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from kamtui.services import goals as goal_service
from kamtui.services import interactions as interaction_service
from kamtui.services.errors import NotFound, ServiceError
from kamtui.storage import contact_due as contact_sql
from kamtui.storage import interactions as interaction_sql
from kamtui.storage.db import Store
from kamtui.textsafe import fold

NEXT_STEP = "next_step"
GOAL_ACTION = "goal_action"
CONTACT_DUE = "contact_due"
WEEK_DAYS = 7

BUCKETS = (
    ("overdue", "Overdue"),
    ("today", "Today"),
    ("week", "This week"),
    ("later", "Later"),
)


@dataclass(frozen=True)
class FollowUp:
    kind: str  # NEXT_STEP | GOAL_ACTION | CONTACT_DUE
    id: int  # the next step's, the goal action's, or (contact due) the account's or person's
    account_id: int
    account: str
    text: str
    due_date: str | None  # contact due: the last contact's day plus the cadence
    source: str  # the interaction's summary or the goal's title
    person_id: int | None = None  # contact due of a key person
    last_contact: str | None = None  # contact due: ISO day, None if never
    cadence_days: int | None = None  # contact due
    # Next step: people who took part in its meeting and must not be
    # contacted; the step is kept, marked, so nobody writes to them.
    do_not_contact: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        """The follow-up's reference: n12 (next step), g5 (goal action), c7
        (account 7 due for contact), p30 (person 30 due for contact)."""
        if self.kind == CONTACT_DUE:
            return f"p{self.person_id}" if self.person_id is not None else f"c{self.account_id}"
        return ("n" if self.kind == NEXT_STEP else "g") + str(self.id)

    def days_late(self, today: date) -> int | None:
        if not self.due_date:
            return None
        return (today - date.fromisoformat(self.due_date[:10])).days

    def as_json(self, today: date) -> dict[str, Any]:
        out = {
            "kind": self.kind,
            "id": self.id,
            "account_id": self.account_id,
            "account": self.account,
            "text": self.text,
            "due_date": self.due_date,
            "days_late": self.days_late(today),
            "source": self.source,
        }
        if self.kind == NEXT_STEP:
            out["do_not_contact"] = list(self.do_not_contact)
        if self.kind == CONTACT_DUE:
            out.update(
                ref=self.ref,
                person_id=self.person_id,
                days_overdue=self.days_late(today),
                last_contact=self.last_contact,
                cadence_days=self.cadence_days,
            )
        return out


@dataclass
class Followups:
    overdue: list[FollowUp] = field(default_factory=list)
    today: list[FollowUp] = field(default_factory=list)
    week: list[FollowUp] = field(default_factory=list)
    later: list[FollowUp] = field(default_factory=list)

    def bucket(self, key: str) -> list[FollowUp]:
        return list(getattr(self, key))

    @property
    def due(self) -> list[FollowUp]:
        """Overdue, today and this week, in that order."""
        return [*self.overdue, *self.today, *self.week]


def bucket_of(due_date: str | None, today: date) -> str:
    if not due_date:
        return "later"
    due = date.fromisoformat(due_date[:10])
    if due < today:
        return "overdue"
    if due == today:
        return "today"
    if due <= today + timedelta(days=WEEK_DAYS):
        return "week"
    return "later"


def bucketed(items: list[FollowUp], today: date) -> Followups:
    out = Followups()
    ordered = sorted(
        items, key=lambda f: (f.due_date or "9999", f.account.casefold(), f.kind, f.id)
    )
    for item in ordered:
        getattr(out, bucket_of(item.due_date, today)).append(item)
    return out


def _role(decision_role: str | None, stance: str | None) -> str:
    words = [
        w
        for w, yes in (
            ("decision maker", decision_role == "decision_maker"),
            ("champion", stance == "champion"),
        )
        if yes
    ]
    return " · ".join(words)


def contact_due(store: Store, *, today: date) -> list[FollowUp]:
    """Accounts and key people (decision makers and champions of theirs) past
    the account's contact cadence on `today`: days since the last interaction
    (never contacted: since they were added) more than `cadence_days`. Only
    active accounts with a cadence. Computed from the interactions, so logging
    one resets it at once. One set-wise query for the whole portfolio."""
    out = []
    for r in contact_sql.due(store, today):
        last = r["last_contact"][:10] if r["last_contact"] else None
        since = date.fromisoformat((last or r["created_at"])[:10])
        cadence = int(r["cadence_days"])
        ago = (today - since).days
        seen = f"last contact {ago} d ago" if last else "never contacted"
        if r["person_id"] is None:
            text = f"Get in touch: {seen}; contact every {cadence} d"
            item_id, person_id = int(r["account_id"]), None
        else:
            role = _role(r["decision_role"], r["stance"])
            text = f"Get in touch with {r['person']} ({role}): {seen}"
            item_id = person_id = int(r["person_id"])
        out.append(
            FollowUp(
                CONTACT_DUE,
                item_id,
                int(r["account_id"]),
                r["account"],
                text,
                (since + timedelta(days=cadence)).isoformat(),
                "",
                person_id=person_id,
                last_contact=last,
                cadence_days=cadence,
            )
        )
    return out


def due_account_ids(
    store: Store, *, today: date, account_ids: Iterable[int] | None = None
) -> set[int]:
    """The accounts due for contact on `today` (themselves or a key person):
    the portfolio's #due, in the same one query (of some accounts only)."""
    return {int(r["account_id"]) for r in contact_sql.due(store, today, account_ids)}


def followups(store: Store, *, today: date, contacts: bool = True) -> Followups:
    """Next steps, goal actions and (with `contacts`) contacts due. Actions of
    a goal measured as done are left out (nothing is left to do for it), and
    a goal action that repeats a meeting's next step (same account, text and
    due date) is listed once, as the next step, naming the goal too."""
    steps_rows = interaction_sql.open_next_steps(store)
    dnc = contact_sql.do_not_contact_by_interaction(
        store, [int(r["interaction_id"]) for r in steps_rows if r["interaction_id"] is not None]
    )
    items = [
        FollowUp(
            NEXT_STEP,
            r["id"],
            r["account_id"],
            r["account"],
            r["text"],
            r["due_date"],
            r["source"] or "",
            do_not_contact=tuple(dnc.get(r["interaction_id"], ())),
        )
        for r in steps_rows
    ]
    steps = {(f.account_id, fold(f.text), f.due_date): i for i, f in enumerate(items)}
    reached = _goals_measured_done(store, today)
    for a in goal_service.open_actions(store):
        if a["goal_id"] in reached:
            continue
        at = steps.get((a["account_id"], fold(a["text"]), a["due_date"]))
        if at is not None:
            step = items[at]
            goal = f"goal: {a['goal']}"
            items[at] = replace(step, source=f"{step.source} · {goal}" if step.source else goal)
            continue
        items.append(
            FollowUp(
                GOAL_ACTION,
                a["id"],
                a["account_id"],
                a["account"],
                a["text"],
                a["due_date"],
                a["goal"] or "",
            )
        )
    if contacts:
        items += contact_due(store, today=today)
    return bucketed(items, today)


def _goals_measured_done(store: Store, today: date) -> set[int]:
    """Active goals whose measure has reached the target."""
    from kamtui.domain.goals import DONE

    return {
        g.id
        for g in goal_service.portfolio_goals(store, today, with_actions=False)
        if g.status == DONE and g.stored_status == "active"
    }


def mark_done(store: Store, kind: str, item_id: int, *, today: date, done: bool = True) -> None:
    if kind == NEXT_STEP:
        interaction_service.complete_next_step(store, item_id, today, done=done)
    elif kind == GOAL_ACTION:
        goal_service.complete_action(store, item_id, today, done=done)
    elif kind == CONTACT_DUE:
        raise ServiceError("a contact due is not marked done: log an interaction to reset it")
    else:
        raise ServiceError(f"unknown follow-up kind {kind!r}")


def mark_all_done(store: Store, items: Iterable[tuple[str, int]], *, today: date) -> int:
    """Mark several follow-ups ((kind, id) pairs) done in one transaction: all
    of them or, when one is unknown (ServiceError), none. Returns how many."""
    count = 0
    with store.write():
        for kind, item_id in items:
            mark_done(store, kind, item_id, today=today)
            count += 1
    return count


# -- correcting a follow-up (a next step or a goal action) ----------------------


def _editable(kind: str) -> None:
    if kind == CONTACT_DUE:
        raise ServiceError("a contact due is not a record: log an interaction to reset it")
    if kind not in (NEXT_STEP, GOAL_ACTION):
        raise ServiceError(f"unknown follow-up kind {kind!r}")


def stored(store: Store, kind: str, item_id: int) -> dict[str, Any]:
    """The next step or goal action as stored now (text, due_date, version)."""
    _editable(kind)
    from kamtui.storage import goals as goal_sql

    if kind == NEXT_STEP:
        row = interaction_sql.get_next_step(store, item_id)
    else:
        row = goal_sql.get_action(store, item_id)
    if row is None:
        raise NotFound(f"no {'next step' if kind == NEXT_STEP else 'action'} with id {item_id}")
    return dict(row)


def update(
    store: Store,
    kind: str,
    item_id: int,
    text: str,
    due_date: str | None,
    *,
    expected_version: int | None = None,
    restore: bool = False,
) -> None:
    """Correct its text and due date (compare-and-set with `expected_version`;
    `restore=True` also takes it out of the trash)."""
    _editable(kind)
    if kind == NEXT_STEP:
        from kamtui.services.interactions import editing

        editing.update_next_step(
            store, item_id, text, due_date, expected_version=expected_version, restore=restore
        )
    else:
        goal_service.update_action(
            store, item_id, text, due_date, expected_version=expected_version, restore=restore
        )


def delete(store: Store, kind: str, item_id: int) -> None:
    """Move it to the trash; `restore` (undo, the Trash screen) takes it back."""
    _editable(kind)
    if kind == NEXT_STEP:
        from kamtui.services.interactions import editing

        editing.delete_next_step(store, item_id)
    else:
        goal_service.delete_action(store, item_id)


def restore(store: Store, kind: str, item_id: int) -> None:
    """Out of the trash; refused while its interaction, goal or account is there."""
    _editable(kind)
    if kind == NEXT_STEP:
        from kamtui.services.interactions import editing

        editing.restore_next_step(store, item_id)
    else:
        goal_service.restore_action(store, item_id)
