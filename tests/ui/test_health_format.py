"""How health is written on screen: sparklines, trend and score cells."""

from __future__ import annotations


def test_trend_cells_on_screen() -> None:
    from kamtui.ui import health_format as hf

    assert hf.sparkline([50, 50, 50]) == "▄▄▄"  # flat stays flat
    falling = [90, 80, 70, 60, 50]
    assert hf.sparkline(falling) == "█▆▄▂▁"
    assert hf.trend_cell(falling).endswith("↓")
    assert hf.trend_cell([60, 61]).endswith("→")  # under 3 points is steady
    assert hf.trend_cell([None, None]) == ""
    assert hf.score_cell(42.4, "at_risk") == " 42 at risk"
    assert hf.score_cell(None, None) == "—"
    assert hf.score_cell(None, "insufficient_data") == "no data yet"
    assert hf.band_style("insufficient_data") == "dim"
    assert hf.shape_glyph("bow-tie") == "> <" and hf.shape_glyph("diamond") == "< >"
