"""Parse wallet estimates: the client's estimated yearly spend per product
category (what they buy from everybody, not only from us), so wallet share can
be computed. Account + category + year identify a row; any invalid row is
reported as `FILE:LINE: field: reason`. Writing them is
kamtui.services.imports's job."""

from __future__ import annotations

from pathlib import Path

from kamtui.importers.aliases import WALLET as ALIASES
from kamtui.importers.csvfile import CsvFile, read_csv
from kamtui.importers.dialect import parse_number, resolve_dialect
from kamtui.importers.sheet import (
    Categories,
    Errors,
    Progress,
    ResolveAccount,
    cell_checker,
    known_columns,
)

REQUIRED = ("category", "year", "amount")
# account_id, category, year, amount: storage's upsert_wallet order.
Row = tuple[int, str, int, float]


class WalletFile:
    """A wallet export whose columns and decimal separator are decided."""

    def __init__(
        self,
        csv_file: CsvFile,
        cols: dict[str, int],
        *,
        decimal_comma: bool,
        assumptions: list[str],
    ) -> None:
        self.csv_file = csv_file
        self.cols = cols
        self.decimal_comma = decimal_comma
        self.assumptions = assumptions
        self.rows = 0  # data rows read, once parse() has run

    def parse(
        self,
        resolve_account: ResolveAccount,
        categories: Categories,
        progress: Progress | None = None,
    ) -> list[Row]:
        """Every row, validated; raises ImportFailed listing every problem."""
        csv_file, cols, decimal_comma = self.csv_file, self.cols, self.decimal_comma
        errors = Errors(csv_file.path)
        parsed: list[Row] = []
        first_line: dict[tuple[int, str, int], int] = {}
        width = len(csv_file.header)
        needed = max(cols.values()) + 1
        check = cell_checker(csv_file, cols)
        for line, span, row in csv_file.rows():
            if not any(c.strip() for c in row):
                continue
            self.rows += 1
            if len(row) > width and any(c.strip() for c in row[width:]):
                errors.add(line, "row", f"{len(row) - width} more cell(s) than the header")
                continue
            row = row + [""] * (needed - len(row))
            bad_cells = check(line, span, row)
            if bad_cells:
                for at, label, reason in bad_cells:
                    errors.add(at, label, reason)
                continue
            ok = True
            account = None
            try:
                if "account_number" in cols and row[cols["account_number"]].strip():
                    account = resolve_account(row[cols["account_number"]], number_only=True)
                elif "account" in cols:
                    account = resolve_account(row[cols["account"]])
                else:
                    raise ValueError("is required")
            except ValueError as exc:
                field = (
                    "account_number"
                    if "account_number" in cols and row[cols["account_number"]].strip()
                    else "account"
                )
                errors.add(line, field, str(exc))
                ok = False
            try:
                category = categories.canonical(row[cols["category"]])
            except ValueError as exc:
                errors.add(line, "category", str(exc))
                ok = False
            text = row[cols["year"]].strip()
            year = None
            if not text:
                errors.add(line, "year", "is required")
            elif not (text.isascii() and text.isdigit() and 1900 <= int(text) <= 2100):
                errors.add(line, "year", f"{text!r} is not a year (expected e.g. 2025)")
            else:
                year = int(text)
            try:
                amount = parse_number(row[cols["amount"]], decimal_comma)
                if amount < 0:
                    raise ValueError(
                        f"{row[cols['amount']].strip()!r}: an estimate cannot be negative"
                    )
            except ValueError as exc:
                errors.add(line, "amount", str(exc))
                ok = False
            if not ok or year is None or account is None:
                continue
            key = (account, category, year)
            if key in first_line:
                errors.add(
                    line,
                    "category",
                    f"{category!r} {year} for the same account is already on line {first_line[key]}",
                )
                continue
            first_line[key] = line
            parsed.append((account, category, year, amount))
            if progress is not None and self.rows % 5000 == 0:
                progress(self.rows, max(csv_file.text.count("\n"), 1))
        errors.raise_if_any()
        return parsed


def read_wallet(
    path: Path | str,
    *,
    mapping: dict[str, str | None] | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    decimal: str | None = None,
) -> WalletFile:
    """Read the file and decide its columns and decimal separator (detected
    unless given, the decision noted). Raises ImportFailed for an unreadable
    file, missing or unknown columns or a bad option."""
    csv_file = read_csv(path, encoding=encoding, delimiter=delimiter)
    notes = list(csv_file.assumptions)
    cols, column_notes = known_columns(
        csv_file, ALIASES, mapping, REQUIRED, one_of=("account", "account_number")
    )
    notes.extend(column_notes)
    decimal_comma, _ = resolve_dialect(
        csv_file,
        cols,
        decimal=decimal,
        dayfirst=None,
        number_fields=("amount",),
        date_field=None,
        notes=notes,
    )
    return WalletFile(csv_file, cols, decimal_comma=decimal_comma, assumptions=notes)
