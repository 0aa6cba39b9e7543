"""The index of a workshop kit: ``DIR/<LANG>/index.pdf`` (and .docx), one per language.

It lists every State's packet in that language — the State's name, the
instrument, the planned deposit, the pages to print and the folder — sorted by
the State's name as that language writes it, with the kit's total of pages.  A
packet that failed is listed as not built.  Every language's index is converted
in one LibreOffice run, after the packets.
"""

from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pypdf

from ..documents.context import act_instruments, document_titles
from ..documents.layout import default_paper
from ..documents.render import DocumentMetadata, render_docx
from ..lang.catalog import CLDR_LOCALE, format_long_date, language_name, translations
from ..model.treaty import load_treaty
from ..output import MANIFEST
from ..pdf.convert import ConvertOptions, PdfCache, convert_documents
from ..reproducible import source_date
from ..resources import TemplateSearchPath

if TYPE_CHECKING:
    from .jobs import KitOutcome

INDEX_TEMPLATE = "packet/index.docx"


def sort_key(name: str, lang: str) -> tuple[str, str]:
    """Alphabetical order as a reader of ``lang`` expects it, near enough without a collation library:
    accents and case ignored (Égypte with the Es); in Arabic the article al- (ال) is passed over, as
    Arabic indexes do (المغرب under م); Chinese in code-point order, which for CJK ideographs is
    radical-and-stroke order."""
    if lang == "zh":
        return (name, name)
    folded = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    if lang == "ar" and folded.startswith("ال") and len(folded) > 3:
        folded = folded[2:]
    return (folded, name)


def index_rows(outcomes: list[KitOutcome], lang: str, out: Path) -> list[dict[str, Any]]:
    """One row per State of the kit in ``lang``, sorted by name.

    The kit is what is on disk — every packet folder ``out/<CODE>/<LANG>`` with its manifest,
    built by this run or an earlier one (a second run refused for want of --force, or one that
    rebuilt two States, still lists them all) — and this run's failures that have no packet.
    """
    rows: dict[str, dict[str, Any]] = {}
    for manifest_path in sorted(out.glob(f"*/{lang}/{MANIFEST}")):
        row = _row_of_packet(manifest_path.parent, lang, out)
        if row is not None:
            rows[manifest_path.parent.parent.name] = row
    for outcome in outcomes:
        if outcome.job.lang == lang and not outcome.ok and outcome.job.code not in rows:
            rows[outcome.job.code] = not_built_row(outcome.job.profile.name, lang)  # the profile's file
    return sorted(rows.values(), key=lambda row: sort_key(str(row["state"]), lang))


def _row_of_packet(folder: Path, lang: str, out: Path) -> dict[str, Any] | None:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        name, act, planned = manifest["state"]["name"], manifest["act"], manifest.get("deposit_planned")
    except (OSError, ValueError, KeyError, TypeError):
        return None  # not a packet the toolkit wrote
    if manifest.get("language") != lang:
        return None
    _ = translations(lang).gettext
    packet_pdf = folder / "packet.pdf"
    try:
        pages: int | str = len(pypdf.PdfReader(packet_pdf).pages) if packet_pdf.is_file() else "—"
    except (OSError, pypdf.errors.PdfReadError):
        pages = "—"
    return packet_row(
        name,
        document_titles(_, act_instruments(_).get(act, act))["instrument"],
        format_long_date(date.fromisoformat(planned), lang) if planned else "",
        pages,
        folder.relative_to(out).as_posix(),  # no trailing slash: it would jump in Arabic
        manifest.get("treaty", "ccm"),
    )


def packet_row(state: str, instrument: str, deposit: str, pages: int | str, folder: str, treaty: str) -> dict[str, Any]:
    """A built packet's row of the index (``instrument`` as the packet's contents title it)."""
    return {"state": state, "act": instrument, "deposit": deposit or "—", "pages": pages, "folder": folder} | {
        "ok": True,
        "treaty": treaty,
    }


def not_built_row(name: str, lang: str) -> dict[str, Any]:
    """The row of a packet that failed and has no folder."""
    not_built = translations(lang).gettext("not built")
    return {"state": name, "act": not_built, "deposit": "—", "pages": "—", "folder": "—", "ok": False}


def index_values(rows: list[dict[str, Any]], lang: str, prepared_on: date) -> dict[str, Any]:
    """What ``packet/index.docx`` is rendered with, for ``lang``."""
    treaty = next((str(row["treaty"]) for row in rows if row.get("treaty")), "ccm")
    return {
        "treaty_title": load_treaty(treaty).title(lang),
        "language_name": language_name(lang),
        "prepared_on": format_long_date(prepared_on, lang),
        "packets": rows,
        "packet_count": sum(1 for row in rows if row["ok"]),
        "total_pages": sum(row["pages"] for row in rows if row["ok"] and isinstance(row["pages"], int)),
        "failed_count": sum(1 for row in rows if not row["ok"]),
        "rtl": lang == "ar",
    }


def write_kit_indexes(
    outcomes: list[KitOutcome],
    languages: list[str],
    out: Path,
    *,
    pdf: bool = True,
    paper: str | None = None,
    templates: Path | None = None,
) -> list[Path]:
    """Write ``out/<LANG>/index.docx`` (and ``index.pdf`` when ``pdf``) for each language; return what was written."""
    template = TemplateSearchPath(templates).find(INDEX_TEMPLATE)
    paper = paper or _most_common_paper(outcomes)
    when = source_date()
    prepared_on = when.date() if when else date.today()
    documents: dict[str, bytes] = {}
    for lang in languages:
        values = index_values(index_rows(outcomes, lang, out), lang, prepared_on)
        metadata = DocumentMetadata(
            title=str(translations(lang).gettext("INDEX OF PACKETS")),
            subject=values["treaty_title"],
            author="",
            language=CLDR_LOCALE[lang].replace("_", "-"),
        )
        documents[lang] = render_docx(template, values, lang, metadata, paper=paper)
    pdfs: dict[str, bytes] = {}
    if pdf and documents:
        pdfs, _ = convert_documents(documents, ConvertOptions(), PdfCache())
    written = []
    for lang, data in documents.items():
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        written.append(_write_whole(folder / "index.docx", data))
        if lang in pdfs:
            written.append(_write_whole(folder / "index.pdf", pdfs[lang]))
    return written


def _most_common_paper(outcomes: list[KitOutcome]) -> str:
    papers = Counter(default_paper(o.job.code) for o in outcomes if o.ok)
    return papers.most_common(1)[0][0] if papers else "a4"


def _write_whole(path: Path, data: bytes) -> Path:
    """Write through a temporary file beside ``path``: a reader never sees half an index."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
