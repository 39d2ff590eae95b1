"""The brief as one styled `Text` for the screen: user text is appended as
plain strings (never markup) and the whole is cleaned by `safe.text`."""

from __future__ import annotations

from rich.text import Text

from kamtui.domain.brief import Brief, BriefPerson
from kamtui.exporters import words as w
from kamtui.ui import safe

HEADING = "bold underline"
SUB = "bold"
DIM = "dim"
FLAG = "bold red"
BAND_STYLE = {"healthy": "bold green", "watch": "bold yellow", "at_risk": "bold red"}


def _line(text: Text, *parts: tuple[str, str] | str) -> None:
    for part in parts:
        if isinstance(part, tuple):
            text.append(safe.plain(part[0]), style=part[1])
        else:
            text.append(safe.plain(part))
    text.append("\n")


def _heading(text: Text, title: str, style: str = HEADING) -> None:
    text.append("\n")
    text.append(title, style=style)
    text.append("\n")


def _person(text: Text, p: BriefPerson) -> None:
    text.append("  • ")
    text.append(safe.plain(p.name), style=SUB)
    if p.title:
        text.append(", " + safe.plain(p.title))
    text.append("\n    ")
    bits = [x for x in (p.function_label, p.decision_role_label, p.stance_label) if x]
    details = [" · ".join(bits)] if bits else []
    if p.last_contact:
        details.append(f"last {w.day(p.last_contact)} ({w.days(p.days_since_contact)})")
    else:
        details.append("no contact logged")
    details.append(f"link {p.link_strength}/5" if p.link_strength else "no link")
    text.append("; ".join(details), style=DIM)
    if p.single_point_of_failure:
        text.append("  single point of failure", style=FLAG)
    if p.leaving:
        text.append("  leaving", style="yellow")
    text.append("\n")


def brief_text(brief: Brief) -> Text:
    i, h, r = brief.identity, brief.health, brief.revenue
    text = Text()
    text.append(safe.plain(i.name), style="bold")
    text.append("\n")
    about = [f"As of {w.day(brief.today)}"]
    if i.tier:
        about.append(f"tier {i.tier}")
    if i.owner:
        about.append(f"KAM {i.owner}")
    if i.cadence_days:
        about.append(f"contact every {i.cadence_days} d")
    _line(text, (" · ".join(about), DIM))

    _heading(text, "Identity")
    for label, value in (
        ("Account number", i.account_number),
        ("Tax id", i.tax_id),
        ("Domain", i.domain),
        ("Industry", i.industry),
        ("Phone", i.phone),
        ("E-mail", i.email),
        ("Address", i.address),
    ):
        if value:
            _line(text, (f"  {label}: ", DIM), value)
    for ident in i.identifiers:
        _line(text, (f"  {safe.plain(ident.business_unit)}: ", DIM), ident.number)

    _heading(text, "Health")
    text.append(f"  {w.score(h.score)} ", style=BAND_STYLE.get(h.band or "", "bold"))
    text.append(h.band_label, style=BAND_STYLE.get(h.band or "", ""))
    if h.change is not None:
        text.append(f"  {w.signed(h.change)} over {len(h.trend)} weeks", style=DIM)
    if len(h.trend) > 1:
        text.append("  " + w.sparkline([p.score for p in h.trend]))
    text.append("\n")
    for weak in h.weakest:
        _line(text, (f"  {weak.label} {w.score(weak.score)}: ", SUB), weak.reason)
    if h.perception_gap:
        _line(text, ("  Perception gap: ", FLAG), h.perception_gap)
    for reason in h.revitalisation:
        _line(text, ("  Revitalise: ", FLAG), reason)

    _heading(text, "Who is who")
    if brief.map is not None:
        _line(
            text,
            ("  Map: ", DIM),
            (f"{brief.map.shape} {brief.map.glyph}", SUB),
            " — " + "; ".join(brief.map.reasons),
        )
    for title, side in (("Their side", brief.theirs), ("Our side", brief.ours)):
        _line(text, (f" {title}", SUB))
        if not side:
            _line(text, ("  nobody yet", DIM))
        for p in side:
            _person(text, p)

    _heading(text, "Before you go")
    _line(text, (" Open complaints", SUB))
    for c in brief.complaints:
        _line(
            text,
            (f"  {c.severity} ", FLAG if c.severity in ("high", "critical") else SUB),
            c.title,
            (f" — {c.status.replace('_', ' ')}, {c.age_days} d", DIM),
        )
    if not brief.complaints:
        _line(text, ("  none open", DIM))
    _line(text, (" Follow-ups due", SUB))
    for f in brief.followups:
        style = FLAG if f.bucket == "overdue" else DIM
        _line(text, "  • ", f.text, (f" — {w.late(f.days_late)}", style))
    if not brief.followups:
        _line(text, ("  nothing due this week", DIM))
    _line(text, (" Facts — do not ask again", SUB))
    for fact in brief.facts:
        who = f" ({fact.person})" if fact.person else ""
        _line(text, (f"  {fact.kind_label}: ", DIM), fact.text, (who, DIM))
    if not brief.facts:
        _line(text, ("  none recorded", DIM))
    _line(text, (" Goals", SUB))
    for g in brief.goals:
        _line(
            text,
            "  • ",
            g.title,
            (f" — {g.status_label}: {g.current} (from {g.baseline} to {g.target})", DIM),
        )
    if not brief.goals:
        _line(text, ("  no active goals", DIM))
    _line(text, (" Last conversations", SUB))
    for conv in brief.conversations:
        _line(
            text,
            (f"  {w.when(conv.when)} {conv.level_label} · {conv.channel_label}: ", DIM),
            conv.summary,
        )
        for s in conv.next_steps:
            state = "done" if s.done else (f"due {w.day(s.due_date)}" if s.due_date else "open")
            _line(text, "    → ", s.text, (f" ({state})", DIM))
    if not brief.conversations:
        _line(text, ("  none logged", DIM))
    _line(text, (" Revenue", SUB))
    _line(
        text,
        f"  12 months {w.eur(r.last_12m)} ({w.change(r.change)}) · wallet share "
        f"{w.share(r.wallet_share)}",
    )
    if r.monthly:
        _line(text, ("  by month ", DIM), w.sparkline([m.amount for m in r.monthly]))
    _line(text, (" Not bought yet", SUB))
    for cat in brief.not_bought:
        spend = f" (spends ~{w.eur(cat.wallet)} a year)" if cat.wallet else ""
        _line(text, "  • ", cat.category, (spend, DIM))
    if not brief.not_bought:
        _line(text, ("  every category of the catalogue", DIM))
    return safe.text(text)
