"""Revitalisation goals: create them with a baseline measured from the data,
measure their progress, keep their action items. Shared by the TUI and the CLI
(and by the whitespace and Revitalise views, which create goals).

`measuring` reads a goal's current value from the data, `progress` lists goals
with their progress, `editing` creates and changes them; this package exports
them all."""

from __future__ import annotations

from kamtui.services.goals.editing import (
    add_action,
    complete_action,
    create,
    delete,
    delete_action,
    normalize_category,
    restore,
    restore_action,
    set_progress,
    set_status,
    suggest,
    update,
    update_action,
)
from kamtui.services.goals.measuring import (
    MAP_METRICS,
    SATISFACTION_WINDOW_DAYS,
    Measurement,
    baseline_measure,
    measure,
)
from kamtui.services.goals.progress import (
    account_goals,
    get,
    goal_markers,
    open_actions,
    portfolio_goals,
)

__all__ = [
    "MAP_METRICS",
    "SATISFACTION_WINDOW_DAYS",
    "Measurement",
    "account_goals",
    "add_action",
    "baseline_measure",
    "complete_action",
    "create",
    "delete",
    "delete_action",
    "get",
    "goal_markers",
    "measure",
    "normalize_category",
    "open_actions",
    "portfolio_goals",
    "restore",
    "restore_action",
    "set_progress",
    "set_status",
    "suggest",
    "update",
    "update_action",
]
