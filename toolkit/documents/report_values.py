"""What the initial transparency report (article 7) and the approval papers read: the due dates, the
procedure by which the State approves joining, and what only the State can still give, by form.

The forms and what each needs are treaty data (``reporting`` in ``toolkit/model/treaties/<id>.yaml``);
the same list of needs is printed in the report, beside each form, and by ``ratkit check``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..lang.language import Language
from ..model.profile import Profile
from ..model.treaty import Treaty


@dataclass(frozen=True)
class ReportNeedRow:
    """One thing only the State can give, and the form of the report it goes in."""

    form: str
    text: str


@dataclass(frozen=True)
class ReportValues:
    """The report's dates (empty when no deposit is planned), its needs by form, and the approval procedure."""

    report_due: str
    convention_in_force: str  # the treaty's own entry into force (article 17, paragraph 1)
    stockpile_deadline: str
    clearance_deadline: str
    report_formats: str
    report_needs: dict[str, list[str]] = field(default_factory=dict)
    approval_procedure: str = "law"
    approval_given: bool = False  # the profile says how the State approves (else the usual way, to confirm)
    has_model_law: bool = False


class DatedRow(Protocol):
    """A line of the packet's calendar: the deadline's key and its date as the packet writes it."""

    @property
    def key(self) -> str: ...

    @property
    def date(self) -> str: ...


def report_needs(profile: Profile, treaty: Treaty, language: Language) -> list[ReportNeedRow]:
    """What the initial report still needs from the State, form by form, in ``language``."""
    if treaty.reporting is None:
        return []
    facts: dict[str, Any] = profile.fact_values()
    return [
        ReportNeedRow(need.form, language.gettext(need.description))
        for need in treaty.reporting.needs
        if not need.when or any(facts.get(name) is True for name in need.when)
    ]


def report_values(profile: Profile, treaty: Treaty, language: Language, calendar: Sequence[DatedRow]) -> ReportValues:
    """The values of the report and the approval papers for ``profile`` in ``language``; their dates are
    the packet's calendar's (``calendar``: empty when no deposit is planned)."""
    forms = treaty.reporting.forms if treaty.reporting is not None else []
    by_form: dict[str, list[str]] = {form: [] for form in ["cover", *forms]}
    for need in report_needs(profile, treaty, language):
        by_form.setdefault(need.form, []).append(need.text)
    due = {"initial_report": "", "stockpile_destruction": "", "clearance": ""}
    for row in calendar:
        if row.key in due and not due[row.key]:
            due[row.key] = row.date
    return ReportValues(
        report_due=due["initial_report"],
        convention_in_force=language.long_date(treaty.entry_into_force.general),
        stockpile_deadline=due["stockpile_destruction"],
        clearance_deadline=due["clearance"],
        report_formats=treaty.reporting.formats if treaty.reporting is not None else "",
        report_needs=by_form,
        approval_procedure=profile.approval_procedure,
        approval_given=profile.state.approval is not None,
        has_model_law=profile.implementation.penalties is not None,
    )


__all__ = ["ReportNeedRow", "ReportValues", "report_needs", "report_values"]
