"""The brief as one self-contained HTML page: inline CSS (print-friendly on
A4), inline SVG pictures, no script and nothing fetched from the network.

The template (`templates/brief.html.j2`, package data) is rendered by jinja2
with autoescape on: every `{{ … }}` is HTML-escaped, and first cleaned of
control and bidi characters (`finalize`). Only the SVG pictures, drawn here
from numbers, are marked safe."""

from __future__ import annotations

import functools
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from kamtui.domain.brief import Brief
from kamtui.domain.portfolio_brief import PortfolioBrief
from kamtui.exporters import svg
from kamtui.exporters import words as w
from kamtui.textsafe import clean


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return clean(value)
    return value


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("kamtui.exporters", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        day=w.day,
        when=w.when,
        days=w.days,
        score=w.score,
        signed=w.signed,
        change=w.change,
        eur=w.eur,
        share=w.share,
        late=w.late,
    )
    return env


def brief_html(brief: Brief) -> str:
    h, r = brief.health, brief.revenue
    trend_svg = svg.sparkline([p.score for p in h.trend])
    revenue_svg = svg.bars([m.amount for m in r.monthly])
    template = environment().get_template("brief.html.j2")
    return template.render(
        b=brief,
        trend_svg=Markup(trend_svg),  # numbers only: see svg.py
        revenue_svg=Markup(revenue_svg),
    )


def portfolio_html(brief: PortfolioBrief) -> str:
    """The portfolio brief as one self-contained page (no pictures)."""
    return environment().get_template("portfolio.html.j2").render(b=brief)
