"""How big the large portfolio is, and where a build records how it was made."""

from __future__ import annotations

from dataclasses import dataclass

# The meta row holding a build's seed, day and size (read by `describe` and the benchmarks).
META_KEY = "large_demo"
HISTORY_DAYS = 3 * 365 + 1  # three years back from today


@dataclass(frozen=True)
class Size:
    accounts: int = 10_000
    people: int = 200_000
    interactions: int = 1_000_000
    transactions: int = 2_000_000

    def scaled(self, factor: float) -> Size:
        return Size(
            accounts=max(4, round(self.accounts * factor)),
            people=max(16, round(self.people * factor)),
            interactions=max(20, round(self.interactions * factor)),
            transactions=max(40, round(self.transactions * factor)),
        )


LARGE = Size()


class LargeDemoError(Exception):
    pass
