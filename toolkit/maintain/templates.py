"""Maintainer tools for DOCX templates: list, show as text, check everything a render needs.

``ratkit templates check`` is what a coordinator runs after editing a template in
Word: every template parses; every value it uses exists; every message it has is
translated in every catalog; and it renders with every example profile in every
language.  Each problem names the template, the paragraph and what is wrong.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from ..documents.context import build_context
from ..documents.metadata import DocumentMetadata
from ..documents.numbering import Numbering
from ..documents.registry import BRIEF_TEMPLATE, KIT_TEMPLATES, templates_in_use
from ..documents.render import render_docx
from ..documents.sandbox import environment
from ..errors import ToolkitError
from ..kits.samples import brief_sample, kit_samples
from ..lang.catalog import catalog_path, document_languages
from ..lang.extract import extract_docx, template_xml
from ..lang.language import Language, resolve_language
from ..lang.languages import SOURCE_LANGUAGE
from ..model.profile import Profile
from ..model.treaty import available_treaties
from ..resources import TemplateSearchPath

_JINJA_GLOBALS = {"gettext", "_", "ngettext", "loop", "range", "dict", "lipsum", "cycler", "joiner", "namespace"}
_EXTRA_VALUES = {
    "documents",
    "courtesy_translation",
    "original_language",
    "d",
    "c",
    "item",
    "p",
    "f",
    "s",
    "r",
    "day",
    "step",
}


@dataclass(frozen=True)
class TemplateProblem:
    """One thing wrong with one template."""

    template: str
    paragraph: int | None
    message: str

    def __str__(self) -> str:
        where = f" paragraph {self.paragraph}" if self.paragraph else ""
        return f"{self.template}:{where}: {self.message}" if where else f"{self.template}: {self.message}"


def list_templates(search: TemplateSearchPath) -> list[tuple[str, Path, list[str]]]:
    """Every template: its name, its file, and the documents it makes."""
    uses = templates_in_use(available_treaties())
    return [(name, path, sorted(set(uses.get(name, [])))) for name, path in search.all_templates()]


def show_template(path: Path) -> str:
    """The template as reviewable text: one line per paragraph with its style, tags left in place."""
    document = zipfile.ZipFile(path)
    styles = _style_names(document)
    lines = []
    for part, xml in template_xml(path.read_bytes()):
        if part != "word/document.xml":
            lines.append(f"--- {part}")
        for number, paragraph in enumerate(re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.DOTALL), start=1):
            style_id = re.search(r'<w:pStyle w:val="([^"]+)"', paragraph)
            style = styles.get(style_id.group(1), style_id.group(1)) if style_id else "Normal"
            text = "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", paragraph))
            text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", '"')
            lines.append(f"{number:>4} [{style}] {text}")
        for table in re.findall(r"\{%tr [^%]*%\}", xml):
            lines.append(f"     [table row] {table}")
    return "\n".join(lines) + "\n"


def _style_names(document: zipfile.ZipFile) -> dict[str, str]:
    try:
        xml = document.read("word/styles.xml").decode("utf-8")
    except KeyError:
        return {}
    return dict(re.findall(r'w:styleId="([^"]+)".*?<w:name w:val="([^"]+)"', xml))


def check_templates(
    search: TemplateSearchPath, profiles: list[Profile], languages: list[str] | None = None, locales: Path | None = None
) -> list[TemplateProblem]:
    """Every problem of every template: syntax, unknown values, missing translations, failed renders."""
    languages = languages or document_languages(locales)
    known = _known_values(profiles)
    problems: list[TemplateProblem] = []
    renderable = []
    for name, path, _docs in list_templates(search):
        found = _static_problems(name, path, known) + _translation_problems(name, path, languages, locales)
        problems += found
        if not any("broken tag" in p.message for p in found):
            renderable.append((name, path))
    problems += _render_problems(renderable, profiles, languages)
    return problems


def _known_values(profiles: list[Profile]) -> set[str]:
    names = set(_JINJA_GLOBALS | _EXTRA_VALUES) | set(Numbering().functions())
    english = resolve_language("en")
    for profile in profiles[:1]:
        names |= set(build_context(profile, profile.treaty_data(), english).values())
        names |= set(brief_sample(profile, english))
        for variants in kit_samples(profiles[:1], english).values():
            for values in variants:
                names |= set(values)
    return names


def _static_problems(name: str, path: Path, known: set[str]) -> list[TemplateProblem]:
    problems = []
    env = environment(resolve_language("en").catalog)
    for _part, xml in template_xml(path.read_bytes()):
        try:
            ast = env.parse(xml)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(TemplateProblem(name, _paragraph(xml, exc.lineno), f"broken tag: {exc.message}"))
            continue
        for variable in sorted(meta.find_undeclared_variables(ast) - known):
            line = next((i for i, text in enumerate(xml.splitlines(), 1) if re.search(rf"\b{variable}\b", text)), None)
            problems.append(
                TemplateProblem(name, _paragraph(xml, line), f"uses {variable!r}, which the toolkit does not provide")
            )
    return problems


def _paragraph(xml: str, line: int | None) -> int | None:
    """Lines of the cleaned XML are paragraphs (one per line), after a header line or two."""
    if line is None:
        return None
    return max(1, line - 1)


def _translation_problems(name: str, path: Path, languages: list[str], locales: Path | None) -> list[TemplateProblem]:
    with path.open("rb") as handle:
        messages = [
            (line, m[0] if isinstance(m, tuple) else m)
            for line, _f, m, _c in extract_docx(handle, ["_", "gettext", "ngettext"], [], {})
        ]
    problems = []
    for lang in languages:
        if lang == SOURCE_LANGUAGE:
            continue
        catalog = resolve_language(lang, locales).catalog
        for line, message in messages:
            if message and not catalog.translates(message):
                problems.append(
                    TemplateProblem(
                        name,
                        _paragraph("", line),
                        f"no {lang} translation in {catalog_path(lang, locales)} for “{message[:70]}”",
                    )
                )
    return problems


def _render_problems(
    templates: list[tuple[str, Path]], profiles: list[Profile], languages: list[str]
) -> list[TemplateProblem]:
    problems: dict[tuple[str, str], TemplateProblem] = {}
    metadata = DocumentMetadata("check", "check", "check", "en-GB")

    def render(name: str, path: Path, values: dict[str, Any], language: Language, what: str) -> None:
        try:
            render_docx(path, values, language, metadata)
        except ToolkitError as exc:
            message = f"does not render for {what} in {language.code}: {exc.first.key or ''} {exc.first.message}"
            problems.setdefault((name, str(exc.first.message)), TemplateProblem(name, None, message))

    kit_templates = {name for name in KIT_TEMPLATES} | {f"{p.treaty}/{BRIEF_TEMPLATE}" for p in profiles}
    for profile in profiles:
        source = profile.source.name if profile.source else "profile"
        for lang in languages:
            language = resolve_language(lang)
            values = build_context(profile, profile.treaty_data(), language).values()
            values["documents"] = [{"title": title} for title in values["document_titles"].values()]
            for name, path in templates:
                if name == f"{profile.treaty}/{BRIEF_TEMPLATE}":
                    render(name, path, brief_sample(profile, language), language, source)
                elif name not in kit_templates:
                    render(name, path, values, language, source)
    for lang in languages:
        language = resolve_language(lang)
        samples = kit_samples(profiles, language)
        for name, path in templates:
            for values in samples.get(name, []):
                render(name, path, values, language, "the kit of examples")
    return list(problems.values())
