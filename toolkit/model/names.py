"""UN short and formal names of States in the six UN languages (UNTERM table), and in Portuguese.

Portuguese is not a UN language: its names come from a table of their own
(``data/pt_country_names.csv``: the EU Interinstitutional Style Guide's names in
European Portuguese, with the article each name takes; see its SOURCES file).
Where a table has no entry for a language (or a formal name the table leaves
empty), the territory name from CLDR (babel) is the fallback, and the caller is
told it is a fallback so the checklist can flag it.
"""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale

from ..resources import data_dir

UN_LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")
KNOWN_SOURCES = ("UNTERM", "profile", "PT table")  # names the checklist need not question
_ARTICLES = ("os ", "as ", "o ", "a ")


@dataclass(frozen=True)
class StateName:
    """One State's name in one language, and where it came from."""

    short: str
    formal: str
    source: str  # "UNTERM", "CLDR", "profile"

    @property
    def formal_capitalized(self) -> str:
        """The formal name for the start of a sentence ("The United Republic ...")."""
        return self.formal[:1].upper() + self.formal[1:]


@dataclass(frozen=True)
class StateRecord:
    """A row of the UN names table."""

    iso2: str
    iso3: str
    m49: str
    names: dict[str, tuple[str, str]]  # lang -> (short, formal); formal may be ""


@lru_cache(maxsize=1)
def _table() -> dict[str, StateRecord]:
    records: dict[str, StateRecord] = {}
    with (data_dir() / "un_country_names.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names = {lang: (row[f"{lang}_short"], row[f"{lang}_formal"]) for lang in UN_LANGUAGES}
            record = StateRecord(row["iso2"], row["iso3"], row["m49"], names)
            records[record.iso2] = record
            records[record.iso3] = record
    return records


@lru_cache(maxsize=1)
def _portuguese() -> dict[str, tuple[str, str]]:
    """iso2 → (short name without its article, formal name with its article)."""
    names: dict[str, tuple[str, str]] = {}
    with (data_dir() / "pt_country_names.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            short = row["pt_short"]
            for article in _ARTICLES:
                if short.startswith(article):
                    short = short[len(article) :]
                    break
            names[row["iso2"]] = (short, row["pt_formal"])
    return names


def all_states() -> list[StateRecord]:
    """Every State of the UN names table, once each."""
    return list({record.iso2: record for record in _table().values()}.values())


def find_state(code: str) -> StateRecord | None:
    """The record for an ISO 3166-1 alpha-2 or alpha-3 code, or None."""
    return _table().get(code.strip().upper())


def suggest_codes(text: str) -> list[str]:
    """Codes whose code or English short name looks like ``text`` (for "did you mean")."""
    table = _table()
    text_up = text.strip().upper()
    by_name = {rec.names["en"][0].upper(): rec.iso2 for rec in table.values()}
    close_names = difflib.get_close_matches(text_up, list(by_name), n=3, cutoff=0.75)
    hits = [f"{by_name[n]} ({n.title()})" for n in close_names]
    if not hits:
        hits = [
            f"{c} ({table[c].names['en'][0]})" for c in difflib.get_close_matches(text_up, list(table), n=3, cutoff=0.6)
        ]
    return hits


def state_name(record: StateRecord, lang: str) -> StateName:
    """The State's UN name in ``lang`` (Portuguese: the PT table); CLDR's territory name where none is known."""
    portuguese = _portuguese().get(record.iso2) if lang == "pt" else None
    if portuguese is not None:
        return StateName(portuguese[0], portuguese[1], "PT table")
    if lang in record.names:
        short, formal = record.names[lang]
        if short and formal:
            return StateName(short, formal, "UNTERM")
        if short:
            return StateName(short, short, "UNTERM short name (no formal name in the table)")
    cldr = Locale.parse(lang).territories.get(record.iso2)
    if cldr:
        return StateName(cldr, cldr, "CLDR")
    short, formal = record.names["en"]
    return StateName(short, formal or short, "UNTERM English (no name in this language)")
