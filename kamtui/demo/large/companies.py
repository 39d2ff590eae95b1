"""The companies: accounts (with the story each one will tell), their people on
both sides, and the links between ours and theirs that shape the contact map."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from kamtui.demo.large.catalogue import (
    CATEGORIES,
    CATEGORY_NAMES,
    INDUSTRIES_CUM,
    OUR_FUNCTIONS,
    ROLES_CUM,
    STANCES_CUM,
    THEIR_FUNCTIONS_CUM,
    TIER_CADENCE,
    TIER_WEIGHT,
    TITLES,
)
from kamtui.demo.large.names import (
    EN_CITIES,
    EN_ESTATES,
    EN_FIRST,
    EN_FORMS,
    EN_LAST,
    EN_PLACE_WORDS,
    ES_CITIES,
    ES_ESTATES,
    ES_FIRST,
    ES_FORMS,
    ES_LAST,
    ES_PLACE_WORDS,
    ES_PREFIXES,
    ES_STREETS,
    INDUSTRIES,
)
from kamtui.demo.large.story import Acc, allocate, cumsum, email_for
from kamtui.textsafe import fold

if TYPE_CHECKING:
    from kamtui.demo.large.generator import Generator


def accounts(gen: Generator) -> Iterator[tuple[Any, ...]]:
    """Account rows; also appends each account's story (`Acc`) to `gen.accs`."""
    r = gen.rng("accounts")
    n = gen.size.accounts
    n_kams = max(4, n // 70)
    kams = []
    for i in range(n_kams):
        es = i % 10 not in (2, 5, 8)
        first = r.choice(ES_FIRST if es else EN_FIRST)
        last = r.choice(ES_LAST if es else EN_LAST)
        kams.append((("es" if es else "en"), f"{first} {last}"))
    es_kams = [k for lang, k in kams if lang == "es"]
    en_kams = [k for lang, k in kams if lang == "en"]
    seen: set[str] = set()
    industries, cum = INDUSTRIES_CUM
    for i in range(1, n + 1):
        es = r.random() < 0.7
        lang = "es" if es else "en"
        industry = r.choices(industries, cum_weights=cum)[0]
        spec = INDUSTRIES[industry]
        words = spec[1] if es else spec[2]
        for attempt in range(50):
            name = company_name(r, es, words)
            if attempt > 5:
                name = f"{name} {r.choice(ES_CITIES if es else EN_CITIES)[0]}"
            key = fold(name)
            if key not in seen:
                break
        seen.add(key)
        u = r.random()
        tier = "A" if u < 0.1 else ("B" if u < 0.4 else "C")
        lo, hi = TIER_CADENCE[tier]
        weight = TIER_WEIGHT[tier] * math.exp(r.gauss(0, 0.45))
        if es:
            city, cp, province = r.choice(ES_CITIES)
            address = (
                f"{r.choice(ES_ESTATES)}, {r.choice(ES_STREETS)} {r.randint(1, 120)}, "
                f"{cp}{r.randint(1, 999):03d} {city} ({province})"
            )
            phone = f"+34 9{r.randint(10, 88)} {r.randint(100, 999)} {r.randint(100, 999)}"
            number = f"ES-{i:05d}"
            tax = f"{r.choice('AB')}{r.randint(10_000_000, 99_999_999)}"
            tld = ".es"
            owner = r.choice(es_kams)
        else:
            city, pc = r.choice(EN_CITIES)
            address = (
                f"Unit {r.randint(1, 40)}, {r.choice(EN_ESTATES)}, {city} "
                f"{pc}{r.randint(1, 28)} {r.randint(1, 9)}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                f"{r.choice('ABDEFGHJLNPQRSTUWXYZ')}, United Kingdom"
            )
            phone = f"+44 {r.randint(113, 191)} {r.randint(100, 999)} {r.randint(1000, 9999)}"
            number = f"UK-{i:05d}"
            tax = f"GB{r.randint(100_000_000, 999_999_999)}"
            tld = ".co.uk"
            owner = r.choice(en_kams)
        slug = "".join(c for c in key.split(" s.")[0].split(" ltd")[0] if c.isalnum())[:24]
        domain = slug + tld
        email = f"{'compras' if es else 'procurement'}@{domain}"
        n_cats = max(1, min(len(CATEGORIES), round(r.triangular(1, 9, 3 + (tier == "A") * 3))))
        cats = r.choices(
            CATEGORY_NAMES, weights=[CATEGORIES[c][0] for c in CATEGORY_NAMES], k=n_cats * 2
        )
        categories = list(dict.fromkeys(cats))[:n_cats]
        cat_w = [CATEGORIES[c][0] * r.uniform(0.3, 1.7) for c in categories]
        acc = Acc(
            id=i,
            lang=lang,
            tier=tier,
            weight=weight,
            owner=owner,
            domain=domain,
            city=city,
            industry=industry,
            trend=max(-0.9, min(0.9, r.gauss(0.05, 0.35))),
            contact_trend=max(-0.9, min(0.9, r.gauss(0.0, 0.3))),
            quiet_days=(
                r.randint(60, 400)
                if r.random() < 0.12
                else int(r.expovariate(1 / max(1.0, (lo + hi) / 4)))
            ),
            lapsed_orders=r.randint(45, 300) if r.random() < 0.08 else 0,
            op_only_after=r.uniform(0.3, 0.85) if r.random() < 0.15 else 2.0,
            deep_share=r.uniform(0.12, 0.5),
            mood_mean=r.uniform(2.6, 4.6),
            mood_drift=r.gauss(0, 0.8),
            complaint_rate=r.uniform(0.01, 0.09),
            size={"A": 3.0, "B": 1.4, "C": 0.7}[tier] * math.exp(r.gauss(0, 0.3)),
            categories=categories,
        )
        acc.cat_cum = list(cumsum(cat_w))
        gen.accs.append(acc)
        status = "active" if r.random() > 0.03 else "dormant"
        deleted = f"{gen.today.isoformat()}T07:00:00" if r.random() < 0.002 else None
        yield (
            i,
            name,
            key,
            number,
            tax,
            domain,
            industry,
            tier,
            owner,
            phone,
            email,
            address,
            r.choice((lo, hi)),
            status,
            None,
            gen.stamp,
            gen.stamp,
            deleted,
        )


def company_name(r: random.Random, es: bool, words: tuple[str, ...]) -> str:
    style = r.random()
    word = r.choice(words)
    if es:
        last = r.choice(ES_LAST)
        if style < 0.4:
            return f"{word} {last} {r.choice(ES_FORMS)}"
        if style < 0.6:
            pre = r.choice(ES_PREFIXES)
            return f"{pre + ' ' if pre else ''}{last} {r.choice(ES_LAST)} {r.choice(ES_FORMS)}"
        if style < 0.8:
            return f"{word} {r.choice(ES_PLACE_WORDS)} {r.choice(ES_FORMS)}"
        return f"{last} y {r.choice(ES_LAST)} {word} {r.choice(ES_FORMS)}"
    last = r.choice(EN_LAST)
    if style < 0.45:
        return f"{last} {word} {r.choice(EN_FORMS)}"
    if style < 0.75:
        return f"{r.choice(EN_PLACE_WORDS)} {word} {r.choice(EN_FORMS)}"
    return f"{last} & {r.choice(EN_LAST)} {r.choice(EN_FORMS)}"


def people(gen: Generator) -> Iterator[tuple[Any, ...]]:
    """People rows, ours first (the account's KAM leads); fills `acc.ours`,
    `acc.theirs` and `acc.names`. No two people of an account share a folded
    name ("Nuria Vidal" and "Núria Vidal"): the importers take them for one
    person, and a name in an interaction's participants could not tell them
    apart."""
    r = gen.rng("people")
    counts = allocate(gen.size.people, [a.weight for a in gen.accs], minimum=3)
    pid = 0
    fkeys, fcum = THEIR_FUNCTIONS_CUM
    rkeys, rcum = ROLES_CUM
    skeys, scum = STANCES_CUM
    verified_base = gen.today.toordinal()
    for acc, n in zip(gen.accs, counts, strict=True):
        es = acc.lang == "es"
        n_ours = max(1, min(6, round(n * r.uniform(0.08, 0.25))))
        used: set[str] = set()
        for k in range(n):
            ours = k < n_ours
            if ours and k == 0:
                name, function, title = acc.owner, "sales", "Key Account Manager"
                key = fold(name)
            else:
                while True:
                    name = (
                        f"{r.choice(ES_FIRST)} {r.choice(ES_LAST)}"
                        if es
                        else f"{r.choice(EN_FIRST)} {r.choice(EN_LAST)}"
                    )
                    key = fold(name)
                    if key not in used:
                        break
                if ours:
                    function = r.choice(OUR_FUNCTIONS)
                    title = r.choice(TITLES["ours_" + function][0 if es else 1])
                else:
                    function = r.choices(fkeys, cum_weights=fcum)[0]
                    title = r.choice(TITLES[function][0 if es else 1])
            used.add(key)
            pid += 1
            (acc.ours if ours else acc.theirs).append(pid)
            acc.names[pid] = name
            if ours:
                role = stance = None
                email = email_for(name, "rodamex.es" if es else "rodamex.co.uk")
            else:
                role = "decision_maker" if k == n_ours else r.choices(rkeys, cum_weights=rcum)[0]
                stance = r.choices(skeys, cum_weights=scum)[0]
                email = email_for(name, acc.domain)
            phone = (
                f"+34 6{r.randint(10, 99)} {r.randint(100, 999)} {r.randint(100, 999)}"
                if es
                else f"+44 7{r.randint(100, 999)} {r.randint(100000, 999999)}"
            )
            verified = (
                date.fromordinal(verified_base - r.randint(0, 700)).isoformat()
                if r.random() < 0.7
                else None
            )
            privacy = (
                ("No llamar después de las 19:00" if es else "No calls after 7pm")
                if r.random() < 0.02
                else None
            )
            yield (
                pid,
                acc.id,
                "ours" if ours else "theirs",
                name,
                key,
                title,
                function,
                role,
                stance,
                email,
                phone,
                privacy,
                verified,
                1 if r.random() < 0.01 else 0,
                gen.stamp,
                gen.stamp,
                None,
            )


def links(gen: Generator) -> Iterator[tuple[Any, ...]]:
    """Link rows; `acc.links` keeps the pairs (busiest first) interactions draw from."""
    r = gen.rng("links")
    lid = 0
    for acc in gen.accs:
        u = r.random()
        kam = acc.ours[0]
        pairs: list[tuple[int, int]] = []
        if u < 0.2 or len(acc.theirs) < 3:  # bow-tie: one of ours, one of theirs
            pairs.append((kam, acc.theirs[0]))
        else:
            diamond = u > 0.62
            n_links = min(
                len(acc.ours) * len(acc.theirs),
                r.randint(5, 12) if diamond else r.randint(2, 4),
            )
            pairs.append((kam, acc.theirs[0]))
            theirs = acc.theirs[1:]
            tries = 0
            while len(pairs) < n_links and tries < 100:
                tries += 1
                our = kam if (not diamond or r.random() < 0.4) else r.choice(acc.ours)
                pair = (our, r.choice(theirs))
                if pair not in pairs:
                    pairs.append(pair)
        acc.links = pairs
        acc.link_cum = list(cumsum([1.0 / (k + 1) ** 0.8 for k in range(len(pairs))]))
        for our, their in pairs:
            lid += 1
            yield (lid, acc.id, our, their, r.choice((2, 3, 3, 4, 4, 5)), gen.stamp, None)
