"""`ratkit check`: the profile validated and the depositary checks as a table."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

from .context import build_context
from .depositary import Check
from .i18n import SOURCE_LANGUAGE, check_language, document_languages, language_name
from .profile import Profile, load_profile

_MARK = {"passed": "PASSED", "failed": "FAILED", "manual": "BY HAND"}


@dataclass(frozen=True)
class CheckReport:
    """A validated profile and the checks of its instrument."""

    profile: Profile
    headline: str
    checks: list[Check]

    @property
    def refused(self) -> bool:
        """Whether the depositary would refuse the instrument."""
        return any(c.refuses for c in self.checks)


def check_profile(path: Path, lang: str | None = None) -> CheckReport:
    """Load ``path`` and run every depositary check for a packet in ``lang``.

    Without ``lang``: the profile's first working language if documents exist in it, else English.
    """
    profile = load_profile(path)
    if lang is None:
        lang = profile.default_language if profile.default_language in document_languages() else SOURCE_LANGUAGE
    context = build_context(profile, profile.treaty_data(), check_language(lang))
    values = context.values
    headline = f"{values['state_short']}: {values['act_instrument_treaty']} (packet in {language_name(lang, 'en')})"
    return CheckReport(profile, headline, context.checks)


def format_checks(report: CheckReport, width: int = 100) -> str:
    """The checks as a plain-text table, then a one-line verdict."""
    lines = [report.headline, ""]
    for check in report.checks:
        lines.append(f"{_MARK[check.status]:<8} {check.id:<22} {check.rule}")
        body = check.detail + (f" → {check.fix}" if check.fix and check.status != "passed" else "")
        lines.extend(textwrap.wrap(body, width=width, initial_indent=" " * 32, subsequent_indent=" " * 32))
        lines.append(f"{'':32}[{check.source}]")
    failed = [c for c in report.checks if c.refuses]
    manual = [c for c in report.checks if c.status == "manual"]
    lines.append("")
    if failed:
        lines.append(f"The depositary would refuse this instrument: {len(failed)} check(s) failed.")
    else:
        lines.append(f"Nothing would make the depositary refuse the instrument; {len(manual)} check(s) to do by hand.")
    return "\n".join(lines)
