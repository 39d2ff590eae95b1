"""textsafe.clean neutralises control and bidi characters."""

from __future__ import annotations

import pytest

from tests.hostile import FORBIDDEN


@pytest.mark.parametrize(
    "raw",
    ["\x1b]0;pwned\x07", "\x1b[31m", "\x9b31m", "\u202e", "\u202a", "\u2066", "\u2069", "\x7f"],
)
def test_clean_neutralises_control_and_bidi(raw: str) -> None:
    from kamtui.textsafe import clean

    for one_line in (False, True):
        shown = clean(f"a{raw}b", one_line=one_line)
        assert not FORBIDDEN.search(shown)
        assert shown.startswith("a") and shown.endswith("b")
        assert len(shown) == len(raw) + 2  # one for one: styles and spans stay put
