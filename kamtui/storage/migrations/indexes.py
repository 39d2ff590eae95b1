"""Indexes for large portfolios (10,000 accounts, millions of rows)."""

from __future__ import annotations

# Large portfolios (10,000 accounts, millions of rows): covering indexes so
# the portfolio's last contact and 12-month revenue are index seeks per
# account, and health's per-account aggregates read these instead of the
# tables (1M interactions with notes: 1.6 s -> 0.4 s).
LARGE_PORTFOLIOS = (
    "indexes for large portfolios",
    """
CREATE INDEX interactions_live ON interactions(account_id, occurred_at, level, mood)
    WHERE deleted_at IS NULL;
CREATE INDEX transactions_account_cover ON transactions(account_id, date, category, amount);
""",
)

# The portfolio's trend column reads 90 days of snapshot scores for every
# account at start-up: a covering index makes that an index-only scan.
SNAPSHOT_SCORES = (
    "health snapshot scores index",
    """
CREATE INDEX health_snapshots_scores ON health_snapshots(account_id, date, score, band);
""",
)
