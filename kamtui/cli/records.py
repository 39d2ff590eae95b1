"""Plumbing shared by the commands that list and correct records (accounts,
people, interactions, complaints, facts, the trash): record ids, turning a
service's refusal into a clear message with exit 2, and plain tables."""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from kamtui.cli.common import CliError, out, today_from

if TYPE_CHECKING:
    from datetime import date

ACCOUNT_HELP = "account name (or part), number, identifier (C-88 or SAT:C-88), or #id"


def since_date(args: argparse.Namespace) -> date | None:
    """The `--since DATE` of a listing (a day in the past), or None."""
    if not args.since:
        return None
    from kamtui import dates

    try:
        return dates.parse_date(args.since, today=today_from(args), purpose=dates.PAST)
    except ValueError as exc:
        raise CliError(f"--since: {exc}") from None


def record_id(text: str) -> int:
    """An argparse type: '12' or '#12' -> 12."""
    raw = text.strip().removeprefix("#").strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise argparse.ArgumentTypeError(f"{text!r} is not a record id (a number, e.g. 12 or #12)")
    return int(raw)


@contextmanager
def refused() -> Iterator[None]:
    """A ServiceError (not found, ambiguous, invalid) or an edit conflict
    becomes a CliError: its message on stderr, exit 2, nothing written."""
    from kamtui.services.errors import RecordConflict, ServiceError

    try:
        yield
    except ServiceError as exc:
        raise CliError(str(exc)) from None
    except RecordConflict as exc:
        what = str(exc).split(" was ", 1)[0]
        raise CliError(
            f"{what} was changed or trashed by someone else meanwhile; nothing was written "
            "(run the command again to apply it to what is stored now)"
        ) from None


def given(args: argparse.Namespace, fields: dict[str, str]) -> dict[str, Any]:
    """{field: value} for the options (dest -> field) the user gave."""
    return {
        field: getattr(args, dest)
        for dest, field in fields.items()
        if getattr(args, dest, None) is not None
    }


def table(header: Sequence[str], rows: Sequence[Sequence[Any]], caps: Sequence[int]) -> None:
    """Columns padded to their widest cell (each at most its cap), cleaned."""
    from kamtui.textsafe import clean

    cells = [
        [clean("" if v is None else str(v), one_line=True) for v in r] for r in [header, *rows]
    ]
    widths = [min(max(len(r[i]) for r in cells), cap) for i, cap in enumerate(caps)]
    for r in cells:
        out("  ".join(_fit(v, w) for v, w in zip(r, widths, strict=True)).rstrip())


def _fit(value: str, width: int) -> str:
    return value.ljust(width) if len(value) <= width else value[: width - 1] + "…"
