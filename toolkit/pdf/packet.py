"""packet.pdf: cover, contents with page numbers, every document, bookmarks, page labels.

The cover and contents come from a DOCX template converted with the other
documents in the same LibreOffice run.  Page numbers are known only after that
run, so the contents template leaves each entry with a dot leader and this
module writes the number at the end of each leader, in an embedded subset of
a metric-compatible serif face (digits only).  The outline is added after the
pages it points to (a bookmark added before its page points nowhere).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from fontTools import subset
from fontTools.ttLib import TTFont
from pypdf import PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    PdfObject,
    StreamObject,
)

from ..errors import ConversionError
from .metadata import PdfInfo, apply_info, write_reproducibly

DIGIT_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)
_FONT_NAME = "/RatkitDigits"


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


@lru_cache(maxsize=1)
def _digit_font() -> tuple[bytes, list[int], dict[str, float]]:
    path = next((Path(p) for p in DIGIT_FONT_CANDIDATES if Path(p).is_file()), None)
    if path is None:
        raise ConversionError(
            "the Liberation Serif font is not installed; page numbers cannot be set",
            hint="install it with `sudo apt-get install fonts-liberation2`",
        )
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    font = TTFont(str(path), recalcTimestamp=False)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="0123456789")
    subsetter.subset(font)
    cmap = font.getBestCmap()
    scale = 1000 / font["head"].unitsPerEm
    widths = [round(font["hmtx"][cmap[code]][0] * scale) for code in range(48, 58)]
    head, hhea, os2 = font["head"], font["hhea"], font["OS/2"]
    metrics = {
        "xMin": head.xMin * scale,
        "yMin": head.yMin * scale,
        "xMax": head.xMax * scale,
        "yMax": head.yMax * scale,
        "ascent": hhea.ascent * scale,
        "descent": hhea.descent * scale,
        "cap": getattr(os2, "sCapHeight", 662) * scale,
    }
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue(), widths, metrics


def _add_digit_font(writer: PdfWriter) -> tuple[object, list[int]]:
    data, widths, m = _digit_font()
    file_stream = StreamObject()
    file_stream._data = data
    file_stream[NameObject("/Length1")] = NumberObject(len(data))
    file_ref = writer._add_object(file_stream)
    base = NameObject("/RTKDGT+LiberationSerif")
    descriptor = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): base,
            NameObject("/Flags"): NumberObject(34),
            NameObject("/FontBBox"): ArrayObject([FloatObject(m[k]) for k in ("xMin", "yMin", "xMax", "yMax")]),
            NameObject("/ItalicAngle"): NumberObject(0),
            NameObject("/Ascent"): FloatObject(m["ascent"]),
            NameObject("/Descent"): FloatObject(m["descent"]),
            NameObject("/CapHeight"): FloatObject(m["cap"]),
            NameObject("/StemV"): NumberObject(80),
            NameObject("/FontFile2"): file_ref,
        }
    )
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/TrueType"),
            NameObject("/BaseFont"): base,
            NameObject("/FirstChar"): NumberObject(48),
            NameObject("/LastChar"): NumberObject(57),
            NameObject("/Widths"): ArrayObject([NumberObject(w) for w in widths]),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            NameObject("/FontDescriptor"): writer._add_object(descriptor),
        }
    )
    return writer._add_object(font), widths


def _leaders(page: object) -> list[tuple[float, float]]:
    """(baseline y, font size) of each dot leader on a page, top to bottom."""
    found: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        stripped = text.strip()
        if len(stripped) >= 5 and set(stripped) == {"."}:
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            found.append((y, size * abs(tm[3] or 1) * abs(cm[3] or 1)))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return sorted(found, key=lambda item: -item[0])


def _stamp_numbers(
    writer: PdfWriter, page_index: int, numbers: list[int], layout: CoverLayout, font: tuple[object, list[int]]
) -> None:
    """Write each document's first page number at the end of its dot leader on the contents page."""
    page = writer.pages[page_index]
    leaders = _leaders(page)
    if len(leaders) < len(numbers):
        raise ConversionError(
            f"the contents page has {len(leaders)} dot leaders for {len(numbers)} documents",
            key="packet/cover.docx",
            hint="each contents entry needs a tab with a dot leader",
        )
    width = float(page.mediabox.width)
    placed = []
    for (y, size), number in zip(leaders, numbers, strict=False):
        text_width = _text_width(str(number), font[1], size)
        x = layout.left_margin if layout.rtl else width - layout.right_margin - text_width
        placed.append((str(number), x, y, size))
    _draw_digits(writer, page, placed, font[0])


def _stamp_page_numbers(writer: PdfWriter, first: int, font: tuple[object, list[int]]) -> None:
    """Print the packet's page number (as the contents cites it) at the foot of every document page."""
    size = 10.0
    for index in range(first, len(writer.pages)):
        page = writer.pages[index]
        if page.get("/Contents") is None:
            continue  # a blank page put in for duplex printing stays blank
        text = str(index - first + 1)
        box = page.mediabox
        x = float(box.left) + (float(box.width) - _text_width(text, font[1], size)) / 2
        _draw_digits(writer, page, [(text, x, float(box.bottom) + 28.0, size)], font[0])


def _text_width(text: str, widths: list[int], size: float) -> float:
    return sum(widths[int(c)] for c in text) * size / 1000


def _draw_digits(writer: PdfWriter, page: Any, placed: list[tuple[str, float, float, float]], font_ref: object) -> None:
    ops = ["q", "BT"]
    for text, x, y, size in placed:
        ops.append(f"{_FONT_NAME} {size:.2f} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm ({text}) Tj")
    ops += ["ET", "Q"]
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("ascii"))
    resources = cast(DictionaryObject, page["/Resources"].get_object())
    fonts = resources.get("/Font")
    if fonts is None:
        fonts = DictionaryObject()
        resources[NameObject("/Font")] = fonts
    cast(DictionaryObject, fonts.get_object())[NameObject(_FONT_NAME)] = font_ref
    contents = cast(PdfObject, page.get(NameObject("/Contents")))  # the reference: a stream must stay indirect
    target = contents.get_object()
    existing = list(target) if isinstance(target, ArrayObject) else [contents]
    page[NameObject("/Contents")] = ArrayObject([*existing, writer._add_object(stream)])


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
    font = _add_digit_font(writer)
    _stamp_numbers(writer, front_pages - 1, numbers, layout, font)
    _stamp_page_numbers(writer, front_pages, font)
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
    intents = cast(DictionaryObject, source.trailer["/Root"]).get("/OutputIntents")
    if intents is not None:
        writer._root_object[NameObject("/OutputIntents")] = intents.get_object().clone(writer)


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF."""
    return len(PdfReader(io.BytesIO(pdf)).pages)
