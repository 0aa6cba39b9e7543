"""Maintainer tools for translations: extract, update, compile, status.

Catalogs are standard gettext: ``locales/documents.pot`` (the English msgids of
every template and of the toolkit's own document text) and
``locales/<lang>/LC_MESSAGES/documents.po`` per language, editable in Poedit or
Weblate.  Updating after an English change marks the affected translations
fuzzy; a fuzzy translation is never used in a document.
"""

from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from jinja2.ext import babel_extract

from .._version import __version__
from ..errors import LocaleError
from ..lang.catalog import DOMAIN, catalog_path
from ..lang.extract import extract_docx, extract_facts, extract_treaty
from ..lang.languages import SOURCE_LANGUAGE, language_codes
from ..resources import PACKAGE_DIR, bundled_templates_dir, locales_dir, treaties_dir

_FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)  # keeps catalog headers stable in git
_KEYWORDS = {"_": None, "_mark": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
_GENERATED_BY = re.compile(rb'"Generated-By: [^"]*"')
_PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


INTERFACE = "interface"  # the interview's own words (toolkit/serve)
DOMAINS = (DOMAIN, INTERFACE)


def pot_path(locales: Path | None = None, domain: str = DOMAIN) -> Path:
    """The extracted template catalog of ``domain``."""
    return (locales or locales_dir()) / f"{domain}.pot"


def po_path(lang: str, locales: Path | None = None, domain: str = DOMAIN) -> Path:
    """The catalog of ``lang`` in ``domain``."""
    if domain == DOMAIN:
        return catalog_path(lang, locales)
    return (locales or locales_dir()) / lang / "LC_MESSAGES" / f"{domain}.po"


def extract_messages(templates: Path | None = None, domain: str = DOMAIN) -> Catalog:
    """Every msgid of ``domain``: for the documents, the DOCX templates, the treaty data and the toolkit's
    Python code; for the interface, the interview's pages and code."""
    catalog = Catalog(
        project="Ratification Toolkit",
        version=__version__,
        creation_date=_FIXED_DATE,
        revision_date=_FIXED_DATE,
        fuzzy=False,
        charset="utf-8",
    )
    sources: list[tuple[Path, list[tuple[str, Any]], str]] = [
        (PACKAGE_DIR, [("serve/**", "ignore"), ("**.py", "python")], "toolkit"),
        (templates or bundled_templates_dir(), [("**.docx", extract_docx)], "templates"),
        (treaties_dir(), [("*.yaml", extract_treaty)], "treaties"),
    ]
    if domain == INTERFACE:
        serve = PACKAGE_DIR / "serve"
        sources = [
            (serve, [("**.py", "python"), ("templates/**.html", babel_extract)], "toolkit/serve"),
            (templates or bundled_templates_dir(), [("*/facts.yaml", extract_facts)], "templates"),
        ]
    for folder, method_map, prefix in sources:
        for filename, lineno, message, comments, context in extract_from_dir(
            str(folder),
            method_map=method_map,
            keywords=_KEYWORDS,
            strip_comment_tags=True,
        ):
            # a template's reference keeps its paragraph (`templates show` numbers); a Python or YAML file's
            # line moves with every edit above it, so its reference is the file alone: diffs show real changes
            where = lineno if filename.endswith(".docx") else 0  # 0: written without a line number
            catalog.add(message, None, [(f"{prefix}/{filename}", where)], auto_comments=comments, context=context)
    return catalog


def write_catalog(catalog: Catalog, path: Path) -> None:
    """Write a .po/.pot file with stable wrapping and sorted locations."""
    buffer = io.BytesIO()
    # No "#|" previous-msgid lines: babel wraps them into lines msgfmt rejects; a fuzzy entry's
    # translation still shows what the English was, and `git diff` shows the change.
    write_po(buffer, catalog, width=100, sort_output=False, include_previous=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = b'"Generated-By: ratkit i18n\\n"'  # not babel's version: it would change with every upgrade
    path.write_bytes(_GENERATED_BY.sub(lambda _match: header, buffer.getvalue()))


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    """Read a .po/.pot file, or raise :class:`LocaleError` naming it."""
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=lang)
    except FileNotFoundError:
        raise LocaleError("does not exist", path=path, hint="run `ratkit i18n extract` first") from None
    except Exception as exc:  # babel raises several types for broken catalogs
        raise LocaleError(f"cannot be read: {exc}", path=path) from None


def extract(locales: Path | None = None, templates: Path | None = None, domain: str = DOMAIN) -> tuple[Path, int]:
    """Write ``<domain>.pot``; return its path and the number of messages."""
    catalog = extract_messages(templates, domain)
    path = pot_path(locales, domain)
    write_catalog(catalog, path)
    return path, len(catalog)


def update(
    locales: Path | None = None, languages: list[str] | None = None, domain: str = DOMAIN
) -> list[tuple[str, Path]]:
    """Merge the .pot into each language's catalog: changed English becomes fuzzy, new English untranslated."""
    template = read_catalog(pot_path(locales, domain))
    done = []
    for lang in languages or [lang for lang in language_codes() if lang != SOURCE_LANGUAGE]:
        path = po_path(lang, locales, domain)
        if path.is_file():
            catalog = read_catalog(path, lang)
        else:
            catalog = Catalog(
                locale=lang,
                project="Ratification Toolkit",
                version=__version__,
                creation_date=_FIXED_DATE,
                revision_date=_FIXED_DATE,
                fuzzy=False,
            )
        before = {_key(m.id): m for m in catalog if m.id and m.string}
        catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
        _guess_only_in_place(catalog, before, {_key(m.id) for m in template if m.id})
        catalog.revision_date = _FIXED_DATE
        write_catalog(catalog, path)
        done.append((lang, path))
    return done


def _key(msgid: str | tuple[str, ...] | list[str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _guess_only_in_place(catalog: Catalog, before: dict[str, Message], current: set[str]) -> None:
    """Keep a fuzzy guess only where the English changed in place; a new message starts untranslated.

    gettext's merge pre-fills a new message with the translation of any similar one, marked
    fuzzy: "PART … — INVESTMENT" came out as "Article … — Destruction".  Here a guess may come
    only from a message that is gone from the templates and stood in the same file (its English
    was edited there); a message with no such predecessor is left untranslated.
    """
    gone = {msgid: old for msgid, old in before.items() if msgid not in current}
    for message in catalog:
        if not message.id or not message.fuzzy:
            continue
        here = {loc for loc, _line in message.locations}
        same_file = [msgid for msgid, old in gone.items() if here & {loc for loc, _line in old.locations}]
        close = difflib.get_close_matches(_key(message.id), same_file, n=1, cutoff=0.6)
        if close:
            message.string = gone[close[0]].string
            message.previous_id = [close[0]]
            continue
        message.string = ("",) * len(message.string) if isinstance(message.string, (tuple, list)) else ""
        message.flags.discard("fuzzy")
        message.previous_id = []


@dataclass
class Coverage:
    """Translated, fuzzy and missing messages of one language, overall and per source file."""

    lang: str
    translated: int = 0
    fuzzy: int = 0
    missing: int = 0
    by_source: dict[str, list[int]] = field(default_factory=dict)  # source -> [translated, fuzzy, missing]
    untranslated: list[tuple[str, str]] = field(default_factory=list)  # (missing | fuzzy, msgid), in full

    @property
    def total(self) -> int:
        """Messages in the template catalog."""
        return self.translated + self.fuzzy + self.missing

    @property
    def percent(self) -> float:
        """Share translated, 0-100."""
        return 100.0 * self.translated / self.total if self.total else 100.0


def stale_messages(
    locales: Path | None = None, templates: Path | None = None, domain: str = DOMAIN
) -> tuple[list[str], list[str]]:
    """Messages the templates and code have that the .pot lacks, and those it has that they no longer
    have: the .pot is out of date, and `ratkit i18n extract` then `update` must run before translating."""
    current = {_key(m.id) for m in extract_messages(templates, domain) if m.id}
    path = pot_path(locales, domain)
    extracted = {_key(m.id) for m in read_catalog(path) if m.id} if path.is_file() else set()
    return sorted(current - extracted), sorted(extracted - current)


def status(locales: Path | None = None, domain: str = DOMAIN) -> list[Coverage]:
    """Coverage of every language against the current .pot (not against what the .po thinks it has)."""
    template = read_catalog(pot_path(locales, domain))
    result = []
    for lang in [lang for lang in language_codes() if lang != SOURCE_LANGUAGE]:
        path = po_path(lang, locales, domain)
        catalog = read_catalog(path, lang) if path.is_file() else Catalog(locale=lang)
        coverage = Coverage(lang)
        for message in template:
            if not message.id:
                continue
            found = catalog.get(message.id, context=message.context)
            state = 2
            if found is not None:
                strings = [found.string] if isinstance(found.string, str) else list(found.string or [])
                if strings and all(strings):
                    state = 1 if found.fuzzy else 0
            coverage.translated += state == 0
            coverage.fuzzy += state == 1
            coverage.missing += state == 2
            if state:
                coverage.untranslated.append(("fuzzy" if state == 1 else "missing", _key(message.id)))
            for source in sorted({_source_name(loc) for loc, _ in message.locations}):
                coverage.by_source.setdefault(source, [0, 0, 0])[state] += 1
        result.append(coverage)
    return result


def _source_name(location: str) -> str:
    if location.startswith("templates/"):
        return location.removeprefix("templates/")
    if location.startswith("toolkit/serve/"):
        return "interview (pages, questions, messages)"
    return "toolkit (checks, titles, calendar)"


def compile_catalogs(locales: Path | None = None) -> list[str]:
    """Check every catalog (placeholders, syntax) and write its .mo beside it; return the problems.

    A translation uses exactly the placeholders of its English text, as ``msgfmt --check-format``
    requires (where a language needs another form of a name, the English uses a role that has
    that form in every language: see :mod:`toolkit.lang.grammar`).  A plural form may leave out
    a placeholder (a language's form for exactly one, written out in words), never add one.
    """
    problems = []
    for lang in [lang for lang in language_codes() if lang != SOURCE_LANGUAGE]:
        path = catalog_path(lang, locales)
        if not path.is_file():
            continue
        catalog = read_catalog(path, lang)
        for message in catalog:
            if not message.id or not message.string or message.fuzzy:
                continue
            ids = [message.id] if isinstance(message.id, str) else list(message.id)
            strings = [message.string] if isinstance(message.string, str) else list(message.string)
            wanted = set().union(*(_PLACEHOLDER.findall(i) for i in ids))
            for string in strings:
                used = set(_PLACEHOLDER.findall(string))
                for name in sorted(used - wanted):
                    problems.append(
                        f"{path}:{message.lineno}: the translation uses %({name})s, "
                        "which the English text does not have"
                    )
                for name in sorted(wanted - used) if len(ids) == 1 else []:
                    problems.append(
                        f"{path}:{message.lineno}: the translation leaves out %({name})s, which the English text has"
                    )
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        path.with_suffix(".mo").write_bytes(buffer.getvalue())
    return problems
