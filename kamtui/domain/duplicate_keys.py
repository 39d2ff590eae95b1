"""What duplicate detection compares, normalised: company names without
accents, punctuation or legal forms; tax ids as anyone writes them; web and
e-mail domains (public mail services left out); e-mail addresses and phone
numbers. Pure functions of one value each (kamtui.domain.duplicates pairs
them up)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kamtui.textsafe import fold

# Legal forms, written without dots (dots are dropped first): removed from
# the end of a name, one after the other ("Olmo Hermanos S.L.U." -> "olmo
# hermanos"). Multi-word forms as tuples.
_FORMS = (
    # Spain, Portugal, Latin America ("S. Coop." reads "s coop")
    "sl slu sa sau sll slne slp scoop s_coop scl sccl sc scp scom cb sat sad srl lda cia"
    " s_l s_a s_l_u sociedad_limitada sociedad_anonima sociedad_cooperativa sa_de_cv"
    # English
    " ltd limited plc llp lp llc inc incorporated corp corporation co company pty"
    # German, Dutch, French, Italian, Nordic
    " gmbh ag kg ohg ug gmbh_co_kg bv nv vof sas sarl sprl spa snc oy ab as aps"
)
LEGAL_FORMS: frozenset[tuple[str, ...]] = frozenset(
    tuple(form.split("_")) for form in _FORMS.split()
)
_LONGEST_FORM = max(len(f) for f in LEGAL_FORMS)
# Words that join names and say nothing of who the client is.
_JOINERS = frozenset({"y", "e", "and", "the"})

# Public mail services: an address there says nothing of the employer.
PUBLIC_MAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "protonmail.com",
        "proton.me",
        "pm.me",
        "mail.com",
        "zoho.com",
        "ymail.com",
        "web.de",
        "t-online.de",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "libero.it",
        "telefonica.net",
        "movistar.es",
        "terra.es",
        "ya.com",
        "wanadoo.es",
        "orange.es",
        "vodafone.es",
        "jazztel.es",
        "ono.com",
        "btinternet.com",
        "sky.com",
        "virginmedia.com",
        "qq.com",
        "163.com",
        "mail.ru",
    }
)
# Public whatever the country: yahoo.es, hotmail.co.uk, outlook.fr, gmx.de…
_PUBLIC_FIRST_LABEL = frozenset({"yahoo", "hotmail", "outlook", "live", "gmx", "yandex"})


_NOT_WORD = re.compile(r"[\W_]+")
_TAX_JUNK = re.compile(r"[\s\-./_]+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://")
_NOT_DIGIT = re.compile(r"[^0-9]+")


def name_words(name: str | None) -> tuple[str, ...]:
    """A company's name as words: folded (case, accents), punctuation gone,
    trailing legal forms removed ("Transportes Olmo, S.L." -> transportes,
    olmo). A name that is only a legal form keeps it."""
    if not name:
        return ()
    text = fold(name).replace(".", "").replace("&", " and ")
    words = [w for w in _NOT_WORD.sub(" ", text).split() if w not in _JOINERS]
    while len(words) > 1:
        for size in range(min(_LONGEST_FORM, len(words) - 1), 0, -1):
            if tuple(words[-size:]) in LEGAL_FORMS:
                del words[-size:]
                break
        else:
            break
    return tuple(words)


def person_words(name: str | None) -> tuple[str, ...]:
    """A person's name as words: folded, punctuation gone."""
    if not name:
        return ()
    return tuple(_NOT_WORD.sub(" ", fold(name).replace(".", " ")).split())


def sorted_key(words: Sequence[str]) -> str:
    """The words in order: what token_sort_ratio compares."""
    return " ".join(sorted(words))


def tax_key(tax_id: str | None) -> str | None:
    """A tax id compared as written by anyone: upper case, no spaces, dashes,
    dots or slashes, the Spanish VAT prefix ES optional ("es-a28999111" ->
    "A28999111"). None for a value too short or without a digit ("N/A",
    "-", "0000")."""
    if not tax_id:
        return None
    text = _TAX_JUNK.sub("", tax_id).upper()
    if text.startswith("ES") and len(text) == 11:
        text = text[2:]
    if len(text) < 5 or not any(c.isdigit() for c in text) or not text.strip("0"):
        return None
    if not text.isalnum():
        return None
    return text


def web_domain(value: str | None) -> str | None:
    """A web address or domain as its bare domain: "https://www.Olmo.es/x" ->
    "olmo.es". None for what is no domain, or a public mail service's."""
    if not value:
        return None
    text = _SCHEME.sub("", value.strip().lower())
    text = text.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    text = text.rsplit("@", 1)[-1].split(":", 1)[0].strip(".")
    text = text.removeprefix("www.")
    if "." not in text or " " in text or len(text) < 4:
        return None
    return None if is_public_mail(text) else text


def email_domain(email: str | None) -> str | None:
    """The domain of an e-mail address, unless it is a public mail service's."""
    if not email or "@" not in email:
        return None
    return web_domain(email.rsplit("@", 1)[1])


def is_public_mail(domain: str) -> bool:
    domain = domain.lower()
    return domain in PUBLIC_MAIL or domain.split(".", 1)[0] in _PUBLIC_FIRST_LABEL


def email_key(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    return email.strip().lower()


def phone_key(phone: str | None) -> str | None:
    """A phone number as its digits, Spain's +34 / 0034 prefix optional:
    "+34 912-345-678" = "912345678". None with fewer than 6 digits."""
    if not phone:
        return None
    digits = _NOT_DIGIT.sub("", phone)
    if digits.startswith("00"):
        digits = digits[2:]
    if digits.startswith("34") and len(digits) == 11:
        digits = digits[2:]
    return digits if len(digits) >= 6 else None
