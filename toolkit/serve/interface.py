"""The interview's own words: the ``interface`` gettext catalog of each language, and the page templates.

The interface speaks the officer's language; its text is in
``locales/<lang>/LC_MESSAGES/interface.po`` (English is the source), kept with
the same tools as the documents' catalogs.  One Jinja environment per language,
sandboxed and autoescaping: a profile's text typed in the form comes back literally.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path

import jinja2
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2.sandbox import SandboxedEnvironment

from ..lang.formats import language_name
from ..lang.languages import SOURCE_LANGUAGE, language_codes, language_spec
from ..resources import locales_dir

DOMAIN = "interface"
TEMPLATES = Path(__file__).resolve().parent / "templates"


def interface_catalog_path(lang: str) -> Path:
    """Where the interface catalog of ``lang`` is."""
    return locales_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def interface_languages() -> list[str]:
    """Languages the interview speaks: English and those with an interface catalog."""
    return [lang for lang in language_codes() if lang == SOURCE_LANGUAGE or interface_catalog_path(lang).is_file()]


@lru_cache(maxsize=16)
def interface_translations(lang: str) -> gettext.NullTranslations:
    """The interface's translations in ``lang`` (fuzzy entries left out)."""
    path = interface_catalog_path(lang)
    if lang == SOURCE_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    spec = language_spec(lang)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=spec.cldr if spec else None)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@lru_cache(maxsize=16)
def language_names(lang: str) -> dict[str, str]:
    """Every document language's name in ``lang`` (CLDR), for the page's labels."""
    in_spec = language_spec(lang)
    names = {}
    for code in language_codes():
        spec = language_spec(code)
        name = language_name(spec, in_spec) if spec else code
        names[code] = name[:1].upper() + name[1:]
    return names


@lru_cache(maxsize=1)
def autonyms() -> dict[str, str]:
    """Every language's name in itself, for the switch between the page's languages."""
    return {code: language_names(code)[code] for code in language_codes()}


@lru_cache(maxsize=16)
def environment(lang: str) -> SandboxedEnvironment:
    """The page templates' environment in ``lang``."""
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(interface_translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env
