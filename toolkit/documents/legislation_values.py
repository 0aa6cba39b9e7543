"""The facts and penalties the model law is drafted from, in the packet's language.

The Parts of the model law that appear depend on the profile's implementation
facts; penalties come from the profile, written as statutes write them (terms
of imprisonment in the language's plural, amounts with the currency's name).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..lang.language import Language
from ..model.profile import Profile
from ..model.resolve import ResolvedText
from ..rules.local_law import local_institutions

CORPORATE_FINE_FACTOR = 5  # a body corporate may be fined five times what an individual may
INFORMATION_SHARE = 5  # the information offence, an administrative failing, carries a fifth of the main penalties


@dataclass(frozen=True)
class LegislationValues:
    """What the model law needs (penalty values are empty when the profile gives no penalties)."""

    stockpiles: bool
    contaminated: bool
    retention_for_training: bool
    armed_forces: bool
    foreign_military_cooperation: bool
    legislation_model: str
    competent_authority: str
    court: str = ""  # the local institutions the law names: the profile's, else the model's default
    prosecutor: str = ""
    enacting_formula: str = ""
    local_defaults: tuple[str, ...] = ()  # the profile keys whose default the law uses (to confirm)
    commencement_date: str = ""  # the day the profile fixes for the law to come into force
    imprisonment_years: str = ""
    imprisonment_term: str = ""
    fine_individual: str = ""
    fine_corporate: str = ""
    information_years: str = ""
    information_term: str = ""
    information_fine: str = ""


def legislation_values(profile: Profile, language: Language, text: ResolvedText) -> LegislationValues:
    """The model law's facts and penalties for ``profile`` in ``language``."""
    facts = profile.implementation
    local = local_institutions(profile.legislation_model, language, text)
    values = LegislationValues(
        stockpiles=facts.stockpiles,
        contaminated=facts.contaminated,
        retention_for_training=facts.retention_for_training,
        armed_forces=facts.armed_forces,
        foreign_military_cooperation=facts.foreign_military_cooperation,
        legislation_model=profile.legislation_model,
        competent_authority=text.competent_authority.text,
        court=local["implementation.court"][0],
        prosecutor=local["implementation.prosecutor"][0],
        enacting_formula=local["implementation.enacting_formula"][0],
        local_defaults=tuple(key for key, (_text, given) in local.items() if not given),
        commencement_date=language.long_date(facts.commencement) if facts.commencement else "",
    )
    penalties = facts.penalties
    if penalties is None:
        return values

    def term(years: int) -> str:
        return language.ngettext("%(num)d year", "%(num)d years", years) % {"num": years}

    years = penalties.imprisonment_years
    short = max(1, years // INFORMATION_SHARE)
    return LegislationValues(
        **{
            **values.__dict__,
            "imprisonment_years": str(years),
            "imprisonment_term": term(years),
            "fine_individual": language.amount(penalties.fine, penalties.currency),
            "fine_corporate": language.amount(penalties.fine * CORPORATE_FINE_FACTOR, penalties.currency),
            "information_years": str(short),
            "information_term": term(short),
            "information_fine": language.amount(
                max(penalties.fine // INFORMATION_SHARE, Decimal(1)), penalties.currency
            ),
        }
    )
