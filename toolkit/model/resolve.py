"""The profile's own words in one language: each text as given for it, or what the toolkit really knows.

Every piece of free text from the profile that reaches a document (a name, a
title, a place, the mission, an authority) is a string or a mapping per
language.  For a packet's language each is resolved once, here, into a
:class:`Resolved` that says where its words come from:

``given``
    written for this language (or a plain string, in the profile's first language);
``known``
    what the toolkit knows in this language: the title of the office when the
    profile gives none, a city's name from CLDR, the Permanent Mission's usual
    name, the default authority;
``as_written``
    a person's name in another script (a name is not translated; the checklist
    asks for the official spelling in this script);
``missing``
    nothing in this language: the text shown is another language's, and a
    document that carries it is not ready.

A given title is never replaced by the title of the office: "Presidente da
República de Angola" is not "Head of State".  The courtesy translation is
resolved from the same profile in its own language, so both say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..lang.detect import foreign_words
from ..lang.formats import language_name
from ..lang.grammar import name_forms
from ..lang.language import Language
from ..lang.languages import language_spec
from ..lang.places import city_in
from .names import KNOWN_SOURCES
from .profile import Profile
from .text import Localized

Source = Literal["given", "known", "as_written", "missing"]

# The fields whose text stands in a document the State signs or sends: without their words in the
# packet's language the instrument, the full powers or the cover note is not ready.
SIGNED_FIELDS = frozenset(
    {
        "signatory.title",
        "signatory.full_powers_from.title",
        "instrument.place",
        "mission.name",
        "mission.city",
        "signatory.name",
        "signatory.full_powers_from.name",
    }
)


@dataclass(frozen=True)
class Resolved:
    """One profile text in the packet's language, and where its words come from."""

    field: str
    text: str
    source: Source
    note: str = ""  # what the toolkit used, and from where (for the checklist)

    @property
    def blocking(self) -> bool:
        """Whether a document the State signs or sends cannot go with this text as it is."""
        return self.source == "missing" and self.field in SIGNED_FIELDS


@dataclass
class ResolvedText:
    """Every profile text of one packet, in one language."""

    language: Language
    signatory_name: Resolved
    signatory_title: Resolved
    grantor_name: Resolved | None
    grantor_title: Resolved | None
    instrument_place: Resolved
    mission_name: Resolved
    mission_city: Resolved
    competent_authority: Resolved
    court: Resolved | None = None  # the local institutions the model law names, when the profile gives them
    prosecutor: Resolved | None = None
    enacting_formula: Resolved | None = None
    extra: list[Resolved] = field(default_factory=list)  # notes on names the toolkit took elsewhere

    def all(self) -> list[Resolved]:
        """Every resolved text, in profile order."""
        items = [self.signatory_name, self.signatory_title, self.grantor_name, self.grantor_title]
        items += [self.instrument_place, self.mission_name, self.mission_city, self.competent_authority]
        items += [self.court, self.prosecutor, self.enacting_formula]
        return [item for item in items if item is not None] + self.extra


class _Resolver:
    def __init__(self, profile: Profile, language: Language, preferred: list[str]) -> None:
        self.profile = profile
        self.language = language
        self.preferred = preferred
        people = [profile.signatory.name]
        if profile.signatory.full_powers_from is not None:
            people.append(profile.signatory.full_powers_from.name)
        self.names = [text for person in people for text in _texts(person)]  # names are allowed in any text

    @property
    def lang(self) -> str:
        return self.language.code

    def quoted(self, text: str) -> str:
        return self.language.quoted(text)

    def language_of(self, lang: str) -> str:
        """The name of language ``lang`` in the packet's language."""
        spec = language_spec(lang)
        return language_name(spec, self.language.spec) if spec else lang

    def how(self, reason: str, known: str, given: str, lang: str = "") -> str:
        """The note on a text the toolkit supplied: what, and why (in the packet's language)."""
        _ = self.language.gettext
        values = {"known": known, "given": self.quoted(given), "language": self.language_of(lang)}
        if reason == "CLDR" and lang:
            return (
                _(
                    "%(known)s (the city's name in this language, from CLDR; the profile gives %(given)s in "
                    "%(language)s)"
                )
                % values
            )
        if reason == "CLDR":
            return (
                _("%(known)s (the city's name in this language, from CLDR; %(given)s is not in this language)") % values
            )
        if lang:
            return (
                _("%(known)s (the Permanent Mission's usual name; the profile gives %(given)s in %(language)s)")
                % values
            )
        return _("%(known)s (the Permanent Mission's usual name; %(given)s is not in this language)") % values

    def own(self, value: Localized) -> str | None:
        """The text written for this language, or the plain text in the profile's first language."""
        exact = value.get(self.lang)
        if exact is not None:
            return exact
        if value.plain is not None and self.lang == self.profile.default_language:
            return value.plain
        return None

    def other(self, value: Localized) -> tuple[str, str]:
        """The text in another language (the depositary's first), and which language it is in."""
        for lang in [*self.preferred, *self.profile.state.languages]:
            text = value.get(lang)
            if text is not None:
                return text, lang
        if value.plain is not None:
            return value.plain, self.profile.default_language
        lang, text = value.by_language[0]
        return text, lang

    def text(self, value: Localized, name: str, known: str | None = None, how: str = "") -> Resolved:
        """A text: as given (unless its words are another language's); else what the toolkit knows
        (``known``, found ``how``); else missing."""
        own = self.own(value)
        if own is not None:
            foreign = foreign_words(own, self.language.spec, self.names)
            if not foreign:
                return Resolved(name, own, "given")
            if known is not None:
                return Resolved(name, known, "known", self.how(how, known, own))
            words = " ".join(dict.fromkeys(foreign))
            note = self.language.gettext("%(given)s (words in another language: %(words)s)")
            return Resolved(name, own, "missing", note % {"given": self.quoted(own), "words": words})
        given, lang = self.other(value)
        if known is not None:
            return Resolved(name, known, "known", self.how(how, known, given, lang))
        return Resolved(name, given, "missing", self.given_in(given, lang))

    def given_in(self, given: str, lang: str) -> str:
        note = self.language.gettext("%(given)s (in %(language)s)")
        return note % {"given": self.quoted(given), "language": self.language_of(lang)}

    def person(self, value: Localized, name: str) -> Resolved:
        """A person's name: as given for the language or another of its script; else as written (a name
        in Latin letters stands in any document; one in another script does not stand in a Latin one)."""
        own = self.own(value)
        if own is not None:
            return Resolved(name, own, "given")
        script = self.language.spec.script
        same_script = [text for lang, text in value.by_language if _script(lang) == script]
        if same_script:
            return Resolved(name, same_script[0], "given")
        given, lang = self.other(value)
        if value.plain is not None:
            given, lang = value.plain, self.profile.default_language
        if _script(lang) == script:
            return Resolved(name, given, "given")
        if _script(lang) == "Latn":
            return Resolved(name, given, "as_written", self.quoted(given))
        return Resolved(name, given, "missing", self.given_in(given, lang))

    def place(self, value: Localized, name: str) -> Resolved:
        """A place: as given in this language; else (or where the text given is another language's) its name
        in this language from CLDR, when CLDR knows the city."""
        for candidate in _texts(value):
            city = city_in(candidate, self.language.spec)
            if city is not None:
                return self.text(value, name, city, "CLDR")
        return self.text(value, name)


def _texts(value: Localized) -> list[str]:
    return [text for _lang, text in value.by_language] + ([value.plain] if value.plain is not None else [])


def _script(lang: str) -> str:
    spec = language_spec(lang)
    return spec.script if spec else ""


def resolve_text(profile: Profile, language: Language, preferred: list[str]) -> ResolvedText:
    """Every profile text of the packet in ``language``; ``preferred`` are the languages looked at first
    when the language has none (the depositary's working languages)."""
    r = _Resolver(profile, language, preferred)
    _ = language.gettext
    signatory = profile.signatory
    offices = office_titles(language, signatory.gender)
    office = offices.get(signatory.office)
    if signatory.title is None:
        title = Resolved("signatory.title", office or "", "known")
    else:
        title = r.text(signatory.title, "signatory.title")  # a given title is never swapped for the office's
    grantor = signatory.full_powers_from
    grantor_name = r.person(grantor.name, "signatory.full_powers_from.name") if grantor else None
    grantor_title = r.text(grantor.title, "signatory.full_powers_from.title") if grantor else None
    mission = profile.mission
    authority = profile.implementation.competent_authority
    local = profile.implementation
    state = profile.state_name(language.code)
    extra = []
    if state.source not in KNOWN_SOURCES:
        note = _("%(name)s (from %(source)s)") % {"name": state.formal, "source": state.source}
        extra.append(Resolved("state.names", state.formal, "known", note))
    return ResolvedText(
        language,
        signatory_name=r.person(signatory.name, "signatory.name"),
        signatory_title=title,
        grantor_name=grantor_name,
        grantor_title=grantor_title,
        instrument_place=r.place(profile.instrument.place, "instrument.place"),
        mission_name=r.text(mission.name, "mission.name", usual_mission_name(profile, language), "usual"),
        mission_city=r.place(mission.city, "mission.city"),
        competent_authority=r.text(authority, "implementation.competent_authority")
        if authority is not None
        else Resolved("implementation.competent_authority", _("the ministry responsible for defence"), "known"),
        court=r.text(local.court, "implementation.court") if local.court is not None else None,
        prosecutor=r.text(local.prosecutor, "implementation.prosecutor") if local.prosecutor is not None else None,
        enacting_formula=r.text(local.enacting_formula, "implementation.enacting_formula")
        if local.enacting_formula is not None
        else None,
        extra=extra,
    )


def usual_mission_name(profile: Profile, language: Language) -> str:
    """The usual name of the State's Permanent Mission in ``language``, with the State's names."""
    name = profile.state_name(language.code)
    return mission_name_of(name.short, name.formal, language)


def mission_name_of(short: str, formal: str, language: Language) -> str:
    """ "Permanent Mission of <the State> to the United Nations" in ``language``, for a State so named."""
    forms = name_forms(short, formal, language.spec)
    return language.gettext("Permanent Mission %(state_of_li)s to the United Nations") % forms


def office_titles(language: Language, gender: str | None = None) -> dict[str, str]:
    """The title of each office in ``language``, in its feminine form for a woman where the language has one."""
    if gender == "female":
        return {
            "head_of_state": language.pgettext("feminine", "Head of State"),
            "head_of_government": language.pgettext("feminine", "Head of Government"),
            "minister_for_foreign_affairs": language.pgettext("feminine", "Minister for Foreign Affairs"),
        }
    _ = language.gettext
    return {
        "head_of_state": _("Head of State"),
        "head_of_government": _("Head of Government"),
        "minister_for_foreign_affairs": _("Minister for Foreign Affairs"),
    }
