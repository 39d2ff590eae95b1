"""The portfolio brief's documents: every section in each format, and hostile
text (markup, <script>, `](javascript:…)`, control and bidi characters) in
every string comes out escaped and cleaned in Markdown, HTML and JSON."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt

from kamtui import exporters
from kamtui.domain import portfolio_brief as pb
from kamtui.textsafe import clean
from tests.exporters.test_brief_hostile import TEMPLATE_TAGS, XSS, _Tags
from tests.hostile import FORBIDDEN, NAME


def _due(kind: str, ref: str, days: int, bucket: str) -> pb.DueItem:
    return pb.DueItem(kind, ref, 1, NAME, XSS + " text", "2026-11-10", days, bucket, XSS)


@pytest.fixture
def evil() -> pb.PortfolioBrief:
    return pb.PortfolioBrief(
        today="2026-11-15",
        accounts=3,
        at_risk=(pb.AtRisk(1, NAME, 31.0, "at risk" + XSS, "Recency: " + XSS, 1000.0),),
        revitalise=(
            pb.Revitalise(1, NAME, 31.0, "at risk", (XSS, "- 1. # reason"), (XSS,), 1000.0),
        ),
        contact_due=(_due("contact_due", "c1", 70, "overdue"),),
        followups=(
            _due("goal_action", "g5", 3, "overdue"),
            _due("next_step", "n12", -2, "week"),
        ),
    )


def test_markdown_has_every_section_escaped(evil: pb.PortfolioBrief) -> None:
    doc = exporters.render(evil, "md")
    assert not FORBIDDEN.search(doc)
    for heading in ("## At risk", "## Revitalisation queue", "## Contact due",
                    "## Follow-ups due this week"):  # fmt: skip
        assert f"\n{heading}\n" in doc
    assert "`c1`" in doc and "70 d overdue" in doc and "due in 2 d" in doc
    rendered = MarkdownIt("commonmark").render(doc)
    for bad in ("<script", "<img", "<a ", 'javascript:alert(1)"', "href="):
        assert bad not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "[x](javascript:alert(1))" in rendered
    assert "[link=http://x]y[/link]" in rendered
    assert "<h1>" not in rendered.split("</h1>", 1)[1]  # "# reason" stays text


def test_html_escapes_every_piece_of_user_text(evil: pb.PortfolioBrief) -> None:
    page = exporters.render(evil, "html")
    assert not FORBIDDEN.search(page)
    parser = _Tags()
    parser.feed(page)
    assert parser.tags <= TEMPLATE_TAGS, parser.tags - TEMPLATE_TAGS
    assert not [a for a, _v in parser.attrs if a.startswith("on")]
    assert not [v for _a, v in parser.attrs if v and "javascript" in v]
    text = "".join(parser.text)
    assert "<script>alert(1)</script>" in text and clean(NAME) in text
    assert "&lt;script&gt;" in page and "<script" not in page
    style = page[page.index("<style>") : page.index("</style>")]
    assert "@page { size: A4" in style and "url(" not in style
    for section in ("at-risk", "revitalise", "contact-due", "followups"):
        assert f'<section id="{section}">' in page


def test_json_is_cleaned(evil: pb.PortfolioBrief) -> None:
    doc = exporters.render(evil, "json")
    assert not FORBIDDEN.search(doc)
    data = json.loads(doc)
    assert data["kind"] == "kamtui.portfolio_brief" and data["version"] == 1
    assert data["at_risk"][0]["account"] == clean(NAME)
    assert data["contact_due"][0] == {
        "kind": "contact_due",
        "ref": "c1",
        "account_id": 1,
        "account": clean(NAME),
        "text": clean(XSS + " text"),
        "due_date": "2026-11-10",
        "days_late": 70,
        "bucket": "overdue",
        "source": clean(XSS),
    }


def test_an_empty_morning() -> None:
    quiet = pb.PortfolioBrief("2026-11-15", 0, (), (), (), ())
    assert "No account at risk." in exporters.render(quiet, "md")
    assert "Everyone is in touch." in exporters.render(quiet, "html")
    assert json.loads(exporters.render(quiet, "json"))["followups"] == []
