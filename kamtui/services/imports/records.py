"""Importing the records beyond accounts, people, links and finance:
identifiers, interactions (with participants), next steps, complaints,
facts, goals and goal actions. All-or-nothing and idempotent like every
import: a row is matched by what identifies it (its account and when and
summary for an interaction, and so on: kamtui.storage.records.TABLES), so
re-importing a file changes nothing and a changed row updates the stored one."""

from __future__ import annotations

from pathlib import Path

from kamtui.importers import activities
from kamtui.importers import records as parser
from kamtui.importers.csvfile import ImportFailed
from kamtui.services.imports import ImportReport, Mapping, counts
from kamtui.services.imports.contacts import AccountLookup
from kamtui.storage import audit
from kamtui.storage import records as sql
from kamtui.storage.db import Store
from kamtui.textsafe import clean, fold

KINDS = parser.KINDS
SIDES = ("ours", "theirs")


def lookups(store: Store) -> parser.Lookups:
    """How rows find what they name in this store (read inside the import's
    transaction, so an earlier file of the same `import all` is seen)."""

    def person(account_id: int, text: str) -> int:
        side = None
        name = text.strip()
        head, sep, rest = name.partition(":")
        if sep and head.strip().lower() in SIDES and rest.strip():
            side, name = head.strip().lower(), rest.strip()
        rows = [
            r for r in sql.people_named(store, account_id, fold(name)) if side in (None, r["side"])
        ]
        if len(rows) == 1:
            return int(rows[0]["id"])
        shown = clean(name, one_line=True)
        if rows:
            raise ValueError(
                f"{shown!r} is on both sides of the account; write ours:{shown} or theirs:{shown}"
            )
        raise ValueError(f"no person {shown!r} on the account (import people first)")

    def interaction(account_id: int, when: str, summary: str) -> int:
        found = sql.interactions_at(store, account_id, when, summary)
        if len(found) == 1:
            return found[0]
        if found:
            raise ValueError(f"{len(found)} interactions at {when} with this summary")
        raise ValueError(
            f"no interaction of the account at {when} with this summary (import interactions first)"
        )

    def goal(account_id: int, title: str, start: str) -> int:
        found = sql.goals_titled(store, account_id, title, start)
        if len(found) == 1:
            return int(found[0]["id"])
        shown = clean(title, one_line=True)
        if found:
            raise ValueError(f"{len(found)} goals titled {shown!r}; give goal_start")
        raise ValueError(f"no goal {shown!r} on the account (import goals first)")

    return parser.Lookups(AccountLookup(store), person, interaction, goal)


def import_records(
    kind: str,
    store: Store,
    path: Path | str,
    *,
    dry_run: bool = False,
    mapping: Mapping | None = None,
    encoding: str | None = None,
    preset: str | None = None,
) -> ImportReport:
    """Validate a whole `kind` file, then write it in one transaction (rolled
    back for a dry run). Raises ImportFailed listing every problem. With a
    `preset` (salesforce, hubspot) an interactions file is that CRM's
    activities export (kamtui.importers.activities)."""
    with (
        store.write(rollback=dry_run, activity=f"import of {kind.replace('_', ' ')}") as conn,
        audit.imported(conn, kind, Path(path).name) as entry,
    ):
        if preset is not None:
            if kind != "interactions":
                raise ImportFailed(["--preset: only for accounts, people and interactions"])
            if mapping:
                raise ImportFailed(["--map and --preset: give one or the other for activities"])
            parsed = activities.parse_activities(
                path,
                preset,
                account_of=AccountLookup(store),
                contact=_contact(store),
                encoding=encoding,
            )
        else:
            parsed = parser.parse_records(
                kind, path, lookups(store), mapping=mapping, encoding=encoding
            )
        report = ImportReport(rows=parsed.rows, assumptions=parsed.assumptions)
        for row in parsed.items:
            participants = row.pop("with", None)
            row_id, what = sql.upsert(conn, kind, row)
            if (
                participants
                and sql.add_participants(conn, row_id, participants)
                and what == "unchanged"
            ):
                what = "updated"
            setattr(report, what, getattr(report, what) + 1)
        entry.counts.update(counts(report))
    return report


def _contact(store: Store) -> activities.FindContact:
    """A CRM contact -> the account's person of that name (the client's side
    first), or None."""

    def find(account_id: int, name: str) -> int | None:
        rows = sql.people_named(store, account_id, fold(name))
        theirs = [r for r in rows if r["side"] == "theirs"]
        chosen = theirs or rows
        return int(chosen[0]["id"]) if len(chosen) == 1 else None

    return find
