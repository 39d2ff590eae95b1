"""Issue 14, one vocabulary: reasons name stored keys by their labels
(kamtui/vocab.py), never as raw keys such as `technical_service`."""

from __future__ import annotations

from datetime import date

from kamtui.config import MapConfig
from kamtui.domain import goals as dg
from kamtui.domain.contact_map import MapLink, MapPerson, analyse_map
from kamtui.domain.display import word
from kamtui.vocab import CHANNEL, FUNCTION, LEVEL

TODAY = date(2026, 11, 15)


def test_word_is_the_label_in_sentence_case() -> None:
    assert word(FUNCTION, "technical_service") == "technical service"
    assert word(FUNCTION, "it") == "IT"
    assert word(CHANNEL, "site_visit") == "site visit"
    assert word(LEVEL, "satisfaction") == "satisfaction review"
    assert word(FUNCTION, "made_up") == "made up"


def test_map_reasons_name_functions_by_their_labels() -> None:
    people = [
        MapPerson(1, "Jordi", "ours", "sales", None),
        MapPerson(2, "Marta", "ours", "sales", None),
        MapPerson(10, "Sofía", "theirs", "technical_service", None),
        MapPerson(11, "Íñigo", "theirs", "it", None),
    ]
    links = [MapLink(1, 10, last_contact=TODAY), MapLink(2, 11, last_contact=TODAY)]
    a = analyse_map(people, links, today=TODAY, config=MapConfig())
    text = " ".join(a.reasons)
    assert "technical service" in text and "IT" in text
    assert "technical_service" not in text
    assert a.their_functions == ["it", "technical_service"]  # keys stay keys in data


def test_goal_units_name_channels_and_levels_by_their_labels() -> None:
    assert dg.unit("new_channel", "site_visit") == "site visit contacts in the last 12 months"
    assert dg.unit("new_method", "satisfaction") == (
        "satisfaction review meetings in the last 12 months"
    )
    assert dg.unit("new_method", "QBR") == "QBR meetings in the last 12 months"
