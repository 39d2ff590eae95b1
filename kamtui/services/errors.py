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
