"""The generator's state and the order of its sections.

Each section draws from its own `random.Random` stream, seeded by the seed and
the section's name, so a change in one section leaves the others' data alone.
Sections run in this order because later ones read what earlier ones drew onto
each `Acc` (people, links, categories) and the revenue the transactions add up."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from kamtui.demo.large import activity, companies, sales
from kamtui.demo.large.columns import (
    ACCOUNT_COLUMNS,
    ACTION_COLUMNS,
    COMPLAINT_COLUMNS,
    FACT_COLUMNS,
    GOAL_COLUMNS,
    LINK_COLUMNS,
    PEOPLE_COLUMNS,
    TX_COLUMNS,
    WALLET_COLUMNS,
)
from kamtui.demo.large.progress import Reporter
from kamtui.demo.large.size import HISTORY_DAYS, Size
from kamtui.demo.large.story import Acc
from kamtui.storage import bulk


class Generator:
    def __init__(self, *, today: date, seed: int, size: Size) -> None:
        self.today = today
        self.seed = seed
        self.size = size
        self.start = today - timedelta(days=HISTORY_DAYS)
        self.stamp = f"{today.isoformat()}T08:00:00"
        self.accs: list[Acc] = []

    def rng(self, section: str) -> random.Random:
        return random.Random(f"kamtui-large-{self.seed}-{section}")

    def write(self, conn: Any, rep: Reporter) -> None:
        rep.step("accounts")
        bulk.insert(conn, "accounts", ACCOUNT_COLUMNS, companies.accounts(self), progress=rep.rows)
        rep.step("people")
        bulk.insert(conn, "people", PEOPLE_COLUMNS, companies.people(self), progress=rep.rows)
        rep.step("links")
        bulk.insert(conn, "links", LINK_COLUMNS, companies.links(self), progress=rep.rows)
        rep.step("interactions")
        complaints: list[tuple[Any, ...]] = []
        for table, columns, rows in activity.interactions(self, complaints):
            bulk.insert(conn, table, columns, rows, progress=rep.rows)
        rep.step("complaints")
        bulk.insert(conn, "complaints", COMPLAINT_COLUMNS, complaints, progress=rep.rows)
        rep.step("facts")
        bulk.insert(conn, "facts", FACT_COLUMNS, activity.facts(self), progress=rep.rows)
        rep.step("transactions")
        revenue: dict[tuple[int, str], float] = {}
        bulk.insert(
            conn, "transactions", TX_COLUMNS, sales.transactions(self, revenue), progress=rep.rows
        )
        rep.step("wallet estimates")
        bulk.insert(
            conn, "wallet_estimates", WALLET_COLUMNS, sales.wallet(self, revenue), progress=rep.rows
        )
        rep.step("goals")
        goals, actions = sales.goals(self, revenue)
        bulk.insert(conn, "goals", GOAL_COLUMNS, goals, progress=rep.rows)
        bulk.insert(conn, "goal_actions", ACTION_COLUMNS, actions, progress=rep.rows)
