"""The small readers of other CRMs' activity exports."""

from __future__ import annotations

import pytest

from kamtui.importers.activities import channel_and_kind, contact_names, moment


@pytest.mark.parametrize(
    ("text", "dayfirst", "expected"),
    [
        ("3/18/2025, 10:30 AM", False, "2025-03-18T10:30"),
        ("3/18/2025 4:05 PM", False, "2025-03-18T16:05"),
        ("12/3/2025 12:15 am", False, "2025-12-03T00:15"),
        ("18/03/2025 10:30", True, "2025-03-18T10:30"),
        ("2025-03-18 10:30:00", True, "2025-03-18T10:30"),
        ("2025-03-18T10:30:00Z", True, "2025-03-18T10:30"),
        ("3/18/2025", False, "2025-03-18"),
    ],
)
def test_moments(text: str, dayfirst: bool, expected: str) -> None:
    assert moment(text, dayfirst) == expected


@pytest.mark.parametrize("text", ["3/18/2025 25:00", "3/18/2025 13:00 PM", "yesterday"])
def test_bad_moments_say_why(text: str) -> None:
    with pytest.raises(ValueError, match="cannot read"):
        moment(text, False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call", ("phone", "call")),
        ("CALL", ("phone", "call")),
        ("Email", ("email", "meeting")),
        ("MEETING", ("in_person", "meeting")),
        ("Video Conference", ("video", "meeting")),
        ("Meeting Video call", ("video", "meeting")),
        ("Site Visit", ("site_visit", "meeting")),
        ("", ("other", "meeting")),
        ("Other", ("other", "meeting")),
    ],
)
def test_types_become_channels(text: str, expected: tuple[str, str]) -> None:
    assert channel_and_kind(text) == expected


def test_contact_cells() -> None:
    assert contact_names("Ana Gil (ana@x.es);Luis Mora <l@y.es>; ") == ["Ana Gil", "Luis Mora"]
