"""packet.pdf: cover, contents with page numbers, every document, bookmarks, page labels.

The cover and contents come from a DOCX template converted with the other
documents in the same LibreOffice run.  Page numbers are known only after that
run, so the contents template leaves each entry with a dot leader and this
module has each number drawn at the end of its leader, and the packet's page
number at the foot of every document page (``stamp``: reportlab overlays merged
by pypdf).  The outline is added after the pages it points to (a bookmark added
before its page points nowhere).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.generic import NameObject

from ..errors import ConversionError
from .metadata import PdfInfo, apply_info, write_reproducibly
from .stamp import Align, Stamp, stamp_pages

__all__ = ["CoverLayout", "PacketPart", "PdfInfo", "assemble_packet", "page_count"]

FOOT_SIZE = 10.0  # points: the page number at the foot of every document page
FOOT_BASELINE = 28.0  # points above the bottom edge


@dataclass(frozen=True)
class PacketPart:
    """A document in the packet: its title (for contents and outline) and its PDF, already parsed."""

    title: str
    pdf: PdfReader


@dataclass(frozen=True)
class CoverLayout:
    """Where page numbers go on the contents page (from the cover template's page margins)."""

    left_margin: float
    right_margin: float
    rtl: bool


def _leaders(page: PageObject) -> list[tuple[float, float]]:
    """(baseline y, font size) of each dot leader on a page, top to bottom."""
    found: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        stripped = text.strip()
        if len(stripped) >= 5 and set(stripped) == {"."}:
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            found.append((y, size * abs(tm[3] or 1) * abs(cm[3] or 1)))

    page.extract_text(visitor_text=visit)
    return sorted(found, key=lambda item: -item[0])


def _contents_stamps(pages: list[PageObject], numbers: list[int], layout: CoverLayout) -> dict[int, list[Stamp]]:
    """Each document's first page number at the end of its dot leader, on the contents page or pages
    (long titles, as in Russian, may carry the contents over a second page): {index in ``pages``: stamps}.

    Left to right, the number ends at the right margin; right to left (Arabic), it starts at the left margin.
    """
    leaders = [(index, y, size) for index, page in enumerate(pages) for y, size in _leaders(page)]
    if len(leaders) < len(numbers):
        raise ConversionError(
            f"the contents page has {len(leaders)} dot leaders for {len(numbers)} documents",
            key="packet/cover.docx",
            hint="each contents entry needs a tab with a dot leader",
        )
    align: Align = "left" if layout.rtl else "right"
    stamps: dict[int, list[Stamp]] = {}
    # a contents page may have more leaders than documents (a template's own entries): the first ones are ours
    for (index, y, size), n in zip(leaders, numbers, strict=False):
        width = float(pages[index].mediabox.width)
        x = layout.left_margin if layout.rtl else width - layout.right_margin
        stamps.setdefault(index, []).append(Stamp(str(n), x, y, size, align))
    return stamps


def _foot_stamps(writer: PdfWriter, first: int) -> dict[int, list[Stamp]]:
    """The packet's page number (as the contents cites it), centred at the foot of every document page."""
    stamps: dict[int, list[Stamp]] = {}
    for index in range(first, len(writer.pages)):
        page = writer.pages[index]
        if page.get("/Contents") is None:
            continue  # a blank page put in for duplex printing stays blank
        middle = float(page.mediabox.width) / 2
        stamps[index] = [Stamp(str(index - first + 1), middle, FOOT_BASELINE, FOOT_SIZE, "centre")]
    return stamps


def assemble_packet(
    cover_pdf: bytes,
    parts: list[PacketPart],
    layout: CoverLayout,
    info: PdfInfo,
    producer: str,
    pdfa: bool,
    *,
    duplex: bool = False,
) -> bytes:
    """Cover and contents (roman), then each document (arabic from 1), with one bookmark per document."""
    writer = PdfWriter()
    cover = PdfReader(io.BytesIO(cover_pdf))
    front_pages = len(cover.pages)
    writer.append(cover)
    starts: list[int] = []
    for part in parts:
        starts.append(len(writer.pages))
        writer.append(part.pdf, import_outline=False)
        if duplex and (len(writer.pages) - front_pages) % 2 == 1:  # the next document starts on a right-hand page
            last = writer.pages[-1].mediabox
            writer.add_blank_page(width=float(last.width), height=float(last.height))
    numbers = [start - front_pages + 1 for start in starts]
    stamps = _foot_stamps(writer, front_pages)
    contents = [writer.pages[index] for index in range(1, front_pages)] or [writer.pages[0]]
    first_contents = 1 if front_pages > 1 else 0
    for index, page_stamps in _contents_stamps(contents, numbers, layout).items():
        stamps[first_contents + index] = page_stamps
    stamp_pages(writer, stamps)
    writer.set_page_label(0, front_pages - 1, style=PageLabelStyle.LOWERCASE_ROMAN)
    writer.set_page_label(front_pages, len(writer.pages) - 1, style=PageLabelStyle.DECIMAL, start=1)
    for part, start in zip(parts, starts, strict=True):
        writer.add_outline_item(title=part.title, page_number=start)
    writer.page_mode = "/UseOutlines"
    if pdfa:
        _copy_output_intent(writer, cover)
    apply_info(writer, info, producer, pdfa)
    return write_reproducibly(writer)


def _copy_output_intent(writer: PdfWriter, source: PdfReader) -> None:
    """The cover's output intent (LibreOffice's sRGB profile), which appending pages does not carry over."""
    intents = source.root_object.get("/OutputIntents")
    if intents is not None:
        writer.root_object[NameObject("/OutputIntents")] = intents.get_object().clone(writer)


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF."""
    return len(PdfReader(io.BytesIO(pdf)).pages)
