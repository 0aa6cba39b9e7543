"""The values a document template sees, resolved for one language, as typed groups.

Templates read flat names (``state_formal``, ``adoption_date``…) so that a
translator's ``{% trans %}`` block can use them directly; here they are fields
of small typed groups — the treaty, the State, the instrument, the calendar,
the legislation, the checklist — each built by one function, and
:meth:`DocumentContext.values` lays them out flat for the templates.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from ..lang.grammar import place_at, state_roles, title_after_of, with_preposition
from ..lang.language import Language, resolve_language
from ..lang.languages import SOURCE_LANGUAGE
from ..model.profile import Profile
from ..model.resolve import ResolvedText, resolve_text
from ..model.treaty import Treaty
from ..rules.agenda import agenda
from ..rules.check import Check, CheckInput
from ..rules.dates import entry_into_force
from ..rules.depositary import run_checks
from .legislation_values import LegislationValues, legislation_values
from .phrases import (
    act_instruments,
    act_instruments_of_convention,
    act_instruments_of_treaty,
    act_nouns,
    capitalized,
    document_titles,
    label_key,
    status_labels,
)
from .report_values import ReportValues, report_values

BLANK = "_" * 24


@dataclass(frozen=True)
class LanguageValues:
    """The packet's language."""

    lang: str
    language_name: str
    rtl: bool
    courtesy_translation: bool = False  # this document translates the instrument in ``original_language``
    original_language: str = ""


@dataclass(frozen=True)
class TreatyValues:
    """The treaty, as the documents name and date it."""

    treaty_title: str
    treaty_short_name: str
    treaty_title_gen: str  # role: the title after "of" (Russian genitive)
    adoption_place: str
    adoption_place_at: str  # role: "at" + the place ("à Dublin", «в Дублине»)
    adoption_date: str
    opening_place: str
    opening_place_at: str
    opening_date: str


@dataclass(frozen=True)
class StateValues:
    """The State: its names in every form a sentence needs, its legal system and signature."""

    state_code: str
    state_short: str
    state_formal: str
    state_formal_cap: str
    state_formal_heading: str  # the formal name as a heading shows it, without its article (République du Kenya)
    state_of: str  # role: "of" + the formal name ("du Royaume du Maroc", «Королевства Марокко»)
    state_of_li: str  # role: the same after a noun with an adjective (Arabic لِ)
    state_for: str  # role: the formal name after "for" (Russian genitive)
    legal_system: str
    is_signatory: bool
    signature_date: str


@dataclass(frozen=True)
class InstrumentValues:
    """The act, who signs, where and when, what is declared, who transmits it."""

    act: str
    act_instrument: str
    act_noun: str
    act_instrument_convention: str
    act_instrument_treaty: str
    act_instrument_treaty_cap: str
    signatory_name: str
    signatory_title: str
    office: str
    needs_full_powers: bool
    grantor_name: str
    grantor_title: str
    full_powers_date: str  # the date the full powers are signed, or a blank
    full_powers_date_given: bool
    instrument_place: str
    instrument_date: str
    instrument_date_given: bool
    provisional_application: bool
    mission_name: str
    mission_city: str
    blank: str = BLANK


@dataclass(frozen=True)
class DeadlineRow:
    """One line of the calendar in a document."""

    date: str
    title: str
    key: str = ""  # the treaty data's name of the deadline (initial_report, clearance, …)


@dataclass(frozen=True)
class CalendarValues:
    """The planned deposit, entry into force and the deadlines (empty when no deposit is planned)."""

    deposit_planned: str
    entry_into_force: str
    deadlines: list[DeadlineRow]


@dataclass(frozen=True)
class CheckRow:
    """One check as the checklist prints it."""

    id: str
    rule: str
    source: str
    status: str
    status_label: str
    detail: str
    fix: str
    blocking: bool
    field: str = ""
    own: bool = False


@dataclass(frozen=True)
class DocumentContext:
    """The render context of one packet in one language, and the checks that go with it."""

    language: Language
    lang_values: LanguageValues
    treaty: TreatyValues
    state: StateValues
    instrument: InstrumentValues
    calendar: CalendarValues
    legislation: LegislationValues
    report: ReportValues
    checks: list[Check]
    document_titles: dict[str, str]
    text: ResolvedText  # the profile's words in this language, and where each comes from
    facts: dict[str, Any] = field(default_factory=dict)  # every declared fact's value (toolkit.model.facts)

    @property
    def lang(self) -> str:
        """The packet's language code."""
        return self.language.code

    @property
    def refusals(self) -> list[Check]:
        """Checks that would make the depositary refuse the instrument."""
        return [c for c in self.checks if c.refuses]

    def values(self) -> dict[str, Any]:
        """Every value, flat, as the templates read them."""
        labels = status_labels(self.language.gettext)
        flat: dict[str, Any] = dict(self.facts)  # the declared facts, by name (the fields below agree)
        groups = (self.lang_values, self.treaty, self.state, self.instrument, self.calendar, self.legislation)
        for group in (*groups, self.report):
            flat.update(asdict(group))
        flat["checks"] = [
            asdict(CheckRow(**asdict(c), status_label=labels[label_key(c.status, c.blocking)])) for c in self.checks
        ]
        flat["refused"] = bool(self.refusals)
        flat["document_titles"] = dict(self.document_titles)
        return flat

    def as_courtesy_translation_of(self, original: Language) -> DocumentContext:
        """This context, marked as the translation of an instrument written in ``original``."""
        marked = replace(self.lang_values, courtesy_translation=True, original_language=original.name(self.language))
        return replace(self, lang_values=marked)


def build_context(profile: Profile, treaty: Treaty, language: Language) -> DocumentContext:
    """Everything the templates of one packet need, in ``language``."""
    text = resolve_text(profile, language, treaty.depositary.working_languages)
    state = state_values(profile, language)
    treaty_values = treaty_values_for(treaty, language)
    instrument = instrument_values(profile, treaty_values, language, text)
    calendar = calendar_values(profile, treaty, language)
    legislation = legislation_values(profile, language, text)
    translation = None
    if language.code not in treaty.depositary.working_languages:  # the courtesy translation's words, too
        translation = resolve_text(profile, resolve_language(SOURCE_LANGUAGE), treaty.depositary.working_languages)
    checks = run_checks(CheckInput(profile, treaty, language, text, translation))
    return DocumentContext(
        language,
        LanguageValues(language.code, language.name(), language.rtl),
        treaty_values,
        state,
        instrument,
        calendar,
        legislation,
        report_values(profile, treaty, language, calendar.deadlines),
        checks,
        document_titles(language.gettext, instrument.act_instrument),
        text,
        profile.fact_values(),
    )


def treaty_values_for(treaty: Treaty, language: Language) -> TreatyValues:
    """The treaty's title, places and dates in ``language``."""
    lang, spec = language.code, language.spec
    adoption, opening = treaty.adoption, treaty.opened_for_signature
    title = language.quoted_title(treaty.title(lang))
    return TreatyValues(
        treaty_title=title,
        treaty_short_name=treaty.short_name,
        treaty_title_gen=title_after_of(title, treaty.title_genitive.get(lang, ""), spec),
        adoption_place=adoption.place[lang],
        adoption_place_at=place_at(adoption.place[lang], adoption.place_in.get(lang, ""), spec),
        adoption_date=language.long_date(adoption.date),
        opening_place=opening.place[lang],
        opening_place_at=place_at(opening.place[lang], opening.place_in.get(lang, ""), spec),
        opening_date=language.long_date(opening.date),
    )


def state_values(profile: Profile, language: Language) -> StateValues:
    """The State's names (UN names, or the profile's) in every form the documents need."""
    name = profile.state_name(language.code)
    roles = state_roles(name.formal, language.spec)
    signed = profile.signature.date
    return StateValues(
        state_code=profile.state.code,
        state_short=name.short,
        state_formal=name.formal,
        state_formal_cap=capitalized(name.formal),
        state_formal_heading=capitalized(with_preposition(name.formal, language.spec, "bare")),
        state_of=roles["state_of"],
        state_of_li=roles["state_of_li"],
        state_for=roles["state_for"],
        legal_system=profile.state.legal_system,
        is_signatory=profile.is_signatory,
        signature_date=language.long_date(signed) if signed else "",
    )


def instrument_values(
    profile: Profile, treaty: TreatyValues, language: Language, text: ResolvedText
) -> InstrumentValues:
    """The act and its instrument, the signatory (and who grants full powers), place, date, the mission."""
    _ = language.gettext
    signatory, act = profile.signatory, profile.resolved_act
    phrase = act_instruments_of_treaty(_, treaty.treaty_title)[act]
    when = profile.instrument.date
    granted = signatory.full_powers_from.date if signatory.full_powers_from else None
    return InstrumentValues(
        act=act,
        act_instrument=act_instruments(_)[act],
        act_noun=act_nouns(_)[act],
        act_instrument_convention=act_instruments_of_convention(_)[act],
        act_instrument_treaty=phrase,
        act_instrument_treaty_cap=capitalized(phrase),
        signatory_name=text.signatory_name.text,
        signatory_title=text.signatory_title.text,
        office=signatory.office,
        needs_full_powers=signatory.office == "other",
        grantor_name=text.grantor_name.text if text.grantor_name else "",
        grantor_title=text.grantor_title.text if text.grantor_title else "",
        full_powers_date=language.long_date(granted) if granted else BLANK,
        full_powers_date_given=granted is not None,
        instrument_place=text.instrument_place.text,
        instrument_date=language.long_date(when) if when else BLANK,
        instrument_date_given=when is not None,
        provisional_application=profile.declarations.provisional_application,
        mission_name=_without_article(text.mission_name.text, language),
        mission_city=text.mission_city.text,
    )


def calendar_values(profile: Profile, treaty: Treaty, language: Language) -> CalendarValues:
    """The deposit, entry into force and deadlines, when a deposit is planned."""
    deposit = profile.deposit.planned
    if deposit is None:
        return CalendarValues("", "", [])
    return CalendarValues(
        deposit_planned=language.long_date(deposit),
        entry_into_force=language.long_date(entry_into_force(deposit, treaty)),
        deadlines=[
            DeadlineRow(item.due_text, item.title, item.key) for item in agenda(profile, treaty, language, deposit)
        ],
    )


def _without_article(name: str, language: Language) -> str:
    """A name the templates put after an article of their own ("the"): its own leading article dropped."""
    article = language.spec.article_in_templates
    if article and name[: len(article)].lower() == article:
        return name[len(article) :]
    return name
