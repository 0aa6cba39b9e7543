"""A State's one-page brief for a workshop: where it stands, which act, what is left to do, the key dates.

Everything comes from the packet's own context (the profile, the treaty data, the calendar and the
depositary checks), in the packet's language: the brief says nothing the packet does not.
"""

from __future__ import annotations

from typing import Any

from ..documents.context import DocumentContext

# The roadmap's steps before the deposit, as its headings name them (the same words, already translated).
_STEPS_BEFORE_DEPOSIT = (
    "1. Approval at home",
    "2. Implementing legislation (article 9)",
    "3. Signature of the instrument",
    "4. Advance copy for review",
    "5. Deposit with the Secretary-General",
)


def brief_values(context: DocumentContext, documents: list[str], workshop_title: str = "") -> dict[str, Any]:
    """What ``<treaty>/packet/brief.docx`` is rendered with; ``documents`` are the keys of the packet's documents."""
    values = context.values()
    _ = context.language.gettext
    instrument, state, calendar = context.instrument, context.state, context.calendar
    facts = [
        (
            _("Signature of the Convention"),
            _("Signed on %(date)s") % {"date": state.signature_date}
            if state.is_signatory
            else _("Not signed: the State joins by accession"),
        ),
        (_("Instrument"), context.document_titles["instrument"]),
        (
            _("Signs the instrument"),
            _("%(name)s, %(title)s") % {"name": instrument.signatory_name, "title": instrument.signatory_title},
        ),
        (
            _("Full powers"),
            _("Needed, granted by %(name)s, %(title)s")
            % {"name": instrument.grantor_name, "title": instrument.grantor_title}
            if instrument.needs_full_powers
            else _("Not needed"),
        ),
        (
            _("Declaration under article 18"),
            _("Made: article 1 applies provisionally from the deposit")
            if instrument.provisional_application
            else _("Not made"),
        ),
        (_("Implementing law"), _model_law(context, values["legislation_model"], "legislation" in documents)),
        (_("Planned deposit"), calendar.deposit_planned or _("Not yet planned")),
        (
            _("Entry into force"),
            calendar.entry_into_force or _("The first day of the sixth month after the date of deposit"),
        ),
    ]
    open_checks = sorted(
        (check for check in values["checks"] if check["status"] != "passed" and not check["own"]),  # the depositary's
        key=lambda check: (check["status"] != "failed", not check["blocking"]),
    )
    return values | {
        "workshop_title": workshop_title,
        "facts": [{"label": label, "value": value} for label, value in facts],
        "key_dates": _first_of_each(calendar.deadlines),
        "steps": [_(step) for step in _STEPS_BEFORE_DEPOSIT],
        "open_checks": open_checks,
    }


def _model_law(context: DocumentContext, model: str, in_packet: bool) -> str:
    _ = context.language.gettext
    if not in_packet:
        return _("No model law in the packet: the profile gives no penalties")
    if model == "common_law":
        return _("A model Act of Parliament, in the packet")
    return _("A model law in articles, in the packet")


def _first_of_each(deadlines: list[Any]) -> list[dict[str, str]]:
    """Each obligation once, at its first date (the annual report is due every year: the first is enough)."""
    seen: set[str] = set()
    rows = []
    for row in deadlines:
        if row.title not in seen:
            seen.add(row.title)
            rows.append({"date": row.date, "title": row.title})
    return rows
