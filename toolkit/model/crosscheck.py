"""Rules that span fields of a profile or need the treaty (the third pass of loading a profile).

Each rule gives a :class:`Finding` (location, English message, fix, and its kind with the values
an interface in another language needs); the loader turns them into problems with the YAML line.
Every fact comes from the treaty data: its name, its articles, its dates.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, NamedTuple

from .treaty import Treaty

if TYPE_CHECKING:
    from .facts import Facts
    from .profile import Profile


class Finding(NamedTuple):
    """One violated rule."""

    loc: tuple[str | int, ...]
    message: str
    fix: str
    kind: str
    params: dict[str, str]


def cross_check(profile: Profile, treaty: Treaty) -> list[Finding]:
    """Rules that span fields or need the treaty: (location, message, fix) for each violation."""
    out: list[Finding] = []
    act = profile.resolved_act
    signed = profile.signature.date
    opened = treaty.opened_for_signature
    the = f"the {treaty.noun}"
    signing = f"Art. {opened.article}" if opened.article is not None else "its final clauses"
    if signed is None and act in treaty.acts.signatory:
        out.append(
            Finding(
                ("act",),
                f"a State that has not signed {the} cannot deposit an instrument of {act} "
                f"(Art. {treaty.acts.article}(1)); it accedes (Art. {treaty.acts.article}(2))",
                "write act: accession, or give signature.date if the State signed",
                "unsigned_cannot_ratify",
                {"act": act, "article": str(treaty.acts.article)},
            )
        )
    if signed is not None and act in treaty.acts.non_signatory:
        out.append(
            Finding(
                ("act",),
                f"a State that signed {the} joins it by ratification, acceptance or approval, "
                f"not {act} (Art. {treaty.acts.article})",
                "write act: ratification, or remove signature.date if the State never signed",
                "signed_cannot_accede",
                {"act": act, "article": str(treaty.acts.article)},
            )
        )
    if signed is not None and signed < opened.date:
        out.append(
            Finding(
                ("signature", "date"),
                f"{signed.isoformat()} is before {the} opened for signature ({opened.date.isoformat()}, {signing})",
                "check the date of the State's signature",
                "signature_before_opening",
                {"date": signed.isoformat(), "opened": opened.date.isoformat()},
            )
        )
    if signed is not None and opened.closed is not None and signed >= opened.closed:
        out.append(
            Finding(
                ("signature", "date"),
                f"{signed.isoformat()} is not before {the} closed for signature on "
                f"its entry into force ({opened.closed.isoformat()}, {signing})",
                "a State that did not sign before then accedes: remove signature.date",
                "signature_after_closing",
                {"date": signed.isoformat(), "closed": opened.closed.isoformat()},
            )
        )
    for index, _ in enumerate(profile.declarations.reservations):
        out.append(
            Finding(
                ("declarations", "reservations", index),
                f"{the} admits no reservations "
                f"(Art. {treaty.reservations.article}); the depositary will not accept an instrument that makes one",
                "remove it and leave reservations: []",
                "no_reservations",
                {"article": str(treaty.reservations.article)},
            )
        )
    signatory = profile.signatory
    if signatory.office == "other" and signatory.full_powers_from is None:
        out.append(
            Finding(
                ("signatory", "full_powers_from"),
                "is required when office is other: only a Head of State, Head of "
                "Government or Minister for Foreign Affairs signs without full powers",
                "give full_powers_from: {name: …, title: …, office: minister_for_foreign_affairs}",
                "full_powers_needed",
                {},
            )
        )
    if signatory.office == "other" and signatory.title is None:
        out.append(
            Finding(
                ("signatory", "title"),
                "is required when office is other",
                "write the signatory's official title",
                "title_needed",
                {},
            )
        )
    if signatory.office != "other" and signatory.full_powers_from is not None:
        out.append(
            Finding(
                ("signatory", "full_powers_from"),
                f"is only used when office is other, not {signatory.office}",
                "remove full_powers_from, or set office: other",
                "full_powers_unused",
                {},
            )
        )
    inst_date = profile.instrument.date
    if inst_date is not None and inst_date < treaty.adoption.date:
        out.append(
            Finding(
                ("instrument", "date"),
                f"{inst_date.isoformat()} is before {the} was adopted ({treaty.adoption.date.isoformat()})",
                "check the date, or leave it out to fill in by hand",
                "instrument_before_adoption",
                {"date": inst_date.isoformat(), "adopted": treaty.adoption.date.isoformat()},
            )
        )
    if inst_date is not None and signed is not None and inst_date < signed:
        out.append(
            Finding(
                ("instrument", "date"),
                f"{inst_date.isoformat()} is before the State signed {the} "
                f"({signed.isoformat()}); the instrument follows the signature",
                "check both dates",
                "instrument_before_signature",
                {"date": inst_date.isoformat(), "signed": signed.isoformat()},
            )
        )
    planned = profile.deposit.planned
    if planned is not None and planned < opened.date:
        out.append(
            Finding(
                ("deposit", "planned"),
                f"{planned.isoformat()} is before {the} was opened for signature ({opened.date.isoformat()})",
                "check the year",
                "deposit_before_opening",
                {"date": planned.isoformat(), "opened": opened.date.isoformat()},
            )
        )
    elif planned is not None and signed is not None and planned < signed:
        out.append(
            Finding(
                ("deposit", "planned"),
                f"{planned.isoformat()} is before the State signed {the} ({signed.isoformat()})",
                "the deposit follows the signature",
                "deposit_before_signature",
                {"date": planned.isoformat(), "signed": signed.isoformat()},
            )
        )
    if planned is not None and inst_date is not None and planned < inst_date:
        out.append(
            Finding(
                ("deposit", "planned"),
                f"{planned.isoformat()} is before the instrument is signed ({inst_date.isoformat()})",
                "the deposit follows the signature of the instrument",
                "deposit_before_instrument",
                {"date": planned.isoformat(), "instrument": inst_date.isoformat()},
            )
        )
    return out


def check_facts(profile: Profile, facts: Facts) -> list[Finding]:
    """Every key under ``implementation:`` that is not one of its fields must be a declared fact, of its type."""
    from .profile import Implementation

    out: list[Finding] = []
    known = sorted({*Implementation.model_fields, *facts})
    for name, value in (profile.implementation.model_extra or {}).items():
        fact = facts.get(name)
        if fact is None:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            fix = f"did you mean {close[0]!r}?" if close else f"known keys here: {', '.join(known)}"
            out.append(
                Finding(
                    ("implementation", name),
                    f"unknown key {name!r}",
                    fix + " (a new fact is declared in templates/<treaty>/facts.yaml)",
                    "extra_forbidden",
                    {},
                )
            )
            continue
        problem = fact.check_value(value)
        if problem and fact.type == "yes_no":
            fix = f"write true or false; it answers: {fact.question}"
            out.append(Finding(("implementation", name), problem, fix, "fact_yes_no", {}))
        elif problem:
            fix = f"write a whole number, without quotes; it answers: {fact.question}"
            out.append(Finding(("implementation", name), problem, fix, "fact_number", {}))
    return out
