"""The index of a workshop kit: ``DIR/<LANG>/index.pdf`` (and .docx), one per language.

It lists every State's packet in that language — the State's name, the
instrument, the planned deposit, the pages to print and the folder — sorted by
the State's name as that language writes it, with the kit's total of pages.  A
packet that failed is listed as not built.  Every language's index is converted
in one LibreOffice run, after the packets.
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pypdf

from ..documents.layout import default_paper
from ..documents.metadata import DocumentMetadata
from ..documents.phrases import act_instruments, document_titles
from ..documents.registry import INDEX_TEMPLATE
from ..documents.render import render_docx
from ..errors import OutputError
from ..files import write_atomic
from ..lang.language import Language, resolve_language
from ..manifest import MANIFEST, read_manifest
from ..model.treaty import load_treaty
from ..pdf.convert import Converter, ConvertOptions, PdfCache
from ..pdf.metadata import normalize_pdf
from ..reproducible import source_date
from ..resources import TemplateSearchPath

if TYPE_CHECKING:
    from .jobs import KitOutcome


def index_rows(outcomes: list[KitOutcome], language: Language, out: Path) -> list[dict[str, Any]]:
    """One row per State of the kit in ``language``, sorted by name as that language sorts.

    The kit is what is on disk — every packet folder ``out/<CODE>/<LANG>`` with its manifest,
    built by this run or an earlier one (a second run refused for want of --force, or one that
    rebuilt two States, still lists them all) — and this run's failures that have no packet.
    """
    lang = language.code
    rows: dict[str, dict[str, Any]] = {}
    for manifest_path in sorted(out.glob(f"*/{lang}/{MANIFEST}")):
        row = _row_of_packet(manifest_path.parent, language, out)
        if row is not None:
            rows[manifest_path.parent.parent.name] = row
    for outcome in outcomes:
        if outcome.job.lang == lang and not outcome.ok and outcome.job.code not in rows:
            rows[outcome.job.code] = not_built_row(outcome.job.profile.name, language)  # the profile's file
    return sorted(rows.values(), key=lambda row: language.sort_key(str(row["state"])))


def _row_of_packet(folder: Path, language: Language, out: Path) -> dict[str, Any] | None:
    try:
        manifest = read_manifest(folder)
    except OutputError:
        return None  # not a packet the toolkit wrote
    name, act, planned = manifest.state.name if manifest.state else None, manifest.act, manifest.deposit_planned
    if name is None or act is None or manifest.language != language.code:
        return None
    _ = language.gettext
    packet_pdf = folder / "packet.pdf"
    try:
        pages: int | str = len(pypdf.PdfReader(packet_pdf).pages) if packet_pdf.is_file() else "—"
    except (OSError, pypdf.errors.PdfReadError):
        pages = "—"
    return packet_row(
        name,
        document_titles(_, act_instruments(_).get(act, act))["instrument"],
        language.long_date(planned) if planned else "",
        pages,
        folder.relative_to(out).as_posix(),  # no trailing slash: it would jump in Arabic
        manifest.treaty or "ccm",
    )


def packet_row(state: str, instrument: str, deposit: str, pages: int | str, folder: str, treaty: str) -> dict[str, Any]:
    """A built packet's row of the index (``instrument`` as the packet's contents title it)."""
    return {"state": state, "act": instrument, "deposit": deposit or "—", "pages": pages, "folder": folder} | {
        "ok": True,
        "treaty": treaty,
    }


def not_built_row(name: str, language: Language) -> dict[str, Any]:
    """The row of a packet that failed and has no folder."""
    not_built = language.gettext("not built")
    return {"state": name, "act": not_built, "deposit": "—", "pages": "—", "folder": "—", "ok": False}


def index_values(rows: list[dict[str, Any]], language: Language, prepared_on: date) -> dict[str, Any]:
    """What ``packet/index.docx`` is rendered with, in ``language``."""
    treaty = next((str(row["treaty"]) for row in rows if row.get("treaty")), "ccm")
    return {
        "treaty_title": load_treaty(treaty).title(language.code),
        "language_name": language.name(),
        "prepared_on": language.long_date(prepared_on),
        "packets": rows,
        "packet_count": sum(1 for row in rows if row["ok"]),
        "total_pages": sum(row["pages"] for row in rows if row["ok"] and isinstance(row["pages"], int)),
        "failed_count": sum(1 for row in rows if not row["ok"]),
        "rtl": language.rtl,
    }


def write_kit_indexes(
    outcomes: list[KitOutcome],
    languages: list[str],
    out: Path,
    *,
    pdf: bool = True,
    paper: str | None = None,
    templates: Path | None = None,
    locales: Path | None = None,
) -> list[Path]:
    """Write ``out/<LANG>/index.docx`` (and ``index.pdf`` when ``pdf``) for each language; return what was written."""
    template = TemplateSearchPath(templates).find(INDEX_TEMPLATE)
    paper = paper or _most_common_paper(outcomes)
    when = source_date()
    prepared_on = when.date() if when else date.today()
    documents: dict[str, bytes] = {}
    metadata: dict[str, DocumentMetadata] = {}
    for lang in languages:
        language = resolve_language(lang, locales)
        values = index_values(index_rows(outcomes, language, out), language, prepared_on)
        metadata[lang] = DocumentMetadata(
            title=language.gettext("INDEX OF PACKETS"),
            subject=values["treaty_title"],
            author="",
            language=language.spec.tag,
        )
        documents[lang] = render_docx(template, values, language, metadata[lang], paper=paper)
    pdfs: dict[str, bytes] = {}
    if pdf and documents:
        converter = Converter(ConvertOptions(), PdfCache())
        converted = converter.convert(documents)  # every language in one LibreOffice run
        producer = f"{converter.version}; pypdf {pypdf.__version__}"
        pdfs = {  # the same metadata, dates and /ID for the same kit: reproducible like a packet
            lang: normalize_pdf(pypdf.PdfReader(io.BytesIO(data)), metadata[lang], producer, pdfa=False)
            for lang, data in converted.items()
        }
    written = []
    for lang, data in documents.items():
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        written.append(write_atomic(folder / "index.docx", data))  # a reader never sees half an index
        if lang in pdfs:
            written.append(write_atomic(folder / "index.pdf", pdfs[lang]))
    return written


def _most_common_paper(outcomes: list[KitOutcome]) -> str:
    papers = Counter(default_paper(o.job.code) for o in outcomes if o.ok)
    return papers.most_common(1)[0][0] if papers else "a4"
