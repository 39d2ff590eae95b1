"""The large synthetic portfolio: a sales director's whole company.

`kamtui demo --size large` builds 10,000 accounts, 200,000 people, 1,000,000
interactions (with their participants, next steps and complaints) and
2,000,000 transactions, plus links, facts, wallet estimates and goals, into a
separate file. The data is plausible rather than uniform noise: Spanish and
English companies and people, industries and product categories, tiers that
drive how much an account buys and how often we meet it, seasonal orders (August
and Christmas are quiet), growing and declining accounts, relationships that
drifted to operational-only talk, bow-tie and diamond contact maps, moods that
disagree with the numbers.

Everything is drawn from `random.Random` streams seeded by the seed and a
section name, and dates are laid out back from `today`: the same seed and the
same today give the same content (and, with the same SQLite, the same file).

Modules: `build` (the file, its phases and result), `generator` (state and the
order of sections), the sections `companies`, `activity` and `sales`, their
data (`names`, `catalogue`, `texts`), `story` (one account's parameters),
`columns`, `progress` and `size`."""

from __future__ import annotations

from kamtui.demo.large.build import BuildResult, build, default_path, describe
from kamtui.demo.large.columns import TABLES
from kamtui.demo.large.size import LARGE, META_KEY, LargeDemoError, Size
from kamtui.demo.large.story import allocate

__all__ = [
    "LARGE",
    "META_KEY",
    "TABLES",
    "BuildResult",
    "LargeDemoError",
    "Size",
    "allocate",
    "build",
    "default_path",
    "describe",
]
