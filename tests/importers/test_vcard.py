"""vCard files (2.1, 3.0, 4.0) parsed into people; malformed cards reported by
card number and line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.importers.csvfile import ImportFailed
from kamtui.importers.vcard import parse_vcards
from tests.helpers import DATA


def _errors(path: Path, text: str | bytes) -> list[str]:
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    with pytest.raises(ImportFailed) as info:
        parse_vcards(path)
    return info.value.errors


def test_reads_21_quoted_printable_charsets_30_and_40() -> None:
    parsed = parse_vcards(DATA / "contactos_android.vcf")
    assert parsed.rows == 3
    jose, marta, luis = (p for p, _given in parsed.items)
    # 2.1: quoted-printable in UTF-8 with a soft line break, and in ISO-8859-1
    assert jose.name == "José Gómez López"
    assert jose.title == "Jefe de Administración"
    assert jose.email == "jgomez@ibanez.example"  # the PREF one
    assert jose.phone == "+34 976 000 111"
    assert jose.function == "purchasing"  # ROLE:Compras, a Spanish label
    assert jose.side == "theirs"
    # 3.0: the department (ORG's second part) is the function
    assert (marta.name, marta.function) == ("Marta Ruiz", "quality")
    # 4.0: tel: URI, ROLE as a decision role
    assert (luis.phone, luis.decision_role, luis.function) == (
        "+34-976-000-222",
        "decision_maker",
        None,
    )
    assert parsed.extras == [(1, 1), (2, 14), (3, 23)]


def test_side_ours_and_n_when_no_fn(tmp_path: Path) -> None:
    path = tmp_path / "n.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nN:Pérez;Ana;;Dra.;\nEND:VCARD\n", encoding="utf-8")
    parsed = parse_vcards(path, side="ours")
    assert [(p.name, p.side) for p, _ in parsed.items] == [("Dra. Ana Pérez", "ours")]


def test_missing_end_names_card_and_line(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path / "a.vcf",
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Bea\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Carla\n",
    )
    assert errors == [
        f"{tmp_path / 'a.vcf'}:5: card 2: BEGIN:VCARD is not closed by END:VCARD before the "
        "next card starts on line 8",
        f"{tmp_path / 'a.vcf'}:8: card 3: BEGIN:VCARD is never closed (END:VCARD missing "
        "before the end of the file)",
    ]


def test_bad_lines_charsets_and_values_are_reported_all_at_once(tmp_path: Path) -> None:
    path = tmp_path / "b.vcf"
    errors = _errors(
        path,
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nthis line has no colon\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=KLINGON;ENCODING=QUOTED-PRINTABLE:B=E9a\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Carla\nEMAIL:not an address\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Dora\\nrm -rf\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nTITLE:nameless\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN;ENCODING=b:@@@@\nEND:VCARD\n",
    )
    text = "\n".join(errors)
    assert f"{path}:4: card 1: cannot be read" in text
    assert f"{path}:8: card 2: CHARSET: unknown encoding: KLINGON" in text
    assert f"{path}:13: card 3: EMAIL:" in text
    assert f"{path}:17: card 4: FN: contains a line break (U+000A) at character 5" in text
    assert f"{path}:19: card 5: FN: the card has no name (FN or N)" in text
    assert f"{path}:23: card 6: holds binary data, not text" in text
    assert len(errors) == 6


def test_same_person_twice(tmp_path: Path) -> None:
    path = tmp_path / "d.vcf"
    errors = _errors(
        path,
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Peña\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nTITLE:x\nFN:ana pena\nEND:VCARD\n",
    )
    assert errors == [f"{path}:8: card 2: FN: same person as card 1"]


def test_hostile_files(tmp_path: Path) -> None:
    assert _errors(tmp_path / "e.vcf", "") == [
        f"{tmp_path / 'e.vcf'}:1: no vCard in the file (a card starts with BEGIN:VCARD)"
    ]
    errors = _errors(tmp_path / "t.vcf", "name,email\nAna,ana@x.es\n")
    assert errors[0].startswith(f"{tmp_path / 't.vcf'}:1: text outside a card")
    errors = _errors(tmp_path / "c.vcf", "BEGIN:VCARD\nFN:\x1b[31mred\nEND:VCARD\n")
    assert "card 1: FN: contains" in errors[0]
    errors = _errors(tmp_path / "bidi.vcf", "BEGIN:VCARD\nFN:Ana\u202eevil\nEND:VCARD\n")
    assert ":2: card 1: FN: contains" in errors[0]
    with pytest.raises(ImportFailed, match="file not found"):
        parse_vcards(tmp_path / "missing.vcf")
    with pytest.raises(ImportFailed, match="is a directory"):
        parse_vcards(tmp_path)


def test_windows_1252_file_is_read_and_said(tmp_path: Path) -> None:
    path = tmp_path / "w.vcf"
    path.write_bytes(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Íñigo Peña\r\nEND:VCARD\r\n".encode("cp1252")
    )
    parsed = parse_vcards(path)
    assert parsed.items[0][0].name == "Íñigo Peña"
    assert parsed.assumptions and "Windows-1252" in parsed.assumptions[0]
