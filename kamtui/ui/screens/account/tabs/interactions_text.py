"""How the interactions tab words its rows and details: timeline cells,
the detail header, facts and notes."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from kamtui.dates import display_date
from kamtui.formatting import money
from kamtui.services import complaints as cs
from kamtui.services import interactions as inter
from kamtui.ui import safe
from kamtui.vocab import CHANNEL, COMPLAINT_STATUS, FACT_KIND, KIND, LEVEL, SEVERITY

MOOD_FACES = {1: "1 ☹", 2: "2", 3: "3", 4: "4", 5: "5 ☺"}


def when_text(item: inter.TimelineItem) -> str:
    day = display_date(item.when)
    time = item.when[11:16] if item.type == "interaction" else ""
    return f"{day} {time}".rstrip()


def type_text(item: inter.TimelineItem) -> str:
    if item.type == "order":
        return "Order"
    if item.type == "complaint":
        return "Complaint"
    return KIND.label(item.kind)


def title_text(item: inter.TimelineItem) -> str:
    if item.type == "order":
        return f"{money(item.amount)} · {item.category} · {item.document}"
    if item.type == "complaint" and item.complaint:
        status = COMPLAINT_STATUS.label(item.complaint["status"]).lower()
        return f"[{status}] {item.title}"
    return item.title


def row_style(item: inter.TimelineItem) -> str:
    if item.type == "order":
        return "dim"
    if item.type == "complaint" and item.complaint:
        return "green" if item.complaint["status"] == "resolved" else "bold red"
    return ""


def detail_header(item: inter.TimelineItem | None, today: Any) -> Text:
    """The selected item's facts as Rich Text: user text is appended, never parsed."""
    text = Text()
    if item is None:
        text.append("Nothing logged yet. Press n to log an interaction.", style="dim")
        return text
    text.append(safe.plain(item.title), style="bold")
    text.append("\n")
    if item.type == "order":
        text.append(f"{display_date(item.when)}  order {safe.plain(item.document)}\n")
        text.append(f"{money(item.amount)}  {safe.plain(item.category)}", style="cyan")
        return text
    if item.type == "complaint" and item.complaint:
        c = cs.view_of(item.complaint)
        text.append(f"{SEVERITY.label(c.severity)} severity · ", style="yellow")
        text.append(
            f"{COMPLAINT_STATUS.label(c.status)} · {cs.describe_time(c, today)}\n",
            style="green" if c.status == "resolved" else "bold red",
        )
        dates_line = [f"opened {display_date(c.opened_at)}"]
        if c.in_progress_at:
            dates_line.append(f"in progress {display_date(c.in_progress_at)}")
        if c.resolved_at:
            dates_line.append(f"resolved {display_date(c.resolved_at)}")
        text.append(" · ".join(dates_line) + "\n", style="dim")
        if c.resolution:
            text.append("Resolution: ", style="bold")
            text.append(safe.plain(c.resolution, one_line=False))
            text.append("\n")
        text.append("p: next status · r: resolve · enter: edit", style="dim")
        return text
    bits = [
        f"{display_date(item.when)} {item.when[11:16]}",
        CHANNEL.label(item.channel),
        LEVEL.label(item.level),
        KIND.label(item.kind),
    ]
    text.append(" · ".join(b for b in bits if b), style="dim")
    if item.mood:
        text.append(f"  mood {MOOD_FACES.get(item.mood, str(item.mood))}", style="cyan")
    text.append("\n")
    ours = [safe.plain(p.name) for p in item.people if p.side == "ours"]
    theirs = [safe.plain(p.name) for p in item.people if p.side != "ours"]
    if ours or theirs:
        text.append("With: ", style="bold")
        text.append(", ".join(ours) or "—")
        text.append("  ↔  ", style="dim")
        text.append(", ".join(theirs) or "—")
        text.append("\n")
    for step in item.next_steps:
        mark = "✓" if step.done_at else "·"
        due = f" {display_date(step.due_date)}" if step.due_date else ""
        late = not step.done_at and step.due_date is not None and step.due_date < today.isoformat()
        text.append(f"{mark}{due} ", style="bold red" if late else "dim")
        text.append(safe.plain(step.text), style="strike dim" if step.done_at else "")
        text.append("\n")
    return text


def facts_text(facts: list[dict[str, Any]]) -> Text:
    text = Text()
    text.append("Facts — don't ask again", style="bold")
    if not facts:
        text.append("\nNone yet: press f to add one.", style="dim")
    for f in facts:
        text.append(f"\n• {FACT_KIND.label(f['kind'])}: ", style="cyan")
        text.append(safe.plain(f["text"]))
        if f.get("person"):
            text.append(f" — {safe.plain(f['person'])}", style="dim")
    return text


def notes_markdown(item: inter.TimelineItem | None) -> str:
    if item is None or item.type == "order":
        return ""
    return safe.plain(item.notes or "", one_line=False)
