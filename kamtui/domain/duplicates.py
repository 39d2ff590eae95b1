"""Suspected duplicates: accounts that look like the same client, people of one
account who look like the same person. Pure: records in, ranked pairs out,
each with a score (0-100) and its reasons in words.

Accounts pair on the same tax id once normalised (`A-28999111` =
`ES A28999111`), the same e-mail or web domain (public mail services such as
gmail.com never count), or names equal or close once accents, punctuation and
legal forms (S.L., S.A., Ltd, GmbH…) are gone (duplicate_keys.py). Closeness
is rapidfuzz's Indel ratio of the names' words in sorted order (what
token_sort_ratio computes): it forgives a typo, the order of words and a legal
form, while two names that merely share a word stay far apart ("Transportes
Olmo" / "Panadería Olmedo": 50). Scorers that look at parts or shared words
(partial_ratio, token_set_ratio, WRatio) pair those at 100: not for names.

Comparing every name with every other is 50M comparisons for 10,000
accounts (8 s here). Names are compared only within blocks of names sharing
the first or last three letters of a word: names close enough to score 88
share a word up to a typo, so a block unless a typo sits at both ends of every
word (on the 10,000-account demo the blocks find exactly the pairs the full
comparison finds, in under a second). People are compared within their
account only (20 a account on that demo, 175 at most)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from rapidfuzz import fuzz, process

from kamtui.domain.duplicate_keys import (
    email_domain,
    email_key,
    name_words,
    person_words,
    phone_key,
    sorted_key,
    tax_key,
    web_domain,
)
from kamtui.textsafe import fold

ACCOUNT = "account"
PERSON = "person"
KINDS = (ACCOUNT, PERSON)

# Names count as close from this ratio on (0-100).
CLOSE_NAMES = 88
# Imports warn about a new account or person that pairs at least this high.
IMPORT_WARNING = 75
# More accounts than this on one domain or tax id: a shared or placeholder
# value (a group's portal, "B00000000"), not one client's.
MAX_GROUP = 25
# More people of one account than this on one e-mail or phone: a shared
# mailbox or the switchboard, not one person's.
SHARED_CONTACT = 2

# The score of each reason alone; every other reason adds BONUS.
TAX_SCORE = 95
SAME_NAME_SCORE = 90  # a close name scores this times its closeness
DOMAIN_SCORE = 70
EMAIL_SCORE = 95
PHONE_SCORE = 85
CONTAINED_NAME_SCORE = 78
BONUS = 5
# Both tax ids given and different: likely two companies of one group (they
# share names and domains), so the pair ranks lower.
OTHER_TAX_PENALTY = 20

_SMALL_BLOCK = 12  # compared pair by pair; larger blocks by rapidfuzz's extract


class AccountRecord(NamedTuple):
    """What detection reads of an account."""

    id: int
    name: str
    tax_id: str | None = None
    domain: str | None = None
    email: str | None = None


class PersonRecord(NamedTuple):
    """What detection reads of a person of an account."""

    id: int
    account_id: int
    name: str
    email: str | None = None
    phone: str | None = None
    side: str = "theirs"


class DuplicatePair(NamedTuple):
    """Two records that look like one: `a_id` < `b_id`; `account_id` is the
    account both people belong to (None for a pair of accounts)."""

    kind: str
    a_id: int
    a_name: str
    b_id: int
    b_name: str
    score: int
    reasons: tuple[str, ...]
    account_id: int | None = None

    @property
    def key(self) -> tuple[str, int, int]:
        """(kind, smaller id, larger id): how a dismissal names the pair."""
        return (self.kind, self.a_id, self.b_id)


Dismissed = frozenset[tuple[str, int, int]] | set[tuple[str, int, int]]


def pair_key(kind: str, first: int, second: int) -> tuple[str, int, int]:
    """A pair's key whatever the order of its ids."""
    return (kind, min(first, second), max(first, second))


def ranked(pairs: Iterable[DuplicatePair]) -> list[DuplicatePair]:
    """Highest score first, then by names."""
    return sorted(pairs, key=lambda p: (-p.score, fold(p.a_name), fold(p.b_name), p.a_id, p.b_id))


def _combine(scores: list[int], penalty: int = 0) -> int:
    best = max(scores) + BONUS * (len(scores) - 1) - penalty
    return max(0, min(100, best))


def _names(a_key: str, b_key: str, scores: list[int], reasons: list[str]) -> bool:
    """Adds the names' reason, if any; whether there was one."""
    if not a_key or not b_key:
        return False
    if a_key == b_key:
        scores.append(SAME_NAME_SCORE)
        reasons.append("same name")
        return True
    closeness = fuzz.ratio(a_key, b_key)
    if closeness < CLOSE_NAMES or _digits(a_key) != _digits(b_key):
        # "Almacenes 2000" and "Almacenes 3000": one letter apart, two shops.
        return False
    scores.append(round(SAME_NAME_SCORE * closeness / 100))
    reasons.append(f"similar names ({closeness:.0f}%)")
    return True


def _digits(key: str) -> str:
    return "".join(c for c in key if c.isdigit())


# -- accounts ------------------------------------------------------------------------


class _Account(NamedTuple):
    record: AccountRecord
    words: tuple[str, ...]
    key: str
    tax: str | None
    web: str | None
    mail: str | None


def _prepare(record: AccountRecord) -> _Account:
    words = name_words(record.name)
    return _Account(
        record,
        words,
        sorted_key(words),
        tax_key(record.tax_id),
        web_domain(record.domain),
        email_domain(record.email),
    )


def _account_pair(a: _Account, b: _Account, crowded: Iterable[str] = ()) -> DuplicatePair | None:
    """`crowded`: tax ids and domains of too many accounts to count."""
    scores: list[int] = []
    reasons: list[str] = []
    if a.tax is not None and a.tax == b.tax and "#" + a.tax not in crowded:
        scores.append(TAX_SCORE)
        reasons.append("same tax id")
    _names(a.key, b.key, scores, reasons)
    shared = {a.web, a.mail} & {b.web, b.mail} - {None, *crowded}
    if shared:
        scores.append(DOMAIN_SCORE)
        kind = "web" if a.web in shared and b.web in shared else "e-mail"
        reasons.append(f"same {kind} domain ({min(str(d) for d in shared)})")
    if not scores:
        return None
    penalty = 0
    if a.tax and b.tax and a.tax != b.tax:
        penalty = OTHER_TAX_PENALTY
        reasons.append("but different tax ids")
    first, second = sorted((a.record, b.record))
    return DuplicatePair(
        ACCOUNT,
        first.id,
        first.name,
        second.id,
        second.name,
        _combine(scores, penalty),
        tuple(reasons),
    )


def compare_accounts(a: AccountRecord, b: AccountRecord) -> DuplicatePair | None:
    """Whether two accounts look like one client: the pair with its score and
    reasons, or None. Symmetric: (a, b) and (b, a) give the same pair."""
    if a.id == b.id:
        return None
    return _account_pair(_prepare(a), _prepare(b))


def account_pairs(
    accounts: Sequence[AccountRecord],
    dismissed: Dismissed = frozenset(),
    *,
    only: Iterable[int] | None = None,
) -> list[DuplicatePair]:
    """Every pair of `accounts` that looks like one client, best first, but
    those `dismissed` (pair keys). With `only` (account ids), just the pairs
    holding one of them (the accounts an import created)."""
    prepared = [_prepare(a) for a in accounts]
    wanted: set[int] | None = None
    if only is not None:
        ids = set(only)
        wanted = {i for i, p in enumerate(prepared) if p.record.id in ids}
    blocks = _blocks(enumerate(p.words for p in prepared))
    candidates = _close_pairs([p.key for p in prepared], blocks, wanted)
    grouped, crowded = _grouped_pairs(
        [("#" + p.tax if p.tax else None, p.web, p.mail) for p in prepared]
    )
    candidates |= grouped
    pairs = []
    for i, j in candidates:
        if wanted is not None and i not in wanted and j not in wanted:
            continue
        pair = _account_pair(prepared[i], prepared[j], crowded)
        if pair is not None and pair.key not in dismissed:
            pairs.append(pair)
    return ranked(pairs)


def _blocks(words: Iterable[tuple[int, Sequence[str]]]) -> Iterable[list[int]]:
    """Indexes by the first and last three letters of each of their words."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, ws in words:
        keys = set()
        for word in ws:
            if len(word) >= 3:
                keys.add("<" + word[:3])
                keys.add(">" + word[-3:])
            else:
                keys.add("=" + word)
        for key in keys:
            blocks[key].append(i)
    return blocks.values()


def _close_pairs(
    keys: Sequence[str], blocks: Iterable[list[int]], only: set[int] | None
) -> set[tuple[int, int]]:
    """Index pairs (i < j) whose keys are at least CLOSE_NAMES alike, within
    each block; with `only`, those holding one of these indexes. A small block
    is compared pair by pair, a large one by rapidfuzz's extract (the
    comparisons in C, one call per name)."""
    found: set[tuple[int, int]] = set()
    ratio = fuzz.ratio
    for members in blocks:
        size = len(members)
        if size < 2:
            continue
        if size <= _SMALL_BLOCK:
            for x in range(size - 1):
                i = members[x]
                for j in members[x + 1 :]:
                    if only is not None and i not in only and j not in only:
                        continue
                    if ratio(keys[i], keys[j], score_cutoff=CLOSE_NAMES):
                        found.add((i, j) if i < j else (j, i))
            continue
        choices = [keys[m] for m in members]
        for i in members:
            if only is not None and i not in only:
                continue
            for _match, _score, at in process.extract(
                keys[i], choices, scorer=ratio, score_cutoff=CLOSE_NAMES, limit=None
            ):
                j = members[at]
                if j != i:
                    found.add((i, j) if i < j else (j, i))
    return found


def _grouped_pairs(
    values: Sequence[Iterable[str | None]],
) -> tuple[set[tuple[int, int]], set[str]]:
    """Index pairs sharing a value, and the values shared by more than
    MAX_GROUP (no reason: left out)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, keys in enumerate(values):
        for key in set(keys):
            if key:
                groups[key].append(i)
    found: set[tuple[int, int]] = set()
    crowded = set()
    for key, members in groups.items():
        if len(members) > MAX_GROUP:
            crowded.add(key)
        elif len(members) > 1:
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    found.add((i, j))
    return found, crowded


# -- people ----------------------------------------------------------------------------


class _Person(NamedTuple):
    record: PersonRecord
    words: tuple[str, ...]
    key: str
    email: str | None
    phone: str | None


def _person(record: PersonRecord) -> _Person:
    words = person_words(record.name)
    return _Person(
        record, words, sorted_key(words), email_key(record.email), phone_key(record.phone)
    )


def _person_pair(a: _Person, b: _Person, shared: Iterable[str] = ()) -> DuplicatePair | None:
    """`shared`: e-mails and phones of too many people of the account to count."""
    scores: list[int] = []
    reasons: list[str] = []
    if a.email is not None and a.email == b.email and a.email not in shared:
        scores.append(EMAIL_SCORE)
        reasons.append("same e-mail")
    if a.phone is not None and a.phone == b.phone and a.phone not in shared:
        scores.append(PHONE_SCORE)
        reasons.append("same phone")
    if not _names(a.key, b.key, scores, reasons):
        small, large = sorted((set(a.words), set(b.words)), key=len)
        # "Ana García" in "Ana García López": a first name and a surname at least.
        if len(small) >= 2 and small < large:
            scores.append(CONTAINED_NAME_SCORE)
            reasons.append("one name contains the other")
    if not scores:
        return None
    if a.record.side != b.record.side:
        reasons.append("one ours, one theirs")
    first, second = sorted((a.record, b.record))
    return DuplicatePair(
        PERSON,
        first.id,
        first.name,
        second.id,
        second.name,
        _combine(scores),
        tuple(reasons),
        account_id=first.account_id,
    )


def compare_people(a: PersonRecord, b: PersonRecord) -> DuplicatePair | None:
    """Whether two people of one account look like one person (symmetric)."""
    if a.id == b.id or a.account_id != b.account_id:
        return None
    return _person_pair(_person(a), _person(b))


def people_pairs(
    people: Sequence[PersonRecord],
    dismissed: Dismissed = frozenset(),
    *,
    only: Iterable[int] | None = None,
) -> list[DuplicatePair]:
    """Every pair of people of one account who look like one person, best
    first, but those `dismissed`; with `only` (person ids), just the pairs
    holding one of them. An e-mail or phone of more than SHARED_CONTACT people
    of the account (a shared mailbox, the switchboard) does not count."""
    by_account: dict[int, list[PersonRecord]] = defaultdict(list)
    for p in people:
        by_account[p.account_id].append(p)
    ids = None if only is None else set(only)
    pairs: list[DuplicatePair] = []
    for members in by_account.values():
        if len(members) < 2 or (ids is not None and not any(m.id in ids for m in members)):
            continue
        pairs.extend(_one_account(members, dismissed, ids))
    return ranked(pairs)


def _one_account(
    members: Sequence[PersonRecord], dismissed: Dismissed, ids: set[int] | None
) -> Iterable[DuplicatePair]:
    prepared = [_person(m) for m in members]
    keys = [p.key for p in prepared]
    contacts: dict[str, list[int]] = defaultdict(list)
    holders: dict[str, set[int]] = defaultdict(set)  # word -> who has it in their name
    for i, p in enumerate(prepared):
        if p.email is not None:
            contacts[p.email].append(i)
        if p.phone is not None:
            contacts["tel:" + p.phone].append(i)
        for word in p.words:
            holders[word].add(i)
    shared = {k.removeprefix("tel:") for k, v in contacts.items() if len(v) > SHARED_CONTACT}
    candidates: set[tuple[int, int]] = set()
    for group in contacts.values():
        if 1 < len(group) <= SHARED_CONTACT:
            candidates.add((group[0], group[1]))
    for i, p in enumerate(prepared):
        if ids is not None and p.record.id not in ids:
            continue
        if p.key:
            for _m, _s, j in process.extract(
                p.key, keys, scorer=fuzz.ratio, score_cutoff=CLOSE_NAMES, limit=None
            ):
                if j != i:
                    candidates.add((i, j) if i < j else (j, i))
        if len(p.words) >= 2:
            sets = [holders[w] for w in set(p.words)]
            for j in set.intersection(*sets):
                if j != i:
                    candidates.add((i, j) if i < j else (j, i))
    for i, j in candidates:
        pair = _person_pair(prepared[i], prepared[j], shared)
        if pair is not None and pair.key not in dismissed:
            yield pair
