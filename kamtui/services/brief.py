"""The account brief (issue 17, "before the meeting"): who is who, how the
relationship is doing and what to bring up, computed from the same services
the app shows (health, people, interactions, complaints, follow-ups, facts,
goals, finance) into one `kamtui.domain.brief.Brief`. Exporting it to
Markdown, HTML or JSON is `kamtui.exporters`' job.

Reading only: the health it shows is computed without saving a snapshot, so
a brief works on a database the user may only read."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import date
from pathlib import Path

from kamtui import vocab
from kamtui.config import Config
from kamtui.domain import brief as b
from kamtui.domain import finance as fin
from kamtui.domain import goals as dg
from kamtui.domain import portfolio_brief as pb
from kamtui.domain.display import band_word, shape_glyph
from kamtui.domain.health import Health
from kamtui.services import accounts, complaints, facts, finance, goals, health, people
from kamtui.services import followups as followup_service
from kamtui.services.errors import ServiceError
from kamtui.services.interactions import timeline
from kamtui.storage import accounts as account_sql
from kamtui.storage import people as people_sql
from kamtui.storage.db import Store
from kamtui.textsafe import clean, fold

CONVERSATIONS = 5
TREND_WEEKS = 13
WEAKEST = 3
DUE_BUCKETS = ("overdue", "today", "week")
KEY_ROLES = ("decision_maker", "sponsor")


def account_brief(
    store: Store, account_id: int, *, today: date, config: Config | None = None
) -> b.Brief:
    """Everything to read before meeting the account, as of `today`."""
    config = config or Config()
    account = accounts.get(store, account_id)
    identity = b.Identity(
        account_id=account.id,
        name=account.name,
        account_number=account.account_number,
        tax_id=account.tax_id,
        domain=account.domain,
        industry=account.industry,
        tier=account.tier,
        owner=account.owner,
        phone=account.phone,
        email=account.email,
        address=account.address,
        cadence_days=account.cadence_days,
        status=account.status,
        identifiers=tuple(
            b.Identifier(unit, number)
            for unit, number in account_sql.identifiers(store, account_id)
        ),
    )
    current = health.account_health(store, account_id, today=today, config=config, save=False)
    ours, theirs, shape = _who_is_who(store, account_id, today, config)
    return b.Brief(
        today=today.isoformat(),
        identity=identity,
        health=_health(store, current, today),
        ours=ours,
        theirs=theirs,
        map=shape,
        complaints=_complaints(store, account_id, today),
        followups=_followups(store, account_id, today),
        facts=_facts(store, account_id),
        goals=_goals(store, account_id, today, config),
        conversations=_conversations(store, account_id),
        revenue=_revenue(store, account_id, today),
        not_bought=_not_bought(store, account_id, today),
    )


# -- health ----------------------------------------------------------------------


def _health(store: Store, current: Health, today: date) -> b.BriefHealth:
    past = [
        b.TrendPoint(s.date[:10], s.score)
        for s in health.history(store, current.account_id)
        if s.date[:10] < today.isoformat()
    ]
    trend = list(b.weekly([*past, b.TrendPoint(today.isoformat(), current.score)], today))
    scored = [p.score for p in trend if p.score is not None]
    change = (
        round(current.score - scored[0], 1)
        if current.score is not None and len(scored) > 1
        else None
    )
    weakest = sorted(
        (c for c in current.components if c.score is not None and c.weight > 0),
        key=lambda c: (c.score, c.key),
    )[:WEAKEST]
    gap = current.perception_gap
    return b.BriefHealth(
        score=current.score,
        band=current.band,
        band_label=band_word(current.band, "no data"),
        trend=tuple(trend),
        change=change,
        weakest=tuple(b.WeakComponent(c.key, c.label, c.score or 0.0, c.reason) for c in weakest),
        perception_gap=gap.reason if gap is not None and gap.flagged else None,
        revitalisation=tuple(current.reasons),
    )


# -- who is who --------------------------------------------------------------------


def _who_is_who(
    store: Store, account_id: int, today: date, config: Config
) -> tuple[tuple[b.BriefPerson, ...], tuple[b.BriefPerson, ...], b.BriefMap | None]:
    the_map = people.account_map(store, account_id, today=today, config=config)
    last = people_sql.last_contacts(store, account_id, today.isoformat())
    spof = set(the_map.analysis.single_points_of_failure)
    strength: dict[int, int] = {}
    count: dict[int, int] = {}
    for link in the_map.links:
        for pid in (link.our_id, link.their_id):
            strength[pid] = max(strength.get(pid, 0), link.strength)
            count[pid] = count.get(pid, 0) + 1
    out: list[b.BriefPerson] = []
    for p in the_map.people:
        seen = last.get(p.id)
        out.append(
            b.BriefPerson(
                id=p.id,
                name=p.name,
                side=p.side,
                title=p.title,
                function=p.function,
                function_label=vocab.FUNCTION.label(p.function),
                decision_role=p.decision_role,
                decision_role_label=vocab.DECISION_ROLE.label(p.decision_role),
                stance=p.stance,
                stance_label=vocab.STANCE.label(p.stance),
                last_contact=seen[:10] if seen else None,
                days_since_contact=(today - date.fromisoformat(seen[:10])).days if seen else None,
                link_strength=strength.get(p.id),
                links=count.get(p.id, 0),
                single_point_of_failure=p.id in spof,
                leaving=p.leaving,
            )
        )
    shape = None
    if the_map.people:
        a = the_map.analysis
        shape = b.BriefMap(a.shape, shape_glyph(a.shape, "?"), tuple(a.reasons))
    return (
        tuple(p for p in out if p.side == "ours"),
        tuple(p for p in out if p.side == "theirs"),
        shape,
    )


# -- before you go -------------------------------------------------------------------


def _complaints(store: Store, account_id: int, today: date) -> tuple[b.BriefComplaint, ...]:
    severity = {"critical": 0, "high": 1, "medium": 2, "low": 3}
    found = [c for c in complaints.of_account(store, account_id) if c.status != "resolved"]
    found.sort(key=lambda c: (severity.get(c.severity, 9), c.opened_at, c.id))
    return tuple(
        b.BriefComplaint(c.id, c.title, c.severity, c.status, c.opened_at, c.age_days(today))
        for c in found
    )


def _followups(store: Store, account_id: int, today: date) -> tuple[b.BriefFollowUp, ...]:
    result = followup_service.followups(store, today=today)
    out = []
    for bucket in DUE_BUCKETS:
        for item in result.bucket(bucket):
            if item.account_id == account_id:
                out.append(
                    b.BriefFollowUp(
                        kind=item.kind,
                        id=item.id,
                        text=item.text,
                        due_date=item.due_date,
                        days_late=item.days_late(today),
                        bucket=bucket,
                        source=item.source,
                    )
                )
    return tuple(out)


def _facts(store: Store, account_id: int) -> tuple[b.BriefFact, ...]:
    return tuple(
        b.BriefFact(f["kind"], vocab.FACT_KIND.label(f["kind"]), f["text"], f.get("person"))
        for f in facts.of_account(store, account_id)
    )


def _goals(store: Store, account_id: int, today: date, config: Config) -> tuple[b.BriefGoal, ...]:
    out = []
    for g in goals.account_goals(store, account_id, today, config=config, include_closed=False):
        out.append(
            b.BriefGoal(
                id=g.id,
                title=g.title,
                type=g.type,
                type_label=vocab.GOAL_TYPE.label(g.type),
                category=g.category,
                baseline=dg.format_value(g.type, g.baseline, g.category),
                target=dg.format_value(g.type, g.target, g.category),
                current=dg.format_value(g.type, g.current, g.category),
                unit=dg.unit(g.type, g.category),
                progress=g.evaluation.progress,
                status=g.status,
                status_label=dg.STATUS_LABELS.get(g.status, g.status),
                reason=g.evaluation.reason,
                due_date=g.due_date,
            )
        )
    return tuple(out)


def _conversations(store: Store, account_id: int) -> tuple[b.Conversation, ...]:
    items = [i for i in timeline(store, account_id).items if i.type == "interaction"]
    return tuple(
        b.Conversation(
            id=i.id,
            when=i.when,
            channel=i.channel,
            channel_label=vocab.CHANNEL.label(i.channel),
            level=i.level,
            level_label=vocab.LEVEL.label(i.level),
            kind=i.kind,
            summary=i.title,
            people=tuple(p.name for p in i.people),
            mood=i.mood,
            next_steps=tuple(
                b.NextStepLine(s.text, s.due_date, s.done_at is not None) for s in i.next_steps
            ),
        )
        for i in items[:CONVERSATIONS]
    )


def _revenue(store: Store, account_id: int, today: date) -> b.BriefRevenue:
    f = finance.account_finance(store, account_id, today)
    return b.BriefRevenue(
        last_12m=f.summary.trailing_12m,
        previous_12m=f.summary.previous_12m,
        change=f.summary.trailing_change,
        reason=f.summary.reason,
        monthly=tuple(b.MonthRevenue(m, amount) for m, amount in f.monthly[-12:]),
        wallet_share=f.wallet.share,
        wallet_note="; ".join(f.wallet.notes),
    )


def _not_bought(store: Store, account_id: int, today: date) -> tuple[b.OpenCategory, ...]:
    """The portfolio's categories this client never bought from us (the
    whitespace view's open and empty cells), the biggest estimated spend first."""
    grid = finance.whitespace(store, today)
    row = next((r for r in grid.rows if r.account_id == account_id), None)
    if row is None:
        return ()
    found = [
        b.OpenCategory(category, cell.wallet)
        for category, cell in row.cells.items()
        if cell.state in (fin.OPEN, fin.NONE)
    ]
    found.sort(key=lambda c: -(c.wallet or 0.0))
    return tuple(found)


# -- the portfolio brief -------------------------------------------------------------


def _due_item(item: followup_service.FollowUp, bucket: str, today: date) -> pb.DueItem:
    return pb.DueItem(
        kind=item.kind,
        ref=item.ref,
        account_id=item.account_id,
        account=item.account,
        text=item.text,
        due_date=item.due_date,
        days_late=item.days_late(today),
        bucket=bucket,
        source=item.source,
    )


def portfolio_brief(
    store: Store, *, today: date, config: Config | None = None
) -> pb.PortfolioBrief:
    """The morning review as of `today`: accounts at risk (lowest score
    first), the revitalisation queue (most urgent first) with its reasons,
    contacts due (most overdue first) and the next steps and goal actions due
    this week. Health is computed without saving a snapshot (reading only)."""
    config = config or Config()
    found = health.portfolio_health(store, today=today, config=config, save=False)
    at_risk = []
    for h in sorted(
        (h for h in found if h.band == "at_risk"),
        key=lambda h: (h.score if h.score is not None else 101.0, -h.revenue_12m),
    ):
        scored = [c for c in h.components if c.score is not None and c.weight > 0]
        weakest = min(scored, key=lambda c: (c.score or 0.0, c.key), default=None)
        at_risk.append(
            pb.AtRisk(
                account_id=h.account_id,
                account=h.account,
                score=h.score,
                band_label=band_word(h.band, "no data"),
                weakest=f"{weakest.label}: {weakest.reason}" if weakest else "",
                revenue_12m=h.revenue_12m,
            )
        )
    revitalise = [
        pb.Revitalise(
            account_id=h.account_id,
            account=h.account,
            score=h.score,
            band_label=band_word(h.band, "no data"),
            reasons=tuple(h.reasons),
            suggestions=tuple(dict.fromkeys(r.suggestion_label for r in h.revitalisation)),
            revenue_12m=h.revenue_12m,
        )
        for h in sorted((h for h in found if h.needs_revitalisation), key=lambda h: h.urgency)
    ]
    due = followup_service.followups(store, today=today)
    contact = [
        _due_item(item, bucket, today)
        for bucket in DUE_BUCKETS
        for item in due.bucket(bucket)
        if item.kind == followup_service.CONTACT_DUE
    ]
    contact.sort(key=lambda d: (-(d.days_late or 0), d.account.casefold(), d.ref))
    return pb.PortfolioBrief(
        today=today.isoformat(),
        accounts=len(found),
        at_risk=tuple(at_risk),
        revitalise=tuple(revitalise),
        contact_due=tuple(contact),
        followups=tuple(
            _due_item(item, bucket, today)
            for bucket in DUE_BUCKETS
            for item in due.bucket(bucket)
            if item.kind != followup_service.CONTACT_DUE
        ),
    )


def portfolio_file_name(brief: pb.PortfolioBrief, extension: str) -> str:
    """ "brief-portfolio-2026-11-15.md"."""
    return f"brief-portfolio-{brief.today}{extension}"


# -- writing it to a file ---------------------------------------------------------------


def file_name(brief: b.Brief, extension: str) -> str:
    """ "brief-northwind-logistics-ltd-2026-11-15.md": the account's name
    folded to letters, digits and dashes (never a path, whatever it holds)."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(clean(brief.identity.name, one_line=True)))
    slug = slug.strip("-")[:60].strip("-") or f"account-{brief.identity.account_id}"
    return f"brief-{slug}-{brief.today}{extension}"


def export_dir() -> Path:
    """Where the app writes a brief: $KAMTUI_EXPORT_DIR, else the directory
    kamtui was started from."""
    env = os.environ.get("KAMTUI_EXPORT_DIR", "").strip()
    return Path(env).expanduser() if env else Path.cwd()


def write_document(path: Path, text: str) -> Path:
    """Write `text` to `path` whole or not at all (a temporary file in the
    same directory, renamed over it); the absolute path written. A directory
    or a missing parent raises ServiceError with a readable message."""
    path = path.expanduser().resolve()
    if path.is_dir():
        raise ServiceError(f"{path} is a directory")
    if not path.parent.is_dir():
        raise ServiceError(f"no directory {path.parent}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".kamtui-brief-", dir=path.parent)
    except OSError as exc:
        raise ServiceError(f"cannot write in {path.parent}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ServiceError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path
