"""The values a document template sees, resolved for one language.

Templates get flat names (``state_formal``, ``adoption_date``…) so that a
translator's ``{% trans %}`` block can use them directly.  Every piece of
profile text is resolved here: the profile's text in the packet's language,
else what the toolkit knows (office titles, UN names), else the text as
given — which is recorded so the checklist can flag it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..lang.catalog import format_amount, format_long_date, is_rtl, language_name, translations
from ..lang.grammar import extra_forms, name_forms
from ..model.profile import Profile
from ..model.text import Localized
from ..model.treaty import Treaty
from ..rules.agenda import agenda
from ..rules.checks import Check, CheckContext, TextNote, office_titles, run_checks
from ..rules.dates import entry_into_force

BLANK = "_" * 24


def act_instruments(_: Any) -> dict[str, str]:
    """The name of each kind of instrument, as a noun phrase in the language of ``_``."""
    return {
        "ratification": _("instrument of ratification"),
        "acceptance": _("instrument of acceptance"),
        "approval": _("instrument of approval"),
        "accession": _("instrument of accession"),
    }


def act_instruments_of_treaty(_: Any, title: str) -> dict[str, str]:
    """The instrument and the treaty's full title as one phrase."""
    return {
        "ratification": _("instrument of ratification of the %(title)s") % {"title": title},
        "acceptance": _("instrument of acceptance of the %(title)s") % {"title": title},
        "approval": _("instrument of approval of the %(title)s") % {"title": title},
        "accession": _("instrument of accession to the %(title)s") % {"title": title},
    }


def act_instruments_of_convention(_: Any) -> dict[str, str]:
    """The instrument and the Convention as one phrase ("of" the Convention, but accession "to" it)."""
    return {
        "ratification": _("instrument of ratification of the Convention"),
        "acceptance": _("instrument of acceptance of the Convention"),
        "approval": _("instrument of approval of the Convention"),
        "accession": _("instrument of accession to the Convention"),
    }


def document_titles(_: Any, act_instrument: str) -> dict[str, str]:
    """The title of each kind of document, as the contents page and bookmarks show it."""
    return {
        "instrument": act_instrument[:1].upper() + act_instrument[1:],
        "instrument-translation": _("Courtesy translation of the instrument"),
        "cover-note": _("Cover note from the Permanent Mission"),
        "full-powers": _("Full powers"),
        "checklist": _("Depositary checklist"),
        "roadmap": _("Road to deposit and entry into force"),
        "legislation": _("Model implementing legislation"),
    }


def act_nouns(_: Any) -> dict[str, str]:
    """The act itself, as a noun ("ratification") in the language of ``_``."""
    return {
        "ratification": _("ratification"),
        "acceptance": _("acceptance"),
        "approval": _("approval"),
        "accession": _("accession"),
    }


def status_labels(_: Any) -> dict[str, str]:
    """Checklist status words in the language of ``_``."""
    return {"passed": _("Passed"), "failed": _("Failed"), "manual": _("To do by hand")}


@dataclass
class DocumentContext:
    """The render context for one language, and the checks that go with it."""

    lang: str
    values: dict[str, Any]
    checks: list[Check]
    text_notes: list[TextNote] = field(default_factory=list)

    @property
    def refusals(self) -> list[Check]:
        """Checks that would make the depositary refuse the instrument."""
        return [c for c in self.checks if c.refuses]


class _Resolver:
    def __init__(self, profile: Profile, lang: str) -> None:
        self.profile = profile
        self.lang = lang
        self.notes: list[TextNote] = []

    def text(self, value: Localized, field_name: str, fallback: str | None = None) -> str:
        exact = value.get(self.lang)
        if exact is not None:
            return exact
        if value.plain is not None and self.lang == self.profile.default_language:
            return value.plain
        if fallback is not None:
            given = value.any(["en", "fr", *self.profile.state.languages])
            self.notes.append(TextNote(field_name, self.lang, f"{fallback} ← {given}"))
            return fallback
        # Next best: the depositary's working languages (Latin script), then the State's own order.
        used = value.any(["en", "fr", *self.profile.state.languages])
        self.notes.append(TextNote(field_name, self.lang, used))
        return used


def build_context(profile: Profile, treaty: Treaty, lang: str) -> DocumentContext:
    """Everything the templates of one packet need, in language ``lang``."""
    tr = translations(lang)
    _ = tr.gettext
    resolver = _Resolver(profile, lang)
    offices = office_titles(_)
    signatory = profile.signatory
    name = profile.state_name(lang)
    short, formal = name.short, name.formal
    forms = name_forms(short, formal, lang)
    if name.source not in ("UNTERM", "profile"):
        resolver.notes.append(TextNote("state.names", lang, f"{formal} ({name.source})"))

    title_fallback = offices.get(signatory.office)
    signatory_title = (
        resolver.text(signatory.title, "signatory.title", title_fallback)
        if signatory.title is not None
        else title_fallback
    )
    grantor = signatory.full_powers_from
    grantor_title = ""
    if grantor is not None:
        grantor_title = resolver.text(
            grantor.title, "signatory.full_powers_from.title", offices.get(grantor.office) if grantor.office else None
        )

    act = profile.resolved_act
    deposit = profile.deposit.planned
    eif = entry_into_force(deposit, treaty) if deposit else None
    values: dict[str, Any] = {
        "lang": lang,
        "courtesy_translation": False,
        "original_language": "",
        "language_name": language_name(lang),
        "rtl": is_rtl(lang),
        "treaty_title": f"《{treaty.title(lang)}》" if lang == "zh" else treaty.title(lang),
        "treaty_title_en": treaty.title("en"),
        "treaty_short_name": treaty.short_name,
        "adoption_place": treaty.adoption.place[lang],
        "adoption_date": format_long_date(treaty.adoption.date, lang),
        "opening_place": treaty.opened_for_signature.place[lang],
        "opening_date": format_long_date(treaty.opened_for_signature.date, lang),
        "state_code": profile.state.code,
        "state_short": short,
        "state_formal": formal,
        "state_formal_cap": formal[:1].upper() + formal[1:],
        "state_formal_de": forms["state_de"],
        "state_formal_a": forms["state_a"],
        "state_formal_li": forms["state_li"],
        "state_formal_gen": forms["state_gen"],
        "treaty_title_gen": treaty.title_genitive.get(lang, treaty.title(lang)),
        "adoption_place_in": treaty.adoption.place_in.get(lang, treaty.adoption.place[lang]),
        "opening_place_in": treaty.opened_for_signature.place_in.get(lang, treaty.opened_for_signature.place[lang]),
        "act": act,
        "act_instrument": act_instruments(_)[act],
        "act_noun": act_nouns(_)[act],
        "legal_system": profile.state.legal_system,
        "competent_authority": resolver.text(
            profile.implementation.competent_authority, "implementation.competent_authority"
        )
        if profile.implementation.competent_authority is not None
        else _("the ministry responsible for defence"),
        "deadlines": [
            {"date": item.due_text, "title": item.title}
            for item in (agenda(profile, treaty, lang, deposit) if deposit else [])
        ],
        "act_instrument_convention": act_instruments_of_convention(_)[act],
        "is_signatory": profile.is_signatory,
        "signature_date": format_long_date(profile.signature.date, lang) if profile.signature.date else "",
        "signatory_name": signatory.name,
        "signatory_title": signatory_title,
        "office": signatory.office,
        "needs_full_powers": signatory.office == "other",
        "grantor_name": grantor.name if grantor else "",
        "grantor_title": grantor_title,
        "instrument_place": resolver.text(profile.instrument.place, "instrument.place"),
        "instrument_date": format_long_date(profile.instrument.date, lang) if profile.instrument.date else BLANK,
        "instrument_date_given": profile.instrument.date is not None,
        "provisional_application": profile.declarations.provisional_application,
        "mission_name": _without_article(
            resolver.text(
                profile.mission.name,
                "mission.name",
                None
                if profile.mission.name.plain is not None and lang == profile.default_language
                else _("Permanent Mission of %(state)s to the United Nations") % {"state": formal, **forms},
            ),
            lang,
        ),
        "mission_city": _("New York")
        if profile.mission.city.plain == "New York"
        else resolver.text(profile.mission.city, "mission.city"),
        "blank": BLANK,
        "deposit_planned": format_long_date(deposit, lang) if deposit else "",
        "entry_into_force": format_long_date(eif, lang) if eif else "",
    }
    values.update(_legislation_values(profile, lang))
    values.update(extra_forms(values, lang))
    checks = run_checks(profile, treaty, CheckContext(lang, resolver.notes))
    labels = status_labels(_)
    values["checks"] = [
        {
            "id": c.id,
            "rule": c.rule,
            "source": c.source,
            "status": c.status,
            "status_label": labels[c.status],
            "detail": c.detail,
            "fix": c.fix,
            "blocking": c.blocking,
        }
        for c in checks
    ]
    values["refused"] = any(c.refuses for c in checks)
    phrase = act_instruments_of_treaty(_, values["treaty_title"])[act]
    values["act_instrument_treaty"] = phrase
    values["act_instrument_treaty_cap"] = phrase[:1].upper() + phrase[1:]
    values["document_titles"] = document_titles(_, values["act_instrument"])
    return DocumentContext(lang, values, checks, resolver.notes)


CORPORATE_FINE_FACTOR = 5  # a body corporate may be fined five times what an individual may
INFORMATION_SHARE = 2  # the information offence carries half the main penalties


def _legislation_values(profile: Profile, lang: str) -> dict[str, Any]:
    """Facts and penalties the model law is drafted from (terms of imprisonment in the language's plural)."""
    tr = translations(lang)

    def term(years: int) -> str:
        return tr.ngettext("%(num)d year", "%(num)d years", years) % {"num": years}

    facts = profile.implementation
    values: dict[str, Any] = {
        "stockpiles": facts.stockpiles,
        "contaminated": facts.contaminated,
        "retention_for_training": facts.retention_for_training,
        "armed_forces": facts.armed_forces,
        "foreign_military_cooperation": facts.foreign_military_cooperation,
        "legislation_model": profile.legislation_model,
    }
    penalties = facts.penalties
    if penalties is not None:
        years = penalties.imprisonment_years
        short = max(1, years // INFORMATION_SHARE)
        values.update(
            imprisonment_years=str(years),
            imprisonment_term=term(years),
            fine_individual=format_amount(penalties.fine, penalties.currency, lang),
            fine_corporate=format_amount(penalties.fine * CORPORATE_FINE_FACTOR, penalties.currency, lang),
            information_years=str(short),
            information_term=term(short),
            information_fine=format_amount(
                max(penalties.fine // INFORMATION_SHARE, Decimal(1)), penalties.currency, lang
            ),
        )
    return values


def _competent_authority(profile: Profile, resolver: _Resolver, _: Any) -> str:
    authority = profile.implementation.competent_authority
    if authority is None:  # templates say "the {{ competent_authority }}": no English article of its own
        return _without_article(str(_("the ministry responsible for defence")), "en")
    return resolver.text(authority, "implementation.competent_authority")


def _without_article(name: str, lang: str) -> str:
    """A name the templates put after "the": drop a leading English "the" (other languages keep theirs)."""
    if lang == "en" and name[:4].lower() == "the ":
        return name[4:]
    return name
