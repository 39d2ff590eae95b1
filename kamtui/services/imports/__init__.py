"""Imports: parsed files written to the database. Each import is
all-or-nothing (one transaction; any invalid row aborts it with every error as
`FILE:LINE: column: reason`, raised as ImportFailed) and idempotent: what
identifies a row matches the stored one, so re-importing a file changes
nothing and a changed row updates it.

kamtui.importers parse and validate files without seeing the database; where a
row names something stored (an account, a person) these modules pass them a
lookup built from storage. The `activity` of each write names the import to a
process waiting for the database.

finance.py: transactions and wallet estimates; contacts.py: accounts, people
and links. Kept apart so that importing transactions does not load the people
and accounts services (their pydantic models: ~0.15 s of start-up)."""

from __future__ import annotations

from dataclasses import dataclass, field

Mapping = dict[str, str | None]


@dataclass
class ImportReport:
    """What an import did, as the CLI and the app print it."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    assumptions: list[str] = field(default_factory=list)
    # What the user should look at, nothing changed by it: a new account or
    # person that looks like one already there (never merged silently).
    warnings: list[str] = field(default_factory=list)


def counts(report: ImportReport) -> dict[str, int]:
    """What the audit trail's one entry of an import keeps of its report."""
    return {
        "rows": report.rows,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
    }
