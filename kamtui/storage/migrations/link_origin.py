"""Where a link came from: declared by hand, or from a logged meeting."""

from __future__ import annotations

# Links are declared by the user ('declared': the map tab, `kamtui link`,
# imports) or created by logging an interaction with people of both sides
# ('meeting'). A column with a constant default rewrites no rows, and the
# `links_version` trigger (row_versions.py) names no columns but `version`
# and `id`, so it keeps bumping the version as before.
LINK_ORIGIN = (
    "link origin",
    """
ALTER TABLE links ADD COLUMN origin TEXT NOT NULL DEFAULT 'declared'
    CHECK (origin IN ('declared', 'meeting'));
""",
)
