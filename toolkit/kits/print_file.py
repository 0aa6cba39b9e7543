"""A kit's print file: one PDF per language, every part starting on a new sheet.

Parts follow one another; printed on both sides (``duplex``), a part that ends on a right-hand
page gets a blank back, so the next one starts on a fresh sheet and the file's page count is even.
Each part is a bookmark; a State's parts are grouped under the State's name.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter

from ..documents.metadata import DocumentMetadata
from ..pdf.metadata import apply_info, write_reproducibly


@dataclass(frozen=True)
class PrintPart:
    """One part of the print file: a document's PDF, its bookmark, and the State it belongs to (if any)."""

    title: str
    pdf: bytes
    group: str = ""


def sides(pages: int, duplex: bool) -> int:
    """The page sides a part of ``pages`` pages takes, with its blank back when printed on both sides."""
    return pages + pages % 2 if duplex else pages


def sheets(pages: int, duplex: bool) -> int:
    """The sheets of paper a part of ``pages`` pages takes."""
    return (pages + 1) // 2 if duplex else pages


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF."""
    return len(PdfReader(io.BytesIO(pdf)).pages)


def assemble_print_file(parts: list[PrintPart], info: DocumentMetadata, producer: str, duplex: bool) -> bytes:
    """The parts in order, each on its own sheets, with bookmarks and reproducible bytes."""
    writer = PdfWriter()
    groups: dict[str, object] = {}
    for part in parts:
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(part.pdf)), import_outline=False)
        if duplex and (len(writer.pages) - start) % 2 == 1:
            last = writer.pages[-1].mediabox
            writer.add_blank_page(width=float(last.width), height=float(last.height))
        parent = None
        if part.group:
            if part.group not in groups:
                groups[part.group] = writer.add_outline_item(title=part.group, page_number=start)
            parent = groups[part.group]
        writer.add_outline_item(title=part.title, page_number=start, parent=parent)  # type: ignore[arg-type]
    writer.page_mode = "/UseOutlines"
    apply_info(writer, info, producer, pdfa=False)
    return write_reproducibly(writer)
