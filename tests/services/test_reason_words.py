"""Issue 14: no raw vocabulary key in any reason the demo's health and maps give."""

from __future__ import annotations

import re

from kamtui.services import goals, health, people
from kamtui.storage.db import Store
from kamtui.vocab import CHANNEL, DECISION_ROLE, FUNCTION, GOAL_TYPE, LEVEL
from tests.conftest import DEMO_TODAY

RAW = re.compile(
    r"\b("
    + "|".join(
        k for v in (FUNCTION, CHANNEL, LEVEL, DECISION_ROLE, GOAL_TYPE) for k in v.keys if "_" in k
    )
    + r")\b"
)


def test_no_raw_keys_in_the_demo_s_reasons(demo_store: Store) -> None:
    from kamtui.services import accounts
    from kamtui.services.interactions.log import log_interaction

    # Ibáñez's technical people meet: a developing map naming its functions
    acc = accounts.resolve(demo_store, "ibanez").id
    marta = people.find_person(demo_store, acc, "Marta Soler").id
    sofia = people.find_person(demo_store, acc, "Sofía Arregui").id
    people.link_people(demo_store, marta, sofia)
    log_interaction(
        demo_store,
        acc,
        occurred_at="2026-11-14T10:00",
        channel="site_visit",
        level="operational",
        summary="Line 2 maintenance",
        participant_ids=[marta, sofia],
    )
    texts: list[str] = []
    for h in health.portfolio_health(demo_store, today=DEMO_TODAY, save=False):
        texts += h.reasons + [c.reason for c in h.components]
        if h.perception_gap:
            texts.append(h.perception_gap.reason)
    for a in people.map_analyses(demo_store, today=DEMO_TODAY).values():
        texts += a.reasons
    for g in goals.portfolio_goals(demo_store, DEMO_TODAY):
        texts += [g.evaluation.reason, g.source]
    assert any("technical service" in t for t in texts)
    found = sorted({m.group(0) for t in texts for m in RAW.finditer(t)})
    assert found == []
