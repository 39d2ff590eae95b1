"""How health shows on screen: band words with colours (never colour alone),
trend sparklines and arrows, the map shape as its glyph (words and glyphs:
kamtui/domain/display.py)."""

from __future__ import annotations

from collections.abc import Sequence

from kamtui.domain import display

BAND_STYLE = {
    "healthy": "green",
    "watch": "yellow",
    "at_risk": "bold red",
    display.NO_BAND: "dim",
}
SHAPE_RANK = {"none": 0, "bow-tie": 1, "developing": 2, "diamond": 3}
_BARS = "▁▂▃▄▅▆▇█"
TREND_POINTS = 7  # the sparkline and its arrow cover the same last snapshots


def score_cell(score: float | None, band: str | None) -> str:
    if score is None:
        return display.band_word(band, "—") if band == display.NO_BAND else "—"
    return f"{score:3.0f} {display.band_word(band)}".rstrip()


def band_style(band: str | None) -> str:
    return BAND_STYLE.get(band or "", "")


def sparkline(
    values: Sequence[float | None], width: int = TREND_POINTS, min_span: float = 10.0
) -> str:
    """The last `width` scores as bars scaled to their own range, but never
    to less than `min_span` points, so noise stays flat and a real slide shows."""
    points = [v for v in values if v is not None][-width:]
    if not points:
        return ""
    lo, hi = min(points), max(points)
    span = max(hi - lo, min_span)
    base = lo - (span - (hi - lo)) / 2
    return "".join(_BARS[min(7, max(0, int((v - base) / span * 7.999)))] for v in points)


def delta(values: Sequence[float | None]) -> float | None:
    points = [v for v in values if v is not None][-TREND_POINTS:]
    if len(points) < 2:
        return None
    return points[-1] - points[0]


def arrow(change: float | None, steady: float = 3.0) -> str:
    if change is None:
        return " "
    if change >= steady:
        return "↑"
    if change <= -steady:
        return "↓"
    return "→"


def trend_cell(values: Sequence[float | None]) -> str:
    if not [v for v in values if v is not None]:
        return ""
    return f"{sparkline(values)} {arrow(delta(values))}"


def shape_glyph(shape: str | None) -> str:
    return display.shape_glyph(shape).center(3) if shape else ""
