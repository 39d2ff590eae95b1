"""What a merge of two accounts (or two people) moves, fills and adds: the
preview shown before it and the report after it, in words and as JSON.
Pure data; `services/merge.py` fills it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Field labels for the preview ("tax id = B50736123").
FIELD_LABELS = {
    "account_number": "account number",
    "tax_id": "tax id",
    "domain": "domain",
    "industry": "industry",
    "tier": "tier",
    "owner": "owner",
    "phone": "phone",
    "email": "e-mail",
    "address": "address",
    "cadence_days": "contact every (days)",
    "notes": "notes",
    "title": "title",
    "function": "function",
    "decision_role": "decision role",
    "stance": "stance",
    "privacy_note": "privacy note",
    "verified_at": "verified",
    "leaving": "leaving",
}


def _counted(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {label}" for label, n in counts.items() if n)


@dataclass
class MergeSummary:
    """A merge of `source` into `target`: before it runs (a preview,
    `merge_id` None) or after (`merge_id` set; `kamtui merge undo ID`)."""

    kind: str  # 'account' or 'person'
    source_id: int
    source_name: str
    target_id: int
    target_name: str
    account_id: int  # the target account (for a person merge: their account)
    account_name: str
    merge_id: int | None = None
    moved: dict[str, int] = field(default_factory=dict)  # label -> rows moved
    filled: list[tuple[str, str]] = field(default_factory=list)  # (field, value)
    appended: list[str] = field(default_factory=list)  # fields whose text was added to
    identifiers: list[tuple[str, str]] = field(default_factory=list)  # (unit, number) added
    kept: dict[str, int] = field(default_factory=dict)  # target's rows kept over the source's
    dropped: dict[str, int] = field(default_factory=dict)  # the source's exact copies dropped
    renamed: dict[str, int] = field(default_factory=dict)  # same key, different record
    # On both accounts (same name and side): made one, the target's person.
    people_in_both: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def what(self) -> str:
        return "account" if self.kind == "account" else "person"

    def lines(self) -> list[str]:
        """The preview or report, one line per kind of change."""
        out = []
        if self.moved and any(self.moved.values()):
            out.append(f"moves: {_counted(self.moved)}")
        else:
            out.append("moves: nothing (no records)")
        if self.filled:
            filled = "; ".join(f"{FIELD_LABELS.get(f, f)} = {v}" for f, v in self.filled)
            out.append(f"fills {self.target_name}'s empty fields: {filled}")
        if self.appended:
            labels = ", ".join(FIELD_LABELS.get(f, f) for f in self.appended)
            out.append(f"adds {self.source_name}'s {labels} below {self.target_name}'s")
        if self.identifiers:
            ids = "; ".join(f"{unit}: {number}" for unit, number in self.identifiers)
            out.append(f"adds identifiers (imports of old files still find it): {ids}")
        if self.kept and any(self.kept.values()):
            out.append(f"keeps {self.target_name}'s own where both have one: {_counted(self.kept)}")
        if self.dropped and any(self.dropped.values()):
            out.append(f"drops the source's exact copies: {_counted(self.dropped)}")
        if self.renamed and any(self.renamed.values()):
            out.append(
                f"renames (same number, different record; '(#{self.source_id})' added): "
                f"{_counted(self.renamed)}"
            )
        if self.people_in_both:
            out.append(
                "makes one person of each on both accounts (same name and side; "
                f"{self.target_name}'s kept, interactions and links joined): "
                + ", ".join(self.people_in_both)
            )
        out.extend(self.notes)
        trashed = f"{self.source_name} goes to the trash"
        undo = (
            f"kamtui merge undo {self.merge_id}"
            if self.merge_id is not None
            else "kamtui merge undo"
        )
        out.append(f"{trashed}; `{undo}` puts everything back")
        return out

    def heading(self) -> str:
        verb = "Merged" if self.merge_id is not None else "Merge"
        where = f" (account {self.account_name})" if self.kind == "person" else ""
        return (
            f"{verb} {self.what} {self.source_name} (#{self.source_id}) into "
            f"{self.target_name} (#{self.target_id}){where}"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "merge_id": self.merge_id,
            "kind": self.kind,
            "source": {"id": self.source_id, "name": self.source_name},
            "target": {"id": self.target_id, "name": self.target_name},
            "account": {"id": self.account_id, "name": self.account_name},
            "moved": dict(self.moved),
            "filled": {f: v for f, v in self.filled},
            "appended": list(self.appended),
            "identifiers_added": [{"business_unit": u, "number": n} for u, n in self.identifiers],
            "kept_from_target": dict(self.kept),
            "dropped_copies": dict(self.dropped),
            "renamed": dict(self.renamed),
            "people_in_both": list(self.people_in_both),
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class UndoReport:
    """What `merge undo` put back, and what it left as changed since."""

    merge_id: int
    kind: str
    source_id: int
    source_name: str
    target_name: str
    restored: int  # rows put back where they were
    kept: list[str]  # fields changed since the merge, left as they are now
    gone: int  # rows deleted since the merge: nothing to put back

    def lines(self) -> list[str]:
        out = [
            f"undid merge #{self.merge_id}: {self.source_name} (#{self.source_id}) is back, "
            f"with its {self.restored} records, out of {self.target_name}"
        ]
        if self.kept:
            out.append("kept as changed since the merge: " + ", ".join(self.kept))
        if self.gone:
            out.append(f"{self.gone} records deleted since the merge were not put back")
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "merge_id": self.merge_id,
            "kind": self.kind,
            "source": {"id": self.source_id, "name": self.source_name},
            "target_name": self.target_name,
            "restored": self.restored,
            "kept_changed": list(self.kept),
            "gone": self.gone,
        }
