"""calendar.ics for Kenya, read back with icalendar: the dates of the Convention, reminders, stable bytes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from conftest import KENYA

from toolkit.lang.language import resolve_language
from toolkit.model.load import load_profile
from toolkit.rules.ics import packet_calendar

DEPOSIT = date(2027, 2, 1)  # Kenya's planned deposit in the fixture


@pytest.fixture(autouse=True)
def no_source_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def ics(profile_path: Path = KENYA, deposit: date = DEPOSIT, lang: str = "en") -> bytes:
    profile = load_profile(profile_path)
    return packet_calendar(profile, profile.treaty_data(), resolve_language(lang), deposit)


def events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def by_date(data: bytes) -> dict[date, str]:
    return {event.decoded("dtstart"): str(event["summary"]) for event in events(data)}


def test_the_fixture_plans_the_deposit_used_here() -> None:
    assert load_profile(KENYA).deposit.planned == DEPOSIT


def test_kenya_calendar_has_entry_into_force_and_the_reports_that_follow() -> None:
    data = ics()
    calendar = icalendar.Calendar.from_ical(data)
    assert "Kenya" in str(calendar["x-wr-calname"])
    assert str(calendar["version"]) == "2.0"
    assert by_date(data) == {
        # Art. 17(2): first day of the sixth month after the month of deposit (February 2027).
        date(2027, 8, 1): "The Convention enters into force for the Republic of Kenya",
        # Art. 7(1): within 180 days of entry into force.
        date(2028, 1, 28): "Initial transparency report due (article 7, paragraph 1)",
        # Art. 7(2): by 30 April each year, from the first 30 April after the initial report.
        date(2028, 4, 30): "Annual transparency report due (article 7, paragraph 2)",
        date(2029, 4, 30): "Annual transparency report due (article 7, paragraph 2)",
        date(2030, 4, 30): "Annual transparency report due (article 7, paragraph 2)",
    }


@pytest.mark.parametrize(
    ("deposit", "entry_into_force"),
    [
        (date(2027, 2, 1), date(2027, 8, 1)),
        (date(2027, 2, 28), date(2027, 8, 1)),
        (date(2027, 7, 15), date(2028, 1, 1)),
        (date(2027, 8, 31), date(2028, 2, 1)),
        (date(2027, 12, 31), date(2028, 6, 1)),
    ],
)
def test_entry_into_force_is_the_first_day_of_the_sixth_month_after_the_deposit(
    deposit: date, entry_into_force: date
) -> None:
    found = {str(e["summary"]): e.decoded("dtstart") for e in events(ics(deposit=deposit))}
    assert found["The Convention enters into force for the Republic of Kenya"] == entry_into_force
    assert found["Initial transparency report due (article 7, paragraph 1)"] == entry_into_force + timedelta(days=180)


def test_a_state_with_stockpiles_and_contamination_gets_the_destruction_and_clearance_deadlines(
    kenya_variant: Callable[..., Path],
) -> None:
    path = kenya_variant(("stockpiles: false", "stockpiles: true"), ("contaminated: false", "contaminated: true"))
    found = by_date(ics(path))
    assert found[date(2035, 8, 1)] == "Stockpiles destroyed: deadline (article 3, paragraph 2)"  # Art. 3(2): 8 years
    assert found[date(2037, 8, 1)] == "Contaminated areas cleared: deadline (article 4, paragraph 1)"  # Art. 4: 10
    # the extension requests' milestones: 21 months before each deadline (art. 3(5), 4(6): nine months
    # before a yearly Meeting of States Parties that may fall up to twelve months before the deadline)
    assert found[date(2033, 11, 1)].startswith("Extension request for stockpile destruction")
    assert found[date(2035, 11, 1)].startswith("Extension request for clearance")
    assert len(found) == 9


def test_the_extension_request_milestone_quotes_its_rule_and_reminds_three_months_before(
    kenya_variant: Callable[..., Path],
) -> None:
    path = kenya_variant(("stockpiles: false", "stockpiles: true"))
    [milestone] = [e for e in events(ics(path)) if str(e["summary"]).startswith("Extension request")]
    assert "a minimum of nine months prior to the Meeting of States Parties" in str(milestone["description"])
    assert "(article 3, paragraph 5)" in str(milestone["summary"])
    [alarm] = milestone.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(days=-90)


def test_a_state_that_retains_munitions_is_reminded_of_the_article_3_8_report(
    kenya_variant: Callable[..., Path],
) -> None:
    path = kenya_variant(("stockpiles: false", "stockpiles: false\n  retention_for_training: true"))
    titles = [str(e["summary"]) for e in events(ics(path))]
    assert titles.count("Report on cluster munitions retained or transferred due (article 3, paragraph 8)") == 3
    assert not any("retained or transferred" in str(e["summary"]) for e in events(ics()))


def test_every_event_is_all_day_with_a_display_reminder_before_it() -> None:
    found = events(ics())
    assert found
    for event in found:
        start = event.decoded("dtstart")
        assert type(start) is date  # an all-day event, not a datetime
        assert event.decoded("dtend") == start + timedelta(days=1)
        assert str(event["description"]).strip()
        alarms = list(event.walk("VALARM"))
        assert len(alarms) == 1
        alarm = alarms[0]
        assert str(alarm["action"]) == "DISPLAY"
        assert str(alarm["description"]).strip()  # RFC 5545: a DISPLAY alarm must have one
        trigger = alarm.decoded("trigger")
        assert isinstance(trigger, timedelta) and trigger < timedelta(0)


def test_uids_are_unique_and_stable() -> None:
    first = [str(e["uid"]) for e in events(ics())]
    assert len(set(first)) == len(first)
    assert all("@" in uid and "KE" in uid for uid in first)
    assert [str(e["uid"]) for e in events(ics())] == first


def test_an_added_deadline_leaves_the_other_uids_alone(kenya_variant: Callable[..., Path]) -> None:
    plain = {e.decoded("dtstart"): str(e["uid"]) for e in events(ics())}
    with_stockpiles = {
        e.decoded("dtstart"): str(e["uid"])
        for e in events(ics(kenya_variant(("stockpiles: false", "stockpiles: true"))))
    }
    assert len(with_stockpiles) == len(plain) + 2  # the deadline, and the extension request's milestone
    assert all(with_stockpiles[day] == uid for day, uid in plain.items())


def test_equal_inputs_give_identical_bytes() -> None:
    assert ics() == ics()
    assert ics(lang="fr") == ics(lang="fr")
    assert ics(lang="fr") != ics()


def test_dtstamp_is_the_deposit_day_without_source_date_epoch() -> None:
    for event in events(ics()):
        assert event.decoded("dtstamp") == datetime(2027, 2, 1, tzinfo=UTC)


def test_dtstamp_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = ics()
    for event in events(data):
        assert event.decoded("dtstamp") == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert data == ics()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    later = ics()
    assert later != data
    assert {e.decoded("dtstamp") for e in events(later)} == {datetime(2027, 1, 15, 8, 0, tzinfo=UTC)}
