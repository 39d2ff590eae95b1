"""Ordered schema migrations. Each entry runs once, in one transaction, and
bumps PRAGMA user_version. Never edit a released migration: append one (its
SQL in kamtui/storage/migrations/, its place at the end of this list)."""

from __future__ import annotations

from kamtui.storage.migrations import (
    health_changes,
    indexes,
    initial,
    link_origin,
    row_versions,
    search,
)

MIGRATIONS: list[tuple[str, str]] = [
    initial.INITIAL_SCHEMA,
    search.SEARCH_INDEX,
    indexes.LARGE_PORTFOLIOS,
    indexes.SNAPSHOT_SCORES,
    search.DIRECTORY_INDEX,
    row_versions.ROW_VERSIONS,
    link_origin.LINK_ORIGIN,
    health_changes.HEALTH_CHANGES,
]

SCHEMA_VERSION = len(MIGRATIONS)
