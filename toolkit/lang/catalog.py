"""Document language: gettext catalogs per language and CLDR dates and numbers.

Each render gets its own :class:`gettext.NullTranslations` object (never a
process-wide ``gettext.install``): one run may render several languages.
English is the source language of the templates; any other language needs a
catalog in ``locales/<lang>/LC_MESSAGES/`` and is an error without one, never
a quiet fallback to English.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import IO

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, get_currency_name

from ..errors import LocaleError
from ..model.text import LANGUAGES
from ..resources import locales_dir

SOURCE_LANGUAGE = "en"
RTL_LANGUAGES = frozenset({"ar"})
DOMAIN = "documents"

# CLDR locale per document language. UN English writes day-month-year: en_GB.
CLDR_LOCALE = {"en": "en_GB", "fr": "fr", "es": "es", "ar": "ar", "ru": "ru", "zh": "zh_Hans", "pt": "pt_PT"}

_LANGUAGE_NAMES_EN = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "ar": "Arabic",
    "ru": "Russian",
    "zh": "Chinese",
    "pt": "Portuguese",
}


def catalog_path(lang: str, locales: Path | None = None) -> Path:
    """Where the ``.po`` catalog of ``lang`` lives."""
    return (locales or locales_dir()) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def document_languages(locales: Path | None = None) -> list[str]:
    """Languages a packet can be built in: English plus those with a catalog."""
    return [lang for lang in LANGUAGES if lang == SOURCE_LANGUAGE or catalog_path(lang, locales).is_file()]


def check_language(
    lang: str, locales: Path | None = None, *, key: str = "--lang", path: Path | None = None, line: int | None = None
) -> str:
    """Return ``lang`` if a packet can be built in it, else raise :class:`LocaleError`.

    ``key``/``path``/``line`` say where the language came from (the --lang option, or the profile).
    """
    available = document_languages(locales)
    if lang in available:
        return lang
    known = ", ".join(f"{code} ({_LANGUAGE_NAMES_EN[code]})" for code in available)
    if lang in LANGUAGES:
        raise LocaleError(
            f"documents in {_LANGUAGE_NAMES_EN[lang]} ({lang}) are not available yet: there is no translation catalog "
            f"{catalog_path(lang, locales)}",
            key=key,
            path=path,
            line=line,
            hint=f"build in one of them with --lang: {known}",
        )
    raise LocaleError(
        f"{lang!r} is not a language the toolkit supports", key=key, path=path, line=line, hint=f"use one of: {known}"
    )


class DocumentTranslations(gettext.GNUTranslations):
    """A catalog that remembers every message it could not translate.

    A legal document must not switch to English in mid-sentence: the build asks
    :meth:`tracking` around rendering and refuses the packet if anything is left.
    """

    def __init__(self, fp: IO[bytes] | None = None) -> None:
        self.missed: set[str] = set()
        super().__init__(fp)

    def gettext(self, message: str) -> str:  # noqa: D102
        if message and message not in self._catalog:  # type: ignore[attr-defined]
            self.missed.add(message)
        return super().gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:  # noqa: D102
        if (msgid1, 0) not in self._catalog:  # type: ignore[attr-defined]
            self.missed.add(msgid1)
        return super().ngettext(msgid1, msgid2, n)

    @contextmanager
    def tracking(self) -> Iterator[set[str]]:
        """The messages missed inside the ``with`` block only (one build, in a process that makes many)."""
        outer, self.missed = self.missed, set()
        try:
            yield self.missed
        finally:
            outer |= self.missed
            self.missed = outer


class SourceTranslations(gettext.NullTranslations):
    """English, the templates' own language: nothing to translate, nothing missing."""

    @contextmanager
    def tracking(self) -> Iterator[set[str]]:
        """Nothing is ever missed."""
        yield set()


@lru_cache(maxsize=16)
def translations(lang: str, locales: Path | None = None) -> DocumentTranslations | SourceTranslations:
    """The gettext translations of ``lang`` (compiled in memory from its ``.po``, fuzzy entries left out)."""
    if lang == SOURCE_LANGUAGE:
        return SourceTranslations()
    path = catalog_path(check_language(lang, locales), locales)
    with path.open("rb") as handle:
        try:
            catalog = read_po(handle, locale=lang)
        except Exception as exc:  # babel raises several types for broken catalogs
            raise LocaleError(f"the catalog cannot be read: {exc}", path=path) from None
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return DocumentTranslations(buffer)


def is_rtl(lang: str) -> bool:
    """Whether ``lang`` is written right to left."""
    return lang in RTL_LANGUAGES


def language_name(lang: str, in_lang: str | None = None) -> str:
    """The name of ``lang`` in ``in_lang`` (default: itself), from CLDR."""
    locale = Locale.parse(CLDR_LOCALE[in_lang or lang])
    return str(locale.languages.get(lang, _LANGUAGE_NAMES_EN[lang]))


def _arabic_month(month: int) -> str:
    """UN Arabic style: Levantine and Egyptian month names, e.g. آب/أغسطس."""
    levant = Locale.parse("ar_LB").months["format"]["wide"][month]
    egypt = Locale.parse("ar_EG").months["format"]["wide"][month]
    return f"{levant}/{egypt}"


def format_long_date(value: date, lang: str) -> str:
    """A date in the long form a treaty document uses in ``lang`` (UN English: 30 May 2008)."""
    if lang == "fr":
        text = babel_format_date(value, "d MMMM y", locale="fr")
        return "1er" + text[1:] if value.day == 1 else text
    if lang == "ru":
        return babel_format_date(value, "d MMMM y", locale="ru") + " года"
    if lang == "ar":
        # no-break spaces: a day number left alone at the end of a right-to-left line reads badly
        return f"{value.day}\u00a0{_arabic_month(value.month)}\u00a0{value.year}"
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    if lang in ("es", "pt"):
        return babel_format_date(value, "d 'de' MMMM 'de' y", locale=CLDR_LOCALE[lang])
    return babel_format_date(value, "d MMMM y", locale=CLDR_LOCALE.get(lang, "en_GB"))


def format_amount(amount: Decimal | int, currency: str, lang: str) -> str:
    """An amount as a statute writes it: digits grouped the language's way, then the currency's name."""
    locale = CLDR_LOCALE[lang]
    digits = format_decimal(amount, locale="en_GB" if lang == "ar" else locale, decimal_quantization=False)
    name = get_currency_name(currency, count=amount, locale=locale)
    if lang == "pt":
        name = name.lower()
    return f"{digits}{'' if lang == 'zh' else ' '}{name}"
