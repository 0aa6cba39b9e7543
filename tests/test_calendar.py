"""toolkit.rules.dates: entry into force (Art. 17) and deadlines, against the real States of DOMAIN.md §2.4."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.model.treaty import load_treaty
from toolkit.rules.dates import add_months, deadlines, entry_into_force

TREATY = load_treaty("ccm")
THRESHOLD = date(2010, 2, 16)  # the 30th instrument (Burkina Faso, Republic of Moldova)
GENERAL_EIF = date(2010, 8, 1)

# DOMAIN.md §2.4: State, deposit, EIF, initial report (EIF + 180 days), Art. 3 (+8 y), Art. 4 (+10 y)
STATES = [
    ("Nigeria", "2023-02-28", "2023-08-01", "2024-01-28", "2031-08-01", "2033-08-01"),
    ("South Sudan", "2023-08-03", "2024-02-01", "2024-07-30", "2032-02-01", "2034-02-01"),
    ("Lithuania", "2011-03-24", "2011-09-01", "2012-02-28", None, None),
    ("Palau", "2016-04-19", "2016-10-01", "2017-03-30", "2024-10-01", "2026-10-01"),
    ("Cuba", "2016-04-06", "2016-10-01", "2017-03-30", "2024-10-01", "2026-10-01"),
    ("Belize", "2014-09-02", "2015-03-01", "2015-08-28", "2023-03-01", "2025-03-01"),
    ("Fiji", "2010-05-28", "2010-11-01", "2011-04-30", "2018-11-01", "2020-11-01"),
]


def d(text: str) -> date:
    return date.fromisoformat(text)


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from ``earlier``'s month to ``later``'s month (independent of the toolkit)."""
    return (later.year - earlier.year) * 12 + (later.month - earlier.month)


def shift_months(day: date, months: int) -> date:
    """``day`` plus whole months, clamped to the month's end (an oracle written for the tests)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = (date(year + (month == 11), (month + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month + 1, min(day.day, last))


@pytest.mark.parametrize(
    ("state", "deposit", "eif", "report", "stockpiles", "clearance"), STATES, ids=[s[0] for s in STATES]
)
def test_entry_into_force_of_real_states(state, deposit, eif, report, stockpiles, clearance):
    assert entry_into_force(d(deposit), TREATY) == d(eif)


@pytest.mark.parametrize(
    ("state", "deposit", "eif", "report", "stockpiles", "clearance"), STATES, ids=[s[0] for s in STATES]
)
def test_deadlines_of_real_states(state, deposit, eif, report, stockpiles, clearance):
    facts = {"stockpiles": stockpiles is not None, "contaminated": clearance is not None}
    due = {item.key: item.due for item in deadlines(d(eif), TREATY, facts) if item.key != "annual_report"}
    expected = {"entry_into_force": d(eif), "initial_report": d(report)}
    if stockpiles:
        expected["stockpile_destruction"] = d(stockpiles)
        expected["stockpile_extension_request"] = add_months(d(stockpiles), -21)  # art. 3(5): see the data
    if clearance:
        expected["clearance"] = d(clearance)
        expected["clearance_extension_request"] = add_months(d(clearance), -21)  # art. 4(6)
    assert due == expected
    assert d(report) - d(eif) == timedelta(days=180)


@pytest.mark.parametrize("deposit", ["2009-12-22", "2010-02-16", "2008-12-03"])
def test_deposit_on_or_before_the_thirtieth_gives_1_august_2010(deposit):
    assert entry_into_force(d(deposit), TREATY) == GENERAL_EIF


@pytest.mark.parametrize(
    ("deposit", "eif"),
    [
        ("2010-02-17", "2010-08-01"),  # same month as the 30th: Art. 17(2) also gives 1 August
        ("2010-02-28", "2010-08-01"),
        ("2010-03-01", "2010-09-01"),
        ("2010-07-31", "2011-01-01"),  # year roll-over
        ("2023-12-31", "2024-06-01"),
    ],
)
def test_deposit_after_the_thirtieth(deposit, eif):
    assert entry_into_force(d(deposit), TREATY) == d(eif)


def test_known_parties_in_treaty_data_agree_with_the_rule():
    checked = 0
    for party in TREATY.parties_known:
        if party.entry_into_force is not None:
            assert entry_into_force(party.deposited, TREATY) == party.entry_into_force, party.code
            checked += 1
    assert checked >= 3


def test_annual_reports_fall_on_30_april_after_entry_into_force():
    annual = [item.due for item in deadlines(d("2023-08-01"), TREATY, {}) if item.key == "annual_report"]
    assert annual == [d("2024-04-30"), d("2025-04-30"), d("2026-04-30")]
    assert all(item.article == "7(2)" for item in deadlines(d("2023-08-01"), TREATY, {}) if item.key == "annual_report")


def test_conditional_deadlines_only_when_the_fact_holds():
    keys = {item.key for item in deadlines(d("2023-08-01"), TREATY, {"stockpiles": False, "contaminated": False})}
    assert keys == {"entry_into_force", "initial_report", "annual_report"}
    keys = {item.key for item in deadlines(d("2023-08-01"), TREATY, {"stockpiles": True, "contaminated": True})}
    assert {"stockpile_destruction", "clearance"} <= keys


def test_deadlines_are_in_date_order_and_cite_articles():
    items = deadlines(d("2024-02-01"), TREATY, {"stockpiles": True, "contaminated": True})
    assert [i.due for i in items] == sorted(i.due for i in items)
    articles = {i.key: i.article for i in items}
    assert articles["entry_into_force"] == "17"
    assert articles["initial_report"] == "7(1)"
    assert articles["stockpile_destruction"] == "3(2)"
    assert articles["clearance"] == "4(1)"


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2024-01-31", 1, "2024-02-29"),
        ("2023-01-31", 1, "2023-02-28"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2023-08-01", 96, "2031-08-01"),
        ("2023-11-15", 2, "2024-01-15"),
        ("2024-03-31", -1, "2024-02-29"),
    ],
)
def test_add_months_clamps_to_month_end(start, months, expected):
    assert add_months(d(start), months) == d(expected)


DEPOSITS = st.dates(min_value=date(2008, 12, 3), max_value=date(2200, 12, 31))
LATE_DEPOSITS = st.dates(min_value=THRESHOLD + timedelta(days=1), max_value=date(2200, 12, 31))


@given(DEPOSITS)
def test_entry_into_force_is_always_the_first_of_a_month(deposit):
    assert entry_into_force(deposit, TREATY).day == 1


@given(DEPOSITS, DEPOSITS)
def test_a_later_deposit_never_enters_into_force_earlier(first, second):
    early, late = sorted((first, second))
    assert entry_into_force(early, TREATY) <= entry_into_force(late, TREATY)


@given(LATE_DEPOSITS)
def test_late_deposit_enters_into_force_between_five_and_six_months_later(deposit):
    eif = entry_into_force(deposit, TREATY)
    assert shift_months(deposit, 5) < eif <= shift_months(deposit, 6)
    assert months_between(deposit, eif) == 6


@given(DEPOSITS)
def test_entry_into_force_is_never_before_the_deposit_or_1_august_2010(deposit):
    eif = entry_into_force(deposit, TREATY)
    assert eif > deposit
    assert eif >= GENERAL_EIF


@given(st.dates(min_value=date(2010, 8, 1), max_value=date(2200, 1, 1)).map(lambda x: x.replace(day=1)))
def test_initial_report_is_180_days_after_entry_into_force(eif):
    due = {i.key: i.due for i in deadlines(eif, TREATY, {})}
    assert due["initial_report"] == eif + timedelta(days=180)
    assert due["entry_into_force"] == eif
