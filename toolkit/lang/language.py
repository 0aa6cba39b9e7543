"""A language resolved once for a build: its record, its catalog and its formatters in one object.

A build resolves the packet's language once (:func:`resolve_language`) and hands
the :class:`Language` to every stage — context, checks, calendar, rendering,
layout, PDF metadata — so none of them goes back to look a code up again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from . import formats
from .catalog import Translations, catalog_path, check_language, translations
from .languages import SOURCE_LANGUAGE, LanguageSpec, language_spec


@dataclass(frozen=True, eq=False)
class Language:
    """One document language, ready to use: translate, format dates and amounts, number articles."""

    spec: LanguageSpec
    catalog: Translations
    catalog_digest: str = ""  # SHA-256 of the catalog file: what a rendered document depends on

    @property
    def code(self) -> str:
        """The language's code (``fr``)."""
        return self.spec.code

    @property
    def rtl(self) -> bool:
        """Whether the language is written right to left."""
        return self.spec.rtl

    def gettext(self, message: str) -> str:
        """``message`` translated (the catalog records what it could not translate)."""
        return self.catalog.gettext(message)

    def pgettext(self, context: str, message: str) -> str:
        """``message`` translated in ``context`` (``feminine``: the form for a woman, where it differs)."""
        return self.catalog.pgettext(context, message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The form of a message for ``count``."""
        return self.catalog.ngettext(singular, plural, count)

    def long_date(self, value: date) -> str:
        """A date as a treaty document writes it."""
        return formats.long_date(value, self.spec)

    def dates_within_month(self, first: date, last: date) -> str:
        """Two dates of one month, joined as this language writes them (15–16 March 2027)."""
        return formats.dates_within_month(first, last, self.spec)

    def amount(self, value: Decimal | int, currency: str) -> str:
        """An amount as a statute writes it."""
        return formats.amount(value, currency, self.spec)

    def join(self, items: Sequence[str]) -> str:
        """A list joined as the language joins one."""
        return formats.join(items, self.spec)

    def article(self, number: object) -> str:
        """An article number cited in running text."""
        return formats.article_number(number, self.spec)

    def legal_number(self, kind: str, count: int) -> str:
        """The number of a part, chapter, article or section."""
        return formats.legal_number(kind, count, self.spec)

    def name(self, in_language: Language | None = None) -> str:
        """This language's name, in itself or in ``in_language``."""
        return formats.language_name(self.spec, in_language.spec if in_language else None)

    def quoted(self, text: str) -> str:
        """``text`` between the language's quotation marks (“…”, « … », «…»)."""
        opening, closing = self.spec.quotes
        return f"{opening}{text}{closing}"

    def sentences(self, *parts: str) -> str:
        """Sentences one after another, as the language spaces them (Chinese: no space after 。)."""
        return self.spec.sentence_separator.join(part for part in parts if part)

    def quoted_title(self, title: str) -> str:
        """A treaty's title as running text writes it (《…》 in Chinese)."""
        opening, closing = self.spec.title_quotes
        return f"{opening}{title}{closing}"

    def sort_key(self, name: str) -> tuple[str, str]:
        """The key that puts names in this language's alphabetical order."""
        return formats.sort_key(name, self.spec)


@lru_cache(maxsize=32)
def resolve_language(code: str, locales: Path | None = None) -> Language:
    """The language ``code`` with its catalog; :class:`~toolkit.errors.LocaleError` if it has none."""
    check_language(code, locales)
    spec = language_spec(code)
    assert spec is not None  # check_language accepts only codes of the table
    catalog = translations(code, locales)
    digest = ""
    if code != SOURCE_LANGUAGE:
        digest = hashlib.sha256(catalog_path(code, locales).read_bytes()).hexdigest()
    return Language(spec, catalog, digest)
