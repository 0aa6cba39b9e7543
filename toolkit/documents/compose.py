"""Render the planned documents of one packet (and its cover) in memory, ready to convert.

Each document is rendered from its template with the packet's context — the
courtesy translation with the context of the templates' own language — and
carries the metadata its DOCX (and later its PDF) is stamped with.  Rendering
is deterministic, so a rendered document is kept in a content store keyed by
everything it depends on (the template's bytes, every value, the catalog, the
page options, the rendering code itself): an unchanged profile rebuilds
without rendering, or even loading the DOCX libraries.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import metadata as distributions
from pathlib import Path
from typing import Any

from .._version import __version__
from ..files import sha256_file
from ..lang.language import Language
from ..resources import TemplateSearchPath, cache_root
from ..store import ContentStore, content_key
from .context import DocumentContext
from .metadata import DocumentMetadata
from .registry import COVER_TEMPLATE, PlannedDocument


@dataclass(frozen=True)
class PageOptions:
    """How every page is made: watermark (for --draft), paper, and duplex printing."""

    watermark: str | None = None
    paper: str = "a4"
    duplex: bool = False


@dataclass(frozen=True)
class RenderedDocument:
    """A document rendered in memory, not yet written."""

    name: str
    title: str
    data: bytes
    metadata: DocumentMetadata
    template: str
    template_sha256: str


def rendered_store(enabled: bool = True) -> ContentStore:
    """The store of rendered documents in the toolkit's cache folder."""
    return ContentStore(cache_root() / "docx", ".docx", enabled)


def document_metadata(context: DocumentContext, title: str) -> DocumentMetadata:
    """What a document of the packet says about itself (title, subject, author, language)."""
    return DocumentMetadata(
        title=f"{context.state.state_short}: {title}",
        subject=context.treaty.treaty_title,
        author=context.instrument.mission_name,
        language=context.language.spec.tag,
    )


def render_document(
    planned: PlannedDocument,
    context: DocumentContext,
    search: TemplateSearchPath,
    pages: PageOptions,
    title: str,
    store: ContentStore | None = None,
) -> RenderedDocument:
    """One planned document, rendered with ``context``."""
    template = search.find(planned.template)
    template_sha256 = sha256_file(template)
    metadata = document_metadata(context, title)
    data = render_cached(template, template_sha256, context.values(), context.language, metadata, pages, store)
    return RenderedDocument(planned.key, title, data, metadata, planned.template, template_sha256)


def render_cover(
    rendered: list[RenderedDocument],
    context: DocumentContext,
    search: TemplateSearchPath,
    pages: PageOptions,
    store: ContentStore | None = None,
) -> bytes:
    """The packet's cover and contents page, listing ``rendered`` (page numbers come after conversion)."""
    values = dict(context.values(), documents=[{"title": doc.title} for doc in rendered])
    template = search.find(COVER_TEMPLATE)
    metadata = document_metadata(context, context.treaty.treaty_title)
    return render_cached(template, sha256_file(template), values, context.language, metadata, pages, store)


def render_cached(
    template: Path,
    template_sha256: str,
    values: dict[str, Any],
    language: Language,
    metadata: DocumentMetadata,
    pages: PageOptions,
    store: ContentStore | None,
) -> bytes:
    """``template`` rendered with ``values``: from the store when the same inputs were rendered before."""
    key = content_key(
        _rendering_code(),
        template_sha256,
        json.dumps(values, sort_keys=True, ensure_ascii=False, default=str),
        language.code,
        language.catalog_digest,
        json.dumps(asdict(metadata), sort_keys=True),
        json.dumps([pages.watermark, pages.paper]),
        os.environ.get("SOURCE_DATE_EPOCH", ""),  # the core properties carry it
    )
    if store is not None:
        cached = store.get(key)
        if cached is not None:
            return cached
    from .render import render_docx  # docxtpl, python-docx and jinja only when something is rendered

    with language.catalog.tracking() as missed:  # the build's own tracking sees these misses too
        data = render_docx(template, values, language, metadata, pages.watermark, pages.paper)
    if store is not None and not missed:  # a document with an untranslated message is never kept
        store.put(key, data)
    return data


@lru_cache(maxsize=1)
def _rendering_code() -> str:
    """What the rendering code is: the toolkit's version, its document and language modules, the libraries'."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    for folder in ("documents", "lang"):
        for source in sorted((package / folder).glob("*.py")):
            digest.update(source.read_bytes())
    for name in ("docxtpl", "python-docx", "jinja2", "babel"):
        try:
            digest.update(f"{name}={distributions.version(name)}".encode())
        except distributions.PackageNotFoundError:
            digest.update(name.encode())
    return digest.hexdigest()
