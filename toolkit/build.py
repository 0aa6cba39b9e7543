"""Build a State's packet: the one orchestration function, read top to bottom.

This module is also the example of using the toolkit as a library::

    from toolkit import build_packet
    result = build_packet("examples/profiles/kenya.yaml", lang="en")
    print(result.folder, [f.path for f in result.files])

Nothing is written until every document has rendered and converted; the folder
then appears whole (see :mod:`toolkit.output`).
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pypdf
from docx import Document

from ._version import __version__
from .documents.context import DocumentContext, build_context
from .documents.layout import default_paper
from .documents.registry import PlannedDocument, plan_documents
from .documents.render import DocumentMetadata, render_docx
from .errors import DepositaryError, LocaleError, Problem
from .lang.catalog import CLDR_LOCALE, catalog_path, check_language, language_name, translations
from .model.profile import Profile, load_profile
from .model.treaty import Treaty
from .output import WrittenFile, check_target, sha256_file, staging_folder, write_file, write_manifest
from .pdf.convert import ConvertOptions, PdfCache, convert_documents
from .pdf.metadata import normalize_pdf
from .pdf.packet import CoverLayout, PacketPart, assemble_packet
from .resources import TemplateSearchPath
from .rules.checks import Check
from .rules.dates import entry_into_force
from .rules.ics import packet_calendar

COVER_TEMPLATE = "packet/cover.docx"


@dataclass(frozen=True)
class BuildResult:
    """What a build produced, and how long each stage took (seconds)."""

    folder: Path
    profile: Profile
    lang: str
    files: list[WrittenFile]
    checks: list[Check]
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class RenderedDocument:
    """A document rendered in memory, not yet written."""

    name: str
    title: str
    data: bytes
    metadata: DocumentMetadata
    template: str
    template_sha256: str


def packet_language(profile: Profile, lang: str | None) -> str:
    """The language asked for, else the profile's first working language; checked to be available."""
    if lang is not None:
        return check_language(lang)
    return check_language(profile.default_language, key="state.languages", path=profile.source)


def default_output(profile: Profile, lang: str) -> Path:
    """``./packet-<CODE>-<LANG>``."""
    return Path(f"packet-{profile.state.code}-{lang}")


@dataclass(frozen=True)
class PageOptions:
    """How every page is made: watermark (for --draft), paper, and duplex printing."""

    watermark: str | None = None
    paper: str = "a4"
    duplex: bool = False


@dataclass(frozen=True)
class BuildOptions:
    """How a packet is built; the same options for `ratkit build`, `ratkit kits` and the web interview.

    ``paper`` is a4 or letter (None: what the State's country uses, per CLDR); ``duplex`` starts every
    document of packet.pdf on a right-hand page; ``templates`` and ``locales`` are folders that take
    precedence over the bundled ones; ``processes`` is the number of LibreOffice processes of one build.
    """

    pdf: bool = True
    force: bool = False
    templates: Path | None = None
    locales: Path | None = None
    draft: bool = False
    pdfa: bool = False
    cache: bool = True
    processes: int = 1
    paper: str | None = None
    duplex: bool = False


@dataclass
class PreparedPacket:
    """A packet rendered in memory (DOCX, and the cover when PDFs are wanted), not yet converted or written."""

    profile: Profile
    treaty: Treaty
    lang: str
    folder: Path
    context: DocumentContext
    rendered: list[RenderedDocument]
    cover: bytes | None
    options: BuildOptions
    timings: dict[str, float]
    pages: PageOptions = PageOptions()

    def sources(self) -> dict[str, bytes]:
        """Every DOCX LibreOffice must convert for this packet, by name."""
        sources = {doc.name: doc.data for doc in self.rendered}
        if self.cover is not None:
            sources["packet-cover"] = self.cover
        return sources


def build_packet(
    profile_path: Path | str,
    lang: str | None = None,
    out: Path | str | None = None,
    options: BuildOptions | None = None,
    **settings: Any,
) -> BuildResult:
    """Load the profile, render every planned document, convert and assemble, write the packet folder.

    ``settings`` override single fields of ``options`` (``build_packet(path, pdf=False)``).
    """
    options = replace(options or BuildOptions(), **settings)
    prepared = prepare_packet(profile_path, lang, out, options)
    converted: dict[str, bytes] | None = None
    version = ""
    if options.pdf:
        started = time.perf_counter()
        converted, version = convert_documents(
            prepared.sources(), ConvertOptions(pdfa=options.pdfa), PdfCache(enabled=options.cache), options.processes
        )
        prepared.timings["convert"] = time.perf_counter() - started
    return finish_packet(prepared, converted, version)


def prepare_packet(
    profile_path: Path | str,
    lang: str | None = None,
    out: Path | str | None = None,
    options: BuildOptions | None = None,
) -> PreparedPacket:
    """Everything before LibreOffice: load and check the profile, render every document (and the cover)."""
    options = options or BuildOptions()
    started = time.perf_counter()
    profile = load_profile(profile_path)
    treaty = profile.treaty_data()
    lang = packet_language(profile, lang)
    folder = Path(out) if out is not None else default_output(profile, lang)
    check_target(folder, options.force)
    with translations(lang).tracking() as missed:
        context = safe_context(profile, treaty, lang)
        _refuse_unless_draft(context, profile, options.draft)

        search = TemplateSearchPath(options.templates)
        watermark = str(translations(lang).gettext("DRAFT")) if options.draft else None
        pages = PageOptions(watermark, options.paper or default_paper(profile.state.code), options.duplex)
        rendered = [
            _render(
                planned,
                _context_for(planned, context, profile, treaty),
                search,
                pages,
                title=context.values["document_titles"][planned.spec.key],
            )
            for planned in plan_documents(profile, lang)
        ]
        cover = _render_cover(rendered, context, search, pages) if options.pdf else None
    _refuse_untranslated(lang, sorted(missed))
    timings = {"render": time.perf_counter() - started}
    return PreparedPacket(profile, treaty, lang, folder, context, rendered, cover, options, timings, pages)


def finish_packet(prepared: PreparedPacket, converted: dict[str, bytes] | None, version: str) -> BuildResult:
    """Everything after LibreOffice: normalize the PDFs, assemble packet.pdf, write the folder whole."""
    started = time.perf_counter()
    pdfs = _assemble(prepared, converted, version) if converted is not None else {}
    prepared.timings["assemble"] = time.perf_counter() - started
    profile, context = prepared.profile, prepared.context
    with staging_folder(prepared.folder) as staging:
        files = [
            write_file(staging, f"{doc.name}.docx", doc.data, doc.template, doc.template_sha256)
            for doc in prepared.rendered
        ]
        files += [write_file(staging, f"{name}.pdf", data) for name, data in pdfs.items()]
        if profile.deposit.planned is not None:
            ics = packet_calendar(profile, prepared.treaty, prepared.lang, profile.deposit.planned)
            files.append(write_file(staging, "calendar.ics", ics))
        write_manifest(staging, _manifest_header(prepared), files)
    timings = prepared.timings
    timings["total"] = sum(timings.get(k, 0.0) for k in ("render", "convert", "assemble"))
    return BuildResult(prepared.folder, profile, prepared.lang, files, context.checks, timings)


def _refuse_untranslated(lang: str, missing: list[str]) -> None:
    """A legal document must not switch to English mid-sentence: every message needs a translation."""
    if missing:
        sample = "; ".join(f"“{m[:60]}”" for m in missing[:3])
        raise LocaleError(
            f"{len(missing)} message(s) of the documents have no {language_name(lang, 'en')} translation yet, "
            f"e.g. {sample}",
            path=catalog_path(lang),
            key="--lang",
            hint="translate them (see `ratkit i18n status`), or build in another language",
        )


def _refuse_unless_draft(context: DocumentContext, profile: Profile, draft: bool) -> None:
    if context.refusals and not draft:
        raise DepositaryError(
            problems=[Problem(f"{c.detail} Fix: {c.fix}", profile.source, key=c.id) for c in context.refusals]
            + [
                Problem(
                    "the depositary would refuse this instrument; fix the profile, or build with --draft",
                    profile.source,
                )
            ]
        )


def safe_context(profile: Profile, treaty: Treaty, lang: str) -> DocumentContext:
    """:func:`build_context`, with a translation's unknown placeholder reported as an error, not a traceback."""
    try:
        return build_context(profile, treaty, lang)
    except (KeyError, ValueError, TypeError) as exc:
        raise LocaleError(
            f"a message of the toolkit is translated with a placeholder it does not provide ({exc})",
            path=catalog_path(lang),
            hint="run `ratkit i18n compile` to find it",
        ) from None


def _context_for(
    planned: PlannedDocument, context: DocumentContext, profile: Profile, treaty: Treaty
) -> DocumentContext:
    """The packet's context, or the one of the language a document is rendered in (the courtesy translation)."""
    other = planned.spec.context_language
    if other is None or other == context.lang:
        return context
    translated = safe_context(profile, treaty, other)
    translated.values.update(courtesy_translation=True, original_language=language_name(context.lang, other))
    return translated


def _render(
    planned: PlannedDocument,
    context: DocumentContext,
    search: TemplateSearchPath,
    pages: PageOptions = PageOptions(),
    *,
    title: str,
) -> RenderedDocument:
    template = search.find(planned.spec.template)
    metadata = _metadata(context, title)
    data = render_docx(template, context.values, context.lang, metadata, pages.watermark, pages.paper)
    return RenderedDocument(planned.spec.output, title, data, metadata, planned.spec.template, sha256_file(template))


def _metadata(context: DocumentContext, title: str) -> DocumentMetadata:
    values = context.values
    return DocumentMetadata(
        title=f"{values['state_short']}: {title}",
        subject=values["treaty_title"],
        author=values["mission_name"],
        language=CLDR_LOCALE[context.lang].replace("_", "-"),
    )


def _render_cover(
    rendered: list[RenderedDocument], context: DocumentContext, search: TemplateSearchPath, pages: PageOptions
) -> bytes:
    values = dict(context.values, documents=[{"title": doc.title} for doc in rendered])
    return render_docx(
        search.find(COVER_TEMPLATE),
        values,
        context.lang,
        _metadata(context, values["treaty_title"]),
        pages.watermark,
        pages.paper,
    )


def _assemble(prepared: PreparedPacket, converted: dict[str, bytes], version: str) -> dict[str, bytes]:
    """Every document's PDF with reproducible metadata, and packet.pdf."""
    assert prepared.cover is not None
    values = prepared.context.values
    producer = f"{version}; pypdf {pypdf.__version__}"
    rendered = prepared.rendered
    parsed = {doc.name: pypdf.PdfReader(io.BytesIO(converted[doc.name])) for doc in rendered}  # parsed once
    pdfs = {
        doc.name: normalize_pdf(parsed[doc.name], doc.metadata, producer, prepared.options.pdfa) for doc in rendered
    }
    section = Document(io.BytesIO(prepared.cover)).sections[0]
    margins = (section.left_margin, section.right_margin)
    left, right = (float(m.pt) if m is not None else 72.0 for m in margins)
    layout = CoverLayout(left, right, bool(values["rtl"]))
    parts = [PacketPart(doc.title, parsed[doc.name]) for doc in rendered]
    packet_meta = DocumentMetadata(
        title=f"{values['state_short']}: {values['act_instrument']} — {values['treaty_title']}",
        subject=values["treaty_title"],
        author=values["mission_name"],
        language=_metadata(prepared.context, "").language,
    )
    pdfs["packet"] = assemble_packet(
        converted["packet-cover"],
        parts,
        layout,
        packet_meta,
        producer,
        prepared.options.pdfa,
        duplex=prepared.pages.duplex,
    )
    return pdfs


def _manifest_header(prepared: PreparedPacket) -> dict[str, Any]:
    profile, context = prepared.profile, prepared.context
    values = context.values
    planned = profile.deposit.planned
    return {
        "toolkit_version": __version__,
        "treaty": profile.treaty,
        "state": {"code": profile.state.code, "name": values["state_short"]},
        "language": context.lang,
        "act": profile.resolved_act,
        "profile": {"file": profile.source.name if profile.source else None, "sha256": profile.sha256},
        "deposit_planned": planned.isoformat() if planned else None,
        "entry_into_force": entry_into_force(planned, profile.treaty_data()).isoformat() if planned else None,
        "draft": prepared.options.draft,
        "pdfa": prepared.options.pdfa,
        "paper": prepared.pages.paper,
        "duplex": prepared.pages.duplex,
        "checks": [{"id": c.id, "status": c.status, "blocking": c.blocking} for c in context.checks],
    }
