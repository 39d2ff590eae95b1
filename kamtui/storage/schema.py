"""Ordered schema migrations. Each entry runs once, in one transaction, and
bumps PRAGMA user_version. Never edit a released migration: append one (its
SQL in kamtui/storage/migrations/, its place at the end of this list)."""

from __future__ import annotations

from kamtui.storage.migrations import (
    audit,
    health_changes,
    identifier_versions,
    indexes,
    initial,
    interaction_versions,
    link_origin,
    merges,
    not_duplicate_health,
    not_duplicates,
    person_aliases,
    privacy,
    row_versions,
    search,
    step_trash,
)

MIGRATIONS: list[tuple[str, str]] = [
    initial.INITIAL_SCHEMA,
    search.SEARCH_INDEX,
    indexes.LARGE_PORTFOLIOS,
    indexes.SNAPSHOT_SCORES,
    search.DIRECTORY_INDEX,
    row_versions.ROW_VERSIONS,
    link_origin.LINK_ORIGIN,
    interaction_versions.INTERACTION_VERSIONS,
    privacy.PRIVACY,
    merges.MERGE_JOURNAL,
    not_duplicates.NOT_DUPLICATES,
    identifier_versions.IDENTIFIER_VERSIONS,
    audit.AUDIT_TRAIL,
    health_changes.HEALTH_CHANGES,
    not_duplicate_health.NOT_DUPLICATE_HEALTH,
    step_trash.STEP_TRASH,
    person_aliases.PERSON_ALIASES,
]

SCHEMA_VERSION = len(MIGRATIONS)
