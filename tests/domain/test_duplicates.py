"""Issue 15, duplicates: which accounts and people look like one, on a table
of true and false pairs (Spanish and English legal forms, accents, tax-id
formats, shared and public mail domains), and the blocking that keeps a
whole portfolio fast finds what the pair-by-pair comparison finds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamtui.domain import duplicates as dd
from kamtui.domain.duplicate_keys import email_domain, name_words, phone_key, tax_key, web_domain
from kamtui.domain.duplicates import AccountRecord, PersonRecord

A = AccountRecord


# (first, second, duplicates?, a reason it must give when it pairs)
ACCOUNT_CASES = [
    # Spanish legal forms, punctuation and case
    (A(1, "Transportes Olmo S.L."), A(2, "TRANSPORTES OLMO, SA"), True, "same name"),
    (A(1, "Panaderia Olmedo"), A(2, "Panadería Olmedo SL"), True, "same name"),
    (A(1, "Conservas Peña S.L.U."), A(2, "Conservas Pena"), True, "same name"),
    (A(1, "Pinturas Torres S.Coop."), A(2, "Pinturas Torres S. Coop."), True, "same name"),
    (A(1, "Olmo Hermanos S. L."), A(2, "Olmo Hermanos, Sociedad Limitada"), True, "same name"),
    (A(1, "Química del Ebro S.A.U."), A(2, "QUIMICA DEL EBRO"), True, "same name"),
    # English, German, Dutch forms
    (A(1, "Northwind Logistics Ltd"), A(2, "Northwind Logistics Limited"), True, "same name"),
    (A(1, "Byrne & Wood plc"), A(2, "Byrne and Wood"), True, "same name"),
    (A(1, "Acme GmbH & Co. KG"), A(2, "ACME AG"), True, "same name"),
    (A(1, "Globex Inc."), A(2, "Globex Corp"), True, "same name"),
    (A(1, "Initech LLC"), A(2, "Initech B.V."), True, "same name"),
    # a typo, words in another order
    (A(1, "Transportes Olmo"), A(2, "Transportes Olmoo"), True, "similar names"),
    (A(1, "Olmo Transportes"), A(2, "Transportes Olmo SA"), True, "same name"),
    # names that merely share a word
    (A(1, "Transportes Olmo"), A(2, "Panadería Olmedo"), False, ""),
    (A(1, "Transportes Olmo"), A(2, "Transportes Rivera"), False, ""),
    (A(1, "Grupo Muñoz"), A(2, "Grupo Alimentario Ebro"), False, ""),
    (A(1, "Northwind Logistics Ltd"), A(2, "Northwind Paper Mills plc"), False, ""),
    (A(1, "Almacenes 2000 S.L."), A(2, "Almacenes 3000 S.L."), False, ""),
    # tax ids: dashes, spaces, case, the ES prefix
    (A(1, "Alfa", "A-28999111"), A(2, "Beta", "A28999111"), True, "same tax id"),
    (A(1, "Alfa", "es a28999111"), A(2, "Beta", "A 2899 9111"), True, "same tax id"),
    (A(1, "Alfa", "ESA28999111"), A(2, "Beta", "a.28999111"), True, "same tax id"),
    (A(1, "Alfa", "A28999111"), A(2, "Beta", "A28999112"), False, ""),
    (A(1, "Alfa", "N/A"), A(2, "Beta", "n/a"), False, ""),
    (A(1, "Alfa", "000000000"), A(2, "Beta", "000000000"), False, ""),
    # domains: the web's, the e-mail's, and public mail services
    (A(1, "Alfa", domain="olmo.es"), A(2, "Beta", domain="https://www.olmo.es/"), True, "web"),
    (A(1, "Alfa", domain="olmo.es"), A(2, "Beta", email="compras@Olmo.es"), True, "domain"),
    (A(1, "Alfa", email="ana@olmo.es"), A(2, "Beta", email="pedidos@olmo.es"), True, "e-mail"),
    (A(1, "Alfa", email="alfa@gmail.com"), A(2, "Beta", email="beta@gmail.com"), False, ""),
    (A(1, "Alfa", email="a@hotmail.com"), A(2, "Beta", email="b@hotmail.com"), False, ""),
    (A(1, "Alfa", email="a@outlook.es"), A(2, "Beta", email="b@outlook.es"), False, ""),
    (A(1, "Alfa", email="a@yahoo.co.uk"), A(2, "Beta", email="b@yahoo.co.uk"), False, ""),
]


@pytest.mark.parametrize(("a", "b", "expected", "reason"), ACCOUNT_CASES)
def test_account_pairs_table(
    a: AccountRecord, b: AccountRecord, expected: bool, reason: str
) -> None:
    pair = dd.compare_accounts(a, b)
    assert (pair is not None) is expected, (a.name, b.name, pair)
    if pair is not None:
        assert any(reason in r for r in pair.reasons), pair.reasons
        assert 0 <= pair.score <= 100
        # the whole-portfolio search, with its blocks, finds the same pair
        assert dd.account_pairs([a, b]) == [pair]
    else:
        assert dd.account_pairs([a, b]) == []


def test_olmo_and_olmedo_score_far_below_the_line() -> None:
    from rapidfuzz import fuzz

    a, b = name_words("Transportes Olmo"), name_words("Panadería Olmedo")
    assert fuzz.ratio(dd.sorted_key(a), dd.sorted_key(b)) < dd.CLOSE_NAMES - 20


def test_more_reasons_rank_higher_and_other_tax_ids_lower() -> None:
    name_only = dd.compare_accounts(A(1, "Olmo SL"), A(2, "Olmo SA"))
    name_and_tax = dd.compare_accounts(A(1, "Olmo SL", "B12345678"), A(2, "Olmo SA", "B12345678"))
    other_taxes = dd.compare_accounts(A(1, "Olmo SL", "B12345678"), A(2, "Olmo SA", "A87654321"))
    assert name_only and name_and_tax and other_taxes
    assert name_and_tax.score > name_only.score > other_taxes.score
    assert "but different tax ids" in other_taxes.reasons
    assert name_and_tax.reasons == ("same tax id", "same name")


def test_pairs_are_ranked_and_dismissed_ones_left_out() -> None:
    accounts = [
        A(1, "Transportes Olmo S.L.", "B11111111"),
        A(2, "Transportes Olmo SA", "B-11111111"),
        A(3, "Panadería Olmedo"),
        A(4, "Panaderia Olmedo SL"),
        A(5, "Ferretería Centro", domain="centro.es"),
        A(6, "Suministros Norte", email="x@centro.es"),
    ]
    pairs = dd.account_pairs(accounts)
    assert [(p.a_id, p.b_id) for p in pairs] == [(1, 2), (3, 4), (5, 6)]
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    kept = dd.account_pairs(accounts, {("account", 3, 4)})
    assert [(p.a_id, p.b_id) for p in kept] == [(1, 2), (5, 6)]
    only = dd.account_pairs(accounts, only=[6])
    assert [(p.a_id, p.b_id) for p in only] == [(5, 6)]


def test_a_domain_shared_by_a_crowd_is_no_reason() -> None:
    crowd = [A(i, f"Cliente {i:03d}", domain="portal.example") for i in range(1, 40)]
    assert dd.account_pairs(crowd) == []


def test_normalised_keys() -> None:
    assert tax_key("A-28999111") == tax_key("A28999111") == tax_key("ES-A28999111") == "A28999111"
    assert tax_key("GB 284 5713 09") == "GB284571309"
    assert tax_key("") is None and tax_key("—") is None
    assert web_domain("HTTP://WWW.Olmo.ES/contacto?x=1") == "olmo.es"
    assert web_domain("gmail.com") is None
    assert email_domain("ana@sub.olmo.es") == "sub.olmo.es"
    assert email_domain("not an address") is None
    assert phone_key("+34 912 345 678") == phone_key("912-34-56-78") == "912345678"
    assert phone_key("0034 912345678") == "912345678"
    assert phone_key("+44 1706 555 142") == "441706555142"
    assert name_words("S.L.") == ("sl",)  # a name that is only a legal form keeps it


# -- people --------------------------------------------------------------------------

P = PersonRecord

PEOPLE_CASES = [
    (
        P(1, 7, "Ana García", email="ana@olmo.es"),
        P(2, 7, "A. García", email="ANA@olmo.es"),
        True,
        "same e-mail",
    ),
    (
        P(1, 7, "Ana García", phone="+34 600 111 222"),
        P(2, 7, "Ana M.", phone="600111222"),
        True,
        "same phone",
    ),
    (P(1, 7, "Núria Alonso"), P(2, 7, "Nuria Alonso"), True, "same name"),
    (P(1, 7, "Jordi Puig"), P(2, 7, "Jordi Puigg"), True, "similar names"),
    (P(1, 7, "Ana García"), P(2, 7, "Ana García López"), True, "contains"),
    (P(1, 7, "Ana García"), P(2, 7, "Ana Martín"), False, ""),
    (P(1, 7, "Ana García"), P(2, 7, "Luis García"), False, ""),
    (P(1, 7, "Ana García"), P(2, 8, "Ana García"), False, ""),  # other accounts
]


@pytest.mark.parametrize(("a", "b", "expected", "reason"), PEOPLE_CASES)
def test_people_pairs_table(a: PersonRecord, b: PersonRecord, expected: bool, reason: str) -> None:
    pair = dd.compare_people(a, b)
    assert (pair is not None) is expected, (a.name, b.name, pair)
    found = dd.people_pairs([a, b])
    if pair is None:
        assert found == []
        return
    assert any(reason in r for r in pair.reasons), pair.reasons
    assert pair.account_id == 7
    assert found == [pair]


def test_a_switchboard_shared_by_many_is_no_reason() -> None:
    people = [
        P(i, 7, name, phone="+34 945 290 114")
        for i, name in enumerate(
            ["Ana García", "Luis Martín", "Pedro Ruiz", "Marta Soler"], start=1
        )
    ]
    assert dd.people_pairs(people) == []
    two = people[:2]  # two people, one number: may well be one person
    assert [p.reasons for p in dd.people_pairs(two)] == [("same phone",)]


# -- properties ------------------------------------------------------------------------

names = st.text(max_size=40)
tax_ids = st.one_of(
    st.none(), st.text(max_size=16), st.from_regex(r"(ES)?[-. ]?[A-Z]-?\d{8}", fullmatch=True)
)
emails = st.one_of(st.none(), st.emails(), st.text(max_size=20))
accounts = st.builds(
    AccountRecord,
    st.integers(1, 10**6),
    names,
    tax_ids,
    st.one_of(st.none(), st.text(max_size=20)),
    emails,
)
people = st.builds(
    PersonRecord,
    st.integers(1, 10**6),
    st.just(7),
    names,
    emails,
    st.one_of(st.none(), st.text(alphabet="+0123456789 -", max_size=16)),
    st.sampled_from(["ours", "theirs"]),
)


@given(accounts, accounts)
def test_account_detection_never_raises_and_is_symmetric(
    a: AccountRecord, b: AccountRecord
) -> None:
    assert dd.compare_accounts(a, b) == dd.compare_accounts(b, a)
    pair = dd.compare_accounts(a, b)
    if pair is not None:
        assert pair.a_id < pair.b_id and 0 <= pair.score <= 100 and pair.reasons


@given(people, people)
def test_people_detection_never_raises_and_is_symmetric(a: PersonRecord, b: PersonRecord) -> None:
    assert dd.compare_people(a, b) == dd.compare_people(b, a)


@given(st.lists(accounts, max_size=12, unique_by=lambda a: a.id))
def test_blocks_find_what_comparing_every_pair_finds(records: list[AccountRecord]) -> None:
    every = {
        p
        for i, a in enumerate(records)
        for b in records[i + 1 :]
        if (p := dd.compare_accounts(a, b)) is not None
    }
    found = dd.account_pairs(records)
    assert set(found) <= every
    # what blocks may miss: a typo at both ends of every word (never in
    # generated text that shares a word), or a domain shared by a crowd
    shared_word = {
        p
        for p in every
        if set(name_words(p.a_name)) & set(name_words(p.b_name))
        or "name" not in " ".join(p.reasons)
    }
    assert shared_word <= set(found)
