"""How a finance export writes numbers and dates: decimal comma or point,
thousands separators, currency signs, day- or month-first dates and Excel
serial days. Detected from a sample of the file unless given; every decision
is noted so the user can override it. Shared by transactions and wallet."""

from __future__ import annotations

import re
from datetime import date, timedelta

from kamtui.importers.csvfile import CsvFile, ImportFailed
from kamtui.importers.limits import MAX_AMOUNT

SAMPLE_ROWS = 5000
MARGIN_MODES = ("fraction", "percent", "amount")

_DATE = re.compile(r"^(\d{1,4})[/\-.](\d{1,2})[/\-.](\d{1,4})(?:[ T].*)?$")
GROUPED_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d*)?$")  # 1.234.567,89
_GROUPED_COMMA = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d*)?$")  # 1,234,567.89
_PLAIN_COMMA = re.compile(r"^\d*,\d+$|^\d+,\d*$")
_PLAIN_DOT = re.compile(r"^\d*\.\d+$|^\d+\.\d*$")
_DIGITS = re.compile(r"^\d+$")
_EXPONENT = re.compile(
    r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$"
)  # 2.5e-05, as kamtui exports tiny numbers
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009'")
_CURRENCY = ("€", "EUR", "eur", "$", "USD", "usd", "£", "GBP")
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_number(text: str, decimal_comma: bool) -> float:
    """A number as spreadsheets write it: '1.234,56', '1,234.56', '-12,5',
    '1 234,56 €', '(1.234,56)' and SAP's trailing minus '1.234,56-'.
    Raises ValueError with a reason a person can act on."""
    s = text.strip()
    if not s:
        raise ValueError("is required")
    if _EXPONENT.match(s):
        exact = float(s.replace(",", "."))
        if abs(exact) < MAX_AMOUNT:
            return exact
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
            if not GROUPED_DOT.match(s):
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
                    if _PLAIN_COMMA.match(s) or GROUPED_DOT.match(s)
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
        if GROUPED_DOT.match(s) and s.count(".") == 1 and len(s.split(".")[1]) == 3:
            return None
        if GROUPED_DOT.match(s) and s.count(".") > 1:
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


def sample(csv_file: CsvFile, index: int | None) -> list[str]:
    """The non-blank cells of one column in the first SAMPLE_ROWS records."""
    if index is None:
        return []
    out = []
    for n, (_line, _span, row) in enumerate(csv_file.rows()):
        if n >= SAMPLE_ROWS:
            break
        if index < len(row) and row[index].strip():
            out.append(row[index])
    return out


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
