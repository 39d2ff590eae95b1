"""Marking a pair "not a duplicate" (or taking the mark back) changes what
health calls a possible duplicate: the accounts involved compute again."""

from __future__ import annotations

from kamtui.storage.migrations.health_changes import _bump

# The account a side of a mark belongs to: the account itself for a pair of
# accounts, the person's account for a pair of people. `keys` moves too:
# health's suspected duplicates are worked out again (incremental health).
_ACCOUNT_OF = (
    "CASE {row}.kind WHEN 'account' THEN {row}.{col}"
    " ELSE (SELECT account_id FROM people WHERE id = {row}.{col}) END"
)


def _both(row: str) -> str:
    return "\n    ".join(
        _bump(_ACCOUNT_OF.format(row=row, col=col), keys="1") for col in ("a_id", "b_id")
    )


NOT_DUPLICATE_HEALTH = (
    "not-a-duplicate marks bump health counters",
    f"""
CREATE TRIGGER not_duplicates_health_ins AFTER INSERT ON not_duplicates BEGIN
    {_both("NEW")}
END;
CREATE TRIGGER not_duplicates_health_del AFTER DELETE ON not_duplicates BEGIN
    {_both("OLD")}
END;
CREATE TRIGGER not_duplicates_health_upd AFTER UPDATE ON not_duplicates BEGIN
    {_both("OLD")}
    {_both("NEW")}
END;
""",
)
