"""Small PDFs made with reportlab for the packet tests: a cover with a contents page, and documents.

They stand in for what LibreOffice makes (no LibreOffice needed): the contents page has one line
per document, its title then a dot leader, as the cover template has.  Text is set in Liberation
Serif, embedded, as LibreOffice embeds every face.
"""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from toolkit.pdf.packet import CoverLayout, PacketPart
from toolkit.pdf.stamp import SERIF_CANDIDATES

FACE = "SampleSerif"
MARGIN_LEFT = 70.0
MARGIN_RIGHT = 72.0
LEADER_SIZE = 12.0
TAB_GAP = 36.0  # the leader stops short of the margin: the number goes there
TITLES = ["Instrument of ratification", "Cover note from the Permanent Mission", "Depositary checklist"]


@lru_cache(maxsize=1)
def face() -> str:
    path = next(p for p in SERIF_CANDIDATES if Path(p).is_file())
    pdfmetrics.registerFont(TTFont(FACE, path))
    return FACE


def _canvas(buffer: io.BytesIO, pagesize: tuple[float, float]) -> Canvas:
    return Canvas(buffer, pagesize=pagesize, invariant=1, initialFontName=face(), initialFontSize=12)


def cover_pdf(
    titles: list[str], *, rtl: bool = False, pagesize: tuple[float, float] = A4, contents_pages: int = 1
) -> bytes:
    """A cover page, then the contents: each title with a dot leader (right to left: title at the right)."""
    buffer = io.BytesIO()
    canvas = _canvas(buffer, pagesize)
    width, height = pagesize
    canvas.setFont(face(), 24)
    canvas.drawCentredString(width / 2, height - 200, "Kenya: instrument of ratification")
    canvas.showPage()
    for page in range(contents_pages):
        canvas.setFont(face(), 16)
        canvas.drawCentredString(width / 2, height - 80, "CONTENTS")
        canvas.setFont(face(), LEADER_SIZE)
        start, stop = MARGIN_LEFT, width - MARGIN_RIGHT
        for line, title in enumerate(titles if page == contents_pages - 1 else []):
            y = height - 120 - 24 * line
            title_width = pdfmetrics.stringWidth(title, face(), LEADER_SIZE)
            dot = pdfmetrics.stringWidth(".", face(), LEADER_SIZE)
            if rtl:  # title at the right margin, the leader from the tab stop at the left to the title
                leader_start = start + TAB_GAP
                dots = "." * int((stop - title_width - leader_start) // dot)
                canvas.drawRightString(stop, y, title)
                canvas.drawString(leader_start, y, dots)
            else:
                dots = "." * int((stop - TAB_GAP - start - title_width) // dot)
                canvas.drawString(start, y, title)
                canvas.drawString(start + title_width, y, dots)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def document_pdf(name: str, pages: int, pagesize: tuple[float, float] = A4) -> bytes:
    """A document of ``pages`` pages; each says which document and page it is, near the top."""
    buffer = io.BytesIO()
    canvas = _canvas(buffer, pagesize)
    for page in range(1, pages + 1):
        canvas.setFont(face(), 12)
        canvas.drawString(MARGIN_LEFT, pagesize[1] - 80, f"{name} page {page}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def parts(sizes: list[int], pagesize: tuple[float, float] = A4) -> list[PacketPart]:
    """One packet part per size: titles from TITLES (then "Document N"), each with that many pages."""
    names = [*TITLES, *(f"Document {n}" for n in range(len(TITLES) + 1, len(sizes) + 1))]
    return [
        PacketPart(title, PdfReader(io.BytesIO(document_pdf(title, size, pagesize))))
        for title, size in zip(names, sizes, strict=False)
    ]


def layout(rtl: bool = False) -> CoverLayout:
    return CoverLayout(MARGIN_LEFT, MARGIN_RIGHT, rtl)


@dataclass(frozen=True)
class Word:
    """A word as poppler sees it on the page: text and box (points, origin at the top left)."""

    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def words(pdf: Path, page: int) -> list[Word]:
    """Every word of one page (1-based), with its box, from ``pdftotext -bbox``."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [Word(m[4], float(m[0]), float(m[1]), float(m[2]), float(m[3])) for m in _WORD.findall(html)]
