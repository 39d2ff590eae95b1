"""Parse transactions from finance's CSV exports.

Real exports come from a Spanish-locale Excel as often as from an ERP:
semicolon or comma separated, decimal comma with '.' thousands or decimal
point, day-first or ISO dates, UTF-8 (BOM or not) or Windows-1252. What can be
detected is detected from the file and reported; every guess can be overridden.

Every row is validated and any invalid one is reported as `FILE:LINE: field:
reason`; the account and the document number identify a row. Writing them is
kamtui.services.imports's job: this module never sees the database (accounts
are matched by a lookup the caller passes).

Speed matters (a million rows is a normal year for a big distributor): rows are
validated with plain code and per-value caches, not a model per row, and
streamed in batches so the caller writes them while the file is still read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kamtui.importers.aliases import TRANSACTIONS as ALIASES
from kamtui.importers.csvfile import CsvFile, ImportFailed, read_csv
from kamtui.importers.dialect import (
    GROUPED_DOT,
    MARGIN_MODES,
    detect_margin_mode,
    parse_date,
    parse_number,
    resolve_dialect,
    sample,
)
from kamtui.importers.limits import MAX_AMOUNT
from kamtui.importers.sheet import (
    Categories,
    Errors,
    Progress,
    ResolveAccount,
    cell_checker,
    known_columns,
)

# account_id, date, amount, category, document, margin: storage's TX_COLUMNS order.
Row = tuple[int, str, float, str, str, float | None]

REQUIRED = ("date", "amount", "category", "document")
BATCH = 20000


class TransactionsFile:
    """A transactions export whose columns and dialect are decided; `batches()`
    validates its rows and streams the valid ones."""

    def __init__(
        self,
        csv_file: CsvFile,
        cols: dict[str, int],
        *,
        decimal_comma: bool,
        dayfirst: bool,
        margin_mode: str,
        assumptions: list[str],
    ) -> None:
        self.csv_file = csv_file
        self.cols = cols
        self.decimal_comma = decimal_comma
        self.dayfirst = dayfirst
        self.margin_mode = margin_mode
        self.assumptions = assumptions
        self.rows = 0  # data rows read, once batches() has run
        self.errors = Errors(csv_file.path)

    def batches(
        self,
        resolve_account: ResolveAccount,
        categories: Categories,
        progress: Progress | None = None,
    ) -> Iterator[list[Row]]:
        """Validate every row; yield the valid ones in batches of about BATCH
        while no row has failed. At the end raise ImportFailed listing every
        problem (the caller's transaction then rolls back what it wrote).
        `progress(done, total)` is called every few thousand rows.

        The hot loop: plain code and per-value caches (dates, accounts and
        categories repeat); a row costs a few dictionary look-ups and a float()."""
        csv_file, cols, errors = self.csv_file, self.cols, self.errors
        decimal_comma, dayfirst, margin_mode = self.decimal_comma, self.dayfirst, self.margin_mode
        total = max(csv_file.text.count("\n"), 1)
        i_date = cols["date"]
        i_amount = cols["amount"]
        i_category = cols["category"]
        i_document = cols["document"]
        i_account = cols.get("account")
        i_number = cols.get("account_number")
        i_margin = cols.get("margin")
        width = len(csv_file.header)
        needed = max(cols.values()) + 1

        date_cache: dict[str, str] = {}
        account_cache: dict[str, int] = {}
        number_cache: dict[str, int] = {}
        category_cache: dict[str, str] = {}
        bad_values: dict[tuple[str, str], str] = {}  # (field, value) -> reason, reported per row
        seen: set[int] = set()
        suspects: list[tuple[int, int, str]] = []  # (line, account, document)

        grouped = GROUPED_DOT.match
        _nan = float("nan")
        check = cell_checker(csv_file, cols)
        batch: list[Row] = []
        append = batch.append
        n = 0
        step = 20000
        tick = step
        failed = False
        for line, span, row in csv_file.rows():
            if len(row) != width:
                if not any(c.strip() for c in row):
                    continue
                if len(row) > width and any(c.strip() for c in row[width:]):
                    errors.add(line, "row", f"{len(row) - width} more cell(s) than the header")
                    failed = True
                    n += 1
                    continue
                if len(row) < needed:
                    row = row + [""] * (needed - len(row))
            elif not any(row):
                continue
            n += 1
            bad_cells = check(line, span, row)
            if bad_cells:
                for at, label, why in bad_cells:
                    errors.add(at, label, why)
                failed = True
                continue
            if n >= tick:
                tick += step
                if progress is not None:
                    progress(n, total)
                if not failed and len(batch) >= BATCH:
                    yield batch
                    batch = []
                    append = batch.append
            ok = True

            # date
            text = row[i_date]
            day = date_cache.get(text)
            if day is None:
                try:
                    day = date_cache[text] = parse_date(text, dayfirst)
                except ValueError as exc:
                    errors.add(line, "date", str(exc))
                    ok = False

            # account: the number column wins when both are present and filled
            account = None
            if i_number is not None and row[i_number].strip():
                text = row[i_number]
                account = number_cache.get(text)
                if account is None:
                    reason = bad_values.get(("account_number", text))
                    if reason is None:
                        try:
                            account = number_cache[text] = resolve_account(text, number_only=True)
                        except ValueError as exc:
                            reason = bad_values["account_number", text] = str(exc)
                    if reason is not None:
                        errors.add(line, "account_number", reason)
                        ok = False
            elif i_account is not None:
                text = row[i_account]
                account = account_cache.get(text)
                if account is None:
                    reason = bad_values.get(("account", text))
                    if reason is None:
                        try:
                            account = account_cache[text] = resolve_account(text)
                        except ValueError as exc:
                            reason = bad_values["account", text] = str(exc)
                    if reason is not None:
                        errors.add(line, "account", reason)
                        ok = False
            else:
                errors.add(line, "account", "is required")
                ok = False

            # amount: the common cases without a regex
            text = row[i_amount]
            try:
                if "_" in text:
                    amount = _nan
                elif decimal_comma:
                    if "." in text:
                        amount = (
                            float(text.replace(".", "").replace(",", "."))
                            if grouped(text)
                            else _nan
                        )
                    else:
                        amount = float(text.replace(",", "."))
                else:
                    amount = float(text)
            except ValueError:
                amount = _nan
            if not -MAX_AMOUNT < amount < MAX_AMOUNT:  # nan, inf, huge or not read by the fast path
                try:
                    amount = parse_number(text, decimal_comma)
                except ValueError as exc:
                    errors.add(line, "amount", str(exc))
                    ok = False

            # category
            text = row[i_category]
            category = category_cache.get(text)
            if category is None:
                try:
                    category = category_cache[text] = categories.canonical(text)
                except ValueError as exc:
                    errors.add(line, "category", str(exc))
                    ok = False

            # document
            document = row[i_document].strip()
            if not document:
                errors.add(line, "document", "is required")
                ok = False
            elif len(document) > 60:
                errors.add(line, "document", "longer than 60 characters")
                ok = False

            # margin (optional)
            value = None
            if i_margin is not None:
                text = row[i_margin]
                if text.strip():
                    try:
                        value = parse_number(text.replace("%", ""), decimal_comma)
                        if margin_mode == "percent":
                            value = value / 100
                        elif margin_mode == "amount":
                            value = value / amount if ok and amount else None
                        if value is not None and not -10 <= value <= 1:
                            raise ValueError(
                                f"{text.strip()!r} is not a plausible margin "
                                f"(read as {margin_mode}: {value:.0%} of the amount)"
                            )
                    except ValueError as exc:
                        errors.add(line, "margin", str(exc))
                        ok = False

            if not ok:
                failed = True
                continue
            key = hash(document) ^ account  # type: ignore[operator]
            if key in seen:
                suspects.append((line, account, document))  # type: ignore[arg-type]
            else:
                seen.add(key)
            if not failed:
                append((account, day, amount, category, document, value))  # type: ignore[arg-type]
        self.rows = n
        if suspects:
            _report_duplicates(csv_file, cols, suspects, errors, account_cache, number_cache)
        if not errors.count and batch:
            yield batch
        if progress is not None:
            progress(n, n)
        errors.raise_if_any()


def read_transactions(
    path: Path | str,
    *,
    mapping: dict[str, str | None] | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    decimal: str | None = None,
    dayfirst: bool | None = None,
    margin: str | None = None,
) -> TransactionsFile:
    """Read the file and decide its columns and dialect (detected unless
    given, each decision noted). Raises ImportFailed for an unreadable file,
    missing or unknown columns or a bad option."""
    csv_file = read_csv(path, encoding=encoding, delimiter=delimiter)
    notes = list(csv_file.assumptions)
    cols, column_notes = known_columns(
        csv_file, ALIASES, mapping, REQUIRED, one_of=("account", "account_number")
    )
    notes.extend(column_notes)
    decimal_comma, day_first = resolve_dialect(
        csv_file,
        cols,
        decimal=decimal,
        dayfirst=dayfirst,
        number_fields=("amount", "margin"),
        date_field="date",
        notes=notes,
    )
    i_margin = cols.get("margin")
    margin_mode = margin
    if i_margin is not None and margin_mode is None:
        margin_mode, why = detect_margin_mode(sample(csv_file, i_margin), decimal_comma)
        notes.append(f"margin read as {margin_mode}: {why} (override with --margin)")
    elif margin_mode is not None and margin_mode not in MARGIN_MODES:
        raise ImportFailed([f"--margin {margin_mode!r}: expected one of {', '.join(MARGIN_MODES)}"])
    return TransactionsFile(
        csv_file,
        cols,
        decimal_comma=decimal_comma,
        dayfirst=day_first,
        margin_mode=margin_mode or "fraction",
        assumptions=notes,
    )


def _report_duplicates(
    csv_file: CsvFile,
    cols: dict[str, int],
    suspects: list[tuple[int, int, str]],
    errors: Errors,
    account_cache: dict[str, int],
    number_cache: dict[str, int],
) -> None:
    """Second, rare pass: find the first line of each repeated document."""
    wanted = {(a, d) for _line, a, d in suspects}
    first: dict[tuple[int, str], int] = {}
    i_doc = cols["document"]
    i_account = cols.get("account")
    i_number = cols.get("account_number")
    for line, _span, row in csv_file.rows():
        if len(row) <= i_doc:
            continue
        account = None
        if i_number is not None and i_number < len(row) and row[i_number].strip():
            account = number_cache.get(row[i_number])
        elif i_account is not None and i_account < len(row):
            account = account_cache.get(row[i_account])
        key = (account, row[i_doc].strip())
        if key in wanted and key not in first:
            first[key] = line
    for line, account, document in suspects:
        origin = first.get((account, document))
        if origin is None or origin == line:
            continue  # a hash collision between different rows: not a duplicate
        errors.add(
            line,
            "document",
            f"{document!r} for the same account is already on line {origin} "
            "(one row per document and account: sum the lines of an invoice, or map a "
            "per-line document number)",
        )
