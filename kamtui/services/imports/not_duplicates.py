"""Importing pairs marked "not a duplicate" (`kamtui import not_duplicates`,
the export's `not_duplicates` file): all or nothing; a pair marked already
is unchanged, so re-importing changes nothing."""

from __future__ import annotations

from pathlib import Path

from kamtui.importers.not_duplicates import parse_not_duplicates
from kamtui.services.imports import ImportReport, Mapping, counts
from kamtui.services.imports.records import lookups
from kamtui.storage import audit
from kamtui.storage import duplicates as sql
from kamtui.storage.db import Store


def import_not_duplicates(
    store: Store,
    path: Path | str,
    *,
    dry_run: bool = False,
    mapping: Mapping | None = None,
    encoding: str | None = None,
) -> ImportReport:
    """Validate the whole file, then mark its pairs in one transaction
    (rolled back for a dry run). Raises ImportFailed listing every problem."""
    with (
        store.write(rollback=dry_run, activity="import of not-a-duplicate marks") as conn,
        audit.imported(conn, "not_duplicates", Path(path).name) as entry,
    ):
        found = lookups(store)
        assert found.person is not None
        parsed = parse_not_duplicates(
            path,
            account_of=found.account,
            find_person=found.person,
            mapping=mapping,
            encoding=encoding,
        )
        added = sql.add_marks(conn, parsed.items)
        report = ImportReport(
            rows=parsed.rows,
            created=added,
            unchanged=len(parsed.items) - added,
            assumptions=parsed.assumptions,
        )
        entry.counts.update(counts(report))
    return report
