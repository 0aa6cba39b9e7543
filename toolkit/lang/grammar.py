"""Grammatical roles: the forms of names that a sentence needs, computed per language.

A message's English text and every translation of it use the same placeholders
(``msgfmt --check-format`` requires it).  Where languages need different forms of
one name in the same place — French "du Royaume du Maroc" where English has "of
the Kingdom of Morocco", a Russian genitive, an Arabic لِ — the placeholder names a
*role*, the name as it stands in that place of the sentence, and its value is
computed here for each language:

``state_of``
    "of" + the State's formal name: en "of the Republic of Kenya", fr "du Royaume du
    Maroc", es "del Reino de Marruecos", pt "do Reino de Marrocos", ru genitive
    «Королевства Марокко» (no preposition), zh and ar the formal name (Arabic: the
    second term of an iḍāfa, حكومة المملكة المغربية).
``state_of_li``
    the same after a head noun qualified by an adjective ("the Permanent Mission of",
    "the armed forces of", "the legal order of"): Arabic cannot use the iḍāfa there
    and joins لِ to the name (البعثة الدائمة للمملكة المغربية); every other language
    has the value of ``state_of``.
``state_for``
    the formal name after "for" (the sentence writes "for", "pour", "para", "для",
    对, بالنسبة إلى itself): Russian genitive, elsewhere the formal name.
``treaty_title_gen``
    the treaty's title as the complement of another word ("article 16 of the …",
    "a State Party to the …", "in respect of the …"; the sentence writes its own
    article and preposition): Russian genitive, elsewhere ``treaty_title``.
``adoption_place_at``, ``opening_place_at``
    "at" + the place where the treaty was adopted / opened for signature, with the
    language's own preposition: "at Dublin", "à Dublin", "en Dublín", "em Dublim",
    «в Дублине», 在都柏林, في دبلن.

UN formal names keep their article ("la République du Kenya", "le Royaume du
Maroc", "el Reino de Marruecos"), so "of" + name contracts in French, Spanish and
Portuguese: :func:`with_preposition`.  What each language does is data of its
record in the language table (:class:`~toolkit.lang.languages.Grammar`); the
one algorithm here is the Russian declension of names, a grammar hook.
"""

from __future__ import annotations

from .languages import LanguageSpec

# The roles every template and every Python message that names the State gets, in every language
# (see the module's docstring and locales/TRANSLATING.md).
STATE_ROLES = ("state_of", "state_of_li", "state_for")
ROLES = (*STATE_ROLES, "treaty_title_gen", "adoption_place_at", "opening_place_at")


def with_preposition(name: str, spec: LanguageSpec, preposition: str) -> str:
    """``name`` after "of", "to", "at" a place, or Arabic li, as the language joins them.

    Unchanged where the language has no rule for that preposition.
    """
    for start, replacement in spec.grammar.prepositions.get(preposition, ()):
        if name.startswith(start):
            return replacement + name[len(start) :]
    return name


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
    "Штаты": "Штатов",
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


def genitive(formal: str, spec: LanguageSpec) -> str:
    """The formal name in the genitive where the language declines names, else as it is.

    Russian: where the declension is not certain, «государства» + the name in apposition.
    """
    if spec.grammar.declension == "russian":
        return russian_genitive(formal) or f"государства {formal}"
    return formal


def state_roles(formal: str, spec: LanguageSpec) -> dict[str, str]:
    """``state_of``, ``state_of_li`` and ``state_for`` of the State's formal name."""
    if spec.grammar.declension:
        declined = genitive(formal, spec)
        return {"state_of": declined, "state_of_li": declined, "state_for": declined}
    # en, fr, es, pt: "of" + the name, contracted with its article; Chinese: X政府; Arabic: the iḍāfa
    # (حكومة X), or لِ after a qualified noun.  A language without a rule gets the name as it is.
    of = with_preposition(formal, spec, "of")
    return {
        "state_of": of,
        "state_of_li": with_preposition(formal, spec, spec.grammar.of_after_qualified_noun),
        "state_for": formal,
    }


def name_forms(short: str, formal: str, spec: LanguageSpec) -> dict[str, str]:
    """Every form of the State's name a message may use: its short and formal names and its roles."""
    return {"state_short": short, "state_formal": formal, **state_roles(formal, spec)}


def place_at(place: str, treaty_form: str, spec: LanguageSpec) -> str:
    """A place after "at", the preposition included; ``treaty_form`` is the treaty data's own form (Russian)."""
    if spec.grammar.locative_from_treaty and treaty_form and treaty_form != place:
        return treaty_form
    return with_preposition(place, spec, "at")


def title_after_of(title: str, treaty_form: str, spec: LanguageSpec) -> str:
    """The treaty's title as the complement of another word; ``treaty_form`` is the treaty data's genitive."""
    if spec.grammar.title_genitive_from_treaty and treaty_form:
        return treaty_form
    return title
