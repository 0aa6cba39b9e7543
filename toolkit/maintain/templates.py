"""Maintainer tools for DOCX templates: list, show as text, check everything a render needs.

``ratkit templates check`` is what a coordinator runs after editing a template in
Word: every template parses; every value it uses exists; every message it has is
translated in every catalog; and it renders with every example profile in every
language.  Each problem names the template, the paragraph and what is wrong.
"""

from __future__ import annotations

import difflib
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from ..documents.context import build_context
from ..documents.metadata import DocumentMetadata
from ..documents.numbering import Numbering
from ..documents.registry import BRIEF_TEMPLATE, DOCUMENTS, KIT_TEMPLATES, templates_in_use
from ..documents.render import render_docx
from ..documents.sandbox import environment
from ..errors import ToolkitError
from ..kits.samples import brief_sample, kit_samples
from ..lang.catalog import catalog_path, document_languages
from ..lang.extract import extract_docx, paragraph_numbers, template_xml
from ..lang.language import Language, resolve_language
from ..lang.languages import SOURCE_LANGUAGE
from ..model.profile import Profile
from ..model.treaty import available_treaties
from ..resources import TemplateSearchPath
from .branches import BranchFailure, combinations, condition_names, paragraphs_naming, switches

_JINJA_GLOBALS = {
    "gettext",
    "_",
    "ngettext",
    "loop",
    "range",
    "dict",
    "lipsum",
    "cycler",
    "joiner",
    "namespace",
    "_trans",
}  # _trans: the i18n extension's own name for a {% trans n=f() %} argument inside a branch
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
    """The template as reviewable text: one line per paragraph with its number and style, tags left in
    place, and the conditions and loops between paragraphs ({% if stockpiles %} … {% endif %}) on lines
    of their own, indented by depth.  Paragraph numbers are those of ``templates check`` and of the
    catalogs' references (``common-law.docx:31``)."""
    document = zipfile.ZipFile(path)
    styles = _style_names(document)
    lines: list[str] = []
    for part, xml in template_xml(path.read_bytes()):
        if part != "word/document.xml":
            lines.append(f"--- {part}")
        depth = 0
        numbers = paragraph_numbers(xml)
        for line_number, line in enumerate(xml.splitlines(), start=1):
            if not line.startswith("<w:p"):
                for tag in _BLOCK_TAG.findall(line):
                    depth = _show_tag(lines, tag, depth)
                continue
            number = numbers[line_number]
            start = line.find("<w:p")
            end = line.rfind("</w:p>")
            before, paragraph, after = line[:start], line[start : end + 6], line[end + 6 :]
            for tag in _BLOCK_TAG.findall(before):  # tags between paragraphs belong before this one
                depth = _show_tag(lines, tag, depth)
            style_id = re.search(r'<w:pStyle w:val="([^"]+)"', paragraph)
            style = styles.get(style_id.group(1), style_id.group(1)) if style_id else "Normal"
            text = "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", paragraph))
            text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", '"')
            lines.append(f"{number:>4} {'  ' * depth}[{style}] {text}")
            for tag in _BLOCK_TAG.findall(after):
                depth = _show_tag(lines, tag, depth)
    return "\n".join(lines) + "\n"


_BLOCK_TAG = re.compile(r"\{%-?\s*(?:if|elif|else|endif|for|endfor)\b[^%]*%\}")


def _show_tag(lines: list[str], tag: str, depth: int) -> int:
    """Print a condition or loop tag at its depth; return the depth of what follows it."""
    word = tag.strip("{%- ").split()[0]
    if word in ("endif", "endfor", "elif", "else"):
        depth = max(0, depth - 1)
    lines.append(f"     {'  ' * depth}{tag}")
    return depth + 1 if word in ("if", "for", "elif", "else") else depth


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
    untranslated: list[TemplateProblem] = []
    for name, path, _docs in list_templates(search):
        found = _static_problems(name, path, known)
        problems += found
        untranslated += _translation_problems(name, path, languages, locales)
        if not found:  # a broken tag or an unknown value: said once, not again for every render
            renderable.append((name, path))
    problems += _render_problems(renderable, profiles, languages, locales)
    problems += _fact_problems(renderable, profiles)
    return problems + untranslated  # what the template itself gets wrong first, then what is left to translate


def _fact_problems(templates: list[tuple[str, Path]], profiles: list[Profile]) -> list[TemplateProblem]:
    """A declared fact that a template of a document it says it is used by does not read (a State with it
    set would silently get nothing: a Part written in the common-law model only), that no template reads,
    or that names a document the toolkit does not make."""
    if not profiles:
        return []
    treaty, facts = profiles[0].treaty, profiles[0].declared_facts
    reads = {name: _names_used(path) for name, path in templates}
    by_document: dict[str, list[str]] = {}
    for spec in DOCUMENTS:
        by_document.setdefault(spec.key, []).append(f"{treaty}/{spec.template}")
    problems = []
    for name, fact in facts.items():
        if not any(name in used for used in reads.values()):
            problems.append(
                TemplateProblem("facts.yaml", None, f"declares {name!r}, which no template reads: use it, or remove it")
            )
        for key in fact.used_by:
            if key not in by_document:
                known = ", ".join(sorted(by_document))
                problems.append(
                    TemplateProblem("facts.yaml", None, f"{name}: used_by names {key!r}, not a document ({known})")
                )
                continue
            for template in by_document[key]:
                if template in reads and name not in reads[template]:
                    problems.append(
                        TemplateProblem(
                            template,
                            None,
                            f"does not read {name!r}, which facts.yaml says the {key} uses: a State with it set "
                            "would get nothing from this template (write the Part here too, or correct used_by)",
                        )
                    )
    return problems


def _names_used(path: Path) -> set[str]:
    env = environment(resolve_language("en").catalog)
    names: set[str] = set()
    for _part, xml in template_xml(path.read_bytes()):
        try:
            names |= meta.find_undeclared_variables(env.parse(xml))
        except jinja2.TemplateSyntaxError:
            continue
    return names


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
            close = difflib.get_close_matches(variable, sorted(known), n=1, cutoff=0.75)
            hint = f" — did you mean {close[0]!r}?" if close else ""
            problems.append(
                TemplateProblem(
                    name, _paragraph(xml, line), f"uses {variable!r}, which the toolkit does not provide{hint}"
                )
            )
    return problems


def _paragraph(xml: str, line: int | None) -> int | None:
    """The paragraph (as `templates show` numbers it) of a line of the cleaned XML."""
    if line is None:
        return None
    return paragraph_numbers(xml).get(line) or None


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
                        line or None,  # the extractor's numbers are paragraphs already
                        f"no {lang} translation in {catalog_path(lang, locales)} for "
                        f"“{message if len(message) <= 90 else message[:89] + '…'}”",
                    )
                )
    return problems


def _render_problems(
    templates: list[tuple[str, Path]], profiles: list[Profile], languages: list[str], locales: Path | None = None
) -> list[TemplateProblem]:
    problems: dict[tuple[str, str], TemplateProblem] = {}
    metadata = DocumentMetadata("check", "check", "check", "en-GB")

    def render(name: str, path: Path, values: dict[str, Any], language: Language, what: str) -> None:
        try:
            render_docx(path, values, language, metadata)
        except ToolkitError as exc:
            key, said = exc.first.key, exc.first.message
            said = said if not key or key in said else f"{key}: {said}"
            message = f"does not render for {what} in {language.code}: {said}"
            problems.setdefault((name, str(exc.first.message)), TemplateProblem(name, None, message))

    kit_templates = {name for name in KIT_TEMPLATES} | {f"{p.treaty}/{BRIEF_TEMPLATE}" for p in profiles}
    for profile in profiles:
        source = profile.source.name if profile.source else "profile"
        for lang in languages:
            language = resolve_language(lang, locales)
            values = build_context(profile, profile.treaty_data(), language).values()
            values["documents"] = [{"title": title} for title in values["document_titles"].values()]
            for name, path in templates:
                if name == f"{profile.treaty}/{BRIEF_TEMPLATE}":
                    render(name, path, brief_sample(profile, language), language, source)
                elif name not in kit_templates:
                    render(name, path, values, language, source)
    for lang in languages:
        language = resolve_language(lang, locales)
        samples = kit_samples(profiles, language)
        for name, path in templates:
            for values in samples.get(name, []):
                render(name, path, values, language, "the kit of examples")
    document_templates = [(name, path) for name, path in templates if name not in kit_templates]
    for failure in _branch_failures(document_templates, profiles, languages, metadata, locales):
        problems.setdefault(
            (failure.template, failure.message),
            TemplateProblem(failure.template, failure.paragraphs[0] if failure.paragraphs else None, str(failure)),
        )
    return list(problems.values())


def _branch_failures(
    templates: list[tuple[str, Path]],
    profiles: list[Profile],
    languages: list[str],
    metadata: DocumentMetadata,
    locales: Path | None = None,
) -> Iterator[BranchFailure]:
    """Each template under every combination of the yes/no values its conditions read (a covering set when
    there are many), from one profile of each model of law, in every language: one failure per message."""
    bases: dict[str, Profile] = {}
    for profile in profiles:
        bases.setdefault(profile.legislation_model, profile)
    conditions = {name: condition_names(path) for name, path in templates}
    reported: set[tuple[str, str]] = set()
    for _model, profile in bases.items():
        source = profile.source.name if profile.source else profile.legislation_model
        for lang in languages:
            language = resolve_language(lang, locales)
            base = build_context(profile, profile.treaty_data(), language).values()
            base["documents"] = [{"title": title} for title in base["document_titles"].values()]
            for name, path in templates:
                for combination in combinations(switches(conditions[name], base)):
                    failure = _render_failure(path, base | combination, language, metadata)
                    if failure is None or (name, failure.message) in reported:
                        continue
                    reported.add((name, failure.message))
                    culprits = _smallest_change(path, base, combination, language, metadata, failure.message)
                    paragraphs = paragraphs_naming(path, failure.key)
                    yield BranchFailure(name, paragraphs, culprits, f"{source}, {lang}", failure.message)


@dataclass(frozen=True)
class _Failure:
    key: str | None
    message: str


def _render_failure(
    path: Path, values: dict[str, Any], language: Language, metadata: DocumentMetadata
) -> _Failure | None:
    try:
        render_docx(path, values, language, metadata)
    except ToolkitError as exc:
        key, said = exc.first.key, exc.first.message
        return _Failure(key, said if not key or repr(key) in said or key in said.split() else f"{key}: {said}")
    return None


def _smallest_change(
    path: Path,
    base: dict[str, Any],
    combination: dict[str, bool],
    language: Language,
    metadata: DocumentMetadata,
    message: str,
) -> dict[str, bool]:
    """Of the values that differ from the example's, those the failure needs (each put back in turn, and kept
    back if the template still fails the same way): the facts that broke it."""
    changed = {name: value for name, value in combination.items() if base.get(name) != value}
    for name in list(changed):
        trial = {key: value for key, value in changed.items() if key != name}
        failure = _render_failure(path, base | trial, language, metadata)
        if failure is not None and failure.message == message:
            changed = trial
    return changed or combination
