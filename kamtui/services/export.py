"""`kamtui export`: every live record, one file per kind, in the columns the
importers read, plus a README.txt describing them (kamtui.exporters writes
the files; kamtui.storage.export reads the rows, in one read transaction).

Records refer to each other by what a person reads, never by database ids:
an account by its number (else its name), a person by name within the
account (side:name when the name is on both sides), an interaction by its
account, when and summary, a goal by its account, title and start."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kamtui.exporters import files
from kamtui.exporters.spec import FILES
from kamtui.services.errors import ServiceError
from kamtui.services.lookup import resolve_account
from kamtui.storage import export as sql
from kamtui.storage.db import Store
from kamtui.textsafe import clean, fold, formula_safe

Progress = Callable[[int, int], None]  # (rows written, rows in all)


@dataclass
class ExportReport:
    folder: Path
    counts: dict[str, int] = field(default_factory=dict)
    paths: list[Path] = field(default_factory=list)


def export(
    store: Store,
    folder: Path | str,
    *,
    fmt: str = "csv",
    excel: bool = False,
    account: str | None = None,
    progress: Progress | None = None,
) -> ExportReport:
    """Write the export into `folder` (created if needed). Refuses a folder
    holding anything but an earlier export's files, so nothing of the user's
    is overwritten. `progress(done, total)` follows the rows written.
    Raises ServiceError with a message for the user."""
    if fmt not in files.FORMATS:
        raise ServiceError(f"unknown format {fmt!r}; use one of {', '.join(files.FORMATS)}")
    if excel and fmt != "csv":
        raise ServiceError("--excel is for CSV files; leave it out with --format json")
    folder = Path(folder).expanduser()
    _prepare(folder)
    ref = resolve_account(store, account) if account else None
    account_id = ref.id if ref is not None else None
    report = ExportReport(folder)
    with sql.snapshot(store):
        totals = {spec.kind: sql.count(store, spec.kind, account_id) for spec in FILES}
        total = max(sum(totals.values()), 1)
        done = 0

        def advance(rows: int) -> None:
            nonlocal done
            done += rows
            if progress is not None:
                progress(min(done, total - 1), total)

        csv_out = fmt == "csv"
        who, with_ = _labels(store, account_id, escape=formula_safe if csv_out else None)
        number, tiny_only = files.csv_number(excel=excel)
        for spec in FILES:
            chunks = sql.chunks(
                store,
                spec.kind,
                [(c.name, c.number) for c in spec.columns],
                account_id=account_id,
                escape=_escape if csv_out else None,
                number=number if csv_out else None,
                tiny_numbers_only=tiny_only,
                who=who,
                with_=with_,
            )
            path, n = files.write_file(folder, spec, chunks, fmt=fmt, excel=excel, progress=advance)
            report.counts[spec.kind] = n
            report.paths.append(path)
    label = ref.name if ref is not None else None
    text = files.readme(fmt=fmt, excel=excel, account=label, counts=report.counts)
    report.paths.append(files.write_readme(folder, text))
    if progress is not None:
        progress(total, total)
    return report


def export_file_names() -> set[str]:
    """Every file name an export may hold (either format), README.txt included."""
    return {files.README} | {files.file_name(s, f) for s in FILES for f in files.FORMATS}


def _prepare(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ServiceError(f"{folder} is a file, not a folder")
    if folder.is_dir():
        foreign = sorted(p.name for p in folder.iterdir() if p.name not in export_file_names())
        if foreign:
            shown = ", ".join(clean(n, one_line=True) for n in foreign[:5])
            raise ServiceError(
                f"{folder} holds other files ({shown}{' …' if len(foreign) > 5 else ''}); "
                "export into an empty or new folder"
            )
        return
    try:
        folder.mkdir(parents=True, mode=0o700)
    except OSError as exc:
        raise ServiceError(f"{folder} cannot be created ({exc.strerror or exc})") from None


def _escape(value: object) -> object:
    """formula_safe for text; a number stored in a text column stays a number."""
    return formula_safe(value) if isinstance(value, str) else value


def _labels(
    store: Store, account_id: int | None, *, escape: Callable[[str], str] | None
) -> tuple[Callable[[int | None], str | None], Callable[[str | None], str | None]]:
    """(who, with_): a person as the importers find them (side:name when the
    name is on both sides of the account), and an interaction's participants
    (their ids, comma separated) as its `with` cell: one per line, sorted.
    Both cells go through `escape` when given."""
    sides: dict[tuple[int, str], set[str]] = defaultdict(set)
    found = sql.people(store, account_id)
    for _id, account, side, name in found:
        sides[(account, fold(name))].add(side)
    label = {
        pid: f"{side}:{name}" if len(sides[(account, fold(name))]) > 1 else name
        for pid, account, side, name in found
    }

    # By the id as group_concat writes it, with the sort key made once: this
    # runs for each of a million interactions (it was 6 of 32 CPU seconds).
    keyed = {str(pid): (fold(text), text) for pid, text in label.items()}

    def with_(ids: str | None) -> str | None:
        if not ids:
            return None
        if "," in ids:
            found = sorted(filter(None, map(keyed.get, ids.split(","))))
            if len(found) > 1:
                text = "\n".join(t for _k, t in found)
                return escape(text) if escape is not None else text
            one = found[0] if found else None
        else:
            one = keyed.get(ids)
        if one is None:
            return None
        # One name holding ';' is followed by a line break: the importer then
        # splits on line breaks only.
        text = one[1] + "\n" if ";" in one[1] else one[1]
        return escape(text) if escape is not None else text

    shown = label if escape is None else {pid: escape(text) for pid, text in label.items()}
    return shown.get, with_  # type: ignore[return-value]
