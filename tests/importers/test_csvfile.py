"""Hostile and broken CSV files: every importer refuses them through the CLI
with `FILE:LINE: column: reason` lines, exit 2 and nothing written; never a
traceback, never a silently mangled row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kamtui.cli.main import main
from tests.importers.helpers import HEADERS, seed, snapshot

# One valid row per kind (seed() provides the accounts and people they name).
GOOD = {
    "accounts": "Gamma,C-3,Calle Mayor 3",
    "people": "Acme,theirs,Luis,Buyer,",
    "links": "Acme,Olga,Ana,4",
    "transactions": "2025-01-15,Acme,120.50,Rodamientos,F-1,0.25",
    "wallet": "Acme,Rodamientos,2025,50000",
}


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "kam.db"
    seed(path, tmp_path)
    capsys.readouterr()
    return path


def refused(
    db: Path, kind: str, path: Path, capsys: pytest.CaptureFixture[str], *options: str
) -> list[str]:
    """Import `path`; assert exit 2, nothing written, every stderr line an error
    about the file; return the `FILE:LINE: column: reason` lines (FILE removed)."""
    before = snapshot(db)
    assert main(["--db", str(db), "import", kind, *options, str(path)]) == 2
    err = capsys.readouterr().err
    assert snapshot(db) == before
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines and all(line.startswith(f"kamtui: error: {path}") for line in lines), err
    assert lines[-1].startswith(f"kamtui: error: {path}: nothing imported (")
    return [line.removeprefix(f"kamtui: error: {path}:") for line in lines[:-1]]


def csv_file(tmp_path: Path, kind: str, *rows: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join((HEADERS[kind], *rows)) + "\n", encoding="utf-8")
    return path


# --- 1. quotes ------------------------------------------------------------------


def test_unterminated_quote_at_the_end_of_the_file_names_where_it_opened(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The reported case: 37 people became one 1,573-character title, exit 0.
    rows = ['Acme,theirs,Ana,"Director de compras,'] + [
        f"Acme,theirs,Person {n},Buyer," for n in range(37)
    ]
    errors = refused(db, "people", csv_file(tmp_path, "people", *rows), capsys)
    assert errors == [
        "2: title: a quote opens here and is never closed: the file ends inside it (line 39); "
        "close the quote"
    ]


def test_stray_quote_closed_by_a_later_quote_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = ['Acme,theirs,Ana,"CEO,', "Acme,theirs,Bea,Buyer,", 'Acme,theirs,Zoe,"Boss",x']
    errors = refused(db, "people", csv_file(tmp_path, "people", *rows), capsys)
    assert len(errors) == 1
    assert errors[0].startswith("2: title: the quote opened here closes on line 4 and is ")


def test_multi_line_value_in_a_one_line_field_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_file(tmp_path, "people", 'Acme,theirs,"Luis\nMartín",Buyer,')
    errors = refused(db, "people", path, capsys)
    assert errors == [
        "2: name: a quote opened on this line runs to line 3, but name must be one line "
        "(a closing quote missing?)"
    ]
    path = csv_file(tmp_path, "transactions", '2025-01-15,Acme,"12\n",Rod,F-1,')
    assert refused(db, "transactions", path, capsys)[0].startswith("2: amount: a quote opened")


def test_quoted_note_that_swallows_rows_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        'Acme,theirs,Luis,Buyer,"call first',
        "Acme,theirs,Bea,Buyer,",
        "Acme,theirs,Carl,Buyer,",
        'end"',
    ]
    errors = refused(db, "people", csv_file(tmp_path, "people", *rows), capsys)
    assert errors == [
        "2: privacy_note: a quote opened on this line runs to line 5 and takes in 2 line(s) "
        "that look like rows (e.g. 'Acme,theirs,Bea,Buyer,'); close the quote, or write a "
        'quote inside quoted text as ""'
    ]
    # An ignored column of a finance export swallowing rows is refused too.
    path = tmp_path / "t.csv"
    path.write_text(
        "date,account,amount,category,document,comment\n"
        '2025-01-15,Acme,1,Rod,F-1,"see\n2025-01-16,Acme,2,Rod,F-2,\n2025-01-17,Acme,3,Rod,F-3,\n'
        'x"\n',
        encoding="utf-8",
    )
    assert refused(db, "transactions", path, capsys)[0].startswith("2: comment: a quote opened")


def test_properly_quoted_multi_line_text_still_imports(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = 'Agreed by phone, 3 March.\nShe asked us, twice, to "call first".\r\nThird line\tend'
    quoted = note.replace('"', '""')
    path = csv_file(tmp_path, "people", f'Acme,theirs,Luis,Buyer,"{quoted}"', "Acme,ours,Pau,,")
    assert main(["--db", str(db), "import", "people", str(path)]) == 0
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT privacy_note FROM people WHERE name = 'Luis'").fetchone()
    assert stored == (note,)
    path = csv_file(tmp_path, "accounts", 'Gamma,C-3,"Calle Mayor, 3\n28001 Madrid, Spain"')
    assert main(["--db", str(db), "import", "accounts", str(path)]) == 0


# --- 2. field length ------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "row", "column"),
    [
        ("accounts", "{big},C-3,", "name"),
        ("people", "Acme,theirs,Luis,{big},", "title"),
        ("links", "Acme,{big},Ana,3", "ours"),
        ("transactions", "2025-01-15,Acme,1,Rod,{big},", "document"),
        ("wallet", "Acme,{big},2025,1", "category"),
    ],
)
def test_a_cell_longer_than_the_csv_default_limit_is_a_length_error(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    row: str,
    column: str,
) -> None:
    # Over csv's default 131,072: a _csv.Error traceback before.
    path = csv_file(tmp_path, kind, row.format(big="x" * 200_000))
    errors = refused(db, kind, path, capsys)
    limit = {"name": 200, "title": 200, "ours": 200, "document": 60, "category": 80}[column]
    assert errors == [f"2: {column}: 200,000 characters; at most {limit:,}"]


def test_per_field_limits_name_200_and_notes_100k(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_file(
        tmp_path, "people", f"Acme,theirs,{'n' * 201},Buyer,", f"Acme,theirs,Bo,B,{'x' * 100_001}"
    )
    assert refused(db, "people", path, capsys) == [
        "2: name: 201 characters; at most 200",
        "3: privacy_note: 100,001 characters; at most 100,000",
    ]
    path = csv_file(tmp_path, "people", f"Acme,theirs,{'n' * 200},Buyer,{'x' * 100_000}")
    assert main(["--db", str(db), "import", "people", str(path)]) == 0


# --- 3. numbers -----------------------------------------------------------------


def test_non_finite_and_absurd_amounts_are_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    values = ["1e308", "inf", "-inf", "nan", "Infinity", "1000000000000", "-1e12", "1e15"]
    rows = [f"2025-01-15,Acme,{v},Rod,F-{n}," for n, v in enumerate(values)]
    errors = refused(db, "transactions", csv_file(tmp_path, "transactions", *rows), capsys)
    assert [e.split(": ")[:2] for e in errors] == [[str(n + 2), "amount"] for n in range(8)]
    assert "'1000000000000' is too large" in errors[5]
    rows = ["2025-01-15,Acme,999999999999.99,Rod,F-1,", "2025-01-15,Acme,1,Rod,F-2,1e308"]
    errors = refused(db, "transactions", csv_file(tmp_path, "transactions", *rows), capsys)
    assert [e.split(": ")[:2] for e in errors] == [["3", "margin"]]
    rows = ["Acme,Rod,2025,1000000000000000", "Acme,Rep,2025,1e308"]
    errors = refused(db, "wallet", csv_file(tmp_path, "wallet", *rows), capsys)
    assert [e.split(": ")[:2] for e in errors] == [["2", "amount"], ["3", "amount"]]


# --- 4. options -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "option", "value"),
    [
        ("transactions", "--delimiter", "ab"),
        ("transactions", "--delimiter", ""),
        ("wallet", "--delimiter", '"'),
        ("transactions", "--encoding", "no-such-codec"),
        ("wallet", "--encoding", "hex"),
    ],
)
def test_bad_delimiter_or_encoding_is_a_usage_error(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    option: str,
    value: str,
) -> None:
    path = csv_file(tmp_path, kind, GOOD[kind])
    before = snapshot(db)
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db), "import", kind, f"{option}={value}", str(path)])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"error: argument {option}: {value!r} is not a" in err
    assert "Traceback" not in err and snapshot(db) == before


def test_delimiter_names_still_work(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEADERS["wallet"].replace(",", "\t") + "\nAcme\tRod\t2025\t10\n")
    assert main(["--db", str(db), "import", "wallet", "--delimiter", "tab", str(path)]) == 0


# --- 5. control characters ----------------------------------------------------------


def test_control_and_bidi_characters_are_refused_with_line_and_column(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        "Acme,theirs,Lu\x00is,Buyer,",
        "Acme,theirs,\u202eAna2,Buyer,",
        "Acme,theirs,Bea,Buy\x07er,",
        "Acme,theirs,Cy,Buyer,note\x7f",
        "Acme,theirs,Di,Buyer,note\x85",
        "Acme,theirs,Ed\u2066,Buyer,",
        'Acme,theirs,"Fe\tx",Buyer,',
        'Acme,theirs,Gil,Buyer,"tab\tand\nnewline are text here \u202e too"',
    ]
    errors = refused(db, "people", csv_file(tmp_path, "people", *rows), capsys)
    assert errors == [
        "2: name: contains a NUL byte (U+0000) at character 3; remove it",
        "3: name: contains a bidirectional control character (U+202E, it reorders how text "
        "is shown) at character 1; remove it",
        "4: title: contains a control character (U+0007) at character 4; remove it",
        "5: privacy_note: contains a control character (U+007F) at character 5; remove it",
        "6: privacy_note: contains a control character (U+0085) at character 5; remove it",
        "7: name: contains a bidirectional control character (U+2066, it reorders how text "
        "is shown) at character 3; remove it",
        "8: name: contains a tab (U+0009) at character 3; remove it",
    ]


@pytest.mark.parametrize("kind", list(HEADERS))
def test_nul_bytes_anywhere_are_refused_not_crashed_on(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(f"{HEADERS[kind]}\n{GOOD[kind]}\n".replace(",", "\0,").encode())
    errors = refused(db, kind, path, capsys)
    assert errors and all("NUL byte" in e for e in errors)


# --- 7. other crash paths -------------------------------------------------------------


def test_utf16_file_from_excel_unicode_text_imports(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "u16.csv"
    path.write_bytes(("name\taccount_number\nÑandú\tC-9\n").encode("utf-16"))
    assert main(["--db", str(db), "import", "accounts", str(path)]) == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT name FROM accounts WHERE account_number = 'C-9'").fetchone()


def test_wallet_year_in_other_digits_is_an_error_not_a_crash(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # '²'.isdigit() is True but int('²') raises: a ValueError traceback before.
    path = csv_file(tmp_path, "wallet", "Acme,Rod,²,10")
    assert refused(db, "wallet", path, capsys) == [
        "2: year: '²' is not a year (expected e.g. 2025)"
    ]


@pytest.mark.parametrize("kind", list(HEADERS))
def test_header_only_and_cr_only_files(db: Path, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "h.csv"
    path.write_text(HEADERS[kind] + "\r\n", encoding="utf-8")
    assert main(["--db", str(db), "import", kind, str(path)]) == 0
    path.write_bytes((HEADERS[kind] + "\r" + GOOD[kind] + "\r").encode())
    assert main(["--db", str(db), "import", kind, str(path)]) == 0


def test_filled_cells_beyond_the_header_are_refused_by_line(tmp_path: Path) -> None:
    from kamtui.importers.accounts import parse_accounts
    from kamtui.importers.csvfile import ImportFailed, read_csv

    path = tmp_path / "accounts.csv"
    path.write_text(
        "name,account_number\nAcme,C-1\nPeña S.L.,C-2,oops,more\nBeta,C-3,,\n", encoding="utf-8"
    )
    with pytest.raises(ImportFailed) as failed:
        parse_accounts(path)
    assert failed.value.errors == [f"{path}:3: row: 2 more cells than the header"]
    # empty trailing cells (a spreadsheet's ragged rows) are fine; a CRM's
    # export read with extra_cells keeps every row
    found = list(read_csv(path).records({"name": "name"}, extra_cells=True))
    assert [problems for _line, _values, problems in found] == [[], [], []]
