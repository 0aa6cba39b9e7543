"""Entry into force for a State and the deadlines that follow from it, by the treaty's rules (data).

A State that deposits on or before the day the threshold instrument was
deposited is bound from the treaty's general entry into force (CCM Art. 17(1));
one that deposits later, by the treaty's rule for later States: the first day of
the Nth month after the month of deposit (CCM Art. 17(2)), or the Nth day after
the deposit.  Deadlines count from the State's own entry into force.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from ..model.treaty import Treaty


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the end of a shorter month (31 January + 1 → 28/29 February).

    Raises ValueError past the years the calendar has (1–9999).
    """
    year, month = divmod(day.year * 12 + (day.month - 1) + months, 12)
    last = calendar.monthrange(year, month + 1)[1] if 1 <= year <= 9999 else 0
    if not last:
        raise ValueError(f"{day.isoformat()} + {months} months is past the year 9999")
    return date(year, month + 1, min(day.day, last))


def entry_into_force(deposit: date, treaty: Treaty) -> date:
    """The date the treaty enters into force for a State that deposits on ``deposit``."""
    rule = treaty.entry_into_force
    if deposit <= rule.threshold_reached:
        return rule.general
    if rule.kind == "days_after_deposit":
        assert rule.days_after_deposit is not None  # the treaty data is validated
        return deposit + timedelta(days=rule.days_after_deposit)
    assert rule.months_after_deposit is not None
    return add_months(deposit.replace(day=1), rule.months_after_deposit)


@dataclass(frozen=True)
class Deadline:
    """One dated obligation."""

    key: str
    article: str
    due: date


def deadlines(
    eif: date, treaty: Treaty, facts: Mapping[str, object], years_of_annual_reports: int = 3
) -> list[Deadline]:
    """Every deadline that follows from entry into force ``eif``, in date order.

    Annual deadlines (CCM Art. 7(2): by 30 April, covering the previous calendar year) are listed
    from the first one after the initial report falls due, for ``years_of_annual_reports`` years.
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
        elif rule.months_after_entry_into_force is not None:
            out.append(Deadline(key, rule.article, add_months(eif, rule.months_after_entry_into_force)))
    for key, rule in treaty.deadlines.items():
        if rule.when is not None and not facts.get(rule.when, False):
            continue
        if rule.month is not None and rule.day is not None:
            first = date(initial.year, rule.month, rule.day)
            if first <= initial:
                first = first.replace(year=first.year + 1)
            for offset in range(years_of_annual_reports):
                out.append(Deadline(key, rule.article, first.replace(year=first.year + offset)))
    return sorted(out, key=lambda d: (d.due, d.key))
