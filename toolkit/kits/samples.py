"""Sample values for the kit's templates, for `ratkit templates check`: a kit of the example profiles.

Each kit template is rendered with every variant a kit can give it — with and without a workshop
description, with and without a list of participants, a packet not built — so a tag that only one
of them reaches is still checked.  The brief is rendered for every profile, like a packet's documents.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..documents.context import build_context
from ..documents.registry import (
    AGENDA_TEMPLATE,
    INDEX_TEMPLATE,
    PARTICIPANTS_TEMPLATE,
    SEPARATOR_TEMPLATE,
    SIGN_IN_TEMPLATE,
    plan_documents,
)
from ..lang.language import Language
from ..model.profile import Profile
from .brief import brief_values
from .front_matter import KitState, agenda_values, participants_values, sign_in_values, workshop_heading
from .index import index_values, not_built_row, packet_row
from .workshop import Workshop

_SAMPLE_DAY = date(2027, 1, 15)
_GENERIC = (INDEX_TEMPLATE, AGENDA_TEMPLATE, SIGN_IN_TEMPLATE, PARTICIPANTS_TEMPLATE, SEPARATOR_TEMPLATE)


def _sample_workshops(code: str) -> list[Workshop | None]:
    """No description; a one-day one with its own agenda; a two-day one with the standard programme."""
    one_day = Workshop.model_validate(
        {
            "title": "Sample workshop",
            "start": "2027-03-15",
            "venue": "Sample venue",
            "organisers": ["Sample organiser", "Another organiser"],
            "agenda": [{"start": "09:00", "end": "10:00", "title": "Opening", "speaker": "Sample speaker"}],
            "participants": [
                {"name": "Sample name", "state": code, "function": "Legal adviser"},
                {"name": "Another name", "organisation": "Sample organisation"},
            ],
        }
    )
    two_days = Workshop.model_validate({"title": "Sample workshop", "start": "2027-03-15", "end": "2027-03-16"})
    return [None, one_day, two_days]


def kit_samples(profiles: list[Profile], language: Language) -> dict[str, list[dict[str, Any]]]:
    """Every variant of values each generic kit template is rendered with, by template name."""
    states = [KitState(p.state.code, p.state_name(language.code).short) for p in profiles]
    rows: list[dict[str, Any]] = []
    for profile in profiles:
        context = build_context(profile, profile.treaty_data(), language)
        instrument, deposit = context.document_titles["instrument"], context.calendar.deposit_planned
        folder = f"{profile.state.code}/{language.code}"
        rows.append(packet_row(context.state.state_short, instrument, deposit, 12, folder, profile.treaty, 8))
    rows.append(not_built_row("broken.yaml", language))
    samples: dict[str, list[dict[str, Any]]] = {name: [] for name in _GENERIC}
    for workshop in _sample_workshops(profiles[0].state.code if profiles else "KE"):
        heading = workshop_heading(workshop, language)
        for duplex in (False, True):
            totals = {"print_pages": 40, "print_sheets": 20 if duplex else 40, "duplex": duplex}
            samples[INDEX_TEMPLATE].append(index_values(rows, language, _SAMPLE_DAY) | heading | totals)
        if workshop is not None:
            samples[AGENDA_TEMPLATE].append(agenda_values(workshop, language))
        samples[SIGN_IN_TEMPLATE].append(sign_in_values(workshop, states, language))
        samples[PARTICIPANTS_TEMPLATE].append(participants_values(workshop, states, language))
        samples[SEPARATOR_TEMPLATE] += [
            {
                "state_short": state.short,
                "state_formal": state.short,
                "treaty_title": "",
                "language_name": language.name(),
                "workshop_title": heading["workshop_title"],
                "rtl": language.rtl,
            }
            for state in states[:1]
        ]
    return samples


def brief_sample(profile: Profile, language: Language) -> dict[str, Any]:
    """The brief's values for ``profile`` in ``language``."""
    treaty = profile.treaty_data()
    documents = [planned.key for planned in plan_documents(profile, treaty, language.code)]
    return brief_values(build_context(profile, treaty, language), documents, "Sample workshop")
