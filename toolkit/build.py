"""Build a State's packet: the one orchestration function, read top to bottom.

This module is also the example of using the toolkit as a library::

    from toolkit import build_packet
    result = build_packet("examples/profiles/kenya.yaml", lang="en")
    print(result.folder, [f.path for f in result.files])

A build goes prepare → convert → finish: load the profile, resolve the language
once, build the typed context (which runs the depositary checks), render every
planned document; convert them with LibreOffice; assemble packet.pdf and write
the folder.  Nothing is written until every document has rendered and
converted; the folder then appears whole (see :mod:`toolkit.output`).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from ._version import __version__
from .documents.compose import (
    PageOptions,
    RenderedDocument,
    document_metadata,
    render_cover,
    render_document,
    rendered_store,
)
from .documents.context import DocumentContext, build_context
from .documents.layout import default_paper
from .documents.metadata import DocumentMetadata
from .documents.registry import PlannedDocument, plan_documents
from .errors import DepositaryError, LocaleError, Problem
from .lang.catalog import catalog_path
from .lang.language import Language, resolve_language
from .lang.languages import SOURCE_LANGUAGE
from .manifest import WrittenFile, write_file, write_manifest
from .model.load import load_profile
from .model.profile import Profile
from .model.treaty import Treaty
from .output import Target, check_target, staging_folder
from .pdf.convert import ConvertOptions, PdfCache, convert_documents
from .resources import TemplateSearchPath, cache_root
from .rules.check import Check
from .rules.dates import entry_into_force
from .store import ContentStore, content_key


@dataclass(frozen=True)
class BuildOptions:
    """How a packet is built; the same options for `ratkit build`, `ratkit kits` and the web interview.

    ``paper`` is a4 or letter (None: what the State's country uses, per CLDR); ``duplex`` starts every
    document of packet.pdf on a right-hand page; ``templates``, ``locales`` and ``treaties`` are folders
    searched before the bundled ones; ``processes`` is the number of LibreOffice processes of one build.
    """

    pdf: bool = True
    force: bool = False
    templates: Path | None = None
    locales: Path | None = None
    treaties: Path | None = None
    draft: bool = False
    pdfa: bool = False
    cache: bool = True
    processes: int = 1
    paper: str | None = None
    duplex: bool = False


@dataclass(frozen=True)
class BuildResult:
    """What a build produced, and how long each stage took (seconds)."""

    folder: Path
    profile: Profile
    lang: str
    files: list[WrittenFile]
    checks: list[Check]
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class PreparedPacket:
    """A packet rendered in memory (DOCX, and the cover when PDFs are wanted), not yet converted or written."""

    profile: Profile
    treaty: Treaty
    language: Language
    target: Target
    context: DocumentContext
    rendered: list[RenderedDocument]
    cover: bytes | None
    options: BuildOptions
    timings: dict[str, float]
    pages: PageOptions = PageOptions()
    build_key: str | None = None  # recorded in the manifest: a kit's re-run keeps the packet if it is the same

    @property
    def lang(self) -> str:
        """The packet's language code."""
        return self.language.code

    @property
    def folder(self) -> Path:
        """The packet's folder."""
        return self.target.path

    def release(self) -> None:
        """Give up the claim on the packet's folder (a packet that will not be finished)."""
        self.target.release()

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
    try:
        converted: dict[str, bytes] | None = None
        version = ""
        if options.pdf:
            started = time.perf_counter()
            converted, version = convert_documents(
                prepared.sources(),
                ConvertOptions(pdfa=options.pdfa),
                PdfCache(enabled=options.cache),
                options.processes,
            )
            prepared.timings["convert"] = time.perf_counter() - started
        return finish_packet(prepared, converted, version)
    finally:
        prepared.release()


def prepare_packet(
    profile_path: Path | str,
    lang: str | None = None,
    out: Path | str | None = None,
    options: BuildOptions | None = None,
    build_key: str | None = None,
) -> PreparedPacket:
    """Everything before LibreOffice: load and check the profile, render every document (and the cover).

    ``build_key`` (a kit's) is written into the manifest."""
    options = options or BuildOptions()
    started = time.perf_counter()
    profile = load_profile(profile_path, options.treaties, options.templates)
    treaty = profile.treaty_data()
    language = packet_language(profile, lang, options.locales)
    treaty.check_language(language.code)
    folder = Path(out) if out is not None else default_output(profile, language.code)
    target = check_target(folder, options.force)
    try:
        return replace(_render_packet(profile, treaty, language, target, options, started), build_key=build_key)
    except BaseException:
        target.release()
        raise


def _render_packet(
    profile: Profile, treaty: Treaty, language: Language, target: Target, options: BuildOptions, started: float
) -> PreparedPacket:
    with language.catalog.tracking() as missed:
        context = build_context(profile, treaty, language)
        _refuse_unless_draft(context, profile, options.draft)
        search = TemplateSearchPath(options.templates)
        watermark = language.gettext("DRAFT") if options.draft else None
        pages = PageOptions(watermark, options.paper or default_paper(profile.state.code), options.duplex)
        store = rendered_store(options.cache)
        rendered = [
            render_document(
                planned,
                _context_for(planned, context, profile, treaty, options),
                search,
                pages,
                context.document_titles[planned.key],
                store,
            )
            for planned in plan_documents(profile, treaty, language.code)
        ]
        cover = render_cover(rendered, context, search, pages, store) if options.pdf else None
    refuse_untranslated(language, sorted(missed), options.locales)
    timings = {"render": time.perf_counter() - started}
    return PreparedPacket(profile, treaty, language, target, context, rendered, cover, options, timings, pages)


def render_one(
    profile_path: Path | str, key: str = "instrument", lang: str | None = None, options: BuildOptions | None = None
) -> tuple[bytes, str]:
    """One document of the packet, rendered in memory (a preview: nothing is written or converted);
    and its language.  Raises the same errors a build does, except that checks do not stop it."""
    options = options or BuildOptions()
    profile = load_profile(profile_path, options.treaties, options.templates)
    treaty = profile.treaty_data()
    language = packet_language(profile, lang, options.locales)
    treaty.check_language(language.code)
    context = build_context(profile, treaty, language)
    planned = next(p for p in plan_documents(profile, treaty, language.code) if p.key == key)
    pages = PageOptions(None, options.paper or default_paper(profile.state.code), options.duplex)
    rendered = render_document(
        planned,
        context,
        TemplateSearchPath(options.templates),
        pages,
        context.document_titles[key],
        rendered_store(options.cache),
    )
    return rendered.data, language.code


def finish_packet(prepared: PreparedPacket, converted: dict[str, bytes] | None, version: str) -> BuildResult:
    """Everything after LibreOffice: normalize the PDFs, assemble packet.pdf, write the folder whole."""
    started = time.perf_counter()
    pdfs = _assemble(prepared, converted, version) if converted is not None else {}
    prepared.timings["assemble"] = time.perf_counter() - started
    profile, context = prepared.profile, prepared.context
    with staging_folder(prepared.target) as staging:
        files = [
            write_file(staging, f"{doc.name}.docx", doc.data, doc.template, doc.template_sha256)
            for doc in prepared.rendered
        ]
        files += [write_file(staging, f"{name}.pdf", data) for name, data in pdfs.items()]
        if profile.deposit.planned is not None:
            from .rules.ics import packet_calendar  # icalendar only when there is a calendar

            ics = packet_calendar(profile, prepared.treaty, prepared.language, profile.deposit.planned)
            files.append(write_file(staging, "calendar.ics", ics))
        write_manifest(staging, _manifest_header(prepared), files)
    prepared.release()
    timings = prepared.timings
    timings["total"] = sum(timings.get(k, 0.0) for k in ("render", "convert", "assemble"))
    return BuildResult(prepared.folder, profile, prepared.lang, files, context.checks, timings)


def packet_language(profile: Profile, lang: str | None, locales: Path | None = None) -> Language:
    """The language asked for, else the profile's first working language; resolved with its catalog."""
    if lang is not None:
        return resolve_language(lang, locales)
    try:
        return resolve_language(profile.default_language, locales)
    except LocaleError as exc:  # the language came from the profile: say where
        raise LocaleError(
            problems=[replace(p, key="state.languages", path=profile.source) for p in exc.problems]
        ) from None


def default_output(profile: Profile, lang: str) -> Path:
    """``./packet-<CODE>-<LANG>``."""
    return Path(f"packet-{profile.state.code}-{lang}")


def refuse_untranslated(language: Language, missing: list[str], locales: Path | None) -> None:
    """A legal document must not switch to English mid-sentence: every message needs a translation.

    The messages are named in full (a changed word may be at the end); the hint gives the next commands."""
    if missing:
        shown = "; ".join(f"“{m}”" for m in missing[:3]) + (
            f"; and {len(missing) - 3} more" if len(missing) > 3 else ""
        )
        raise LocaleError(
            f"{len(missing)} message(s) of the documents have no {language.spec.english_name} translation "
            f"(or only a fuzzy one): {shown}",
            path=catalog_path(language.code, locales),
            key="--lang",
            hint="if a template changed, run `ratkit i18n extract` and `ratkit i18n update`; then translate them "
            "(Poedit and Weblate show untranslated entries first; `ratkit i18n status` counts them per document), "
            "or build in another language",
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


def _context_for(
    planned: PlannedDocument, context: DocumentContext, profile: Profile, treaty: Treaty, options: BuildOptions
) -> DocumentContext:
    """The packet's context, or the templates' own language's for the courtesy translation."""
    if not planned.spec.in_source_language or context.lang == SOURCE_LANGUAGE:
        return context
    source = resolve_language(SOURCE_LANGUAGE, options.locales)
    return build_context(profile, treaty, source).as_courtesy_translation_of(context.language)


def _assemble(prepared: PreparedPacket, converted: dict[str, bytes], version: str) -> dict[str, bytes]:
    """Every document's PDF with reproducible metadata, and packet.pdf (from the store when nothing changed)."""
    assert prepared.cover is not None
    context, rendered = prepared.context, prepared.rendered
    key = content_key(
        __version__,
        version,
        *(hashlib.sha256(converted[doc.name]).hexdigest() for doc in rendered),
        hashlib.sha256(converted["packet-cover"]).hexdigest(),
        json.dumps([[doc.name, doc.title, asdict(doc.metadata)] for doc in rendered], sort_keys=True),
        json.dumps([prepared.options.pdfa, prepared.pages.duplex, context.language.rtl, _packet_title(context)]),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
    )
    store = ContentStore(cache_root() / "packets", ".pdfs", prepared.options.cache)
    cached = store.get(key)
    if cached is not None:
        return _unbundle(cached)
    pdfs = _assemble_pdfs(prepared, converted, version)
    store.put(key, _bundle(pdfs))
    return pdfs


def _assemble_pdfs(prepared: PreparedPacket, converted: dict[str, bytes], version: str) -> dict[str, bytes]:
    import pypdf  # the PDF libraries only when a packet is assembled
    from docx import Document

    from .pdf.metadata import normalize_pdf
    from .pdf.packet import CoverLayout, PacketPart, assemble_packet

    assert prepared.cover is not None
    context = prepared.context
    producer = f"{version}; pypdf {pypdf.__version__}"
    pdfa = prepared.options.pdfa
    rendered = prepared.rendered
    parsed = {doc.name: pypdf.PdfReader(io.BytesIO(converted[doc.name])) for doc in rendered}  # parsed once
    pdfs = {doc.name: normalize_pdf(parsed[doc.name], doc.metadata, producer, pdfa) for doc in rendered}
    section = Document(io.BytesIO(prepared.cover)).sections[0]
    margins = (section.left_margin, section.right_margin)
    left, right = (float(m.pt) if m is not None else 72.0 for m in margins)
    layout = CoverLayout(left, right, context.language.rtl)
    parts = [PacketPart(doc.title, parsed[doc.name]) for doc in rendered]
    packet_meta: DocumentMetadata = document_metadata(context, _packet_title(context))
    pdfs["packet"] = assemble_packet(
        converted["packet-cover"], parts, layout, packet_meta, producer, pdfa, duplex=prepared.pages.duplex
    )
    return pdfs


def _packet_title(context: DocumentContext) -> str:
    return f"{context.instrument.act_instrument} — {context.treaty.treaty_title}"


def _bundle(pdfs: dict[str, bytes]) -> bytes:
    """Several named files as one blob: a JSON line of names and sizes, then the bytes."""
    header = json.dumps([[name, len(data)] for name, data in pdfs.items()]).encode("utf-8")
    return header + b"\n" + b"".join(pdfs.values())


def _unbundle(blob: bytes) -> dict[str, bytes]:
    header, _, body = blob.partition(b"\n")
    out, offset = {}, 0
    for name, size in json.loads(header):
        out[name] = body[offset : offset + size]
        offset += size
    return out


def _manifest_header(prepared: PreparedPacket) -> dict[str, Any]:
    profile, context = prepared.profile, prepared.context
    planned = profile.deposit.planned
    return {
        "toolkit_version": __version__,
        "treaty": profile.treaty,
        "state": {"code": profile.state.code, "name": context.state.state_short},
        "language": context.lang,
        "act": profile.resolved_act,
        "profile": {"file": profile.source.name if profile.source else None, "sha256": profile.sha256},
        "deposit_planned": planned.isoformat() if planned else None,
        "entry_into_force": entry_into_force(planned, prepared.treaty).isoformat() if planned else None,
        "draft": prepared.options.draft,
        "pdfa": prepared.options.pdfa,
        "paper": prepared.pages.paper,
        "duplex": prepared.pages.duplex,
        "checks": [{"id": c.id, "status": c.status, "blocking": c.blocking} for c in context.checks],
    } | ({"build_key": prepared.build_key} if prepared.build_key else {})
