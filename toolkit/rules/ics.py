"""calendar.ics: one all-day event per deadline, each with a reminder, for Outlook and Google Calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import icalendar

from ..lang.language import Language
from ..model.profile import Profile
from ..model.treaty import Treaty
from ..reproducible import source_date
from .agenda import AgendaItem, agenda


def calendar_ics(items: list[AgendaItem], *, calendar_name: str, uid_prefix: str, deposit: date) -> bytes:
    """The events as iCalendar bytes; stable UIDs and DTSTAMP so equal inputs give equal files."""
    stamp = source_date() or datetime.combine(deposit, time(0, 0), tzinfo=UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Ratification Toolkit//ratkit//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", calendar_name)
    for item in items:
        event = icalendar.Event()
        event.add("uid", f"{uid_prefix}-{item.key}-{item.due.isoformat()}@ratification-toolkit")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + timedelta(days=1))
        event.add("summary", item.title)
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.title)
        alarm.add("trigger", timedelta(days=-item.reminder_days))
        event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())


def packet_calendar(profile: Profile, treaty: Treaty, language: Language, deposit: date) -> bytes:
    """calendar.ics of a State that deposits on ``deposit``."""
    name = f"{profile.state_name(language.code).short}: {treaty.title(language.code)}"
    return calendar_ics(
        agenda(profile, treaty, language, deposit),
        calendar_name=name,
        uid_prefix=f"{treaty.id}-{profile.state.code}",
        deposit=deposit,
    )
