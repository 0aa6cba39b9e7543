"""Entry into force (Art. 17) and the deadlines that follow from it.

Art. 17(1): the Convention entered into force on the first day of the sixth
month after the month in which the thirtieth instrument was deposited.
Art. 17(2): for a State depositing after that, on the first day of the sixth
month after the month of its deposit.  Deadlines count from the State's own
entry into force.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..model.treaty import Treaty


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def entry_into_force(deposit: date, treaty: Treaty) -> date:
    """The date the treaty enters into force for a State that deposits on ``deposit``."""
    rule = treaty.entry_into_force
    if deposit <= rule.threshold_reached:
        return rule.general
    first_of_month = deposit.replace(day=1)
    return add_months(first_of_month, rule.months_after_deposit)


@dataclass(frozen=True)
class Deadline:
    """One dated obligation."""

    key: str
    article: str
    due: date


def deadlines(eif: date, treaty: Treaty, facts: dict[str, bool], years_of_annual_reports: int = 3) -> list[Deadline]:
    """Every deadline that follows from entry into force ``eif``, in date order.

    Annual reports (Art. 7(2), by 30 April, covering the previous calendar year) are listed from
    the first 30 April after the initial report falls due. Rules without a date of their own (the
    six-month notice of withdrawal) are not deadlines and are left out.
    """
    out: list[Deadline] = [Deadline("entry_into_force", str(treaty.entry_into_force.article), eif)]
    initial = eif
    for key, rule in treaty.deadlines.items():
        if rule.when is not None and not facts.get(rule.when, False):
            continue
        if rule.days_after_entry_into_force is not None:
            initial = eif + timedelta(days=rule.days_after_entry_into_force)
            out.append(Deadline(key, rule.article, initial))
        elif rule.years_after_entry_into_force is not None:
            out.append(Deadline(key, rule.article, add_months(eif, 12 * rule.years_after_entry_into_force)))
    for key, rule in treaty.deadlines.items():
        if rule.month is not None and rule.day is not None:
            first = date(initial.year, rule.month, rule.day)
            if first <= initial:
                first = first.replace(year=first.year + 1)
            for offset in range(years_of_annual_reports):
                out.append(Deadline(key, rule.article, first.replace(year=first.year + offset)))
    return sorted(out, key=lambda d: (d.due, d.key))


def facts_of(implementation: object) -> dict[str, bool]:
    """The facts deadlines depend on (``stockpiles``, ``contaminated``) from a profile's implementation section."""
    return {name: bool(getattr(implementation, name, False)) for name in ("stockpiles", "contaminated")}
