"""Import transactions from finance's CSV exports.

Real exports come from a Spanish-locale Excel as often as from an ERP:
semicolon or comma separated, decimal comma with '.' thousands or decimal
point, day-first or ISO dates, UTF-8 (BOM or not) or Windows-1252. What can be
detected is detected from the file and reported; every guess can be overridden.

The import is all-or-nothing (one transaction; any invalid row aborts it with
every error as `FILE:LINE: field: reason`) and idempotent: the account and the
document number identify a row, so re-importing a file changes nothing and a
changed row updates the stored one.

Speed matters (a million rows is a normal year for a big distributor): rows are
validated with plain code and per-value caches, not a model per row, and
written with one `executemany` upsert inside one transaction."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from kamtui.importers.csvfile import CellChecker, CsvFile, ImportFailed, match_columns, read_csv
from kamtui.importers.limits import MAX_AMOUNT
from kamtui.storage import finance as sql
from kamtui.storage.db import Store
from kamtui.textsafe import clean, fold

Progress = Callable[[int, int], None]

ALIASES: dict[str, tuple[str, ...]] = {
    "date": (
        "fecha",
        "fecha factura",
        "fecha documento",
        "fecha pedido",
        "fecha de factura",
        "fecha emision",
        "dia",
        "invoice date",
        "order date",
        "document date",
        "posting date",
    ),
    "account": (
        "cliente",
        "cuenta",
        "nombre cliente",
        "razon social",
        "empresa",
        "customer",
        "client",
        "customer name",
        "account name",
        "company",
    ),
    "account_number": (
        "codigo cliente",
        "cod cliente",
        "n cliente",
        "no cliente",
        "num cliente",
        "numero cliente",
        "numero de cliente",
        "numero de cuenta",
        "n cuenta",
        "customer number",
        "customer no",
        "customer id",
        "account number",
        "account no",
        "account id",
    ),
    "amount": (
        "importe",
        "importe neto",
        "base imponible",
        "neto",
        "total",
        "total neto",
        "venta",
        "ventas",
        "valor",
        "net amount",
        "net",
        "revenue",
        "sales",
        "value",
    ),
    "category": (
        "familia",
        "categoria",
        "familia producto",
        "familia de producto",
        "linea de producto",
        "linea",
        "tipo producto",
        "product category",
        "product family",
        "product line",
        "family",
    ),
    "document": (
        "factura",
        "n factura",
        "no factura",
        "num factura",
        "numero factura",
        "numero de factura",
        "documento",
        "n documento",
        "no documento",
        "numero documento",
        "pedido",
        "n pedido",
        "albaran",
        "invoice",
        "invoice number",
        "invoice no",
        "document number",
        "document no",
        "doc",
        "order",
        "order number",
        "order no",
    ),
    "margin": (
        "margen",
        "margen bruto",
        "margen %",
        "margin %",
        "gross margin",
        "beneficio",
    ),
}
REQUIRED = ("date", "amount", "category", "document")
MAX_ERRORS = 500
SAMPLE_ROWS = 5000
BATCH = 20000
MARGIN_MODES = ("fraction", "percent", "amount")

_DATE = re.compile(r"^(\d{1,4})[/\-.](\d{1,2})[/\-.](\d{1,4})(?:[ T].*)?$")
_GROUPED_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d*)?$")  # 1.234.567,89
_GROUPED_COMMA = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d*)?$")  # 1,234,567.89
_PLAIN_COMMA = re.compile(r"^\d*,\d+$|^\d+,\d*$")
_PLAIN_DOT = re.compile(r"^\d*\.\d+$|^\d+\.\d*$")
_DIGITS = re.compile(r"^\d+$")
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009'")
_CURRENCY = ("€", "EUR", "eur", "$", "USD", "usd", "£", "GBP")
_EXCEL_EPOCH = date(1899, 12, 30)


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    assumptions: list[str] = field(default_factory=list)


# --- values --------------------------------------------------------------------


def parse_number(text: str, decimal_comma: bool) -> float:
    """A number as spreadsheets write it: '1.234,56', '1,234.56', '-12,5',
    '1 234,56 €', '(1.234,56)' and SAP's trailing minus '1.234,56-'.
    Raises ValueError with a reason a person can act on."""
    s = text.strip()
    if not s:
        raise ValueError("is required")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    for symbol in _CURRENCY:
        if s.startswith(symbol):
            s = s[len(symbol) :].strip()
        if s.endswith(symbol):
            s = s[: -len(symbol)].strip()
    if s.endswith("-"):
        negative, s = not negative, s[:-1].strip()
    if s.startswith("-"):
        negative, s = not negative, s[1:].strip()
    elif s.startswith("+"):
        s = s[1:].strip()
    s = s.translate(_SPACES)
    if not s:
        raise ValueError(f"{text.strip()!r} is not a number")
    if _DIGITS.match(s):
        value = float(s)
    elif decimal_comma:
        if "." in s:
            if not _GROUPED_DOT.match(s):
                hint = (
                    " (the file was read with decimal comma; use --decimal . if it uses a point)"
                    if _PLAIN_DOT.match(s) or _GROUPED_COMMA.match(s)
                    else ""
                )
                raise ValueError(f"{text.strip()!r} is not a number{hint}")
            s = s.replace(".", "")
        if not (_DIGITS.match(s) or _PLAIN_COMMA.match(s)):
            raise ValueError(f"{text.strip()!r} is not a number")
        value = float(s.replace(",", "."))
    else:
        if "," in s:
            if not _GROUPED_COMMA.match(s):
                hint = (
                    " (the file was read with decimal point; use --decimal , if it uses a comma)"
                    if _PLAIN_COMMA.match(s) or _GROUPED_DOT.match(s)
                    else ""
                )
                raise ValueError(f"{text.strip()!r} is not a number{hint}")
            s = s.replace(",", "")
        if not (_DIGITS.match(s) or _PLAIN_DOT.match(s)):
            raise ValueError(f"{text.strip()!r} is not a number")
        value = float(s)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{text.strip()!r} is not a number")
    if value >= MAX_AMOUNT:
        raise ValueError(f"{text.strip()!r} is too large (the limit is ±{MAX_AMOUNT:,.0f})")
    return -value if negative else value


def decimal_evidence(text: str) -> str | None:
    """',' or '.' when `text` shows which one is the decimal separator."""
    s = text.strip().translate(_SPACES).strip("-+()€$£ ")
    if "," in s and "." in s:
        return "," if s.rfind(",") > s.rfind(".") else "."
    if "," in s:
        if _GROUPED_COMMA.match(s) and s.count(",") == 1 and len(s.split(",")[1]) == 3:
            return None  # 1,234: thousands or three decimals
        if _GROUPED_COMMA.match(s) and s.count(",") > 1:
            return "."  # 1,234,567: only thousands separators
        return "," if _PLAIN_COMMA.match(s) else None
    if "." in s:
        if _GROUPED_DOT.match(s) and s.count(".") == 1 and len(s.split(".")[1]) == 3:
            return None
        if _GROUPED_DOT.match(s) and s.count(".") > 1:
            return ","
        return "." if _PLAIN_DOT.match(s) else None
    return None


def detect_decimal(values: list[str], delimiter: str) -> tuple[str, str]:
    """(separator, how it was decided) from sample values."""
    votes = {",": 0, ".": 0}
    example = {",": "", ".": ""}
    for v in values:
        found = decimal_evidence(v)
        if found:
            votes[found] += 1
            example[found] = example[found] or v.strip()
    if votes[","] or votes["."]:
        sep = "," if votes[","] >= votes["."] else "."
        return sep, f"from values like {example[sep]!r}"
    sep = "," if delimiter == ";" else "."
    return sep, "no value shows it; usual for a " + (
        "';'-separated file" if delimiter == ";" else f"{_delimiter_name(delimiter)}-separated file"
    )


def _delimiter_name(delimiter: str) -> str:
    return {"\t": "tab", ",": "comma", ";": "semicolon"}.get(delimiter, repr(delimiter))


def detect_dayfirst(values: list[str]) -> tuple[bool | None, str]:
    """(True day-first / False month-first / None: only ISO or no dates, reason)."""
    day = month = 0
    ambiguous = 0
    examples = {"day": "", "month": ""}
    for v in values:
        m = _DATE.match(v.strip())
        if not m or len(m.group(1)) == 4:
            continue
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 >= b:
            day += 1
            examples["day"] = examples["day"] or v.strip()
        elif b > 12 >= a:
            month += 1
            examples["month"] = examples["month"] or v.strip()
        else:
            ambiguous += 1
    if day or month:
        if day >= month:
            return True, f"from dates like {examples['day']!r}"
        return False, f"from dates like {examples['month']!r}"
    if ambiguous:
        return True, "no day above 12 in the sample; usual in Spain"
    return None, ""


def parse_date(text: str, dayfirst: bool) -> str:
    """ISO date from '25/03/2025', '3/25/25' (month-first), '2025-03-25',
    '2025-03-25 10:00' or an Excel serial day number ('45741')."""
    s = text.strip()
    if not s:
        raise ValueError("is required")
    m = _DATE.match(s)
    if m:
        a, b, c = m.group(1), m.group(2), m.group(3)
        if len(a) == 4:
            y, mo, d = int(a), int(b), int(c)
        else:
            if len(c) == 2:
                y = 2000 + int(c) if int(c) < 70 else 1900 + int(c)
            elif len(c) == 4:
                y = int(c)
            else:
                raise ValueError(f"cannot read {s!r} as a date (year {c!r})")
            d, mo = (int(a), int(b)) if dayfirst else (int(b), int(a))
        if not 1 <= mo <= 12:
            other = "--no-dayfirst" if dayfirst else "--dayfirst"
            raise ValueError(
                f"cannot read {s!r} as a date: month {mo} does not exist "
                f"(read {'day' if dayfirst else 'month'} first; try {other})"
            )
        try:
            value = date(y, mo, d)
        except ValueError as exc:
            raise ValueError(f"cannot read {s!r} as a date ({exc})") from None
    elif _DIGITS.match(s) and 20000 <= int(s) <= 80000:
        value = _EXCEL_EPOCH + timedelta(days=int(s))
    else:
        raise ValueError(f"cannot read {s!r} as a date (expected 25/03/2025 or 2025-03-25)")
    if not 1900 <= value.year <= 2100:
        raise ValueError(f"{s!r}: year {value.year} is out of range")
    return value.isoformat()


# --- accounts and categories ---------------------------------------------------------


class AccountMatcher:
    """Resolve the account cell of each row once per distinct value, the way
    services.accounts.resolve does: number, exact name, unique partial name."""

    def __init__(self, store: Store) -> None:
        self.directory = sql.account_directory(store)
        self.stripped = {}
        for number, keys in self.directory.by_number.items():
            self.stripped.setdefault(number.lstrip("0") or "0", []).extend(keys)
        self.partial: dict[str, str] = {}

    def resolve(self, text: str, number_only: bool = False) -> int:
        """Account id, or ValueError with the reason."""
        value = text.strip()
        if not value:
            raise ValueError("is required")
        probe = value[1:] if value.startswith("#") and value[1:].isdigit() else value
        found = self.directory.by_number.get(probe)
        if not found and probe.isdigit():
            # Excel drops leading zeros from account numbers.
            found = self.stripped.get(probe.lstrip("0") or "0")
        if found:
            if len(found) == 1:
                return found[0].id
            raise ValueError(_ambiguous(value, found))
        if number_only:
            raise ValueError(f"no account has the number {value!r}")
        key = fold(value)
        found = self.directory.by_name_key.get(key)
        if found:
            if len(found) == 1:
                return found[0].id
            raise ValueError(_ambiguous(value, found))
        matches = [a for a in self.directory.accounts if key in a.name_key]
        if len(matches) == 1:
            self.partial[value] = matches[0].name
            return matches[0].id
        if matches:
            raise ValueError(_ambiguous(value, matches))
        raise ValueError(
            f"no account matches {value!r} (import or create the account first, "
            "or write its exact name or account number)"
        )


def _ambiguous(value: str, keys: list[sql.AccountKey]) -> str:
    listed = "; ".join(f"{k.name} (#{k.id})" for k in sorted(keys, key=lambda k: k.name_key)[:8])
    more = " …" if len(keys) > 8 else ""
    return f"{value!r} is ambiguous: {listed}{more} (use the account number)"


class Categories:
    """One spelling per category: 'recambios' and 'Recambios ' become the
    spelling already in the database (or the first one seen)."""

    def __init__(self, store: Store) -> None:
        self.by_fold: dict[str, str] = {}
        for name in sql.known_categories(store):
            self.by_fold.setdefault(fold(name), name)

    def canonical(self, text: str) -> str:
        value = " ".join(text.split())
        if not value:
            raise ValueError("is required")
        if len(value) > 80:
            raise ValueError(f"{value[:20]!r}…: longer than 80 characters")
        return self.by_fold.setdefault(fold(value), value)


# --- file-level helpers shared with the wallet importer -------------------------------


def known_columns(
    csv_file: CsvFile,
    aliases: dict[str, tuple[str, ...]],
    mapping: dict[str, str | None] | None,
    required: tuple[str, ...],
    one_of: tuple[str, ...],
) -> tuple[dict[str, int], list[str]]:
    """{field: column index} and notes. Columns that are neither mapped nor
    recognised are ignored and listed (finance exports carry many columns)."""
    mapping = dict(mapping or {})
    mapped = {fold(k): v for k, v in mapping.items()}
    lookup = {_key(a): f for f, names in aliases.items() for a in (f, *names)}
    ignored = [h for h in csv_file.header if h and fold(h) not in mapped and _key(h) not in lookup]
    for h in ignored:
        mapping[h] = None
    if "" in csv_file.header:
        mapping[""] = None  # a trailing separator in the header: no column
    fields = {
        mapped[fold(h)] if fold(h) in mapped else lookup.get(_key(h)) for h in csv_file.header
    }
    missing_one_of = []
    if one_of and not fields & set(one_of):
        missing_one_of.append(
            f"{csv_file.path}:1: {one_of[0]}: required column is missing "
            f"(a column with the account name or number: {', '.join(one_of)})"
        )
    try:
        columns = match_columns(csv_file, aliases, mapping, required=required)
    except ImportFailed as exc:
        raise ImportFailed(exc.errors + missing_one_of) from None
    if missing_one_of:
        raise ImportFailed(missing_one_of)
    index = {h: i for i, h in enumerate(csv_file.header) if h}
    notes = []
    if ignored:
        notes.append(
            "ignored column(s): " + ", ".join(repr(clean(h, one_line=True)) for h in ignored)
        )
    return {f: index[h] for h, f in columns.items()}, notes


def _key(name: str) -> str:
    return "".join(ch for ch in fold(name) if ch.isalnum())


def cell_checker(csv_file: CsvFile, cols: dict[str, int]) -> CellChecker:
    """Checks the mapped cells by their field's limits (errors name the field)
    and the ignored ones only for quotes that swallowed rows."""
    fields: dict[int, tuple[str, str | None]] = {
        i: (h or f"column {i + 1}", None) for i, h in enumerate(csv_file.header)
    }
    fields.update({i: (f, f) for f, i in cols.items()})
    return csv_file.checker(fields)


def sample(csv_file: CsvFile, index: int | None) -> list[str]:
    if index is None:
        return []
    out = []
    for n, (_line, _span, row) in enumerate(csv_file.rows()):
        if n >= SAMPLE_ROWS:
            break
        if index < len(row) and row[index].strip():
            out.append(row[index])
    return out


class Errors:
    """Collects `FILE:LINE: field: reason` lines (at most MAX_ERRORS listed,
    in line order; the rest counted)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: list[tuple[int, str]] = []
        self.count = 0

    def add(self, line: int, fieldname: str, reason: str) -> None:
        self.count += 1
        if len(self.lines) < MAX_ERRORS:
            self.lines.append(
                (line, f"{self.path}:{line}: {fieldname}: {clean(reason, one_line=True)}")
            )

    def raise_if_any(self) -> None:
        if self.count:
            lines = [text for _line, text in sorted(self.lines, key=lambda e: e[0])]
            if self.count > len(lines):
                lines.append(
                    f"{self.path}: … and {self.count - len(lines)} more error(s) not listed"
                )
            raise ImportFailed(lines)


def resolve_dialect(
    csv_file: CsvFile,
    cols: dict[str, int],
    *,
    decimal: str | None,
    dayfirst: bool | None,
    number_fields: tuple[str, ...],
    date_field: str | None,
    notes: list[str],
) -> tuple[bool, bool]:
    """(decimal_comma, dayfirst), detected unless given, each decision noted."""
    if decimal is None:
        values = [v for f in number_fields for v in sample(csv_file, cols.get(f))]
        decimal, why = detect_decimal(values, csv_file.delimiter)
        name = "decimal comma ('.' for thousands)" if decimal == "," else "decimal point"
        other = "." if decimal == "," else ","
        notes.append(f"numbers use {name}: {why} (override with --decimal {other})")
    elif decimal not in (",", "."):
        raise ImportFailed([f"--decimal {decimal!r}: expected ',' or '.'"])
    if date_field is None:
        return decimal == ",", True
    if dayfirst is None:
        found, why = detect_dayfirst(sample(csv_file, cols.get(date_field)))
        if found is None:
            dayfirst = True
        else:
            dayfirst = found
            form = "day first (25/03/2025)" if found else "month first (03/25/2025)"
            other = "--no-dayfirst" if found else "--dayfirst"
            notes.append(f"dates are written {form}: {why} (override with {other})")
    return decimal == ",", dayfirst


def detect_margin_mode(values: list[str], decimal_comma: bool) -> tuple[str, str]:
    if any("%" in v for v in values):
        return "percent", "values carry '%'"
    numbers = []
    for v in values:
        try:
            numbers.append(parse_number(v, decimal_comma))
        except ValueError:
            continue
    if numbers and all(abs(n) <= 1 for n in numbers):
        return "fraction", "every value is between -1 and 1"
    return "amount", "values above 1 read as money, divided by the amount"


# --- the import ------------------------------------------------------------------


def import_transactions(
    store: Store,
    path: Path | str,
    *,
    dry_run: bool = False,
    mapping: dict[str, str | None] | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    decimal: str | None = None,
    dayfirst: bool | None = None,
    margin: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate the whole file and upsert it in one transaction (rolled back
    for a dry run). Raises ImportFailed listing every problem; then nothing
    is written. `progress(done, total)` is called every few thousand rows."""
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

    report = ImportReport()
    errors = Errors(csv_file.path)
    matcher = AccountMatcher(store)
    categories = Categories(store)
    total = max(csv_file.text.count("\n"), 1)
    with (
        store.write(rollback=dry_run, activity="import of transactions") as conn,
        sql.bulk_cache(conn),
    ):
        before = sql.count_transactions(conn)
        changes_before = conn.total_changes
        _load_rows(
            conn,
            csv_file,
            cols,
            decimal_comma=decimal_comma,
            dayfirst=day_first,
            margin_mode=margin_mode or "fraction",
            matcher=matcher,
            categories=categories,
            errors=errors,
            report=report,
            progress=progress,
            total=total,
        )
        errors.raise_if_any()
        changed = conn.total_changes - changes_before
        report.created = sql.count_transactions(conn) - before
    report.updated = changed - report.created
    report.unchanged = report.rows - changed
    for value, name in sorted(matcher.partial.items()):
        notes.append(f"account {value!r} is {name!r} (the only account whose name contains it)")
    report.assumptions = notes
    return report


def _load_rows(
    conn,  # type: ignore[no-untyped-def]
    csv_file: CsvFile,
    cols: dict[str, int],
    *,
    decimal_comma: bool,
    dayfirst: bool,
    margin_mode: str,
    matcher: AccountMatcher,
    categories: Categories,
    errors: Errors,
    report: ImportReport,
    progress: Progress | None,
    total: int,
) -> None:
    """The hot loop: plain code and per-value caches (dates, accounts and
    categories repeat); a row costs a few dictionary look-ups and a float()."""
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

    grouped = _GROUPED_DOT.match
    _nan = float("nan")
    check = cell_checker(csv_file, cols)
    batch: list[tuple[int, str, float, str, str, float | None]] = []
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
            for at, label, reason in bad_cells:
                errors.add(at, label, reason)
            failed = True
            continue
        if n >= tick:
            tick += step
            if progress is not None:
                progress(n, total)
            if not failed and len(batch) >= BATCH:
                sql.upsert_transactions(conn, batch)
                batch.clear()
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
                        account = number_cache[text] = matcher.resolve(text, number_only=True)
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
                        account = account_cache[text] = matcher.resolve(text)
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
                        float(text.replace(".", "").replace(",", ".")) if grouped(text) else _nan
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
    report.rows = n
    if suspects:
        _report_duplicates(csv_file, cols, suspects, errors, account_cache, number_cache)
    if not errors.count and batch:
        sql.upsert_transactions(conn, batch)
    if progress is not None:
        progress(n, n)


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
            first[key] = line  # type: ignore[index]
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
