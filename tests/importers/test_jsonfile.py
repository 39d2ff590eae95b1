"""JSON files of an export read like CSV: errors name the line of the record."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.importers.csvfile import ImportFailed, read_csv


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "interactions.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_records_keep_their_lines_and_cells(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '[\n{"account": "A", "mood": 4, "notes": null},\n{"account": "=B", "mood": 0.00001}\n]\n',
    )
    f = read_csv(path)
    assert f.header == ["account", "mood", "notes"]
    assert list(f.rows()) == [(2, 1, ["A", "4", ""]), (3, 1, ["=B", "0.00001", ""])]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"account": "A"}', "interactions.json:1: not a JSON list of records"),
        ('[\n{"account": "A"},\n{"account": }\n]', "interactions.json:3: row: not valid JSON"),
        ('[\n{"account": ["A"]}\n]', "interactions.json:2: account: a list, expected text"),
        ('[\n"A"\n]', 'interactions.json:2: row: the value "A", expected an object'),
        ('[\n{"account": "A"}\n] x', "row: text after the closing ']'"),
    ],
)
def test_bad_json_says_where(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ImportFailed) as exc:
        read_csv(_write(tmp_path, text))
    assert message in "\n".join(exc.value.errors)


def test_a_line_break_in_a_one_line_field_is_refused_by_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '[\n{"account": "A\\nB", "notes": "one\\ntwo"}\n]')
    f = read_csv(path)
    check = f.checker({0: ("account", "account"), 1: ("notes", "notes")})
    line, span, row = next(f.rows())
    assert check(line, span, row) == [
        (2, "account", "account must be one line, without line breaks")
    ]
