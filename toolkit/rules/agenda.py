"""The calendar of one State in words: entry into force and deadlines, in the packet's language.

Used by `ratkit calendar`, by the roadmap and checklist, and by ``calendar.ics``.
The words come from the treaty data (English msgids) through the language's catalog.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..lang.grammar import name_forms
from ..lang.language import Language
from ..model.profile import Profile
from ..model.treaty import Treaty
from .dates import Deadline, deadlines, entry_into_force


@dataclass(frozen=True)
class AgendaItem:
    """One dated event, ready to print or to put in a calendar."""

    key: str
    due: date
    due_text: str
    title: str
    description: str
    article: str
    reminder_days: int = 30  # the calendar's reminder, days before


def _entry_into_force_title(language: Language, treaty: Treaty, forms: dict[str, str]) -> str:
    return language.gettext(treaty.entry_into_force.title) % forms


def agenda(profile: Profile, treaty: Treaty, language: Language, deposit: date) -> list[AgendaItem]:
    """Every dated event that follows from depositing on ``deposit``."""
    eif = entry_into_force(deposit, treaty)
    name = profile.state_name(language.code)
    forms = name_forms(name.short, name.formal, language.spec)
    return [
        _item(deadline, treaty, language, _entry_into_force_title(language, treaty, forms))
        for deadline in deadlines(eif, treaty, profile.fact_values())  # a deadline applies when its fact is true
    ]


def _item(deadline: Deadline, treaty: Treaty, language: Language, eif_title: str) -> AgendaItem:
    _ = language.gettext
    reminder = 30
    if deadline.key == "entry_into_force":
        title, description = eif_title, _(treaty.entry_into_force.description)
    else:
        rule = treaty.deadlines[deadline.key]
        title, description, reminder = _(rule.title), _(rule.description), rule.reminder_days
    return AgendaItem(
        deadline.key, deadline.due, language.long_date(deadline.due), title, description, deadline.article, reminder
    )


def example_deposit(today: date) -> date:
    """A deposit date to explain the rule with when none is planned: the 15th of next month."""
    month = today.month % 12 + 1
    return date(today.year + (today.month == 12), month, 15)


def format_agenda(profile: Profile, treaty: Treaty, language: Language, deposit: date | None, today: date) -> str:
    """The calendar as text: for a planned deposit, or an example that explains the rule."""
    _ = language.gettext
    state = profile.state_name(language.code).short
    lines = [f"{state}: {treaty.title(language.code)}", ""]
    if deposit is None:
        deposit = example_deposit(today)
        lines.append(_("No deposit date is planned (give --deposit YYYY-MM-DD, or deposit.planned in the profile)."))
        lines.append(_(treaty.entry_into_force.explanation))
        lines.append(_("For example, a deposit on %(deposit)s would give:") % {"deposit": language.long_date(deposit)})
    else:
        lines.append(_("Deposit: %(deposit)s") % {"deposit": language.long_date(deposit)})
    lines.append("")
    items = agenda(profile, treaty, language, deposit)
    width = max(len(item.due_text) for item in items)
    lines += [f"  {item.due_text:<{width}}  {item.title}" for item in items]
    lines.append("")
    lines.append(_(treaty.withdrawal.note))
    return "\n".join(lines)
