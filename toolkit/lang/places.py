"""City names in each language, from CLDR's exemplar cities of time zones (babel).

CLDR names the city of every time zone in every language ("Africa/Nairobi":
Nairobi, نيروبي, Найроби, 内罗毕); many capitals are such cities, so a place
the profile gives in one language can be written in another when CLDR knows
it.  Where a language has no name of its own for the city, CLDR uses the city's
usual (English) form, derived from the zone's identifier, and so does this.
Not every capital is a time-zone city (Kingston is not): those are not known.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from babel import Locale

from .languages import LanguageSpec, language_codes, language_spec


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("-", " ").strip()


def _derived(zone: str) -> str:
    return zone.rsplit("/", 1)[-1].replace("_", " ")


@lru_cache(maxsize=1)
def _zones_by_name() -> dict[str, str]:
    """Every city name CLDR gives in any language of the table (and the zone's own), folded → zone."""
    index: dict[str, str] = {}
    cities = [(code, spec.cldr) for code in language_codes() if (spec := language_spec(code))]
    reference = Locale.parse("ru").time_zones  # a locale that names (nearly) every zone
    for zone in map(str, reference):
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/")):
            index.setdefault(_fold(_derived(zone)), zone)
    for _code, cldr in cities:
        for zone, names in Locale.parse(cldr).time_zones.items():
            city = names.get("city")
            if city:
                index.setdefault(_fold(str(city)), str(zone))
    return index


def city_in(name: str, spec: LanguageSpec) -> str | None:
    """``name`` (a city, in any language of the table) as the language of ``spec`` writes it, if CLDR knows it."""
    zone = _zones_by_name().get(_fold(name))
    if zone is None:
        return None
    city = Locale.parse(spec.cldr).time_zones.get(zone, {}).get("city")
    return str(city) if city else _derived(zone)
