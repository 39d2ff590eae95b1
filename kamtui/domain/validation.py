"""Turn pydantic errors into per-field messages a person can read."""

from __future__ import annotations

from pydantic import ValidationError

from kamtui.domain.models import _EMAIL, _PHONE, PersonInput


def field_errors(exc: ValidationError) -> dict[str, str]:
    out: dict[str, str] = {}
    for err in exc.errors():
        field = ".".join(str(p) for p in err.get("loc", ())) or "value"
        msg = str(err.get("msg", "invalid"))
        msg = msg.removeprefix("Value error, ")
        if (
            err.get("type") == "string_too_short" and err.get("ctx", {}).get("min_length") == 1
        ) or err.get("type") == "missing":
            msg = "is required"
        elif err.get("type") == "int_parsing":
            msg = "must be a whole number"
        elif err.get("type") == "float_parsing":
            msg = "must be a number"
        out.setdefault(field, msg)
    return out


def contact_errors(data: PersonInput) -> dict[str, str]:
    """Field -> message for an e-mail or phone that cannot be one (the same
    rules as an account's)."""
    errors: dict[str, str] = {}
    if data.email and not _EMAIL.match(data.email):
        errors["email"] = "not an e-mail address (expected name@domain.tld)"
    if data.phone and not _PHONE.match(data.phone):
        errors["phone"] = "not a phone number (digits, spaces, + ( ) - . /)"
    return errors
