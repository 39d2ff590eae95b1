"""`kamtui import all DIR`: a whole `kamtui export` folder read back in ONE
transaction, all or nothing, each file by its own importer in the order the
export lists them (accounts before what names them)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kamtui.exporters import files
from kamtui.exporters.spec import FILES
from kamtui.importers.csvfile import ImportFailed
from kamtui.services.imports import ImportReport
from kamtui.services.imports.contacts import import_accounts, import_links, import_people
from kamtui.services.imports.finance import import_transactions, import_wallet
from kamtui.services.imports.not_duplicates import import_not_duplicates
from kamtui.services.imports.records import KINDS as RECORD_KINDS
from kamtui.services.imports.records import import_records
from kamtui.storage.db import Store
from kamtui.textsafe import clean


def _importer(kind: str, decimal: str) -> Callable[..., ImportReport]:
    if kind == "accounts":
        return import_accounts
    if kind == "people":
        return import_people
    if kind == "links":
        return import_links
    if kind == "transactions":
        return lambda store, path, **kw: import_transactions(
            store, path, decimal=decimal, dayfirst=False, margin="fraction", **kw
        )
    if kind == "wallet":
        return lambda store, path, **kw: import_wallet(store, path, decimal=decimal, **kw)
    if kind == "not_duplicates":
        return import_not_duplicates
    assert kind in RECORD_KINDS
    return lambda store, path, **kw: import_records(kind, store, path, **kw)


def check_export(folder: Path) -> tuple[str, list[tuple[str, Path]]]:
    """(format, [(kind, file)] in import order) of an export folder; raises
    ImportFailed saying why a folder is not one."""
    if not folder.is_dir():
        raise ImportFailed([f"{folder}: not a folder (give the folder `kamtui export` wrote)"])
    readme = folder / files.README
    if not readme.is_file():
        raise ImportFailed(
            [
                f"{folder}: not a kamtui export: it has no {files.README} (write one with kamtui export)"
            ]
        )
    try:
        fmt = files.read_mark(readme.read_text(encoding="utf-8", errors="replace")[:200])
    except OSError as exc:
        raise ImportFailed([f"{readme}: cannot be read ({exc.strerror or exc})"]) from None
    if fmt is None:
        raise ImportFailed(
            [f"{readme}:1: not a kamtui export: the first line is not '{files.MARK} (format: …)'"]
        )
    if fmt not in ("csv", "csv-excel", "json"):
        raise ImportFailed(
            [
                f"{readme}:1: the format {clean(fmt, one_line=True)!r} is not one kamtui writes "
                "(csv, csv-excel or json)"
            ]
        )
    ext = "json" if fmt == "json" else "csv"
    expected = {files.file_name(spec, ext): spec.kind for spec in FILES}
    unknown = sorted(
        p.name for p in folder.iterdir() if p.name != files.README and p.name not in expected
    )
    if unknown:
        raise ImportFailed(
            [
                f"{folder}/{clean(name, one_line=True)}: not a file of a kamtui export "
                f"(expected only {files.README} and {', '.join(expected)}); nothing imported"
                for name in unknown
            ]
        )
    found = [
        (spec.kind, folder / files.file_name(spec, ext))
        for spec in FILES
        if (folder / files.file_name(spec, ext)).is_file()
        and not (ext == "json" and _empty_list(folder / files.file_name(spec, ext)))
    ]
    return fmt, found


def _empty_list(path: Path) -> bool:
    """A JSON file of no records ("[]"): it has no keys to read columns from,
    and nothing to import (a CSV file of no records still has its header)."""
    try:
        return path.stat().st_size < 16 and path.read_text(encoding="utf-8").strip() == "[]"
    except (OSError, UnicodeDecodeError):
        return False  # the importer says what is wrong with it


def import_all(
    store: Store,
    folder: Path | str,
    *,
    dry_run: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, ImportReport]:
    """Every file of the export, in one transaction; {kind: its report}.
    `progress(kind, files done, files in all)` before each file (a large
    export takes minutes). Raises ImportFailed (the errors of the first bad
    file) and writes nothing."""
    fmt, found = check_export(Path(folder).expanduser())
    decimal = "," if fmt == "csv-excel" else "."
    reports: dict[str, ImportReport] = {}
    kwargs: dict[str, Any] = {}
    with store.write(rollback=dry_run, activity="import of an export"):
        for done, (kind, path) in enumerate(found):
            if progress is not None:
                progress(kind, done, len(found))
            reports[kind] = _importer(kind, decimal)(store, path, **kwargs)
    return reports
