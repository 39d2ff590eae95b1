"""Spreadsheet dialects: numbers, dates, decimal and day-first detection."""

from __future__ import annotations

import pytest

from kamtui.importers.dialect import detect_dayfirst, detect_decimal, parse_date, parse_number

# --- values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "comma", "value"),
    [
        ("1.234,56", True, 1234.56),
        ("1.234.567,8", True, 1234567.8),
        ("-12,5", True, -12.5),
        ("1 234,56 €", True, 1234.56),
        ("1\u00a0234,56", True, 1234.56),
        ("(1.234,56)", True, -1234.56),
        ("1.234,56-", True, -1234.56),
        ("€ 99", True, 99.0),
        ("1,234.56", False, 1234.56),
        ("1,234,567", False, 1234567.0),
        ("+3.5", False, 3.5),
        ("12", False, 12.0),
    ],
)
def test_parse_number_reads_spreadsheet_numbers(text: str, comma: bool, value: float) -> None:
    assert parse_number(text, comma) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "comma", "reason"),
    [
        ("", True, "is required"),
        ("1.5", True, "use --decimal ."),
        ("1,5", False, "use --decimal ,"),
        ("12.34.5", True, "is not a number"),
        ("nan", False, "is not a number"),
        ("inf", False, "is not a number"),
        ("1_000", False, "is not a number"),
        ("12 EURO", True, "is not a number"),
    ],
)
def test_parse_number_rejects_with_reasons(text: str, comma: bool, reason: str) -> None:
    with pytest.raises(ValueError, match=reason.replace(".", r"\.")):
        parse_number(text, comma)


def test_parse_date_forms() -> None:
    assert parse_date("7/3/2025", True) == "2025-03-07"
    assert parse_date("7/3/2025", False) == "2025-07-03"
    assert parse_date("07-03-25", True) == "2025-03-07"
    assert parse_date("07.03.2025", True) == "2025-03-07"
    assert parse_date("2025-03-07 10:30", False) == "2025-03-07"
    assert parse_date("45723", True) == "2025-03-07"  # Excel serial day
    with pytest.raises(ValueError, match="expected 25/03/2025"):
        parse_date("marzo", True)
    with pytest.raises(ValueError, match="out of range"):
        parse_date("01/01/1850", True)


def test_detection_helpers() -> None:
    assert detect_decimal(["1.234,56", "10"], ";")[0] == ","
    assert detect_decimal(["1,234.56"], ";")[0] == "."
    assert detect_decimal(["1.234"], ",")[0] == "."
    assert detect_decimal(["1,234"], ";")[0] == ","
    assert detect_dayfirst(["01/02/2025", "25/02/2025"])[0] is True
    assert detect_dayfirst(["02/25/2025"])[0] is False
    assert detect_dayfirst(["2025-02-25"])[0] is None
    assert detect_dayfirst(["01/02/2025"]) == (
        True,
        "no day above 12 in the sample; usual in Spain",
    )
