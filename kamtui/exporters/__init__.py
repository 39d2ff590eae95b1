"""Exporters: pure functions from domain records or rows to documents: the
account brief as Markdown, HTML or JSON (`render`), and the files of
`kamtui export` (`spec` names every file and its columns, the ones the
matching importer reads; `files` writes them as CSV, Spanish-Excel CSV or
JSON, with the README.txt that describes them). No database, no terminal:
the CLI and the app compute the record through the services and hand it here.

Every piece of user text is cleaned of control and bidi characters
(`kamtui.textsafe.clean`) and escaped for its format: `markdown.escape` for
Markdown, jinja2's autoescape for HTML."""

from __future__ import annotations

FORMATS = ("md", "html", "json")
EXTENSIONS = {"md": ".md", "html": ".html", "json": ".json"}


def render(brief: object, fmt: str) -> str:
    """The brief (an account's or the portfolio's) in `fmt` (md, html or json)."""
    from kamtui.domain.brief import Brief
    from kamtui.domain.portfolio_brief import PortfolioBrief

    if isinstance(brief, PortfolioBrief):
        return _render_portfolio(brief, fmt)
    if not isinstance(brief, Brief):
        raise TypeError("render takes a Brief or a PortfolioBrief")
    if fmt == "md":
        from kamtui.exporters.markdown import brief_markdown

        return brief_markdown(brief)
    if fmt == "html":
        from kamtui.exporters.html import brief_html

        return brief_html(brief)
    if fmt == "json":
        from kamtui.exporters.jsondoc import brief_json

        return brief_json(brief)
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def _render_portfolio(brief: object, fmt: str) -> str:
    from kamtui.domain.portfolio_brief import PortfolioBrief

    assert isinstance(brief, PortfolioBrief)
    if fmt == "md":
        from kamtui.exporters.markdown import portfolio_markdown

        return portfolio_markdown(brief)
    if fmt == "html":
        from kamtui.exporters.html import portfolio_html

        return portfolio_html(brief)
    if fmt == "json":
        from kamtui.exporters.jsondoc import portfolio_json

        return portfolio_json(brief)
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
