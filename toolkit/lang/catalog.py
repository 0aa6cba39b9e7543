"""Document text per language: gettext catalogs read from ``.po`` files.

Each render gets its own translations object (never a process-wide
``gettext.install``): one run may render several languages.  English is the
source language of the templates; any other language needs a catalog in
``locales/<code>/LC_MESSAGES/documents.po`` — in a folder the caller gives
first (``--locales``), else the bundled one — and is an error without one,
never a quiet fallback to English.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import IO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ..errors import LocaleError
from ..resources import locales_dir
from .languages import SOURCE_LANGUAGE, language_codes, language_spec

DOMAIN = "documents"

__all__ = ["DOMAIN", "SOURCE_LANGUAGE", "Translations", "catalog_path", "check_language", "translations"]


def catalog_path(lang: str, locales: Path | None = None) -> Path:
    """Where the ``.po`` catalog of ``lang`` is: in ``locales`` if it has one, else the bundled one."""
    if locales is not None:
        own = locales / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if own.is_file():
            return own
    return locales_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def document_languages(locales: Path | None = None) -> list[str]:
    """Languages a packet can be built in: English plus those with a catalog."""
    return [lang for lang in language_codes() if lang == SOURCE_LANGUAGE or catalog_path(lang, locales).is_file()]


def check_language(
    lang: str, locales: Path | None = None, *, key: str = "--lang", path: Path | None = None, line: int | None = None
) -> str:
    """Return ``lang`` if a packet can be built in it, else raise :class:`LocaleError`.

    ``key``/``path``/``line`` say where the language came from (the --lang option, or the profile).
    """
    available = document_languages(locales)
    if lang in available:
        return lang
    names = {code: spec.english_name for code in available if (spec := language_spec(code))}
    known = ", ".join(f"{code} ({names[code]})" for code in available)
    spec = language_spec(lang)
    if spec is not None:
        raise LocaleError(
            f"documents in {spec.english_name} ({lang}) are not available yet: there is no translation catalog "
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

    def __init__(self, fp: IO[bytes] | None = None, messages: frozenset[str] = frozenset()) -> None:
        self.missed: set[str] = set()
        self.messages = messages  # every msgid the catalog translates (singular ids of plurals included)
        super().__init__(fp)

    def gettext(self, message: str) -> str:  # noqa: D102
        if message and message not in self.messages:
            self.missed.add(message)
        return super().gettext(message)

    def pgettext(self, context: str, message: str) -> str:  # noqa: D102
        if f"{context}\x04{message}" not in self.messages:
            self.missed.add(f"{message} [{context}]")
        return super().pgettext(context, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:  # noqa: D102
        if msgid1 not in self.messages:
            self.missed.add(msgid1)
        return super().ngettext(msgid1, msgid2, n)

    def translates(self, message: str) -> bool:
        """Whether the catalog has a translation of ``message``."""
        return message in self.messages

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

    def translates(self, message: str) -> bool:
        """Every message is its own English."""
        return True

    @contextmanager
    def tracking(self) -> Iterator[set[str]]:
        """Nothing is ever missed."""
        yield set()


Translations = DocumentTranslations | SourceTranslations


@lru_cache(maxsize=16)
def translations(lang: str, locales: Path | None = None) -> Translations:
    """The gettext translations of ``lang`` (compiled in memory from its ``.po``, fuzzy entries left out)."""
    if lang == SOURCE_LANGUAGE:
        return SourceTranslations()
    path = catalog_path(check_language(lang, locales), locales)
    spec = language_spec(lang)
    with path.open("rb") as handle:
        try:
            catalog = read_po(handle, locale=spec.cldr if spec else None)
        except Exception as exc:  # babel raises several types for broken catalogs
            raise LocaleError(f"the catalog cannot be read: {exc}", path=path) from None
    messages = frozenset(
        (f"{m.context}\x04" if m.context else "") + str(m.id[0] if isinstance(m.id, (tuple, list)) else m.id)
        for m in catalog
        if m.id and m.string and not m.fuzzy and all(m.string if isinstance(m.string, (tuple, list)) else [m.string])
    )
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return DocumentTranslations(buffer, messages)
