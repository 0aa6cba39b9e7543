"""Words that are not in the packet's language, in a text the profile gave for it.

Two tests, each narrow enough not to cry wolf: in a language not written in
Latin letters (Arabic, Russian, Chinese), any word in Latin letters that is not
an allowed name or an acronym; in a Latin-script language other than English,
any of a short list of English words that no such language shares (the, of,
Ministry, Foreign, Affairs…).  A French title "Ministry of National Security"
and a Russian place "Kingston" are caught; "Mission permanente" and "Nations
Unies" are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .languages import SOURCE_LANGUAGE, LanguageSpec

_LATIN_WORD = re.compile(r"[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ'’.-]*")
# English words that are not words of French, Spanish or Portuguese (checked against each).
_ENGLISH_ONLY = frozenset(
    """the of and ministry minister foreign affairs defence defense security united department with trade
    republic kingdom government head ambassador representative council state president armed customs
    high supreme attorney prosecutions commissioner""".split()
)
_NOT_WORDS = re.compile(r"^[A-Z0-9.]{2,8}$")  # acronyms and symbols: UN, CCM, C.N., ISU


def foreign_words(text: str, spec: LanguageSpec, allowed: Iterable[str] = ()) -> list[str]:
    """The words of ``text`` that are not in the language of ``spec`` (empty: none found)."""
    allowed_words = {word.casefold() for name in allowed for word in _LATIN_WORD.findall(name)}
    words = _LATIN_WORD.findall(text)
    if spec.script != "Latn":
        return [w for w in words if w.casefold() not in allowed_words and not _NOT_WORDS.match(w)]
    if spec.code == SOURCE_LANGUAGE:  # English words are the source language's own
        return []
    return [w for w in words if w.casefold().strip(".") in _ENGLISH_ONLY and w.casefold() not in allowed_words]
