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


_RU_HEADS = {
    "Республика": "Республики",
    "Королевство": "Королевства",
    "Государство": "Государства",
    "Княжество": "Княжества",
    "Содружество": "Содружества",
    "Федерация": "Федерации",
    "Союз": "Союза",
    "Султанат": "Султаната",
    "Острова": "Островов",
}


def russian_genitive(formal: str) -> str | None:
    """The genitive of a UN Russian formal name, where its shape is certain; None otherwise.

    Formal names are a run of adjectives and a head noun followed by the name in apposition,
    which stays in the nominative: «Объединенная Республика Танзания» → «Объединенной Республики
    Танзания». A one-word name is declined by its ending («Ямайка» → «Ямайки»). Anything else
    (hyphenated or compound names) is left to the caller.
    """
    words = formal.split()
    out: list[str] = []
    for index, word in enumerate(words):
        if word in _RU_HEADS:
            return " ".join([*out, _RU_HEADS[word], *words[index + 1 :]])
        if word.endswith("ая"):
            out.append(word[:-2] + "ой")
        elif word.endswith("ое"):
            out.append(word[:-2] + "ого")
        elif word.endswith("ые"):
            out.append(word[:-2] + "ых")
        else:
            break
    if len(words) == 1 and "-" not in formal:
        return _decline_noun(formal)
    return None


def _decline_noun(word: str) -> str | None:
    if word.endswith("ия"):
        return word[:-1] + "и"
    if word[-2:-1] in "кгхжшчщ" and word.endswith("а"):
        return word[:-1] + "и"
    if word.endswith("а"):
        return word[:-1] + "ы"
    if word.endswith("я"):
        return word[:-1] + "и"
    if word[-1] in "бвгджзклмнпрстфхцчшщ":
        return word + "а"
    return None


def name_forms(short: str, formal: str, lang: str) -> dict[str, str]:
    """Every form of the State's name a translation may need, for messages formatted in Python.

    ``state`` is the name the English uses; the others follow the rules above.
    """
    return {
        "state_short": short,
        "state_formal": formal,
        "state_de": with_preposition(formal, lang, "de"),
        "state_a": with_preposition(formal, lang, "a"),
        "state_li": with_preposition(formal, lang, "li"),
        "state_gen": (russian_genitive(formal) or f"государства {formal}") if lang == "ru" else formal,
    }


def extra_forms(values: dict[str, object], lang: str) -> dict[str, str]:
    """More forms of the values a template sees (the State's name, the treaty's title, places) for ``lang``.

    Every key returned here becomes a template value; a message may use it in its English text so that each
    language's translation can use the same placeholder in the form its grammar needs.
    """
    return {}
