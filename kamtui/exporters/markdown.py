"""The brief as CommonMark: headings, lists and emphasis only (no tables, no
links, no raw HTML), so any Markdown reader shows it the same. Every piece of
user text goes through `escape` (or `text`, which cleans it first)."""

from __future__ import annotations

import re

from kamtui.domain.brief import Brief, BriefPerson
from kamtui.domain.portfolio_brief import DueItem, PortfolioBrief
from kamtui.exporters import words as w
from kamtui.textsafe import clean

# Characters with a meaning somewhere in inline Markdown (CommonMark and the
# GitHub extensions): emphasis, code, links and images, raw HTML and entities,
# tables, strikethrough, escapes. CommonMark lets any ASCII punctuation be
# backslash-escaped, and an escaped character is always literal.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~!#{}])")
# What makes a block when it starts a line: a list item ("-", "+" or "1." /
# "1)" followed by a space or nothing), a thematic break or setext underline
# (a line of only "-", "=" and spaces). Headings ("#"), quotes (">"), "*"
# items and code fences are already escaped above.
_ITEM = re.compile(r"^([-+])(?=[ \t]|$)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")
_RULE = re.compile(r"^[-= \t]+$")


def escape(value: object) -> str:
    """User text as literal inline Markdown on one line: control and bidi
    characters replaced (`textsafe.clean`), line breaks as spaces, spaces at
    either end dropped (four would make code), and every character Markdown
    would read as syntax backslash-escaped — a name like `[x](javascript:…)`
    shows as typed."""
    text = clean(value, one_line=True).strip(" ")
    text = _INLINE.sub(r"\\\1", text)
    if _RULE.match(text) or _ITEM.match(text):
        return "\\" + text
    return _ORDERED.sub(r"\1\\\2", text)


def _opt(label: str, value: object) -> str | None:
    if value is None or value == "":
        return None
    return f"- {label}: {escape(value)}"


def _person(p: BriefPerson) -> str:
    head = f"- **{escape(p.name)}**"
    if p.title:
        head += f", {escape(p.title)}"
    bits = [x for x in (p.function_label, p.decision_role_label, p.stance_label) if x]
    parts = [escape(" · ".join(bits))] if bits else []
    if p.last_contact:
        parts.append(f"last contact {w.day(p.last_contact)} ({w.days(p.days_since_contact)})")
    else:
        parts.append("no contact logged")
    parts.append(f"link {p.link_strength}/5" if p.link_strength else "no link")
    if p.single_point_of_failure:
        parts.append("**single point of failure**")
    if p.leaving:
        parts.append("leaving")
    return f"{head} — {'; '.join(parts)}"


def brief_markdown(brief: Brief) -> str:
    i, h = brief.identity, brief.health
    out: list[str] = [f"# Brief: {escape(i.name)}", ""]
    about = [f"As of {w.day(brief.today)}"]
    if i.tier:
        about.append(f"tier {escape(i.tier)}")
    if i.owner:
        about.append(f"KAM {escape(i.owner)}")
    if i.cadence_days:
        about.append(f"contact every {i.cadence_days} d")
    out += [" · ".join(about), ""]

    out += ["## Identity", ""]
    lines = [
        _opt("Account number", i.account_number),
        _opt("Tax id", i.tax_id),
        _opt("Domain", i.domain),
        _opt("Industry", i.industry),
        _opt("Phone", i.phone),
        _opt("E-mail", i.email),
        _opt("Address", i.address),
        _opt("Status", i.status if i.status != "active" else None),
    ]
    out += [line for line in lines if line]
    for ident in i.identifiers:
        out.append(f"- {escape(ident.business_unit)}: {escape(ident.number)}")
    out.append("")

    out += ["## Health", ""]
    head = f"**{w.score(h.score)}** — {escape(h.band_label)}"
    if h.change is not None:
        head += f" ({w.signed(h.change)} over {len(h.trend)} weeks)"
    out += [head, ""]
    if len(h.trend) > 1:
        spark = w.sparkline([p.score for p in h.trend])
        out += [
            f"Trend, weekly from {w.day(h.trend[0].date)}: {escape(spark)}",
            "",
        ]
    if h.weakest:
        out += ["Weakest components:", ""]
        out += [f"1. {escape(c.label)} {w.score(c.score)}: {escape(c.reason)}" for c in h.weakest]
        out.append("")
    if h.perception_gap:
        out += [f"**Perception gap:** {escape(h.perception_gap)}", ""]
    if h.revitalisation:
        out += ["**Needs revitalisation:**", ""]
        out += [f"- {escape(r)}" for r in h.revitalisation]
        out.append("")

    out += ["## Who is who", ""]
    if brief.map is not None:
        reasons = "; ".join(brief.map.reasons)
        out += [
            f"Map: **{escape(brief.map.shape)}** {escape(brief.map.glyph)} — {escape(reasons)}",
            "",
        ]
    for title, side in (("Their side", brief.theirs), ("Our side", brief.ours)):
        out += [f"### {title}", ""]
        out += [_person(p) for p in side] or ["Nobody yet."]
        out.append("")

    out += ["## Before you go", ""]
    out += ["### Open complaints", ""]
    out += [
        f"- **{escape(c.severity)}** {escape(c.title)} — {escape(c.status.replace('_', ' '))}, "
        f"opened {w.day(c.opened_at)} ({c.age_days} d)"
        for c in brief.complaints
    ] or ["None open."]
    out.append("")

    out += ["### Follow-ups due", ""]
    out += [
        f"- {escape(f.text)} — {w.late(f.days_late)}"
        + (f" ({escape(f.source)})" if f.source else "")
        for f in brief.followups
    ] or ["Nothing due this week."]
    out.append("")

    out += ["### Facts — do not ask again", ""]
    out += [
        f"- {escape(f.kind_label)}: {escape(f.text)}"
        + (f" ({escape(f.person)})" if f.person else "")
        for f in brief.facts
    ] or ["None recorded."]
    out.append("")

    out += ["### Goals", ""]
    out += [
        f"- **{escape(g.title)}** — {escape(g.status_label)}: {escape(g.current)} "
        f"(baseline {escape(g.baseline)}, target {escape(g.target)}"
        + (f", due {w.day(g.due_date)}" if g.due_date else "")
        + f"); {escape(g.reason)}"
        for g in brief.goals
    ] or ["No active goals."]
    out.append("")

    out += ["### Last conversations", ""]
    for c in brief.conversations:
        line = f"- {w.when(c.when)} · {escape(c.level_label)} · {escape(c.channel_label)}: "
        line += f"**{escape(c.summary)}**"
        if c.people:
            line += f" ({escape(', '.join(c.people))})"
        out.append(line)
        for s in c.next_steps:
            mark = "done" if s.done else (f"due {w.day(s.due_date)}" if s.due_date else "open")
            out.append(f"  - next step: {escape(s.text)} ({mark})")
    if not brief.conversations:
        out.append("No conversations logged.")
    out.append("")

    r = brief.revenue
    out += ["### Revenue", ""]
    out.append(
        f"- Last 12 months: **{escape(w.eur(r.last_12m))}** ({escape(w.change(r.change))} vs "
        f"the 12 before: {escape(w.eur(r.previous_12m))})"
    )
    if r.monthly:
        spark = w.sparkline([m.amount for m in r.monthly])
        out.append(f"- By month since {escape(r.monthly[0].month)}: {escape(spark)}")
    out.append(f"- Wallet share: {escape(w.share(r.wallet_share))}")
    out.append("")

    out += ["### Not bought yet", ""]
    out += [
        f"- {escape(c.category)}"
        + (f" (client spends about {escape(w.eur(c.wallet))} a year)" if c.wallet else "")
        for c in brief.not_bought
    ] or ["Every category of the catalogue."]
    out.append("")
    return "\n".join(out)


def _due_line(d: DueItem, with_source: bool = True) -> str:
    line = f"- `{d.ref}` **{escape(d.account)}**: {escape(d.text)} — {w.late(d.days_late)}"
    if with_source and d.source:
        line += f" ({'goal: ' if d.kind == 'goal_action' else ''}{escape(d.source)})"
    return line


def portfolio_markdown(brief: PortfolioBrief) -> str:
    """The morning review: at risk, revitalisation queue, contacts due,
    follow-ups due this week."""
    out: list[str] = [
        "# Portfolio brief",
        "",
        f"As of {w.day(brief.today)} · {brief.accounts} accounts · {len(brief.at_risk)} at risk"
        f" · {len(brief.revitalise)} to revitalise · {len(brief.contact_due)} contacts due"
        f" · {len(brief.followups)} follow-ups due",
        "",
        "## At risk",
        "",
    ]
    out += [
        f"- **{escape(a.account)}** {w.score(a.score)} — {escape(a.band_label)}"
        + (f"; weakest: {escape(a.weakest)}" if a.weakest else "")
        + f"; revenue 12m {escape(w.eur(a.revenue_12m))}"
        for a in brief.at_risk
    ] or ["No account at risk."]
    out += ["", "## Revitalisation queue", ""]
    for r in brief.revitalise:
        out.append(
            f"- **{escape(r.account)}** {w.score(r.score)} — {escape(r.band_label)}"
            + (f"; suggested: {escape(' · '.join(r.suggestions))}" if r.suggestions else "")
        )
        out += [f"  - {escape(reason)}" for reason in r.reasons]
    if not brief.revitalise:
        out.append("Nothing to revitalise.")
    out += ["", "## Contact due", ""]
    out += [_due_line(d, with_source=False) for d in brief.contact_due] or ["Everyone is in touch."]
    out += ["", "## Follow-ups due this week", ""]
    out += [_due_line(d) for d in brief.followups] or ["Nothing due this week."]
    out.append("")
    return "\n".join(out)
