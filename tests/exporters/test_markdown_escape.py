"""exporters.markdown.escape: user text reads as typed in any CommonMark
reader (markdown-it-py, the CommonMark reference implementation in Python)."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from kamtui.exporters.markdown import escape
from kamtui.textsafe import clean

MD = MarkdownIt("commonmark")


def _inline(text: str) -> str:
    """What a reader shows for `text` placed in a paragraph after a label."""
    rendered = MD.render(f"Label: {text}\n").strip()
    assert rendered.startswith("<p>Label:") and rendered.endswith("</p>"), rendered
    return rendered.removeprefix("<p>Label:").removesuffix("</p>").removeprefix(" ")


@pytest.mark.parametrize(
    "value",
    [
        "[click](javascript:alert(1))",
        "![img](http://evil/x.png)",
        "<script>alert(1)</script>",
        "<http://evil.example>",
        "*bold* _it_ **b** `code` ~~s~~",
        "a | b | c",
        "&amp; &lt;tag&gt; &#x41;",
        "back\\slash \\[",
        "# heading",
        "- item",
        "1. first",
        "> quote",
        "+34 600 000 000",
        "[ref]: http://evil",
    ],
)
def test_syntax_is_literal(value: str) -> None:
    assert html.unescape(_inline(escape(value))) == value
    assert "<a" not in _inline(escape(value)) and "<img" not in _inline(escape(value))


@pytest.mark.parametrize(
    "value", ["# heading", "- item", "+ x", "1. first", "2) b", "> q", "===", "- - -", "-", "7."]
)
def test_a_line_of_its_own_stays_a_paragraph(value: str) -> None:
    rendered = MD.render(escape(value) + "\n").strip()
    assert rendered == f"<p>{html.escape(value, quote=False)}</p>"


def test_controls_bidi_and_line_breaks_are_cleaned() -> None:
    value = "a\x1b[31mb\u202ec\nd\r\ne\x9b"
    out = escape(value)
    assert out == escape(clean(value, one_line=True))
    assert "\x1b" not in out and "\u202e" not in out and "\n" not in out and "\x9b" not in out


@given(st.text(max_size=60))
def test_any_text_reads_back_as_its_cleaned_self(value: str) -> None:
    # Readers differ only on whitespace at the ends (markdown-it drops NBSP there).
    expected = clean(value, one_line=True).strip()
    assert html.unescape(_inline(escape(value))).strip() == expected


MARKDOWNISH = st.text(alphabet=st.sampled_from("[]()<>*_`!#&;\\|~-+=.):/1ajx \n\t\xa0\x1b\u202e"))


@given(MARKDOWNISH)
def test_markdown_syntax_soup_reads_back_literally(value: str) -> None:
    shown = _inline(escape(value))
    assert html.unescape(shown).strip() == clean(value, one_line=True).strip()
    assert "<a " not in shown and "<img" not in shown and "<em>" not in shown
    assert "<code>" not in shown and "<strong>" not in shown
    # on a line of its own too (a block: heading, list, quote, code)
    block = MD.render(escape(value) + "\n").strip()
    text = clean(value, one_line=True).strip()
    if not text:
        assert block in ("", "<p></p>")
        return
    assert block.startswith("<p>") and block.endswith("</p>") and "\n" not in block, block
    assert html.unescape(block[3:-4]).strip() == text
