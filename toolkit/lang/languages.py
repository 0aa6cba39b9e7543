"""The language table: one record per language a packet can be written in.

Everything the toolkit knows about a language is here — its CLDR locale, the
tags Word and PDF readers get, its direction, the faces it is set in, how it
writes dates, amounts and the numbers of articles and chapters, how it sorts
names — and nowhere else: no other module tests a language code.  Adding a
language is one :class:`LanguageSpec` here plus a catalog in
``locales/<code>/LC_MESSAGES/documents.po`` (and the treaty's title in the
treaty data); :func:`register_language` adds one at run time (tests do).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Numerals = Literal["digits", "roman", "chinese", "ordinal_words"]


@dataclass(frozen=True)
class DateStyle:
    """How a treaty document writes a date (UN style in each language)."""

    pattern: str = "d MMMM y"  # a CLDR (babel) date pattern
    first_day: str | None = None  # how day 1 is written, where it differs ("1er" août)
    suffix: str = ""  # after the year (Russian formal text: «1 августа 2010 года»)
    dual_months: tuple[str, str] | None = None  # two CLDR locales whose month names are joined "a/b" (UN Arabic)
    space: str = " "  # between day, month and year when the date is assembled from parts
    no_break: bool = False  # spaces inside the date do not break (a day left alone at a line's end reads badly)
    # Two dates of one month, as a heading writes them: {first_day}, {first_date}, {last_day}, {last_date}
    within_month: str = "{first_day}–{last_date}"  # 15–16 March 2027


@dataclass(frozen=True, eq=False)
class NumberStyle:
    """How numbers are written in legal text and in amounts."""

    article: Numerals = "digits"
    chapter: Numerals = "roman"
    part: Numerals = "digits"
    first_article: str | None = None  # « Article 1er »
    amount_locale: str | None = None  # CLDR locale for the digits of an amount, where not the language's own
    currency_lowercase: bool = False  # "1 000 000 xelins quenianos"
    amount_joiner: str = " "  # between the digits and the currency's name
    round_millions_joiner: str = ""  # between a round number of millions and the currency (Spanish: "de")
    ordinal_words: tuple[str, ...] = ()  # for "ordinal_words": the first, the second… (then digits)
    # How a numbered heading is written, where the template gives the number alone ("5."): Arabic
    # headings name the article, as the cross-references that cite them do (المادة 5).
    headings: dict[str, str] = field(default_factory=dict)
    currency_names: dict[str, str] = field(default_factory=dict)  # where CLDR's name is not the UN one


@dataclass(frozen=True)
class Faces:
    """The faces a document is set in, by script slot (Word's ascii/hAnsi, eastAsia, cs)."""

    latin: str = "Times New Roman"  # Liberation Serif, metric-compatible, on Debian
    east_asian: str = "Noto Serif CJK SC"  # the Simplified Chinese forms, not the Japanese
    complex: str = "Amiri"  # the Arabic text face


Rule = tuple[str, str]  # (what a name begins with, what replaces it after the preposition)


@dataclass(frozen=True, eq=False)
class Grammar:
    """How a name changes in a sentence: prepositions that join its article, cases, Arabic لِ."""

    # Per preposition ("of", "to", "at", "li"): the first rule whose start the name has applies;
    # no rule for a preposition: the name is left as it is (the sentence writes the preposition).
    # "bare": the name without its article, as a heading shows it (République du Kenya).
    prepositions: dict[str, tuple[Rule, ...]] = field(default_factory=dict)
    of_after_qualified_noun: str = "of"  # Arabic: لِ after a noun with an adjective (البعثة الدائمة لـ…)
    declension: Literal["", "russian"] = ""  # names declined by a grammar hook (toolkit.lang.grammar)
    locative_from_treaty: bool = False  # "at" a treaty's place: the form the treaty data gives (в Дублине)
    title_genitive_from_treaty: bool = False  # the treaty's title after "of": the form the treaty data gives


@dataclass(frozen=True, eq=False)
class LanguageSpec:
    """One language of the documents."""

    code: str  # the profile's and the catalog's code: "fr"
    english_name: str  # for messages to maintainers: "French"
    cldr: str  # the CLDR locale babel formats with: "fr", "en_GB", "zh_Hans"
    tag: str  # BCP 47 tag for DOCX runs and the PDF /Lang: "fr-FR"
    script: str = "Latn"  # ISO 15924: Latn, Arab, Cyrl, Hans
    direction: Literal["ltr", "rtl"] = "ltr"
    latin_tag: str | None = None  # the tag of Latin-script runs, where not ``tag`` (Chinese tags them en-GB)
    east_asian_tag: str = "zh-CN"  # the tag of the East Asian slot of every run
    complex_tag: str = "ar-SA"  # the tag of the complex-script slot of every run
    faces: Faces = field(default_factory=Faces)
    date: DateStyle = field(default_factory=DateStyle)
    numbers: NumberStyle = field(default_factory=NumberStyle)
    quotes: tuple[str, str] = ("“", "”")  # around a quoted text
    sentence_separator: str = " "  # between two sentences (none after Chinese 。)
    asian_latin_spacing: bool = True  # a word processor may space CJK from Latin/digits (off for Chinese dates)
    title_quotes: tuple[str, str] = ("", "")  # around a treaty's title in running text (Chinese 《》)
    sort_by_code_point: bool = False  # Chinese names: code-point order is radical-and-stroke order
    states_in_english_order: bool = False  # lists of States follow the English order (UN Chinese usage)
    sort_skip_prefix: str = ""  # passed over when sorting names (the Arabic article ال)
    article_in_templates: str = ""  # the article the templates write before a name ("the"): dropped from names
    grammar: Grammar = field(default_factory=Grammar)

    @property
    def rtl(self) -> bool:
        """Whether the language is written right to left."""
        return self.direction == "rtl"

    @property
    def run_tag(self) -> str:
        """The tag of Latin-script runs (``w:val``)."""
        return self.latin_tag or self.tag


SOURCE_LANGUAGE = "en"  # the language of the templates' own text

_TABLE: dict[str, LanguageSpec] = {}


def register_language(spec: LanguageSpec) -> LanguageSpec:
    """Add ``spec`` to the table (or replace the record with its code); return it."""
    _TABLE[spec.code] = spec
    return spec


def unregister_language(code: str) -> None:
    """Remove a language added with :func:`register_language` (the source language stays)."""
    if code != SOURCE_LANGUAGE:
        _TABLE.pop(code, None)


def language_spec(code: str) -> LanguageSpec | None:
    """The record of ``code``, or None if the toolkit has no such language."""
    return _TABLE.get(code)


def language_codes() -> tuple[str, ...]:
    """Every language code of the table, in table order."""
    return tuple(_TABLE)


for _spec in (
    # UN English: British spelling, day-month-year without a comma: 30 May 2008.
    LanguageSpec(
        "en",
        "English",
        "en_GB",
        "en-GB",
        article_in_templates="the ",
        grammar=Grammar({"of": (("", "of "),), "to": (("", "to "),), "at": (("", "at "),), "bare": (("the ", ""),)}),
    ),
    LanguageSpec(
        "fr",
        "French",
        "fr",
        "fr-FR",
        date=DateStyle(first_day="1er", within_month="du {first_day} au {last_date}"),
        numbers=NumberStyle(first_article="1er", currency_names={"VND": "dongs vietnamiens"}),  # UN: dong, not dông
        quotes=("«\u00a0", "\u00a0»"),
        grammar=Grammar(
            {  # UN formal names keep their article: du Royaume, de la République, aux Îles
                "of": (
                    ("les ", "des "),
                    ("le ", "du "),
                    ("la ", "de la "),
                    ("l'", "de l'"),
                    ("l’", "de l’"),
                    ("", "de "),
                ),
                "to": (("les ", "aux "), ("le ", "au "), ("la ", "à la "), ("l'", "à l'"), ("l’", "à l’"), ("", "à ")),
                "at": (("Les ", "aux "), ("Le ", "au "), ("", "à ")),  # à Dublin, au Caire, à La Haye
                "bare": (("les ", ""), ("le ", ""), ("la ", ""), ("l'", ""), ("l’", "")),
            }
        ),
    ),
    LanguageSpec(
        "es",
        "Spanish",
        "es",
        "es-ES",
        date=DateStyle(pattern="d 'de' MMMM 'de' y", within_month="del {first_day} al {last_date}"),
        numbers=NumberStyle(round_millions_joiner=" de "),  # 1.000.000 de euros
        quotes=("«", "»"),
        grammar=Grammar(
            {
                "of": (("el ", "del "), ("", "de ")),
                "to": (("el ", "al "), ("", "a ")),
                "at": (("", "en "),),
                "bare": (("el ", ""), ("la ", ""), ("los ", ""), ("las ", "")),
            }
        ),
    ),
    LanguageSpec(
        "ar",
        "Arabic",
        "ar",
        "ar-SA",
        script="Arab",
        direction="rtl",
        quotes=("«", "»"),
        # UN Arabic: Levantine and Egyptian month names (آب/أغسطس), Latin digits, no-break spaces so
        # that a day number is never left alone at the end of a right-to-left line.
        date=DateStyle(dual_months=("ar_LB", "ar_EG"), space="\u00a0", within_month="من {first_day} إلى {last_date}"),
        numbers=NumberStyle(
            chapter="ordinal_words",
            part="ordinal_words",
            amount_locale="en_GB",
            headings={"section": "المادة {number}"},
            ordinal_words=(
                "الأول",
                "الثاني",
                "الثالث",
                "الرابع",
                "الخامس",
                "السادس",
                "السابع",
                "الثامن",
                "التاسع",
                "العاشر",
                "الحادي عشر",
                "الثاني عشر",
            ),
        ),
        sort_skip_prefix="ال",
        # لِ joins the name and ال becomes لل: للمملكة المغربية, لجمهورية كينيا; "at" a place: في دبلن.
        grammar=Grammar({"li": (("ال", "لل"), ("", "ل")), "at": (("", "في "),)}, of_after_qualified_noun="li"),
    ),
    LanguageSpec(
        "ru",
        "Russian",
        "ru",
        "ru-RU",
        script="Cyrl",
        date=DateStyle(suffix=" года", no_break=True),
        quotes=("«", "»"),
        # «в» + the prepositional case, which only the treaty data knows; «в» + the name as given is
        # the fallback for an indeclinable foreign name (в Осло).
        grammar=Grammar(
            {"at": (("", "в "),)}, declension="russian", locative_from_treaty=True, title_genitive_from_treaty=True
        ),
    ),
    LanguageSpec(
        "zh",
        "Chinese",
        "zh_Hans",
        "zh-CN",
        script="Hans",
        latin_tag="en-GB",  # Latin words tagged zh-CN were broken anywhere by LibreOffice, as Chinese may be
        date=DateStyle(pattern="y年M月d日", within_month="{first_date}至{last_day}日"),
        numbers=NumberStyle(article="chinese", chapter="chinese", amount_joiner=""),
        title_quotes=("《", "》"),
        sentence_separator="",
        asian_latin_spacing=False,
        sort_by_code_point=True,
        states_in_english_order=True,
        grammar=Grammar({"at": (("", "在"),)}),
    ),
    LanguageSpec(
        "pt",
        "Portuguese",
        "pt_PT",
        "pt-PT",
        date=DateStyle(pattern="d 'de' MMMM 'de' y", within_month="de {first_day} a {last_date}"),
        numbers=NumberStyle(currency_lowercase=True),
        quotes=("«", "»"),
        grammar=Grammar(
            {
                "of": (("os ", "dos "), ("as ", "das "), ("o ", "do "), ("a ", "da "), ("", "de ")),
                "to": (("os ", "aos "), ("as ", "às "), ("o ", "ao "), ("a ", "à "), ("", "a ")),
                "at": (("", "em "),),
                "bare": (("os ", ""), ("as ", ""), ("o ", ""), ("a ", "")),
            }
        ),
    ),
):
    register_language(_spec)
