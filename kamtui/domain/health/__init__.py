"""Relationship health (pure; no SQL, no UI).

The score of an account is the weighted mean of components, each 0–100 with a
one-line reason naming the figure and its target. A component without data
says so and is left out of the mean: it is never silently 0 or 100. On top of
the score: the needs-revitalisation rules with their reasons and a suggested
kind of goal, and the perception gap (the KAM's mood readings against what the
numbers say).

`model` holds the facts in and the results out, `scores` scores each
component, `assessment` puts them together; this package exports them all
(`from kamtui.domain import health as dh`)."""

from __future__ import annotations

from kamtui.domain.health.assessment import (
    assess,
    perception_gap,
    revitalisation,
    trend,
    weighted_mean,
)
from kamtui.domain.health.model import (
    AT_RISK,
    BEHAVIOUR,
    COMPONENTS,
    HEALTHY,
    INSUFFICIENT,
    SUGGESTIONS,
    WATCH,
    AccountFacts,
    Component,
    Health,
    PerceptionGap,
    Revitalisation,
    band_of,
    graded,
    linear,
)
from kamtui.domain.health.scores import components, weights

__all__ = [
    "AT_RISK",
    "BEHAVIOUR",
    "COMPONENTS",
    "HEALTHY",
    "INSUFFICIENT",
    "SUGGESTIONS",
    "WATCH",
    "AccountFacts",
    "Component",
    "Health",
    "PerceptionGap",
    "Revitalisation",
    "assess",
    "band_of",
    "components",
    "graded",
    "linear",
    "perception_gap",
    "revitalisation",
    "trend",
    "weighted_mean",
    "weights",
]
