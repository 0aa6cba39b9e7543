"""Text stamped onto finished PDF pages: reportlab draws an overlay, pypdf merges it.

Page numbers are known only after LibreOffice has laid out every document, so
they are drawn afterwards: reportlab (in invariant mode, so the overlay carries
no timestamp and no random ID) draws every stamp of a packet in one small
document, one overlay page per stamped page, and ``PageObject.merge_transformed_page``
lays each overlay over its page.  The face is Liberation Serif (metric-compatible
with Times New Roman), always embedded as a subset: print shops and PDF/A both
want every font embedded.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pypdf import PdfReader, PdfWriter, Transformation
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from ..errors import ConversionError

SERIF_CANDIDATES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)
FONT_NAME = "RatkitLiberationSerif"

Align = Literal["left", "right", "centre"]


@dataclass(frozen=True)
class Stamp:
    """One line of text at a point of a page (PDF points from the page's lower-left corner).

    ``align`` says which end of the text sits at ``x``: its left end, its right end, or its middle.
    """

    text: str
    x: float
    y: float
    size: float
    align: Align = "left"


@lru_cache(maxsize=1)
def stamp_font() -> str:
    """Register Liberation Serif with reportlab once per process; its reportlab name."""
    path = next((Path(p) for p in SERIF_CANDIDATES if Path(p).is_file()), None)
    if path is None:
        raise ConversionError(
            "the Liberation Serif font is not installed; page numbers cannot be set",
            hint="install it with `sudo apt-get install fonts-liberation2` (scripts/setup.sh does)",
        )
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(path)))
    return FONT_NAME


def overlay_pdf(sizes: Sequence[tuple[float, float]], stamps: Sequence[Sequence[Stamp]]) -> bytes:
    """A PDF of one page per entry, each the size given with its stamps drawn; the same bytes every time."""
    font = stamp_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=1, initialFontName=font, initialFontSize=10)
    for (width, height), page_stamps in zip(sizes, stamps, strict=True):
        canvas.setPageSize((width, height))
        for stamp in page_stamps:
            canvas.setFont(font, stamp.size)
            if stamp.align == "right":
                canvas.drawRightString(stamp.x, stamp.y, stamp.text)
            elif stamp.align == "centre":
                canvas.drawCentredString(stamp.x, stamp.y, stamp.text)
            else:
                canvas.drawString(stamp.x, stamp.y, stamp.text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def stamp_pages(writer: PdfWriter, stamps: Mapping[int, Sequence[Stamp]]) -> None:
    """Draw each page's stamps over it (pages by index in ``writer``), then recompress its content."""
    indexes = sorted(index for index, page_stamps in stamps.items() if page_stamps)
    if not indexes:
        return
    boxes = [writer.pages[index].mediabox for index in indexes]
    sizes = [(float(box.width), float(box.height)) for box in boxes]
    overlays = PdfReader(io.BytesIO(overlay_pdf(sizes, [stamps[index] for index in indexes])))
    for index, box, overlay in zip(indexes, boxes, overlays.pages, strict=True):
        page = writer.pages[index]  # the overlay's origin is the page's lower-left corner, wherever the box starts
        page.merge_transformed_page(overlay, Transformation().translate(float(box.left), float(box.bottom)))
        page.compress_content_streams()  # merging leaves the page's content decoded
