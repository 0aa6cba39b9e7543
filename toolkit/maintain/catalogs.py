"""Maintainer tools for translations: extract, update, compile, status.

Catalogs are standard gettext: ``locales/documents.pot`` (the English msgids of
every template and of the toolkit's own document text) and
``locales/<lang>/LC_MESSAGES/documents.po`` per language, editable in Poedit or
Weblate.  Updating after an English change marks the affected translations
fuzzy; a fuzzy translation is never used in a document.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .._version import __version__
from ..errors import LocaleError
from ..lang.catalog import DOMAIN, SOURCE_LANGUAGE, catalog_path
from ..lang.extract import extract_docx
from ..model.text import LANGUAGES
from ..resources import PACKAGE_DIR, bundled_templates_dir, locales_dir

_FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)  # keeps catalog headers stable in git
_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def pot_path(locales: Path | None = None) -> Path:
    """The extracted template catalog."""
    return (locales or locales_dir()) / f"{DOMAIN}.pot"


def extract_messages(templates: Path | None = None) -> Catalog:
    """Every msgid of the DOCX templates and of the toolkit's Python code, with its locations."""
    catalog = Catalog(
        project="Ratification Toolkit",
        version=__version__,
        creation_date=_FIXED_DATE,
        revision_date=_FIXED_DATE,
        fuzzy=False,
        charset="utf-8",
    )
    sources = [
        (PACKAGE_DIR, [("**.py", "python")], "toolkit"),
        (templates or bundled_templates_dir(), [("**.docx", extract_docx)], "templates"),
    ]
    for folder, method_map, prefix in sources:
        for filename, lineno, message, comments, context in extract_from_dir(
            str(folder),
            method_map=method_map,  # type: ignore[arg-type]  # babel accepts a callable as the method
            keywords=_KEYWORDS,
            strip_comment_tags=True,
        ):
            catalog.add(message, None, [(f"{prefix}/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def write_catalog(catalog: Catalog, path: Path) -> None:
    """Write a .po/.pot file with stable wrapping and sorted locations."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, include_previous=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    """Read a .po/.pot file, or raise :class:`LocaleError` naming it."""
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=lang)
    except FileNotFoundError:
        raise LocaleError("does not exist", path=path, hint="run `ratkit i18n extract` first") from None
    except Exception as exc:  # babel raises several types for broken catalogs
        raise LocaleError(f"cannot be read: {exc}", path=path) from None


def extract(locales: Path | None = None, templates: Path | None = None) -> tuple[Path, int]:
    """Write ``documents.pot``; return its path and the number of messages."""
    catalog = extract_messages(templates)
    path = pot_path(locales)
    write_catalog(catalog, path)
    return path, len(catalog)


def update(locales: Path | None = None, languages: list[str] | None = None) -> list[tuple[str, Path]]:
    """Merge the .pot into each language's catalog (new ones created); changed English becomes fuzzy."""
    template = read_catalog(pot_path(locales))
    done = []
    for lang in languages or [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]:
        path = catalog_path(lang, locales)
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
        catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
        catalog.revision_date = _FIXED_DATE
        write_catalog(catalog, path)
        done.append((lang, path))
    return done


@dataclass
class Coverage:
    """Translated, fuzzy and missing messages of one language, overall and per source file."""

    lang: str
    translated: int = 0
    fuzzy: int = 0
    missing: int = 0
    by_source: dict[str, list[int]] = field(default_factory=dict)  # source -> [translated, fuzzy, missing]

    @property
    def total(self) -> int:
        """Messages in the template catalog."""
        return self.translated + self.fuzzy + self.missing

    @property
    def percent(self) -> float:
        """Share translated, 0-100."""
        return 100.0 * self.translated / self.total if self.total else 100.0


def status(locales: Path | None = None) -> list[Coverage]:
    """Coverage of every language against the current .pot (not against what the .po thinks it has)."""
    template = read_catalog(pot_path(locales))
    result = []
    for lang in [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]:
        path = catalog_path(lang, locales)
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
            for source in sorted({_source_name(loc) for loc, _ in message.locations}):
                coverage.by_source.setdefault(source, [0, 0, 0])[state] += 1
        result.append(coverage)
    return result


def _source_name(location: str) -> str:
    if location.startswith("templates/"):
        return location.removeprefix("templates/")
    return "toolkit (checks, titles, calendar)"


def compile_catalogs(locales: Path | None = None) -> list[str]:
    """Check every catalog (placeholders, syntax) and write its .mo beside it; return the problems."""
    problems = []
    for lang in [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]:
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
            in_templates = any(not loc.startswith("toolkit/") for loc, _line in message.locations)
            # A template message sees the whole render context; a Python message only its own
            # values, plus the State's name forms where it names the State.
            allowed = _CONTEXT_ONLY if in_templates else (_NAME_FORMS if "state" in wanted else set())
            for string in strings:
                extra = set(_PLACEHOLDER.findall(string)) - wanted - allowed
                if extra:
                    problems.append(
                        f"{path}:{message.lineno}: the translation uses %({sorted(extra)[0]})s, "
                        "which the English text does not provide"
                    )
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        path.with_suffix(".mo").write_bytes(buffer.getvalue())
    return problems


# Values every template gets that a translation may use even where the English does not.
_CONTEXT_ONLY = {
    "state_short",
    "state_formal",
    "state_formal_cap",
    "state_formal_de",
    "state_formal_a",
    "state_formal_li",
    "state_formal_gen",
    "state_de",
    "state_a",
    "state_li",
    "state_gen",
    "treaty_title",
    "treaty_title_gen",
    "adoption_place",
    "adoption_place_in",
    "adoption_date",
    "opening_place",
    "opening_place_in",
    "opening_date",
    "act_noun",
    "act_instrument",
    "act_instrument_convention",
    "act_instrument_treaty",
    "mission_name",
    "mission_city",
    "imprisonment_term",
    "information_term",
    "imprisonment_years",
    "information_years",
    "competent_authority",
    "signatory_name",
    "signatory_title",
    "instrument_place",
    "instrument_date",
}

_NAME_FORMS = {"state_short", "state_formal", "state_de", "state_a", "state_li", "state_gen"}
