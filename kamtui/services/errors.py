from typing import Any

from kamtui.storage.versions import RecordConflict

__all__ = ["Ambiguous", "NotFound", "RecordConflict", "ServiceError"]


class ServiceError(Exception):
    """An operation cannot be done as asked; the message is for the user."""


class NotFound(ServiceError):
    pass


class Ambiguous(ServiceError):
    def __init__(self, what: str, query: str, candidates: list[str]) -> None:
        self.candidates = candidates
        listed = "; ".join(candidates[:15]) + (" …" if len(candidates) > 15 else "")
        super().__init__(f"{what} {query!r} is ambiguous: {listed}")


def validation_message(exc: Any) -> str:
    """A pydantic ValidationError's first problem as "field: message"."""
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "value"
    msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{where}: {msg}"
