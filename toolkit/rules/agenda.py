"""The calendar of one State in words: entry into force and deadlines, titled in the packet's language.

Used by `ratkit calendar`, by the roadmap and checklist, and by ``calendar.ics``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..lang.catalog import format_long_date, translations
from ..lang.grammar import name_forms
from ..model.profile import Profile
from ..model.treaty import Treaty
from .dates import Deadline, deadlines, entry_into_force, facts_of


@dataclass(frozen=True)
class AgendaItem:
    """One dated event, ready to print or to put in a calendar."""

    key: str
    due: date
    due_text: str
    title: str
    description: str
    article: str


def _titles(_: Any, state: str, forms: dict[str, str]) -> dict[str, str]:
    return {
        "entry_into_force": _("The Convention enters into force for %(state)s") % {"state": state, **forms},
        "initial_report": _("Initial transparency report due (article 7, paragraph 1)"),
        "annual_report": _("Annual transparency report due (article 7, paragraph 2)"),
        "stockpile_destruction": _("Stockpiles destroyed: deadline (article 3, paragraph 2)"),
        "clearance": _("Contaminated areas cleared: deadline (article 4, paragraph 1)"),
    }


def _descriptions(_: Any) -> dict[str, str]:
    return {
        "entry_into_force": _(
            "The first day of the sixth month after the month in which the instrument was "
            "deposited (article 17, paragraph 2). The State is bound from this day."
        ),
        "initial_report": _(
            "Report to the Secretary-General as soon as practicable and in any event within "
            "180 days of entry into force, covering every item of article 7, paragraph 1, "
            "beginning with the national implementation measures."
        ),
        "annual_report": _(
            "Update the article 7 information to cover the previous calendar year, and send it "
            "to the Secretary-General by 30 April."
        ),
        "stockpile_destruction": _(
            "Destroy all stockpiled cluster munitions within eight years of entry into "
            "force, or request an extension in time (article 3, paragraphs 2 to 6)."
        ),
        "clearance": _(
            "Clear and destroy cluster munition remnants in contaminated areas within ten years of "
            "entry into force, or request an extension in time (article 4)."
        ),
    }


def agenda(profile: Profile, treaty: Treaty, lang: str, deposit: date) -> list[AgendaItem]:
    """Every dated event that follows from depositing on ``deposit``."""
    _ = translations(lang).gettext
    eif = entry_into_force(deposit, treaty)
    name = profile.state_name(lang)
    titles = _titles(_, name.short, name_forms(name.short, name.formal, lang))
    descriptions = _descriptions(_)
    items = []
    for deadline in deadlines(eif, treaty, facts_of(profile.implementation)):
        items.append(_item(deadline, titles, descriptions, lang))
    return items


def _item(deadline: Deadline, titles: dict[str, str], descriptions: dict[str, str], lang: str) -> AgendaItem:
    return AgendaItem(
        deadline.key,
        deadline.due,
        format_long_date(deadline.due, lang),
        titles[deadline.key],
        descriptions[deadline.key],
        deadline.article,
    )


def example_deposit(today: date) -> date:
    """A deposit date to explain the rule with when none is planned: the 15th of next month."""
    month = today.month % 12 + 1
    return date(today.year + (today.month == 12), month, 15)


def format_agenda(profile: Profile, treaty: Treaty, lang: str, deposit: date | None, today: date) -> str:
    """The calendar as text: for a planned deposit, or an example that explains the rule."""
    _ = translations(lang).gettext
    state = profile.state_name(lang).short
    lines = [f"{state}: {treaty.title(lang)}", ""]
    if deposit is None:
        deposit = example_deposit(today)
        lines.append(
            _(
                "No deposit date is planned (give --deposit YYYY-MM-DD, or deposit.planned in the profile). "
                "The Convention enters into force for a State on the first day of the sixth month after the month "
                "in which it deposits its instrument (article 17, paragraph 2). For example, a deposit on "
                "%(deposit)s would give:"
            )
            % {"deposit": format_long_date(deposit, lang)}
        )
    else:
        lines.append(_("Deposit: %(deposit)s") % {"deposit": format_long_date(deposit, lang)})
    lines.append("")
    items = agenda(profile, treaty, lang, deposit)
    width = max(len(item.due_text) for item in items)
    lines += [f"  {item.due_text:<{width}}  {item.title}" for item in items]
    lines.append("")
    lines.append(
        _(
            "Withdrawal (article 20): a withdrawal takes effect six months after the depositary receives "
            "the instrument of withdrawal."
        )
    )
    return "\n".join(lines)
