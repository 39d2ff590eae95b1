"""An account's history: what changed, when, by whom, with the old and new
values of the fields, as the CLI and the app show it (plain data, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KIND_WORDS = {
    "account": "account",
    "identifier": "identifier",
    "person": "person",
    "link": "link",
    "interaction": "interaction",
    "participant": "participant",
    "next_step": "next step",
    "complaint": "complaint",
    "fact": "fact",
    "transaction": "transaction",
    "wallet": "wallet estimate",
    "goal": "goal",
    "goal_action": "goal action",
    "alias": "former name of a person",
    "import": "import",
}

# A participant is added to or removed from a meeting, not created.
_PARTICIPANT_ACTIONS = {"created": "added", "deleted": "removed"}
ACTION_WORDS = {
    "created": "created",
    "edited": "edited",
    "deleted": "deleted",
    "restored": "restored",
    "purged": "purged from the trash",
    "imported": "imported",
}
NO_USER = "outside kamtui"
VALUE_WIDTH = 60


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Change:
    """One entry of the audit trail."""

    id: int
    at: str  # ISO 8601, local time, seconds
    user: str | None  # None: written by another tool on the file
    kind: str
    record_id: int | None
    action: str
    label: str
    fields: tuple[FieldChange, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)  # an import's file and counts

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at,
            "user": self.user,
            "kind": self.kind,
            "record_id": self.record_id,
            "label": self.label,
            "action": self.action,
            "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in self.fields],
            "import": self.details or None,
        }


@dataclass(frozen=True)
class MergedInto:
    """The account a trashed account was merged into, and the merge."""

    id: int
    name: str
    merge_id: int


@dataclass(frozen=True)
class History:
    account_id: int
    account_name: str
    changes: list[Change]
    total: int  # entries in all (since the date asked), `changes` may be fewer
    recorded_since: str | None  # when the trail began on the file; None: always
    trashed_at: str | None = None  # the account is in the trash since then
    merged_into: MergedInto | None = None  # ... because it was merged into that one

    def as_json(self) -> dict[str, Any]:
        merged = self.merged_into
        return {
            "account": {"id": self.account_id, "name": self.account_name},
            "in_trash_since": self.trashed_at,
            "merged_into": None
            if merged is None
            else {"id": merged.id, "name": merged.name, "merge_id": merged.merge_id},
            "recorded_since": self.recorded_since,
            "total": self.total,
            "shown": len(self.changes),
            "changes": [c.as_json() for c in self.changes],
        }


def change_from(
    entry_id: int,
    at: str,
    user: str | None,
    kind: str,
    record_id: int | None,
    action: str,
    label: str | None,
    changes: dict[str, Any],
) -> Change:
    """A Change from a stored entry; `changes` is {field: [old, new]} for a
    record, the file and counts for an import."""
    if kind == "import":
        return Change(entry_id, at, user, kind, None, action, label or "", (), dict(changes))
    fields = tuple(
        FieldChange(name, pair[0], pair[1])
        for name, pair in changes.items()
        if isinstance(pair, list) and len(pair) == 2
    )
    return Change(entry_id, at, user, kind, record_id, action, label or "", fields)


def when(change: Change) -> str:
    """'2026-12-06 09:15'."""
    return change.at[:16].replace("T", " ")


def who(change: Change) -> str:
    return change.user or NO_USER


def action_word(change: Change) -> str:
    if change.kind == "participant":
        return _PARTICIPANT_ACTIONS.get(change.action, change.action)
    return ACTION_WORDS.get(change.action, change.action)


def value_text(value: Any) -> str:
    """A stored value as one short piece of text."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    if len(text) > VALUE_WIDTH:
        text = text[: VALUE_WIDTH - 1] + "…"
    return f"“{text}”" if isinstance(value, str) else text


def field_word(name: str) -> str:
    return name.removesuffix("_id").replace("_", " ") + (" (id)" if name.endswith("_id") else "")


def headline(change: Change) -> str:
    """What happened, in one line (without when and who)."""
    if change.kind == "import":
        d = change.details
        what = str(d.get("what") or "rows")
        source = f" from {d['file']}" if d.get("file") else ""
        counts = [
            f"{d[k]:,} {k}" for k in ("created", "updated", "unchanged") if d.get(k) is not None
        ]
        rows = f"{d['rows']:,} rows" if d.get("rows") is not None else ""
        if what == "demo":
            loaded = ", ".join(
                f"{v:,} {k}" for k, v in d.items() if k not in ("what", "file") and v
            )
            return f"{change.label or 'demo'} loaded" + (f": {loaded}" if loaded else "")
        tail = ", ".join(x for x in [rows, *counts] if x)
        return f"import of {what}{source}" + (f": {tail}" if tail else "")
    if change.kind == "participant":
        where = "to" if change.action == "created" else "from"
        return (
            f"participant {value_text(change.label)} {action_word(change)} {where} "
            f"interaction #{change.record_id}"
        )
    kind = KIND_WORDS.get(change.kind, change.kind)
    ref = f" #{change.record_id}" if change.record_id is not None else ""
    label = f" {value_text(change.label)}" if change.label else ""
    return f"{kind}{ref}{label} {action_word(change)}"


def field_lines(change: Change) -> list[str]:
    """'title: “Buyer” → “Head of buying”' for each field an edit changed;
    the values themselves for a record created, deleted or purged."""
    lines = []
    for f in change.fields:
        if f.field == "account_id" and change.action != "edited":
            continue  # the account whose history this is
        if change.action == "edited" or (f.old is not None and f.new is not None):
            lines.append(f"{field_word(f.field)}: {value_text(f.old)} → {value_text(f.new)}")
        else:
            value = f.new if f.new is not None else f.old
            lines.append(f"{field_word(f.field)}: {value_text(value)}")
    return lines


def not_recorded_note(history: History) -> str | None:
    """What the history cannot show: changes before the trail began."""
    if history.recorded_since is None:
        return None
    since = history.recorded_since[:16].replace("T", " ")
    return f"changes before {since} were not recorded (the history began then)"


def trash_note(history: History) -> str | None:
    """Where the account is, when it is not among the live ones: in the
    trash, and (merged away) the account that holds its records now."""
    if history.trashed_at is None:
        return None
    note = f"in the trash since {history.trashed_at[:16].replace('T', ' ')}"
    merged = history.merged_into
    if merged is not None:
        note += (
            f"; merged into {merged.name} (#{merged.id}) by merge #{merged.merge_id}, "
            f"which holds its records now: kamtui history '#{merged.id}'"
        )
    return note
