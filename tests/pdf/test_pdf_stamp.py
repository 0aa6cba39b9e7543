"""Stamps: reportlab overlays merged by pypdf, placed where asked, the same bytes every time."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pdf_samples import document_pdf, words
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject

from toolkit.errors import ConversionError
from toolkit.pdf import stamp
from toolkit.pdf.stamp import Stamp, overlay_pdf, stamp_pages


@pytest.fixture
def no_serif(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(stamp, "SERIF_CANDIDATES", ("/nonexistent/LiberationSerif-Regular.ttf",))
    stamp.stamp_font.cache_clear()
    yield
    stamp.stamp_font.cache_clear()


def stamped(tmp_path: Path, stamps: dict[int, list[Stamp]], pages: int = 2, box: list[float] | None = None) -> Path:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(document_pdf("Body", pages))))
    if box is not None:
        for page in writer.pages:
            page.mediabox = RectangleObject(box)
    stamp_pages(writer, stamps)
    path = tmp_path / "stamped.pdf"
    writer.write(path)
    return path


def test_left_right_and_centre_put_that_end_of_the_text_at_x(tmp_path: Path) -> None:
    path = stamped(
        tmp_path,
        {
            0: [
                Stamp("111", 100, 500, 12, "left"),
                Stamp("222", 300, 400, 12, "right"),
                Stamp("333", 200, 300, 12, "centre"),
            ]
        },
    )
    found = {w.text: w for w in words(path, 1)}
    assert found["111"].x_min == pytest.approx(100, abs=0.2)
    assert found["222"].x_max == pytest.approx(300, abs=0.2)
    assert (found["333"].x_min + found["333"].x_max) / 2 == pytest.approx(200, abs=0.2)
    assert "Body" in found  # the page's own text stays


def test_pages_without_stamps_are_left_as_they_were(tmp_path: Path) -> None:
    path = stamped(tmp_path, {1: [Stamp("7", 297, 28, 10, "centre")], 0: []})
    assert [w.text for w in words(path, 1)] == ["Body", "page", "1"]
    assert [w.text for w in words(path, 2)] == ["Body", "page", "2", "7"]


def test_a_page_box_away_from_the_origin_moves_the_stamp_with_it(tmp_path: Path) -> None:
    path = stamped(tmp_path, {0: [Stamp("42", 10, 20, 10, "left")]}, pages=1, box=[100, 50, 695, 892])
    reader = PdfReader(path)
    positions: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: float) -> None:
        if text.strip() == "42":
            positions.append((cm[0] * tm[4] + cm[2] * tm[5] + cm[4], cm[1] * tm[4] + cm[3] * tm[5] + cm[5]))

    reader.pages[0].extract_text(visitor_text=visit)
    assert positions == [pytest.approx((110, 70))]


def test_overlays_are_the_same_bytes_whatever_the_clock_says(monkeypatch: pytest.MonkeyPatch) -> None:
    stamps = [[Stamp("12", 297, 28, 10, "centre")]]
    monkeypatch.setattr(time, "time", lambda: 1_000_000_000.0)
    first = overlay_pdf([(595, 842)], stamps)
    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)
    assert overlay_pdf([(595, 842)], stamps) == first
    assert b"/CreationDate (D:20000101000000" in first  # reportlab's invariant date, not today's


def test_a_missing_serif_face_is_a_clear_error(tmp_path: Path, no_serif: None) -> None:
    with pytest.raises(ConversionError, match="Liberation Serif font is not installed") as caught:
        stamped(tmp_path, {0: [Stamp("1", 297, 28, 10, "centre")]})
    assert "apt-get install fonts-liberation2" in str(caught.value)
