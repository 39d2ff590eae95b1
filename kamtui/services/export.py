"""`kamtui export`: every live record, one file per kind, in the columns the
importers read, plus a README.txt describing them (kamtui.exporters writes
the files; kamtui.storage.export reads the rows, in one read transaction).

Records refer to each other by what a person reads, never by database ids:
an account by its number (else its name), a person by name within the
account (side:name when the name is on both sides), an interaction by its
account, when and summary, a goal by its account, title and start."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kamtui.exporters import files
from kamtui.exporters.spec import BY_KIND, FILES
from kamtui.services import export_parallel
from kamtui.services.errors import ServiceError
from kamtui.services.export_plan import Piece
from kamtui.services.lookup import resolve_account
from kamtui.storage import export as sql
from kamtui.storage.db import Store
from kamtui.textsafe import clean, fold, formula_safe

Progress = Callable[[int, int], None]  # (rows written, rows in all)
_CACHE_SIZE = 100_000


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
    parallel: bool | None = None,
) -> ExportReport:
    """Write the export into `folder` (created if needed). Refuses a folder
    holding anything but an earlier export's files, so nothing of the user's
    is overwritten. `progress(done, total)` follows the rows written.
    A whole portfolio's export runs in child processes when it is large and
    the machine has the cores (`parallel`: True always, False never, None
    decides; see export_parallel). Raises ServiceError with a message for
    the user."""
    if fmt not in files.FORMATS:
        raise ServiceError(f"unknown format {fmt!r}; use one of {', '.join(files.FORMATS)}")
    if excel and fmt != "csv":
        raise ServiceError("--excel is for CSV files; leave it out with --format json")
    folder = Path(folder).expanduser()
    _prepare(folder)
    ref = resolve_account(store, account) if account else None
    account_id = ref.id if ref is not None else None
    report = ExportReport(folder)
    kinds = [spec.kind for spec in FILES]
    counts = None
    if account_id is None and parallel is not False:
        counts = export_parallel.run(
            store, folder, kinds, fmt=fmt, excel=excel, progress=progress, force=bool(parallel)
        )
    if counts is None:
        counts = write_kinds(
            store, folder, kinds, fmt=fmt, excel=excel, account_id=account_id, progress=progress
        )
    report.counts = {spec.kind: counts.get(spec.kind, 0) for spec in FILES}
    report.paths = [folder / files.file_name(spec, fmt) for spec in FILES]
    label = ref.name if ref is not None else None
    text = files.readme(fmt=fmt, excel=excel, account=label, counts=report.counts)
    report.paths.append(files.write_readme(folder, text))
    if progress is not None:
        total = max(sum(counts.values()), 1)
        progress(total, total)
    return report


def write_kinds(
    store: Store,
    folder: Path,
    kinds: Sequence[str | Piece],
    *,
    fmt: str,
    excel: bool,
    account_id: int | None = None,
    progress: Progress | None = None,
    rows_done: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Write the files of `kinds` (or the parts of files that pieces name)
    into `folder`, all read in one read transaction (joined when `store` is
    already in one); the rows written per kind (per piece's text for a
    part). `progress(done, total)` follows the rows, `rows_done(n)` each
    chunk written."""
    counts: dict[str, int] = {}
    pieces = [Piece(k) if isinstance(k, str) else k for k in kinds]
    with sql.snapshot(store):
        total = 1
        if progress is not None:
            total = max(sum(sql.count(store, p.kind, account_id) for p in pieces), 1)
        done = 0

        def advance(rows: int) -> None:
            nonlocal done
            done += rows
            if rows_done is not None:
                rows_done(rows)
            if progress is not None:
                progress(min(done, total - 1), total)

        csv_out = fmt == "csv"
        number, tiny_only = files.csv_number(excel=excel)
        labels = None
        for piece in pieces:
            kind = piece.kind
            spec = BY_KIND[kind]
            # People's labels take a second to make on a large file: only
            # for the files that name people (a child may write none).
            if labels is None and kind in sql.NAMING_PEOPLE:
                labels = _labels(store, account_id, escape=formula_safe if csv_out else None)
            who, with_ = labels or (_nobody, _nobody)
            chunks = sql.chunks(
                store,
                kind,
                [(c.name, c.number) for c in spec.columns],
                account_id=account_id,
                escape=_escape if csv_out else None,
                number=number if csv_out else None,
                tiny_numbers_only=tiny_only,
                who=who,
                with_=with_,
                ids=piece.ids,
            )
            _path, counts[piece.text()] = files.write_file(
                folder, spec, chunks, fmt=fmt, excel=excel, progress=advance, part=piece.part
            )
    return counts


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


def _nobody(_value: object) -> None:
    return None


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

    # Many interactions share their participants (about 3 in 10 of the large
    # demo's sets are distinct): each set's cell is made once, in a cache
    # emptied when it grows large.
    cache: dict[str, str | None] = {}

    def with_(ids: str | None) -> str | None:
        if not ids:
            return None
        got = cache.get(ids, cache)
        if got is cache:
            if len(cache) >= _CACHE_SIZE:
                cache.clear()
            got = cache[ids] = cell(ids)
        return got  # type: ignore[return-value]

    def cell(ids: str) -> str | None:
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
