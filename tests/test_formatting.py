"""Counts read as English: "1 goal", "1 more reason", "2 goals"."""

from kamtui.formatting import count


def test_count_singular_and_plural() -> None:
    assert count(1, "goal") == "1 goal"
    assert count(0, "goal") == "0 goals"
    assert count(3, "more reason") == "3 more reasons"
    assert count(1, "more reason") == "1 more reason"
    assert count(2, "person", "people") == "2 people"
