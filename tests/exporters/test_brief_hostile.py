"""The hostile fixture through the brief: markup, <script>, `](javascript:…)`,
control characters and bidi overrides in names, notes and facts come out
escaped (and cleaned) in Markdown, HTML and JSON."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from kamtui import exporters
from kamtui.domain.brief import Brief
from kamtui.services import brief as brief_service
from kamtui.storage.db import Store
from kamtui.textsafe import clean
from tests.conftest import DEMO_TODAY
from tests.hostile import FORBIDDEN, NAME, make_evil

XSS = '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror="alert(2)"> &lt;b&gt;'


@pytest.fixture
def evil(demo_store: Store) -> Brief:
    aid = make_evil(demo_store)
    with demo_store.conn:
        demo_store.conn.execute(
            "UPDATE facts SET text = ? || text WHERE account_id = ?", (XSS + " ", aid)
        )
        demo_store.conn.execute(
            "UPDATE people SET name = ? || name WHERE account_id = ?", ("](javascript:x) ", aid)
        )
        demo_store.conn.execute(
            "UPDATE interactions SET summary = ? || summary WHERE account_id = ?", (XSS, aid)
        )
        demo_store.conn.execute(
            "INSERT INTO account_identifiers (account_id, business_unit, number) VALUES (?, ?, ?)",
            (aid, "<b>BU</b>\u202e", "](javascript:alert(3))\x1b[2J"),
        )
    b = brief_service.account_brief(demo_store, aid, today=DEMO_TODAY)
    assert b.facts and b.conversations and b.theirs  # the fixture reaches every section
    return b


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


# What the template itself uses; anything else came from user text.
TEMPLATE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "section", "h1", "h2", "h3",
    "p", "span", "strong", "br", "dl", "dt", "dd", "ul", "ol", "li", "div", "table", "thead",
    "tbody", "tr", "th", "td", "svg", "line", "polyline", "circle", "rect",
}  # fmt: skip


def test_html_escapes_every_piece_of_user_text(evil: Brief) -> None:
    page = exporters.render(evil, "html")
    assert not FORBIDDEN.search(page)
    parser = _Tags()
    parser.feed(page)
    assert parser.tags <= TEMPLATE_TAGS, parser.tags - TEMPLATE_TAGS
    assert not [a for a, _v in parser.attrs if a.startswith("on")]
    assert not [v for _a, v in parser.attrs if v and "javascript" in v]
    text = "".join(parser.text)
    # shown literally, as typed (cleaned)
    assert "<script>alert(1)</script>" in text and "[x](javascript:alert(1))" in text
    assert "&lt;b&gt;" in text  # an entity typed by the user stays as typed
    assert clean(NAME) in text
    assert "&lt;script&gt;" in page and "<script" not in page


def test_html_is_self_contained_and_prints_on_a4(evil: Brief) -> None:
    page = exporters.render(evil, "html")
    parser = _Tags()
    parser.feed(page)
    assert not parser.tags & {"script", "link", "img", "iframe", "object", "a", "base"}
    assert not [v for a, v in parser.attrs if a in ("src", "href", "action")]
    style = page[page.index("<style>") : page.index("</style>")]
    assert "@page { size: A4" in style
    assert "url(" not in style and "@import" not in style
    assert page.count("<svg") == 2  # the health trend and the revenue by month


def test_markdown_escapes_every_piece_of_user_text(evil: Brief) -> None:
    doc = exporters.render(evil, "md")
    assert not FORBIDDEN.search(doc)
    rendered = MarkdownIt("commonmark").render(doc)
    for bad in ("<script", "<img", "<a ", 'javascript:alert(1)"', "href="):
        assert bad not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "[x](javascript:alert(1))" in rendered
    assert "&amp;lt;b&amp;gt;" in rendered  # the typed entity shows as typed
    assert "[link=http://x]y[/link]" in rendered


def test_json_strings_are_cleaned(evil: Brief) -> None:
    doc = exporters.render(evil, "json")
    assert not FORBIDDEN.search(doc)
    data = json.loads(doc)
    assert data["identity"]["name"] == clean(NAME)
    assert data["identity"]["identifiers"] == [
        {
            "business_unit": clean("<b>BU</b>\u202e"),
            "number": clean("](javascript:alert(3))\x1b[2J"),
        }
    ]

    def strings(v: object) -> list[str]:
        if isinstance(v, str):
            return [v]
        if isinstance(v, dict):
            return [s for k, x in v.items() for s in (k, *strings(x))]
        if isinstance(v, list):
            return [s for x in v for s in strings(x)]
        return []

    assert not [s for s in strings(data) if FORBIDDEN.search(s)]
    assert any(XSS in s for s in strings(data))  # kept as text: a script escapes it itself
