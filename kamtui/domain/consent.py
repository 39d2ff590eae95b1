"""A consent entry (given or withdrawn, when, how, a note) and the one-cell
form imports read: STATUS [DATE] [CHANNEL], e.g. "given 2026-03-01 email",
"sí 1/3/2026 formulario web", "withdrawn", "yes", "no".

- STATUS: given (yes, sí, dado, otorgado…) or withdrawn (no, retirado,
  revocado…); "no" records that the person does not consent.
- DATE: any date kamtui reads (ISO, day-first, "1 mar 2026", "ayer"); a
  date without a year is the last such day. Blank: the day of the import.
- CHANNEL: e-mail, phone, in person, web form, signed paper, contract
  clause, other (English or Spanish), at the end of the cell."""

from __future__ import annotations

from datetime import date

from kamtui import dates, vocab
from kamtui.domain.models import ConsentInput

__all__ = ["ConsentInput", "parse_consent"]


def parse_consent(text: str, *, today: date, note: str | None = None) -> ConsentInput | None:
    """The entry a cell describes, None for a blank cell; ValueError with a
    one-line reason otherwise."""
    words = text.split()
    if not words:
        return None
    try:
        status = vocab.CONSENT_STATUS.normalize(words[0])
    except ValueError:
        raise ValueError(
            f"{words[0]!r} is not a consent: start with given or withdrawn (yes/no, sí/no), "
            "then a date and a channel if known, e.g. 'given 2026-03-01 email'"
        ) from None
    rest = words[1:]
    channel = None
    for size in (3, 2, 1):
        if len(rest) >= size:
            try:
                channel = vocab.CONSENT_CHANNEL.normalize(" ".join(rest[-size:]))
            except ValueError:
                continue
            rest = rest[:-size]
            break
    day = today
    if rest:
        try:
            day = dates.parse_date(" ".join(rest), today=today, purpose=dates.PAST)
        except ValueError as exc:
            raise ValueError(
                f"{' '.join(rest)!r}: not a date or a channel ({exc}); channels: "
                + ", ".join(vocab.CONSENT_CHANNEL.keys)
            ) from None
        if day > today:
            raise ValueError(f"{day.isoformat()} is in the future: consent is recorded once given")
    return ConsentInput(status=status, date=day.isoformat(), channel=channel, note=note)
