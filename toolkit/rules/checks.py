"""What the depositary will look at, as checks with a rule, a source and a fix.

Each check returns a :class:`Check` that is ``passed``, ``failed`` or
``manual`` (to be done or confirmed by hand).  A failed blocking check means
the Secretary-General would not accept the instrument as drafted.  Checks do no
I/O: they read the profile, the treaty data and the resolved text.  Their words
are in the packet's language (gettext), like every other text of the packet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from babel.lists import format_list

from ..lang.catalog import CLDR_LOCALE, format_long_date, translations
from ..lang.numerals import chinese
from ..model.profile import Profile
from ..model.treaty import Treaty

Status = Literal["passed", "failed", "manual"]
COURTESY_LANGUAGES = ("en", "fr")


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


def office_titles(_: Any) -> dict[str, str]:
    """The generic title of each office, in the language of ``_`` (a gettext function)."""
    return {
        "head_of_state": _("Head of State"),
        "head_of_government": _("Head of Government"),
        "minister_for_foreign_affairs": _("Minister for Foreign Affairs"),
    }


def run_checks(profile: Profile, treaty: Treaty, ctx: CheckContext) -> list[Check]:
    """Every depositary check, in the order an official would go through them."""
    checker = _Checker(profile, treaty, ctx)
    return [
        checker.authority(),
        checker.act(),
        checker.recorded_signature(),
        checker.not_already_party(),
        checker.treaty_identified(),
        checker.intent(),
        checker.reservations(),
        checker.declarations(),
        checker.language(),
        checker.place_and_date(),
        checker.hand_signature(),
        checker.original_delivered(),
        checker.text_fallbacks(),
    ]


class _Checker:
    def __init__(self, profile: Profile, treaty: Treaty, ctx: CheckContext) -> None:
        self.profile = profile
        self.treaty = treaty
        self.ctx = ctx
        self._ = translations(ctx.lang).gettext
        self.offices = office_titles(self._)

    def day(self, value: date) -> str:
        return format_long_date(value, self.ctx.lang)

    def join(self, items: list[str]) -> str:
        """A list as the packet's language writes one (CLDR: "a, b and c", "a、b和c", "a et b")."""
        return str(format_list(items, style="standard", locale=CLDR_LOCALE[self.ctx.lang]))

    def handbook(self, section: str = "3.3.5") -> str:
        return self._("UN Treaty Handbook (2012), section %(section)s") % {"section": section}

    def article(self, number: object) -> str:
        return self._("Convention, article %(article)s") % {"article": self.number(number)}

    def number(self, number: object) -> str:
        """An article number as the packet's language writes it (Chinese numerals in Chinese)."""
        return chinese(int(str(number))) if self.ctx.lang == "zh" and str(number).isdigit() else str(number)

    def untc(self) -> str:
        return self._("UN Treaty Collection, %(reference)s") % {"reference": self.treaty.untc_reference}

    def authority(self) -> Check:
        _ = self._
        rule = _(
            "Signed by the Head of State, Head of Government or Minister for Foreign Affairs, "
            "or by someone holding full powers from one of them"
        )
        signatory = self.profile.signatory
        if signatory.office != "other":
            detail = _("%(name)s signs as %(office)s: no full powers are needed.")
            return Check(
                "signatory-authority",
                rule,
                self.handbook(),
                "passed",
                detail % {"name": signatory.name, "office": self.offices[signatory.office]},
            )
        grantor = signatory.full_powers_from
        assert grantor is not None  # guaranteed by the profile's cross-checks
        if grantor.office is None:
            return Check(
                "signatory-authority",
                rule,
                self.handbook("3.2.2"),
                "manual",
                _("The full powers that %(grantor)s is to sign are drafted in this packet.")
                % {"grantor": grantor.name},
                _(
                    "Confirm that the person granting full powers is Head of State, Head of Government or "
                    "Minister for Foreign Affairs, and give full_powers_from.office in the profile."
                ),
                blocking=False,
            )
        detail = _(
            "%(name)s signs under full powers from %(grantor)s (%(office)s); the full powers are signed "
            "first and sent with the instrument."
        )
        return Check(
            "signatory-authority",
            rule,
            self.handbook("3.2.2"),
            "passed",
            detail % {"name": signatory.name, "grantor": grantor.name, "office": self.offices[grantor.office]},
        )

    def act(self) -> Check:
        _ = self._
        rule = _(
            "The act fits the State's signature: ratification, acceptance or approval by a signatory; "
            "accession otherwise"
        )
        act = self.profile.resolved_act
        signed = self.profile.signature.date
        if signed is not None:
            detail = _("The State signed the Convention on %(date)s, so it deposits an instrument of %(act)s.")
            detail %= {"date": self.day(signed), "act": _(act)}
        else:
            detail = _("The State has not signed the Convention, so it accedes to it.")
        return Check("act-fits-signature", rule, self.article(self.treaty.acts.article), "passed", detail)

    def recorded_signature(self) -> Check:
        _ = self._
        rule = _("The signature recited in the instrument matches the depositary's record")
        source = self.join([self.article(self.treaty.acts.article), self.untc()])
        record = self.treaty.recorded_signature(self.profile.state.code)
        given = self.profile.signature.date
        if record is None:
            if given is None:
                return Check(
                    "signature-record",
                    rule,
                    source,
                    "passed",
                    _("The treaty data records no signature by this State, and the profile gives none."),
                )
            return Check(
                "signature-record",
                rule,
                source,
                "manual",
                _("The profile gives a signature on %(date)s, which the toolkit's data cannot confirm.")
                % {"date": self.day(given)},
                _("Confirm the date in the UN Treaty Collection before the instrument is signed."),
                blocking=False,
            )
        recorded = self.day(record.signed)
        if given is None:
            return Check(
                "signature-record",
                rule,
                source,
                "failed",
                _("The depositary records a signature by this State on %(date)s; a signatory cannot accede.")
                % {"date": recorded},
                _("Give signature.date: %(iso)s and act: ratification (or acceptance or approval).")
                % {"iso": record.signed.isoformat()},
            )
        if given != record.signed and record.general_knowledge:
            # the stored date is itself unconfirmed: it may not overrule the official's
            return Check(
                "signature-record",
                rule,
                source,
                "manual",
                _("The profile says the State signed on %(given)s; the record says %(recorded)s.")
                % {"given": self.day(given), "recorded": recorded},
                _("Confirm the date in the UN Treaty Collection."),
                blocking=False,
            )
        if given != record.signed:
            return Check(
                "signature-record",
                rule,
                source,
                "failed",
                _("The profile says the State signed on %(given)s; the record says %(recorded)s.")
                % {"given": self.day(given), "recorded": recorded},
                _("Use the recorded date, %(iso)s, or correct the treaty data if it is wrong.")
                % {"iso": record.signed.isoformat()},
            )
        if record.general_knowledge:
            return Check(
                "signature-record",
                rule,
                source,
                "manual",
                _("Signed on %(date)s; this date is not yet confirmed by a stored source.") % {"date": recorded},
                _("Confirm the date in the UN Treaty Collection."),
                blocking=False,
            )
        return Check(
            "signature-record", rule, source, "passed", _("Signed on %(date)s, as recorded.") % {"date": recorded}
        )

    def not_already_party(self) -> Check:
        _ = self._
        rule = _("The State is not already a party")
        party = self.treaty.recorded_party(self.profile.state.code)
        withdrawal = self.treaty.recorded_withdrawal(self.profile.state.code)
        if withdrawal is not None:
            return Check(
                "not-already-party",
                rule,
                self.untc(),
                "manual",
                _("The State withdrew from the Convention with effect from %(date)s (article 20).")
                % {"date": self.day(withdrawal.effective)},
                _("Ask the Treaty Section which instrument a State that has withdrawn should deposit."),
                blocking=False,
            )
        if party is not None:
            return Check(
                "not-already-party",
                rule,
                self.untc(),
                "failed",
                _("The State deposited its instrument of %(act)s on %(date)s.")
                % {"act": _(party.act), "date": self.day(party.deposited)},
                _("No new instrument is needed; check the State code in the profile."),
            )
        # The treaty data lists some deposits, not all: absence proves nothing.
        return Check(
            "not-already-party",
            rule,
            self.untc(),
            "manual",
            _("The treaty data records no deposit by this State."),
            _("Confirm in the UN Treaty Collection that the State is not already a party."),
            blocking=False,
        )

    def treaty_identified(self) -> Check:
        _ = self._
        rule = _("The treaty's exact title, place and date of adoption appear")
        lang = self.ctx.lang
        values = {
            "title": self.treaty.title(lang),
            "place": self.treaty.adoption.place[lang],
            "date": self.day(self.treaty.adoption.date),
        }
        if not self.treaty.title_is_authentic(lang):
            return Check(
                "treaty-identified",
                rule,
                self.article(23),
                "manual",
                _(
                    "%(title)s, adopted at %(place)s on %(date)s. The Convention has no authentic text in this "
                    "language: the title is an unofficial rendering."
                )
                % values,
                _("Keep the courtesy translation into English with the instrument: it carries the authentic title."),
                blocking=False,
            )
        return Check(
            "treaty-identified",
            rule,
            self.handbook(),
            "passed",
            _("%(title)s, adopted at %(place)s on %(date)s; taken from the treaty data, not typed.") % values,
        )

    def intent(self) -> Check:
        _ = self._
        return Check(
            "intent-to-be-bound",
            _("The Government's intent to be bound, and to perform the treaty, is unequivocal"),
            self.handbook(),
            "passed",
            _(
                "The instrument states without condition that the Government is bound by the Convention and "
                "undertakes to perform and carry out its provisions."
            ),
        )

    def reservations(self) -> Check:
        _ = self._
        return Check(
            "no-reservations",
            _("No reservation"),
            self.article(self.treaty.reservations.article),
            "passed",
            _("The instrument makes no reservation."),
        )

    def declarations(self) -> Check:
        _ = self._
        number = self.treaty.declarations.provisional_application.article
        rule = _("Only declarations the Convention admits (provisional application of article 1, article %(article)s)")
        rule %= {"article": self.number(number)}
        if self.profile.declarations.provisional_application:
            detail = _(
                "The instrument declares provisional application of article 1 only, as article %(article)s allows."
            ) % {"article": self.number(number)}
        else:
            detail = _("The instrument makes no declaration.")
        return Check("declarations-admitted", rule, self.article(number), "passed", detail)

    def language(self) -> Check:
        _ = self._
        rule = _("The instrument is in English or French, or a translation into one of them is attached")
        if self.ctx.lang in COURTESY_LANGUAGES:
            return Check(
                "language",
                rule,
                self.handbook(),
                "passed",
                _("The instrument is in one of the depositary's working languages."),
            )
        return Check(
            "language",
            rule,
            self.handbook(),
            "passed",
            _(
                "A courtesy translation of the instrument into English is part of this packet "
                "(instrument-translation); send it with the original."
            ),
        )

    def place_and_date(self) -> Check:
        _ = self._
        rule = _("The place and date of signing appear")
        when = self.profile.instrument.date
        if when is None:
            return Check(
                "place-and-date",
                rule,
                self.handbook(),
                "manual",
                _("The date is left blank in the instrument."),
                _("Write the date by hand when the instrument is signed, or give instrument.date."),
                blocking=False,
            )
        return Check(
            "place-and-date", rule, self.handbook(), "passed", _("Signed on %(date)s.") % {"date": self.day(when)}
        )

    def hand_signature(self) -> Check:
        _ = self._
        return Check(
            "signed-by-hand",
            _("The instrument bears the signatory's own signature; a seal alone is not enough"),
            self.handbook(),
            "manual",
            _("The signature block is left for the signatory."),
            _("Have the signatory sign the original by hand; a seal may be added but does not replace the signature."),
            blocking=False,
        )

    def original_delivered(self) -> Check:
        _ = self._
        return Check(
            "original-delivered",
            _("The signed original reaches the depositary; a scan is for review only"),
            self.handbook(),
            "manual",
            _("Deliver the original to the Treaty Section, Office of Legal Affairs, United Nations, New York."),
            _(
                "Send a scan to %(email)s first so that the Treaty Section can review the text; the deposit "
                "takes effect when the original is received."
            )
            % {"email": self.treaty.depositary.email},
            blocking=False,
        )

    def text_fallbacks(self) -> Check:
        _ = self._
        rule = _("Every text in the documents is in the packet's language")
        notes = self.ctx.text_notes
        if not notes:
            return Check(
                "text-language", rule, "Ratification Toolkit", "passed", _("All text is in the packet's language.")
            )
        fields = self.join([f"{note.field} ({note.used})" for note in notes])
        first = notes[0].field.rsplit(".", 1)[-1]
        return Check(
            "text-language",
            rule,
            "Ratification Toolkit",
            "manual",
            _("The profile gives no text in the packet's language for: %(fields)s. The text was used as given.")
            % {"fields": fields},
            _(
                "Check that text in the documents; if it differs in this language, give it per language in "
                "the profile, e.g. %(example)s."
            )
            % {"example": f"{first}: {{{self.ctx.lang}: …}}"},
            blocking=False,
        )
