"""Dates, amounts, lists, numerals and language names, as each language writes them (CLDR via babel).

Every function takes the language's record (:class:`~toolkit.lang.languages.LanguageSpec`) and
reads its style from it: no language code is tested here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal, get_currency_name

from .languages import LanguageSpec, Numerals
from .numerals import chinese, roman


@lru_cache(maxsize=32)
def _locale(cldr: str) -> Locale:
    return Locale.parse(cldr)


def long_date(value: date, spec: LanguageSpec) -> str:
    """A date in the long form a treaty document uses (UN English: 30 May 2008; 1er août 2010)."""
    style = spec.date
    if style.dual_months is not None:
        first, second = (_locale(cldr).months["format"]["wide"][value.month] for cldr in style.dual_months)
        text = style.space.join([str(value.day), f"{first}/{second}", str(value.year)])
    else:
        text = format_date(value, style.pattern, locale=spec.cldr)
        if value.day == 1 and style.first_day and text.startswith("1"):
            text = style.first_day + text[1:]
    text += style.suffix
    return text.replace(" ", "\u00a0") if style.no_break else text


def dates_within_month(first: date, last: date, spec: LanguageSpec) -> str:
    """Two dates of the same month as the language joins them: 15–16 March 2027, du 15 au 16 mars 2027,
    «15–16 марта 2027 года», 2027年3月15日至16日."""
    first_date, last_date = long_date(first, spec), long_date(last, spec)
    day = first_date.split()[0].split("\u00a0")[0]  # the day as the date writes it ("1er")
    return spec.date.within_month.format(first_day=day, first_date=first_date, last_day=last.day, last_date=last_date)


def amount(value: Decimal | int, currency: str, spec: LanguageSpec) -> str:
    """An amount as a statute writes it: digits grouped the language's way, then the currency's name."""
    style = spec.numbers
    digits = format_decimal(value, locale=style.amount_locale or spec.cldr, decimal_quantization=False)
    name = style.currency_names.get(currency) or get_currency_name(currency, count=value, locale=spec.cldr)
    if style.currency_lowercase:
        name = name.lower()
    joiner = style.amount_joiner
    if style.round_millions_joiner and value and value % 1_000_000 == 0:
        joiner = style.round_millions_joiner
    return f"{digits}{joiner}{name}"


def join(items: Sequence[str], spec: LanguageSpec) -> str:
    """A list as the language writes one (CLDR: "a, b and c", "a、b和c", "a et b")."""
    return str(format_list(list(items), style="standard", locale=spec.cldr))


def numeral(count: int, style: Numerals, spec: LanguageSpec) -> str:
    """``count`` written in ``style``: digits, roman, Chinese numerals, or the language's ordinal words."""
    if style == "roman":
        return roman(count)
    if style == "chinese":
        return chinese(count)
    if style == "ordinal_words" and 0 < count <= len(spec.numbers.ordinal_words):
        return spec.numbers.ordinal_words[count - 1]
    return str(count)


def legal_number(kind: str, count: int, spec: LanguageSpec) -> str:
    """The number of a part, chapter, article or section as the language's statutes write it."""
    style = spec.numbers
    if kind == "article" and count == 1 and style.first_article:
        return style.first_article
    styles: dict[str, Numerals] = {"article": style.article, "chapter": style.chapter, "part": style.part}
    return numeral(count, styles.get(kind, "digits"), spec)


def article_number(number: object, spec: LanguageSpec) -> str:
    """An article number cited in running text ("7", or 第七 in Chinese); sub-paragraphs such as 7(1) as given."""
    text = str(number)
    return numeral(int(text), spec.numbers.article, spec) if text.isdigit() else text


def language_name(spec: LanguageSpec, in_spec: LanguageSpec | None = None) -> str:
    """The name of the language of ``spec`` in the language of ``in_spec`` (default: itself), from CLDR."""
    locale = _locale((in_spec or spec).cldr)
    return str(locale.languages.get(spec.code, spec.english_name))


def sort_key(name: str, spec: LanguageSpec) -> tuple[str, str]:
    """Alphabetical order as a reader of the language expects it, near enough without a collation library:
    accents and case ignored (Égypte with the Es); a prefix the language passes over (the Arabic article)
    skipped; code-point order where the language sorts by it (Chinese: radical-and-stroke order)."""
    if spec.sort_by_code_point:
        return (name, name)
    folded = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    prefix = spec.sort_skip_prefix
    if prefix and folded.startswith(prefix) and len(folded) > len(prefix) + 1:
        folded = folded[len(prefix) :]
    return (folded, name)
