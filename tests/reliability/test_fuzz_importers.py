"""Property tests: whatever the file, `kamtui import KIND FILE` ends with exit
0 (the rows written are the rows given) or exit 2 (every stderr line an error
about the file, the database unchanged): never another exception."""

from __future__ import annotations

import contextlib
import csv
import io
import re
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from kamtui.cli.main import main
from kamtui.importers import limits
from tests.importers.helpers import HEADERS, TABLES, seed, snapshot

KINDS = list(HEADERS)
TABLE_OF = {"wallet": "wallet_estimates"}

# Cells a spreadsheet (or an attacker) may put in any column.
PLAUSIBLE = {
    "accounts": [["Gamma", "Delta S.L.", "Ñandú", "Acme"], ["C-3", "C-1", "", "00417"], ["", "x"]],
    "people": [
        ["Acme", "Beta", "acme"],
        ["ours", "theirs", "lado"],
        ["Luis", "Ana", "José"],
        ["Buyer", ""],
        ["", "free text"],
    ],
    "links": [["Acme", "Beta"], ["Olga", "Ana"], ["Ana", "Olga"], ["1", "3", "5", "", "4.0"]],
    "transactions": [
        ["2025-01-15", "15/01/2025", "01/15/2025", "45741", "2025-13-01"],
        ["Acme", "C-1", "Beta", "#C-2"],
        ["12", "1.234,56", "1,234.56", "-12,5", "(3)", "7-", "1e5", "0"],
        ["Rodamientos", "Rep"],
        ["F-1", "F-2", "F-3"],
        ["", "0.25", "23%", "0,2"],
    ],
    "wallet": [["Acme", "Beta", "C-1"], ["Rod", "Rep"], ["2025", "1999"], ["100", "1.000,5", "3"]],
}
NUMBERS = ["1e308", "inf", "-inf", "nan", "Infinity", "1e12", "-1e12", "999999999999", "1_000"]
NUMBERS += ["١٢", "²", "0x10", "1,2,3", "1.2.3", "--1", "€ 5", "5 %"]
HOSTILE = ['"', '""', 'a"b', '"open', ",", ";", "\t", "\n", "\r\n", "\r", "\x00", "\x07"]
HOSTILE += ["\x1b[31m", "\x7f", "\x85", "\u202e", "\u2066", "\ufeff", "\u2028", "x" * 201]
HOSTILE += ["x" * 100_001, "[bold]", "  ", "=cmd|' /C calc'!A0"]


def plausible(kind: str, column: int) -> list[str]:
    return PLAUSIBLE[kind][column] if column < len(PLAUSIBLE[kind]) else [""]


def cell(kind: str, column: int) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(plausible(kind, column)),
        st.sampled_from(NUMBERS + HOSTILE),
        st.text(max_size=12),
        st.builds(
            lambda a, b: a + b, st.sampled_from(plausible(kind, column)), st.sampled_from(HOSTILE)
        ),
    )


def rows_of(kind: str) -> st.SearchStrategy[list[list[str]]]:
    """Lists of rows, most of them plausible: a file with one hostile cell
    among good rows is the interesting case (and exit 0 must stay reachable)."""
    width = len(HEADERS[kind].split(","))
    good = st.tuples(*(st.sampled_from(plausible(kind, i)) for i in range(width))).map(list)
    mixed = st.tuples(*(cell(kind, i) for i in range(width))).map(list)
    return st.lists(st.one_of(good, good, mixed), min_size=0, max_size=6)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("fuzz-template")
    path = tmp / "template.db"
    with contextlib.redirect_stdout(io.StringIO()):
        seed(path, tmp)
    return path


def run(template: Path, kind: str, data: bytes) -> tuple[int, str, str, dict, dict, Path]:
    """Import `data` into a fresh copy of the template: (exit code, stdout,
    stderr, tables before, tables after, file path)."""
    with tempfile.TemporaryDirectory(prefix="kamtui-fuzz-") as tmp:
        db = Path(tmp) / "kam.db"
        with sqlite3.connect(template) as src, sqlite3.connect(db) as dst:
            src.backup(dst)
        dst.close()
        src.close()
        path = Path(tmp) / "in.csv"
        path.write_bytes(data)
        before = snapshot(db)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--db", str(db), "import", kind, str(path)])
        after = snapshot(db)
    return code, out.getvalue(), err.getvalue(), before, after, path


def check_refusal(code: int, err: str, before: dict, after: dict, path: Path) -> None:
    assert code == 2, (code, err)
    assert after == before
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines and all(line.startswith(f"kamtui: error: {path}") for line in lines), err


_BAD_STORED = re.compile(f"[{limits._CONTROL}]")


@pytest.mark.parametrize("kind", KINDS)
@given(data=st.data())
def test_rows_of_plausible_and_hostile_cells(
    template: Path, kind: str, data: st.DataObject
) -> None:
    rows = data.draw(rows_of(kind))
    delimiter = data.draw(st.sampled_from([",", ",", ";"]))
    quoting = data.draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONE]))
    buf = io.StringIO(newline="")
    header = HEADERS[kind].replace(",", delimiter)
    buf.write(header + "\r\n")
    if quoting == csv.QUOTE_NONE:  # written raw: stray quotes, split and merged rows
        for row in rows:
            buf.write(delimiter.join(row) + "\n")
    else:
        csv.writer(buf, delimiter=delimiter, quoting=quoting).writerows(rows)
    encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    payload = buf.getvalue().encode(encoding, errors="replace")
    code, out, err, before, after, path = run(template, kind, payload)
    event(f"exit {code}")
    if code != 0:
        check_refusal(code, err, before, after, path)
        return
    assert err == ""
    found = re.search(r"imported (\d+) row\(s\): (\d+) new", out)
    assert found, out
    table = TABLE_OF.get(kind, kind)
    assert len(after[table]) - len(before[table]) == int(found.group(2))
    if quoting != csv.QUOTE_NONE:
        given_rows = [r for r in rows if any(c.strip() for c in r)]
        assert int(found.group(1)) == len(given_rows)
    for t in TABLES:  # nothing hostile or over-long reached the database
        for stored in after[t]:
            for value in stored:
                if isinstance(value, str):
                    assert not _BAD_STORED.search(value), (t, value)
                    assert len(value) <= limits.FREE_TEXT_MAX


@pytest.mark.parametrize("kind", KINDS)
@given(
    body=st.one_of(
        st.binary(max_size=600),
        st.lists(
            st.sampled_from([b",", b";", b"\t", b'"', b"\n", b"\r", b"\x00", b"\xff", b"\xef"])
            | st.binary(max_size=8),
            max_size=60,
        ).map(b"".join),
    ),
    with_header=st.booleans(),
)
def test_random_bytes(template: Path, kind: str, body: bytes, with_header: bool) -> None:
    data = (HEADERS[kind].encode() + b"\n" + body) if with_header else body
    code, _out, err, before, after, path = run(template, kind, data)
    event(f"exit {code}")
    if code == 0:
        assert err == ""
    else:
        check_refusal(code, err, before, after, path)
