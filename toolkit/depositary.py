"""What the depositary will look at, as checks with a rule, a source and a fix.

Each check returns a :class:`Check` that is ``passed``, ``failed`` or
``manual`` (to be done or confirmed by hand).  A failed blocking check means
the Secretary-General would not accept the instrument as drafted.  Checks do no
I/O: they read the profile, the treaty data and the resolved text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .i18n import format_long_date
from .profile import Profile
from .treaty import Treaty

Status = Literal["passed", "failed", "manual"]

OFFICE_TITLES = {
    "head_of_state": "Head of State",
    "head_of_government": "Head of Government",
    "minister_for_foreign_affairs": "Minister for Foreign Affairs",
}
HANDBOOK = "UN Treaty Handbook (2012), 3.3.5"
FULL_POWERS = "UN Treaty Handbook (2012), 3.2.2-3.2.3"


@dataclass(frozen=True)
class Check:
    """One thing the depositary checks, and how this instrument fares."""

    id: str
    rule: str
    source: str
    status: Status
    detail: str
    fix: str = ""
    blocking: bool = True

    @property
    def refuses(self) -> bool:
        """Whether this check would make the depositary refuse the instrument."""
        return self.status == "failed" and self.blocking


@dataclass
class TextNote:
    """A piece of profile text used in a language it was not written for."""

    field: str
    lang: str
    used: str


@dataclass
class CheckContext:
    """What the checks read besides the profile: the language and text fallbacks."""

    lang: str
    text_notes: list[TextNote] = field(default_factory=list)


def run_checks(profile: Profile, treaty: Treaty, ctx: CheckContext) -> list[Check]:
    """Every depositary check, in the order an official would go through them."""
    return [
        _authority(profile),
        _act(profile, treaty),
        _recorded_signature(profile, treaty),
        _not_already_party(profile, treaty),
        _treaty_identified(treaty, ctx.lang),
        _intent(profile),
        _reservations(profile, treaty),
        _declarations(profile, treaty),
        _language(ctx.lang),
        _place_and_date(profile),
        _hand_signature(),
        _original_delivered(treaty),
        _text_fallbacks(ctx),
    ]


def _authority(profile: Profile) -> Check:
    rule = (
        "Signed by the Head of State, Head of Government or Minister for Foreign Affairs, "
        "or by someone holding full powers from one of them"
    )
    office = profile.signatory.office
    if office != "other":
        return Check(
            "signatory-authority",
            rule,
            HANDBOOK,
            "passed",
            f"{profile.signatory.name} signs as {OFFICE_TITLES[office]}: no full powers are needed.",
        )
    grantor = profile.signatory.full_powers_from
    assert grantor is not None  # guaranteed by the profile's cross-checks
    if grantor.office is None:
        return Check(
            "signatory-authority",
            rule,
            FULL_POWERS,
            "manual",
            f"Full powers from {grantor.name} are drafted (full-powers.docx).",
            "Confirm that the person granting full powers is Head of State, Head of Government or "
            "Minister for Foreign Affairs, and set full_powers_from.office.",
            blocking=False,
        )
    return Check(
        "signatory-authority",
        rule,
        FULL_POWERS,
        "passed",
        f"{profile.signatory.name} signs under full powers from {grantor.name} "
        f"({OFFICE_TITLES[grantor.office]}); full-powers.docx must be signed and sent with the instrument.",
    )


def _act(profile: Profile, treaty: Treaty) -> Check:
    act = profile.resolved_act
    rule = (
        "The act fits the State's signature: ratification, acceptance or approval by a signatory; accession otherwise"
    )
    source = f"Convention, Art. {treaty.acts.article}"
    if profile.is_signatory:
        assert profile.signature.date is not None
        detail = (
            f"The State signed the Convention on {format_long_date(profile.signature.date, 'en')}; "
            f"the instrument is one of {act}."
        )
    else:
        detail = f"The State has not signed the Convention, so it accedes to it; the instrument is one of {act}."
    return Check("act-fits-signature", rule, source, "passed", detail)


def _recorded_signature(profile: Profile, treaty: Treaty) -> Check:
    rule = "The signature recited in the instrument matches the depositary's record"
    source = f"Convention, Art. {treaty.acts.article}; UN Treaty Collection {treaty.untc_reference}"
    record = treaty.recorded_signature(profile.state.code)
    given = profile.signature.date
    if record is None:
        if given is None:
            return Check(
                "signature-record",
                rule,
                source,
                "passed",
                "The treaty data records no signature by this State, and the profile gives none.",
            )
        return Check(
            "signature-record",
            rule,
            source,
            "manual",
            f"The profile gives a signature on {format_long_date(given, 'en')}, "
            "which the toolkit's data cannot confirm.",
            "Confirm the date in the UN Treaty Collection before the instrument is signed.",
            blocking=False,
        )
    recorded = format_long_date(record.signed, "en")
    if given is None:
        return Check(
            "signature-record",
            rule,
            source,
            "failed",
            f"The depositary records a signature by this State on {recorded}; a signatory cannot accede.",
            f"Set signature.date: {record.signed.isoformat()} and act: ratification (or acceptance/approval).",
        )
    if given != record.signed:
        return Check(
            "signature-record",
            rule,
            source,
            "failed",
            f"The profile says the State signed on {format_long_date(given, 'en')}; the record says {recorded}.",
            f"Use the recorded date, {record.signed.isoformat()}, or correct the treaty data if it is wrong.",
        )
    if record.general_knowledge:
        return Check(
            "signature-record",
            rule,
            source,
            "manual",
            f"Signed on {recorded}; this date is not yet confirmed by a stored source.",
            "Confirm the date in the UN Treaty Collection.",
            blocking=False,
        )
    return Check("signature-record", rule, source, "passed", f"Signed on {recorded}, as recorded.")


def _not_already_party(profile: Profile, treaty: Treaty) -> Check:
    rule = "The State is not already a party"
    source = f"UN Treaty Collection {treaty.untc_reference}"
    party = treaty.recorded_party(profile.state.code)
    withdrawal = treaty.recorded_withdrawal(profile.state.code)
    if withdrawal is not None:
        return Check(
            "not-already-party",
            rule,
            source,
            "manual",
            f"The State withdrew; the withdrawal took effect on "
            f"{format_long_date(withdrawal.effective, 'en')} (Art. 20).",
            "Ask the Treaty Section which act a State that withdrew should deposit.",
            blocking=False,
        )
    if party is not None:
        return Check(
            "not-already-party",
            rule,
            source,
            "failed",
            f"The State deposited its instrument of {party.act} on {format_long_date(party.deposited, 'en')}.",
            "No new instrument is needed; check the profile's State code.",
        )
    return Check("not-already-party", rule, source, "passed", "The treaty data records no deposit by this State.")


def _treaty_identified(treaty: Treaty, lang: str) -> Check:
    return Check(
        "treaty-identified",
        "The treaty's exact title, place and date of adoption appear",
        HANDBOOK,
        "passed",
        f"{treaty.title('en')}, adopted at {treaty.adoption.place['en']} on "
        f"{format_long_date(treaty.adoption.date, 'en')}; taken from the treaty data, not typed.",
    )


def _intent(profile: Profile) -> Check:
    return Check(
        "intent-to-be-bound",
        "The Government's intent to be bound, and to perform the treaty, is unequivocal",
        HANDBOOK,
        "passed",
        f"The instrument states that the Government {_verb(profile.resolved_act)} the Convention and undertakes "
        "to perform and carry out its provisions, with no condition.",
    )


def _verb(act: str) -> str:
    return {"ratification": "ratifies", "acceptance": "accepts", "approval": "approves", "accession": "accedes to"}[act]


def _reservations(profile: Profile, treaty: Treaty) -> Check:
    return Check(
        "no-reservations",
        "No reservation",
        f"Convention, Art. {treaty.reservations.article}",
        "passed",
        "The instrument makes no reservation.",
    )


def _declarations(profile: Profile, treaty: Treaty) -> Check:
    article = treaty.declarations.provisional_application.article
    rule = f"Only declarations the Convention admits (provisional application of Article 1, Art. {article})"
    if profile.declarations.provisional_application:
        return Check(
            "declarations-admitted",
            rule,
            f"Convention, Art. {article}",
            "passed",
            f"The instrument declares provisional application of Article 1 only, as Art. {article} allows.",
        )
    return Check(
        "declarations-admitted", rule, f"Convention, Art. {article}", "passed", "The instrument makes no declaration."
    )


def _language(lang: str) -> Check:
    rule = "The instrument is in English or French, or a translation into one of them is attached"
    if lang in ("en", "fr"):
        return Check(
            "language",
            rule,
            "UN Treaty Handbook (2012), 3.3.5",
            "passed",
            f"The instrument is in {'English' if lang == 'en' else 'French'}.",
        )
    return Check(
        "language",
        rule,
        "UN Treaty Handbook (2012), 3.3.5",
        "manual",
        "The instrument is in another language.",
        "Attach a courtesy translation into English or French.",
        blocking=False,
    )


def _place_and_date(profile: Profile) -> Check:
    rule = "The place and date of signing appear"
    when = profile.instrument.date
    if when is None:
        return Check(
            "place-and-date",
            rule,
            HANDBOOK,
            "manual",
            "The date is left blank in the instrument.",
            "Write the date by hand when the instrument is signed, or give instrument.date.",
            blocking=False,
        )
    return Check("place-and-date", rule, HANDBOOK, "passed", f"Signed on {format_long_date(when, 'en')}.")


def _hand_signature() -> Check:
    return Check(
        "signed-by-hand",
        "The instrument bears the signatory's own signature; a seal alone is not enough",
        HANDBOOK,
        "manual",
        "The signature block is left for the signatory.",
        "Have the signatory sign the original by hand; a seal may be added but does not replace the signature.",
        blocking=False,
    )


def _original_delivered(treaty: Treaty) -> Check:
    return Check(
        "original-delivered",
        "The signed original reaches the depositary; a scan is for review only",
        "UN Treaty Handbook (2012), 3.3.5",
        "manual",
        f"Deliver the original to the {treaty.depositary.address}.",
        f"Send a scan to {treaty.depositary.email} first so the Treaty Section can review the text; "
        "the deposit takes effect when the original is received.",
        blocking=False,
    )


def _text_fallbacks(ctx: CheckContext) -> Check:
    rule = "Every text in the documents is in the packet's language"
    if not ctx.text_notes:
        return Check("text-language", rule, "Ratification Toolkit", "passed", "All text is in the packet's language.")
    fields = "; ".join(f"{note.field} (used as given: {note.used})" for note in ctx.text_notes)
    first = ctx.text_notes[0].field.rsplit(".", 1)[-1]
    return Check(
        "text-language",
        rule,
        "Ratification Toolkit",
        "manual",
        f"The profile gives no text in the packet's language ({ctx.lang}) for: {fields}.",
        f"Check that text in the documents; if it differs in this language, give it per language "
        f"in the profile, e.g. {first}: {{{ctx.lang}: …, fr: …}}.",
        blocking=False,
    )
