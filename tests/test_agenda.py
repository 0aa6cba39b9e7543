"""Calendar command, calendar.ics, the roadmap and the DRAFT watermark."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import icalendar
from click.testing import CliRunner
from conftest import ACCESSION, FULL_POWERS, KENYA, PROVISIONAL, docx_text

from toolkit.build import build_packet
from toolkit.cli import main
from toolkit.lang.language import resolve_language
from toolkit.model.load import load_profile
from toolkit.rules.agenda import agenda, example_deposit, format_agenda


def cli(*args: str | Path):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_agenda_for_nigeria_like_deposit_matches_the_published_dates(write_profile) -> None:
    profile = load_profile(KENYA)
    items = {(i.key, i.due) for i in agenda(profile, profile.treaty_data(), resolve_language("en"), date(2023, 2, 28))}
    assert ("entry_into_force", date(2023, 8, 1)) in items  # Nigeria, per the ISU
    assert ("initial_report", date(2024, 1, 28)) in items  # Nigeria's initial report, per the ISU
    assert ("annual_report", date(2024, 4, 30)) in items


def test_stockpile_and_clearance_deadlines_only_when_the_facts_call_for_them() -> None:
    kenya = load_profile(KENYA)  # no stockpiles, not contaminated
    keys = {i.key for i in agenda(kenya, kenya.treaty_data(), resolve_language("en"), date(2027, 2, 1))}
    assert "stockpile_destruction" not in keys and "clearance" not in keys
    brazil = load_profile(PROVISIONAL)
    items = {i.key: i.due for i in agenda(brazil, brazil.treaty_data(), resolve_language("en"), date(2027, 2, 1))}
    if brazil.implementation.stockpiles:
        assert items["stockpile_destruction"] == date(2035, 8, 1)


def test_calendar_command_prints_every_date_and_writes_an_ics(tmp_path: Path) -> None:
    ics = tmp_path / "kenya.ics"
    result = cli("calendar", KENYA, "--deposit", "2027-02-01", "--ics", ics)
    assert result.exit_code == 0, result.output
    assert "Deposit: 1 February 2027" in result.output
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    assert "1 August 2027 The Convention enters into force for the Republic of Kenya" in lines
    assert "28 January 2028 Initial transparency report due (article 7, paragraph 1)" in lines
    assert "Withdrawal (article 20)" in result.output
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    events = cal.walk("VEVENT")
    starts = sorted(e.decoded("dtstart") for e in events)
    assert starts[0] == date(2027, 8, 1)
    assert date(2028, 1, 28) in starts
    for event in events:
        assert event.walk("VALARM"), "every deadline has a reminder"
        assert event["uid"].endswith("@ratification-toolkit")


def test_calendar_without_a_deposit_explains_the_rule_with_an_example() -> None:
    profile = load_profile(ACCESSION)
    text = format_agenda(profile, profile.treaty_data(), resolve_language("en"), None, date(2026, 11, 23))
    assert "first day of the sixth month after the date" in text  # art. 17(2) says "date"
    assert "a deposit on 15 December 2026 would give" in text
    assert "1 June 2027" in text
    assert example_deposit(date(2026, 12, 5)) == date(2027, 1, 15)


def test_calendar_refuses_a_deposit_before_the_convention_existed_and_ics_without_date() -> None:
    result = cli("calendar", KENYA, "--deposit", "2005-01-01")
    assert result.exit_code == 1
    assert "--deposit: 2005-01-01 is before the Convention was opened for signature" in result.output
    no_date = cli("calendar", ACCESSION, "--ics", "x.ics")
    assert no_date.exit_code == 1 and "--ics: no deposit date" in no_date.output


def test_packet_calendar_ics_is_reproducible_and_only_with_a_planned_deposit(tmp_path: Path) -> None:
    build_packet(KENYA, "en", tmp_path / "a", pdf=False)
    build_packet(KENYA, "en", tmp_path / "b", pdf=False)
    assert (tmp_path / "a" / "calendar.ics").read_bytes() == (tmp_path / "b" / "calendar.ics").read_bytes()
    build_packet(ACCESSION, "en", tmp_path / "c", pdf=False)
    assert not (tmp_path / "c" / "calendar.ics").exists()


def test_roadmap_follows_legal_system_full_powers_and_dates(tmp_path: Path) -> None:
    build_packet(KENYA, "en", tmp_path / "ke", pdf=False)
    kenya = " ".join(docx_text(tmp_path / "ke" / "roadmap.docx").split())
    # a common-law State that does not say how it approves: the Government decides, to confirm
    assert "The Government approves joining by its own decision" in kenya and "Act of Parliament" in kenya
    assert "give state.approval in the profile" in kenya
    assert "it is planned for 1 February 2027" in kenya
    assert "enters into force for the Republic of Kenya on 1 August 2027" in kenya
    assert "28 January 2028" in kenya and "full powers" not in kenya.split("3. Signature")[1].split("4.")[0]
    build_packet(FULL_POWERS, "en", tmp_path / "fp", pdf=False)
    uganda = " ".join(docx_text(tmp_path / "fp" / "roadmap.docx").split())
    assert "first signs full powers authorizing" in uganda
    build_packet(PROVISIONAL, "en", tmp_path / "br", pdf=False)
    brazil = " ".join(docx_text(tmp_path / "br" / "roadmap.docx").split())
    assert "Parliament approves joining by law" in brazil and "declaration under article 18" in brazil
    assert "applies article 1 provisionally" in brazil


def test_draft_puts_a_watermark_in_every_document_and_none_without(tmp_path: Path) -> None:
    build_packet(KENYA, "en", tmp_path / "d", pdf=False, draft=True)
    build_packet(KENYA, "en", tmp_path / "f", pdf=False)
    for docx in (tmp_path / "d").glob("*.docx"):
        with zipfile.ZipFile(docx) as z:
            headers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/header")]
        assert any('string="DRAFT"' in h for h in headers), docx.name
    for docx in (tmp_path / "f").glob("*.docx"):
        with zipfile.ZipFile(docx) as z:
            assert not any(n.startswith("word/header") and b"DRAFT" in z.read(n) for n in z.namelist())
