"""`ratkit check` and `ratkit calendar`: reports on a profile for the terminal."""

from __future__ import annotations

import textwrap
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .documents.context import build_context
from .documents.phrases import label_key, status_labels
from .documents.report_values import ReportNeedRow, report_needs
from .errors import ProfileError
from .lang.catalog import document_languages
from .lang.language import Language, resolve_language
from .lang.languages import SOURCE_LANGUAGE
from .model.load import load_profile
from .model.profile import Profile
from .rules.agenda import format_agenda
from .rules.check import Check


@dataclass(frozen=True)
class CheckReport:
    """A validated profile and the checks of its instrument."""

    profile: Profile
    headline: str
    checks: list[Check]
    language: Language
    report_needs: list[ReportNeedRow] = field(default_factory=list)  # what the initial report still needs

    @property
    def refused(self) -> bool:
        """Whether the depositary would refuse the instrument."""
        return any(c.refuses for c in self.checks)


def report_language(profile: Profile, lang: str | None) -> Language:
    """``lang`` if given, else the profile's first working language when documents exist in it, else English."""
    if lang is None:
        lang = profile.default_language if profile.default_language in document_languages() else SOURCE_LANGUAGE
    return resolve_language(lang)


def calendar_report(path: Path, deposit: date | None, lang: str | None, today: date) -> tuple[str, bytes | None]:
    """`ratkit calendar`: the dates as text and, when a deposit date is known, as iCalendar bytes."""
    profile = load_profile(path)
    treaty = profile.treaty_data()
    language = report_language(profile, lang)
    deposit = deposit or profile.deposit.planned
    opened = treaty.opened_for_signature.date
    if deposit is not None and deposit < opened:
        raise ProfileError(
            f"{deposit.isoformat()} is before the Convention was opened for signature ({opened.isoformat()})",
            key="--deposit",
            hint="give the date the instrument is (or was) deposited",
        )
    text = format_agenda(profile, treaty, language, deposit, today)
    if deposit is None:
        return text, None
    from .rules.ics import packet_calendar  # icalendar only when a calendar file is wanted

    return text, packet_calendar(profile, treaty, language, deposit)


def check_profile(path: Path, lang: str | None = None, templates: Path | None = None) -> CheckReport:
    """Load ``path`` and run every depositary check for a packet in ``lang``.

    Without ``lang``: the profile's first working language if documents exist in it, else English.
    ``templates``: a folder of templates whose facts.yaml declares more facts.
    """
    profile = load_profile(path, templates=templates)
    language = report_language(profile, lang)
    context = build_context(profile, profile.treaty_data(), language)
    phrase = context.instrument.act_instrument_treaty
    packet = language.gettext("packet in %(language)s") % {"language": language.name()}
    headline = language.gettext("%(state)s: %(instrument)s (%(packet)s)") % {
        "state": context.state.state_short,
        "instrument": phrase,
        "packet": packet,
    }
    needs = report_needs(profile, profile.treaty_data(), language)
    return CheckReport(profile, headline, context.checks, language, needs)


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: two for each wide (Chinese) character."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def format_checks(report: CheckReport, width: int = 100) -> str:
    """The checks as a plain-text table in the packet's language, then a one-line verdict."""
    language = report.language
    marks = {status: label.upper() for status, label in status_labels(language.gettext).items()}
    mark_width = max(_width(mark) for mark in marks.values()) + 1
    lines = [report.headline, ""]
    indent = " " * (mark_width + 23)
    for check in report.checks:
        mark = marks[label_key(check.status, check.blocking)]
        lines.append(f"{mark}{' ' * (mark_width - _width(mark))} {check.id:<22} {check.rule}")
        body = check.detail + (f" → {check.fix}" if check.fix and check.status != "passed" else "")
        wrap_at = max(width, len(indent) + 60)  # a long status word never squeezes the text below 60 columns
        lines.extend(textwrap.wrap(body, width=wrap_at, initial_indent=indent, subsequent_indent=indent))
        lines.append(f"{indent}[{check.source}]")
    failed = [c for c in report.checks if c.refuses]
    manual = [c for c in report.checks if c.status == "manual"]
    lines.append("")
    if failed:
        verdict = language.ngettext(
            "The depositary would refuse this instrument: %(num)d check failed.",
            "The depositary would refuse this instrument: %(num)d checks failed.",
            len(failed),
        )
        lines.append(verdict % {"num": len(failed)})
    else:
        verdict = language.ngettext(
            "Nothing would make the depositary refuse the instrument; %(num)d check to do by hand.",
            "Nothing would make the depositary refuse the instrument; %(num)d checks to do by hand.",
            len(manual),
        )
        lines.append(verdict % {"num": len(manual)})
    lines.extend(_report_needs_lines(report, width))
    return "\n".join(lines)


def _report_needs_lines(report: CheckReport, width: int) -> list[str]:
    """What the initial transparency report (art7-report) still needs from the State, form by form."""
    if not report.report_needs:
        return []
    _ = report.language.gettext
    lines = ["", _("The initial transparency report (article 7) still needs from the State:")]
    for need in report.report_needs:
        form = _("Cover page") if need.form == "cover" else _("Form %(form)s") % {"form": need.form}
        head = f"  {form}: "
        lines.extend(textwrap.wrap(need.text, width=width, initial_indent=head, subsequent_indent=" " * 4))
    return lines
