"""The State's formal name after a preposition, as each language contracts it.

UN formal names keep their article ("la République du Kenya", "le Royaume du
Maroc", "el Reino de Marruecos"), so "of"/"to" + name contracts in French,
Spanish and Portuguese: du Royaume, del Reino, do Reino, au Royaume.  Templates
and translations get both forms as ``state_formal_de`` and ``state_formal_a``.
"""

from __future__ import annotations

_RULES: dict[str, dict[str, list[tuple[str, str]]]] = {
    "fr": {
        "de": [("les ", "des "), ("le ", "du "), ("la ", "de la "), ("l'", "de l'"), ("l’", "de l’"), ("", "de ")],
        "a": [("les ", "aux "), ("le ", "au "), ("la ", "à la "), ("l'", "à l'"), ("l’", "à l’"), ("", "à ")],
    },
    "es": {
        "de": [("el ", "del "), ("", "de ")],
        "a": [("el ", "al "), ("", "a ")],
    },
    "pt": {
        "de": [("os ", "dos "), ("as ", "das "), ("o ", "do "), ("a ", "da "), ("", "de ")],
        "a": [("os ", "aos "), ("as ", "às "), ("o ", "ao "), ("a ", "à "), ("", "a ")],
    },
    "en": {"de": [("", "of ")], "a": [("", "to ")]},
    # Arabic لِ "for/of" joins the name, and ال becomes لل: للمملكة المغربية, لجمهورية كينيا.
    "ar": {"li": [("ال", "لل"), ("", "ل")]},
}


def with_preposition(formal: str, lang: str, preposition: str) -> str:
    """``formal`` after "of" (``de``), "to" (``a``) or Arabic li (``li``); unchanged where no rule applies."""
    for article, replacement in _RULES.get(lang, {}).get(preposition, []):
        if formal.startswith(article):
            return replacement + formal[len(article) :]
    return formal
