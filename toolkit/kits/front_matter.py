"""A workshop's front matter in one language: the agenda, the sign-in sheet, the list of participants.

The values each template is rendered with, from the workshop description (:mod:`toolkit.kits.workshop`)
and the kit's States.  Without an agenda in the description the toolkit's standard programme is
used, in the kit's language; without participants the list and the sign-in sheet have a row per
State to fill in by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from ..documents.phrases import capitalized
from ..lang.language import Language
from ..model.names import find_state, state_name
from ..model.text import Localized
from .index import state_sort_key
from .workshop import Workshop

SIGN_IN_ROWS = 18  # rows on a sign-in page at least: the expected participants, then blank ones


@dataclass(frozen=True)
class KitState:
    """A State of the kit, named in the kit's language."""

    code: str
    short: str


def _mark(message: str) -> str:
    """A message for the catalogs (``ratkit i18n extract`` reads ``_mark`` like ``_``), translated when rendered."""
    return message


@dataclass(frozen=True)
class _Standard:
    """A session of the standard programme (English msgid; translated when rendered)."""

    start: time
    end: time
    title: str


_FIRST_DAY = (
    _Standard(time(9, 0), time(9, 30), _mark("Opening and introductions")),
    _Standard(
        time(9, 30), time(10, 30), _mark("The Convention: its prohibitions and the obligations of States Parties")
    ),
    _Standard(time(10, 30), time(10, 45), _mark("Break")),
    _Standard(
        time(10, 45),
        time(12, 0),
        _mark("Joining the Convention: ratification, acceptance, approval or accession, and the depositary"),
    ),
    _Standard(time(12, 0), time(13, 0), _mark("Lunch")),
    _Standard(time(13, 0), time(14, 30), _mark("National implementation measures: the model law")),
    _Standard(time(14, 30), time(14, 45), _mark("Break")),
    _Standard(
        time(14, 45), time(16, 30), _mark("Work on each State's packet: the instrument, full powers and cover note")
    ),
)
_SECOND_DAY = (
    _Standard(
        time(9, 0),
        time(10, 30),
        _mark("After entry into force: transparency reports, stockpiles, clearance and victim assistance"),
    ),
    _Standard(time(10, 30), time(10, 45), _mark("Break")),
    _Standard(time(10, 45), time(12, 30), _mark("Work on each State's packet (continued)")),
)
_CLOSING = _Standard(time(16, 30), time(17, 0), _mark("Next steps and closing"))


def text_in(text: Localized | None, lang: str) -> str:
    """A description's text in ``lang`` (the description was checked to give one for every kit language)."""
    if text is None:
        return ""
    return text.plain if text.plain is not None else text.get(lang) or ""


def workshop_heading(workshop: Workshop | None, language: Language) -> dict[str, str]:
    """The title, dates and venue as every document of the kit heads them ("" when not given)."""
    if workshop is None:
        return {"workshop_title": "", "workshop_dates": "", "workshop_venue": ""}
    _ = language.gettext
    dates = ""
    if workshop.start is not None:
        dates = workshop_dates(workshop.start, workshop.end or workshop.start, language)
    return {
        "workshop_title": text_in(workshop.title, language.code),
        "workshop_dates": dates,
        "workshop_venue": text_in(workshop.venue, language.code),
    }


def workshop_dates(start: date, end: date, language: Language) -> str:
    """The workshop's dates as a heading writes them: one date; "15–16 March 2027" within a month
    (each language's own form: «15–16 марта 2027 года», 2027年3月15日至16日); else both dates in full."""
    _ = language.gettext
    if end == start:
        return language.long_date(start)
    first, last = language.long_date(start), language.long_date(end)  # months apart: both in full
    if (start.year, start.month) == (end.year, end.month):
        return capitalized(language.dates_within_month(start, end))
    return _("From %(start)s to %(end)s") % {"start": first, "end": last}


def _day_title(workshop: Workshop, number: int, language: Language) -> str:
    _ = language.gettext
    day = workshop.day(number)
    if day is None:
        return _("Day %(number)s") % {"number": number}
    return _("Day %(number)s: %(date)s") % {"number": number, "date": language.long_date(day)}


def _clock(start: time, end: time) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def _standard_programme(days: int) -> list[list[_Standard]]:
    if days == 1:
        return [[*_FIRST_DAY, _CLOSING]]
    programme = [list(_FIRST_DAY)] + [list(_SECOND_DAY) for _ in range(days - 1)]
    programme[-1].append(_Standard(time(12, 30), time(13, 0), _CLOSING.title))
    return programme


def agenda_values(workshop: Workshop, language: Language) -> dict[str, Any]:
    """What ``packet/agenda.docx`` is rendered with."""
    lang = language.code
    days: list[dict[str, Any]] = []
    if workshop.agenda:
        for number in range(1, workshop.days + 1):
            sessions = sorted((s for s in workshop.agenda if s.day == number), key=lambda s: (s.start, s.end))
            rows = [
                {"time": _clock(s.start, s.end), "title": text_in(s.title, lang), "speaker": text_in(s.speaker, lang)}
                for s in sessions
            ]
            if rows:
                days.append({"title": _day_title(workshop, number, language), "sessions": rows})
    else:
        for number, standard in enumerate(_standard_programme(workshop.days), start=1):
            rows = [
                {"time": _clock(s.start, s.end), "title": language.gettext(s.title), "speaker": ""} for s in standard
            ]
            days.append({"title": _day_title(workshop, number, language), "sessions": rows})
    organisers = [text_in(text, lang) for text in workshop.organisers]
    return workshop_heading(workshop, language) | {
        "organisers": language.join(organisers) if organisers else "",
        "days": days,
        "rtl": language.rtl,
    }


def _participant_rows(workshop: Workshop | None, states: list[KitState], language: Language) -> list[dict[str, str]]:
    """The expected participants, sorted by whom they represent; else one empty row per State."""
    lang = language.code
    names = {state.code: state.short for state in states}
    rows = []
    for person in workshop.participants if workshop else []:
        if person.state is not None:
            represents = names.get(person.state) or _un_short_name(person.state, lang)
        else:
            represents = text_in(person.organisation, lang)
        rows.append(
            {
                "name": text_in(person.name, lang),
                "represents": represents,
                "function": text_in(person.function, lang),
                "code": person.state or "",
            }
        )
    if not rows:
        rows = [{"name": "", "represents": state.short, "function": "", "code": state.code} for state in states]
    return sorted(
        rows,
        key=lambda row: (state_sort_key(language, row["represents"], row["code"]), language.sort_key(row["name"])),
    )


def _un_short_name(code: str, lang: str) -> str:
    record = find_state(code)
    return state_name(record, lang).short if record is not None else code


def participants_values(workshop: Workshop | None, states: list[KitState], language: Language) -> dict[str, Any]:
    """What ``packet/participants.docx`` is rendered with."""
    rows = _participant_rows(workshop, states, language)
    return workshop_heading(workshop, language) | {
        "rows": rows,
        "blank_rows": any(not row["name"] for row in rows),
        "rtl": language.rtl,
    }


def sign_in_values(workshop: Workshop | None, states: list[KitState], language: Language) -> dict[str, Any]:
    """What ``packet/sign-in.docx`` is rendered with: a page per day, the expected participants, then blank rows."""
    expected = [row for row in _participant_rows(workshop, states, language) if row["name"]]
    rows = [{"name": row["name"], "represents": row["represents"]} for row in expected]
    rows += [{"name": "", "represents": ""}] * max(SIGN_IN_ROWS - len(rows), 5)
    numbered = [row | {"number": str(i)} for i, row in enumerate(rows, start=1)]
    days = workshop.days if workshop else 1
    titles = (
        [_day_title(workshop, number, language) for number in range(1, days + 1)]
        if workshop
        else [language.gettext("Date: ____________________")]
    )
    return workshop_heading(workshop, language) | {
        "days": [{"title": title, "rows": numbered} for title in titles],
        "rtl": language.rtl,
    }
