"""What counts as naming a person (domain/redaction.py) and the import's
consent cell (domain/consent.py)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamtui.domain.consent import parse_consent
from kamtui.domain.redaction import ERASED, redactor

LUCIA = redactor("Lucía Gómez Pardo", "lucia.gomez@acme.es", "+34 611 222 333")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Met Lucía Gómez Pardo today", f"Met {ERASED} today"),
        ("LUCIA  GOMEZ\nPARDO signed", f"{ERASED} signed"),  # case, accents, spaces
        ("Lucía Gómez called", f"{ERASED} called"),  # first name and first surname
        ("Sra. Gómez Pardo", f"Sra. {ERASED}"),  # the surnames
        ("write to Lucia.Gomez@ACME.es now", f"write to {ERASED} now"),
        ("tel 611-22-23-33", f"tel {ERASED}"),
        ("tel (+34) 611 222 333.", f"tel ({ERASED}."),
        ("tel 0034 611222333", f"tel {ERASED}"),
        ("tel +34611222333", f"tel {ERASED}"),
    ],
)
def test_every_form_of_the_person_is_replaced(text: str, expected: str) -> None:
    assert LUCIA.redact(text)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Lucía will call",  # the first name alone: shared by many
        "Gómez delivered",  # one surname alone
        "Lucíana Gómezz",  # other words
        "ref 7611222333 and 61122233",  # a longer number, a shorter one
        "other.lucia.gomez@acme.es.uk",
    ],
)
def test_other_words_stay(text: str) -> None:
    assert LUCIA.redact(text) == (text, 0)


def test_first_name_alone_when_asked() -> None:
    r = redactor("Lucía Gómez Pardo", first_name=True)
    assert r.redact("Lucía will call")[0] == f"{ERASED} will call"


def test_json_strings_escaped_or_not() -> None:
    raw = json.dumps({"values": {"summary": "Lunch with Lucía Gómez", "n": 3}})
    assert "\\u00ed" in raw
    new, count = LUCIA.redact_json(raw)
    assert count == 1 and json.loads(new or "")["values"] == {
        "summary": f"Lunch with {ERASED}",
        "n": 3,
    }
    assert LUCIA.redact_json("not json, Lucía Gómez")[0] == f"not json, {ERASED}"


def test_names_with_regex_characters_are_literal() -> None:
    r = redactor("José (Pepe) O'Brien+", "a+b@x.es", None)
    assert r.redact("José (Pepe) O'Brien+ came; José X O'Brien did not")[1] == 1
    assert r.redact("mail a+b@x.es")[0] == f"mail {ERASED}"


@given(st.text(max_size=60))
def test_any_text_is_safe_to_redact(text: str) -> None:
    new, count = LUCIA.redact(text)
    assert (new == text) == (count == 0) or ERASED in text


TODAY = date(2026, 5, 1)


@pytest.mark.parametrize(
    ("cell", "status", "day", "channel"),
    [
        ("given 2026-03-01 email", "given", "2026-03-01", "email"),
        ("sí 1/3/2026 formulario web", "given", "2026-03-01", "web_form"),
        ("withdrawn 3 mar papel firmado", "withdrawn", "2026-03-03", "paper"),
        ("yes", "given", "2026-05-01", None),
        ("no", "withdrawn", "2026-05-01", None),
        ("Retirado ayer por teléfono", "withdrawn", "2026-04-30", None),
    ],
)
def test_consent_cells(cell: str, status: str, day: str, channel: str | None) -> None:
    if cell.startswith("Retirado"):
        with pytest.raises(ValueError, match="not a date or a channel"):
            parse_consent(cell, today=TODAY)
        return
    entry = parse_consent(cell, today=TODAY)
    assert entry is not None
    assert (entry.status, entry.date, entry.channel) == (status, day, channel)


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("maybe", "not a consent"),
        ("given tomorrow", "in the future"),
        ("given 2026-03-01 fax", "not a date or a channel"),
    ],
)
def test_bad_consent_cells_say_why(cell: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_consent(cell, today=TODAY)
    assert parse_consent("  ", today=TODAY) is None
