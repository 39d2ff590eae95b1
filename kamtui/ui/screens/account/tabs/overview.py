"""Overview tab: the figures and records that exist for the account."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static
from textual_plotext import PlotextPlot

from kamtui.dates import display_date
from kamtui.domain import display
from kamtui.domain.health import Health
from kamtui.formatting import ago, count, money, percent
from kamtui.services import health as health_service
from kamtui.services.overview import AccountOverview, overview
from kamtui.ui import health_format as hf
from kamtui.ui import safe
from kamtui.ui.screens.account.tabs.base import AccountTab
from kamtui.vocab import FACT_KIND, LEVEL, SEVERITY


@dataclass
class Loaded:
    overview: AccountOverview
    health: Health
    history: list[health_service.Snapshot]


def score_bar(score: float, width: int = 10) -> str:
    full = int(score / 100 * width)
    return "█" * full + "░" * (width - full)


def health_summary(h: Health) -> Group:
    """Score, band, rules and perception gap, then every component with its
    reason: the "why" behind the number."""
    head = Text("Relationship health  ", style="bold underline")
    if h.score is None:
        head.append(display.band_word(h.band, "no data"), style="dim")
    else:
        head.append(f"{h.score:.0f}/100 ", style="bold " + hf.band_style(h.band))
        head.append(f"({display.band_word(h.band)})", style=hf.band_style(h.band))
    parts: list[Any] = [head]
    if h.missing:
        parts.append(safe.text(h.missing, "dim"))
    for r in h.revitalisation:
        line = Text("⚑ Needs revitalisation: ", style="bold red")
        line.append(safe.plain(r.reason))
        line.append(f"  → suggested goal: {safe.plain(r.suggestion_label)}", style="italic")
        parts.append(line)
    gap = h.perception_gap
    if gap is not None and gap.flagged:
        line = Text("≠ Perception gap: ", style="bold yellow")
        line.append(safe.plain(gap.reason))
        parts.append(line)
    table = Table(box=None, padding=(0, 1), expand=True, show_header=True, header_style="dim")
    table.add_column("Component", no_wrap=True)
    table.add_column("Score", no_wrap=True)
    table.add_column("×", justify="right", no_wrap=True)
    table.add_column("Why", ratio=1)
    for c in h.components:
        if c.score is None:
            table.add_row(
                Text(c.label, style="dim"),
                Text("  no data", style="dim"),
                Text(f"{c.weight:g}", style="dim"),
                safe.text(c.reason, "dim"),
            )
            continue
        band = "healthy" if c.score >= 70 else "watch" if c.score >= 50 else "at_risk"
        table.add_row(
            Text(c.label),
            Text(f"{score_bar(c.score)} {c.score:3.0f}", style=hf.band_style(band)),
            Text(f"{c.weight:g}"),
            safe.text(c.reason),
        )
    parts.append(table)
    return Group(*parts)


# The chart's lines, in order: the score, then the two weakest components.
CHART_COLOURS = ("cyan", "magenta", "yellow")


class OverviewTab(AccountTab):
    DEFAULT_CSS = """
    OverviewTab #health-chart {
        height: 12;
        margin: 1 0 0 0;
    }
    OverviewTab #health-legend {
        height: auto;
        margin: 0 0 1 0;
    }
    """

    def compose_content(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Loading…", id="overview-health")
            # Not drawn until its data comes: an empty plotext chart costs
            # ~30 ms of the frame that opens the account.
            chart = PlotextPlot(id="health-chart")
            chart.visible = False
            yield chart
            # The legend is text under the chart: plotext draws its own over
            # the lines (issue 14).
            yield Static("", id="health-legend")
            yield Static("", id="overview-body")

    def fetch(self) -> Loaded:
        store, today = self.kam.store, self.kam.today
        return Loaded(
            overview=overview(store, self.account_id, today),
            # save=False: a write here would invalidate the cached portfolio health
            # and recompute all accounts (~10 s of CPU on 10,000) after every visit.
            health=health_service.account_health(
                store, self.account_id, today=today, config=self.kam.config, save=False
            ),
            history=health_service.history(store, self.account_id),
        )

    def _draw_history(self, data: Loaded) -> None:
        plot = self.query_one("#health-chart", PlotextPlot)
        plot.visible = True
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        legend = self.query_one("#health-legend", Static)
        legend.update("")
        points = [(s.date, s.score) for s in data.history if s.score is not None]
        if len(points) < 2:
            plt.title("Health over time: a point per day the score is computed (too few yet)")
            plot.refresh()
            return
        xs = list(range(len(points)))
        plt.plot(xs, [p[1] for p in points], color=CHART_COLOURS[0], marker="braille")
        key = Text("  ")
        key.append("━━ ", style=CHART_COLOURS[0])
        key.append("score")
        # The two weakest components today, to show what drags the score.
        weakest = sorted(
            (c for c in data.health.components if c.score is not None),
            key=lambda c: c.score if c.score is not None else 100,
        )[:2]
        for colour, c in zip(CHART_COLOURS[1:], weakest, strict=False):
            ys = [s.components.get(c.key) for s in data.history if s.score is not None]
            if all(y is not None for y in ys):
                plt.plot(xs, ys, color=colour, marker="braille")
                key.append("   ━━ ", style=colour)
                key.append(c.label.lower())
        legend.update(key)
        step = max(1, len(points) // 5)
        plt.xticks([float(x) for x in xs[::step]], [display_date(p[0])[:5] for p in points][::step])
        plt.ylim(0, 100)
        plt.title("Health and its two weakest components over time")
        plot.refresh()

    def show(self, data: Any) -> None:
        loaded: Loaded = data
        self.query_one("#overview-health", Static).update(health_summary(loaded.health))
        self._draw_history(loaded)
        ov = loaded.overview
        today = self.kam.today
        f = ov.figures
        figures = Table.grid(padding=(0, 2))
        figures.add_column(style="dim")
        figures.add_column()
        rev, prev = f["revenue_12m"], f["revenue_prev_12m"]
        change = Text(money(rev))
        if prev:
            delta = (rev - prev) / prev
            change.append(
                f"  ({'+' if delta >= 0 else ''}{percent(delta)} vs previous 12m: {money(prev)})",
                style="green" if delta >= 0 else "red",
            )
        figures.add_row("Revenue last 12 months", change)
        if ov.account.identifiers:
            figures.add_row(
                "Identifiers",
                safe.text(" · ".join(f"{u} {n}" for u, n in ov.account.identifiers)),
            )
        figures.add_row("Last order", Text(ago(f["last_order"], today)))
        figures.add_row("Last contact", Text(ago(f["last_contact"], today)))
        figures.add_row("Last strategic / satisfaction talk", Text(ago(f["last_strategic"], today)))
        c = ov.counts
        figures.add_row(
            "People",
            Text(f"{c['our_people']} ours · {c['their_people']} theirs · {c['links']} links"),
        )
        figures.add_row(
            "Records",
            Text(
                f"{c['interactions']} interactions · "
                f"{c['transactions']} transactions · {count(c['goals'], 'goal')}"
            ),
        )
        parts: list[Any] = [Text("Key figures", style="bold underline"), figures, Text()]
        parts.append(Text(f"Open complaints ({len(ov.open_complaints)})", style="bold underline"))
        if not ov.open_complaints:
            parts.append(Text("None.", style="dim"))
        for comp in ov.open_complaints:
            line = Text(f"• {safe.plain(comp['title'])}")
            line.append(
                f"  {SEVERITY.label(comp['severity'])}, opened {ago(comp['opened_at'], today)}",
                style="dim",
            )
            parts.append(line)
        parts.append(Text())
        parts.append(Text(f"Facts not to ask again ({len(ov.facts)})", style="bold underline"))
        if not ov.facts:
            parts.append(Text("None recorded.", style="dim"))
        for fact in ov.facts:
            line = Text(f"• [{FACT_KIND.label(fact['kind'])}] ", style="dim")
            line.append(safe.plain(fact["text"]), style="")
            if fact.get("person"):
                line.append(f" — {safe.plain(fact['person'])}", style="dim")
            parts.append(line)
        parts.append(Text())
        parts.append(Text("Last conversations", style="bold underline"))
        if not ov.recent:
            parts.append(Text("No interactions yet.", style="dim"))
        for item in ov.recent:
            line = Text(f"{ago(item['occurred_at'], today):>20}  ", style="dim")
            line.append(f"{LEVEL.label(item['level']):<20}", style="cyan")
            line.append(safe.plain(item["summary"]))
            parts.append(line)
        self.query_one("#overview-body", Static).update(Group(*parts))
