"""Overview tab: the figures and records that exist for the account."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from kamtui.formatting import ago, money, percent
from kamtui.services.overview import AccountOverview, overview
from kamtui.textsafe import clean
from kamtui.ui.widgets.account.base import AccountTab
from kamtui.vocab import FACT_KIND, LEVEL, SEVERITY


class OverviewTab(AccountTab):
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Loading…", id="overview-body")

    def fetch(self) -> AccountOverview:
        return overview(self.kam.store, self.account_id, self.kam.today)

    def show(self, data: Any) -> None:
        ov: AccountOverview = data
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
                f"{c['transactions']} transactions · {c['goals']} goals"
            ),
        )
        parts: list[Any] = [Text("Key figures", style="bold underline"), figures, Text()]
        parts.append(Text(f"Open complaints ({len(ov.open_complaints)})", style="bold underline"))
        if not ov.open_complaints:
            parts.append(Text("None.", style="dim"))
        for comp in ov.open_complaints:
            line = Text(f"• {clean(comp['title'], one_line=True)}")
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
            line.append(clean(fact["text"], one_line=True), style="")
            if fact.get("person"):
                line.append(f" — {clean(fact['person'], one_line=True)}", style="dim")
            parts.append(line)
        parts.append(Text())
        parts.append(Text("Last conversations", style="bold underline"))
        if not ov.recent:
            parts.append(Text("No interactions yet.", style="dim"))
        for item in ov.recent:
            line = Text(f"{ago(item['occurred_at'], today):>20}  ", style="dim")
            line.append(f"{LEVEL.label(item['level']):<20}", style="cyan")
            line.append(clean(item["summary"], one_line=True))
            parts.append(line)
        from rich.console import Group

        self.query_one("#overview-body", Static).update(Group(*parts))
