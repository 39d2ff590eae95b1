"""Helpers of the CLI tests (the `k` fixture is in conftest.py)."""

from __future__ import annotations


def ok(result: tuple[int, str, str]) -> str:
    """The output of a `k(...)` run that must succeed."""
    code, out, err = result
    assert code == 0, err
    return out
