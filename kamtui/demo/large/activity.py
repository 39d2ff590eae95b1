"""What happens between the companies: interactions (with their participants,
next steps and the complaints some of them open) and the facts we learned."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from kamtui.demo.large.catalogue import CHANNELS_CUM, KINDS_CUM
from kamtui.demo.large.columns import INTERACTION_COLUMNS, PARTICIPANT_COLUMNS, STEP_COLUMNS
from kamtui.demo.large.size import HISTORY_DAYS
from kamtui.demo.large.story import Acc, allocate, trend_x, weekday
from kamtui.demo.large.texts import (
    COMPLAINT_ORDER,
    COMPLAINT_TITLES,
    FACT_DETAILS,
    FACTS,
    NEXT_STEPS,
    NOTES,
    RESOLUTIONS,
    SUMMARIES,
    Text,
)
from kamtui.storage import bulk

if TYPE_CHECKING:
    from kamtui.demo.large.generator import Generator


def interactions(
    gen: Generator, complaints: list[tuple[Any, ...]]
) -> Iterator[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]:
    """Batches of (table, columns, rows) for interactions, their participants and
    next steps, in date order; the complaints they open are appended to
    `complaints`, written after them."""
    r = gen.rng("interactions")
    txt = Text(r, gen.today)
    counts = allocate(gen.size.interactions, [a.weight for a in gen.accs], minimum=1)
    n_acc = len(gen.accs)
    start = gen.start.toordinal()
    today = gen.today.toordinal()
    keys: list[int] = []
    for idx, (acc, n) in enumerate(zip(gen.accs, counts, strict=True)):
        end = today - acc.quiet_days
        if end - start < 30:
            end = start + 30
        span = end - start
        # Normal accounts talk strategy about every couple of months.
        acc.deep_share = max(acc.deep_share, min(0.9, 2.2 / max(n * 90 / span, 1e-9)))
        taken: set[int] = set()
        for _ in range(n):
            x = trend_x(r.random(), acc.contact_trend)
            d = min(end, weekday(start + int(x * span)))
            t = d * 1440 + r.randrange(8 * 4, 19 * 4) * 15
            if t in taken:
                t = _free_moment(r, taken, d)
            taken.add(t)
            keys.append(t * n_acc + idx)
    keys.sort()
    step_id = 0
    batch: list[tuple[Any, ...]] = []
    parts: list[tuple[int, int]] = []
    steps: list[tuple[Any, ...]] = []
    today_iso = gen.today.isoformat()
    complained: set[tuple[int, str, str]] = set()  # (account, day, title)
    for iid, key in enumerate(keys, 1):
        t, idx = divmod(key, n_acc)
        d, minute = divmod(t, 1440)
        acc = gen.accs[idx]
        day = date.fromordinal(d)
        when = f"{day.isoformat()}T{minute // 60:02d}:{minute % 60:02d}"
        x = (d - start) / HISTORY_DAYS
        deep_p = acc.deep_share if x < acc.op_only_after else 0.01
        if r.random() < deep_p:
            level = "strategic" if r.random() < 0.6 else "satisfaction"
        else:
            level = "operational"
        complaint = level == "operational" and r.random() < acc.complaint_rate
        if complaint:
            kind = "complaint"
            channel = r.choice(("phone", "email", "phone", "in_person"))
        else:
            ck, cc = CHANNELS_CUM[level]
            channel = r.choices(ck, cum_weights=cc)[0]
            kk, kc = KINDS_CUM[level]
            kind = r.choices(kk, cum_weights=kc)[0]
        lang = acc.lang
        summary = txt.fill(r.choice(SUMMARIES[(lang, level)]), acc)
        pool = NOTES[lang]
        notes = "\n".join(txt.fill(r.choice(pool), acc) for _ in range(r.choice((1, 1, 2, 2, 3))))
        mood = None
        if level != "operational" or r.random() < 0.35:
            m = acc.mood_mean + acc.mood_drift * (x - 0.5) - (0.8 if complaint else 0.0)
            mood = max(1, min(5, round(r.gauss(m, 0.7))))
        batch.append((iid, acc.id, when, channel, level, kind, summary, notes, mood, when, None))
        # participants: a linked pair (the busiest first), sometimes more people
        our, their = acc.links[r.choices(range(len(acc.links)), cum_weights=acc.link_cum)[0]]
        people = {our, their}
        if r.random() < 0.3 and len(acc.theirs) > 1:
            people.add(r.choice(acc.theirs))
        if level != "operational" and r.random() < 0.4 and len(acc.ours) > 1:
            people.add(r.choice(acc.ours))
        parts.extend((iid, p) for p in sorted(people))
        if r.random() < 0.15:
            step_id += 1
            due = day + timedelta(days=r.randint(3, 30))
            done = (
                f"{min(due + timedelta(days=r.randint(-2, 5)), gen.today).isoformat()}T17:00:00"
                if due.isoformat() < today_iso and r.random() < 0.9
                else None
            )
            steps.append(
                (
                    step_id,
                    acc.id,
                    iid,
                    txt.fill(r.choice(NEXT_STEPS[lang]), acc),
                    due.isoformat(),
                    done,
                    when,
                )
            )
        if complaint:
            complaints.append(
                _complaint(gen, r, txt, acc, iid, day, len(complaints) + 1, complained)
            )
        if len(batch) >= bulk.BATCH:
            yield "interactions", INTERACTION_COLUMNS, batch
            yield "interaction_participants", PARTICIPANT_COLUMNS, parts
            yield "next_steps", STEP_COLUMNS, steps
            batch, parts, steps = [], [], []
    yield "interactions", INTERACTION_COLUMNS, batch
    yield "interaction_participants", PARTICIPANT_COLUMNS, parts
    yield "next_steps", STEP_COLUMNS, steps


def _free_moment(r: random.Random, taken: set[int], d: int) -> int:
    """Another quarter hour of day `d` for one account's interaction: one
    account's interactions never share a moment, so each is found again by
    its account and moment (what the importers and the next steps' and
    complaints' references name it by). Drawn again a few times, then the
    nearest free quarter hour earlier (never in the future)."""
    for _ in range(8):
        t = d * 1440 + r.randrange(8 * 4, 19 * 4) * 15
        if t not in taken:
            return t
    while t in taken:
        t -= 15
    return t


def _complaint(
    gen: Generator,
    r: random.Random,
    txt: Text,
    acc: Acc,
    iid: int,
    day: date,
    cid: int,
    taken: set[tuple[int, str, str]],
) -> tuple[Any, ...]:
    age = (gen.today - day).days
    if age < 45:
        status = r.choices(("open", "in_progress", "resolved"), (5, 3, 2))[0]
    else:
        status = "resolved" if r.random() < 0.97 else r.choice(("open", "in_progress"))
    in_progress = resolved = resolution = None
    if status != "open":
        in_progress = min(day + timedelta(days=r.randint(0, 3)), gen.today).isoformat()
    if status == "resolved":
        resolved = min(day + timedelta(days=1 + int(r.expovariate(1 / 8))), gen.today).isoformat()
        resolution = r.choice(RESOLUTIONS[acc.lang])
    severity = r.choices(("low", "medium", "high", "critical"), (4, 5, 2, 0.4))[0]
    opened = day.isoformat()
    title = _complaint_title(r, txt, acc, opened, taken)
    return (
        cid,
        acc.id,
        iid,
        title,
        None,
        severity,
        status,
        opened,
        in_progress,
        resolved,
        resolution,
        gen.stamp,
        None,
    )


def _complaint_title(
    r: random.Random, txt: Text, acc: Acc, opened: str, taken: set[tuple[int, str, str]]
) -> str:
    """A title no other complaint of the account opened that day has (the
    importers know a complaint by its account, day and title): drawn again,
    then the order it is about added, "Factura con precio erróneo (pedido
    PV-48213)"."""
    titles = COMPLAINT_TITLES[acc.lang]
    title = txt.fill(r.choice(titles), acc)
    tries = 0
    while (acc.id, opened, title) in taken:
        tries += 1
        title = txt.fill(r.choice(titles), acc)
        if tries > 3:
            title += txt.fill(COMPLAINT_ORDER[acc.lang], acc)
    taken.add((acc.id, opened, title))
    return title


def facts(gen: Generator) -> Iterator[tuple[Any, ...]]:
    """Fact rows; no two of an account say the same words (the importers know
    a fact by its account and text): a repeat is drawn again, and after a few
    tries told apart by a detail (who said it, since when)."""
    r = gen.rng("facts")
    txt = Text(r, gen.today)
    counts = allocate(gen.size.accounts * 5, [a.weight for a in gen.accs])
    fid = 0
    for acc, n in zip(gen.accs, counts, strict=True):
        pool = FACTS[acc.lang]
        details = FACT_DETAILS[acc.lang]
        used: set[str] = set()
        for _ in range(n):
            fid += 1
            kind, template = r.choice(pool)
            text = txt.fill(template, acc)
            tries = 0
            # Ends: an account has at most ~5x the mean of 5 facts at any size,
            # far fewer than the texts and details can make.
            while text in used:
                tries += 1
                if tries < 4:
                    kind, template = r.choice(pool)
                    text = txt.fill(template, acc)
                else:
                    text = txt.fill(template, acc) + txt.detail(r.choice(details), acc)
            used.add(text)
            person = r.choice(acc.theirs) if acc.theirs and r.random() < 0.3 else None
            yield (fid, acc.id, person, None, kind, text, gen.stamp, None)
