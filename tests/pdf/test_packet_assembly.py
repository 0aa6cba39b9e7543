"""packet.pdf assembled from small reportlab PDFs (no LibreOffice): numbers, outline, labels, bytes."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from pdf_samples import LEADER_SIZE, MARGIN_LEFT, MARGIN_RIGHT, TITLES, Word, cover_pdf, layout, parts, words
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, LETTER

from toolkit.errors import ConversionError
from toolkit.pdf.metadata import PdfInfo
from toolkit.pdf.packet import assemble_packet, page_count

INFO = PdfInfo(
    title="Kenya: instrument of ratification — Convention on Cluster Munitions",
    subject="Convention on Cluster Munitions",
    author="Permanent Mission of the Republic of Kenya to the United Nations",
    language="en-GB",
)
PRODUCER = "LibreOffice 7.4; pypdf"
SIZES = [1, 3, 2]  # pages of each document: the packet's pages 1, 2-4, 5-6


def build(
    tmp_path: Path,
    sizes: list[int] = SIZES,
    *,
    rtl: bool = False,
    duplex: bool = False,
    pdfa: bool = False,
    pagesize: tuple[float, float] = A4,
    name: str = "packet.pdf",
) -> Path:
    packet = assemble_packet(
        cover_pdf(TITLES[: len(sizes)], rtl=rtl, pagesize=pagesize),
        parts(sizes, pagesize),
        layout(rtl),
        INFO,
        PRODUCER,
        pdfa,
        duplex=duplex,
    )
    path = tmp_path / name
    path.write_bytes(packet)
    return path


def line_of(page_words: list[Word], title: str) -> list[Word]:
    """The words on the same line as the first word of ``title`` (poppler boxes: same band of y)."""
    first = next(w for w in page_words if w.text == title.split()[0])
    middle = (first.y_min + first.y_max) / 2
    return [w for w in page_words if w.y_min < middle < w.y_max]


def leader(line: list[Word]) -> Word:
    return next(w for w in line if w.text.endswith("....."))


def number(line: list[Word]) -> Word:
    return next(w for w in line if w.text.isdigit())


def test_contents_numbers_end_at_the_right_margin_after_each_leader(tmp_path: Path) -> None:
    packet = build(tmp_path)
    page_words = words(packet, 2)
    width = A4[0]
    for title, expected in zip(TITLES, ["1", "2", "5"], strict=True):
        line = line_of(page_words, title)
        cited = number(line)
        assert cited.text == expected, (title, [w.text for w in line])
        assert cited.x_max == pytest.approx(width - MARGIN_RIGHT, abs=0.5)  # right-aligned at the margin
        assert cited.x_min > leader(line).x_max  # after the leader, not over it
        assert cited.y_max - cited.y_min < LEADER_SIZE * 1.2  # in the leader's size, not larger


def test_right_to_left_contents_put_the_numbers_at_the_left_margin(tmp_path: Path) -> None:
    packet = build(tmp_path, rtl=True)
    page_words = words(packet, 2)
    for title, expected in zip(TITLES, ["1", "2", "5"], strict=True):
        line = line_of(page_words, title)
        cited = number(line)
        assert cited.text == expected
        assert cited.x_min == pytest.approx(MARGIN_LEFT, abs=0.5)  # starts at the left margin
        assert cited.x_max < leader(line).x_min  # before the leader, which runs to the title


def test_every_document_page_prints_its_packet_page_number_centred_at_the_foot(tmp_path: Path) -> None:
    packet = build(tmp_path)
    reader = PdfReader(packet)
    assert len(reader.pages) == 2 + sum(SIZES)
    for index in range(2, len(reader.pages)):
        page_words = words(packet, index + 1)
        foot = max(page_words, key=lambda w: w.y_max)  # the lowest word on the page
        assert foot.text == str(index - 1), [w.text for w in page_words]
        assert (foot.x_min + foot.x_max) / 2 == pytest.approx(A4[0] / 2, abs=0.5)
        assert A4[1] - foot.y_max == pytest.approx(28.0, abs=3.0)  # the baseline is 28 pt above the edge
    # the cover and the contents carry no foot number
    for page in (1, 2):
        assert all(A4[1] - w.y_max > 60 for w in words(packet, page))


def test_each_document_keeps_its_own_text_under_the_stamp(tmp_path: Path) -> None:
    reader = PdfReader(build(tmp_path))
    texts = [" ".join(page.extract_text().split()) for page in reader.pages[2:]]
    assert texts[0].startswith("Instrument of ratification page 1")
    assert texts[3].startswith("Cover note from the Permanent Mission page 3")
    assert texts[5].startswith("Depositary checklist page 2")


def test_outline_points_at_each_documents_first_page_and_labels_run_i_ii_1(tmp_path: Path) -> None:
    reader = PdfReader(build(tmp_path))
    outline = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    assert outline == [(TITLES[0], 2), (TITLES[1], 3), (TITLES[2], 6)]
    assert reader.page_labels == ["i", "ii", "1", "2", "3", "4", "5", "6"]
    assert reader.page_mode == "/UseOutlines"
    first = reader.pages[3].extract_text()
    assert first.startswith(f"{TITLES[1]} page 1")


def test_duplex_starts_each_document_on_an_odd_page_and_leaves_the_blanks_blank(tmp_path: Path) -> None:
    packet = build(tmp_path, duplex=True)
    reader = PdfReader(packet)
    # 1 page + blank, 3 pages + blank, 2 pages
    assert reader.page_labels == ["i", "ii", *(str(n) for n in range(1, 9))]
    starts = [int(reader.page_labels[reader.get_destination_page_number(item)]) for item in reader.outline]
    assert starts == [1, 3, 7]
    contents = words(packet, 2)
    assert [number(line_of(contents, title)).text for title in TITLES] == ["1", "3", "7"]
    for blank in (3, 7):  # packet pages 2 and 6: the blanks put in for duplex printing
        assert words(packet, blank + 1) == []
        assert reader.pages[blank].get("/Contents") is None
    assert max(words(packet, 5), key=lambda w: w.y_max).text == "3"  # numbering goes on after a blank


def test_letter_paper_centres_the_foot_number_on_the_wider_page(tmp_path: Path) -> None:
    packet = build(tmp_path, [2], pagesize=LETTER)
    foot = max(words(packet, 4), key=lambda w: w.y_max)
    assert foot.text == "2"
    assert (foot.x_min + foot.x_max) / 2 == pytest.approx(LETTER[0] / 2, abs=0.5)
    cited = number(line_of(words(packet, 2), TITLES[0]))
    assert cited.x_max == pytest.approx(LETTER[0] - MARGIN_RIGHT, abs=0.5)


def test_same_inputs_give_the_same_bytes_and_other_inputs_another_id(tmp_path: Path) -> None:
    one = build(tmp_path, name="one.pdf").read_bytes()
    two = build(tmp_path, name="two.pdf").read_bytes()
    assert one == two
    other = build(tmp_path, [1, 3, 3], name="other.pdf").read_bytes()
    ids = [[value.original_bytes for value in PdfReader(io.BytesIO(data)).trailer["/ID"]] for data in (one, other)]
    assert ids[0][0] == ids[0][1] and len(ids[0][0]) == 16
    assert ids[0][0] != ids[1][0]


def test_qpdf_check_passes_and_every_font_is_embedded(tmp_path: Path) -> None:
    for pdfa in (False, True):
        packet = build(tmp_path, duplex=True, pdfa=pdfa, name=f"packet-{pdfa}.pdf")
        done = subprocess.run(["qpdf", "--check", str(packet)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "No syntax or stream encoding errors" in done.stdout
        fonts = subprocess.run(["pdffonts", str(packet)], capture_output=True, text=True, check=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # the emb column


def test_the_stamp_face_is_embedded_once_for_the_whole_packet(tmp_path: Path) -> None:
    reader = PdfReader(build(tmp_path))
    fonts = {ref.idnum for page in reader.pages for ref in page["/Resources"]["/Font"].values()}
    # one face object for the cover, one per document (as each PDF came), and one for every stamp
    assert len(fonts) == 1 + len(SIZES) + 1
    stamped = reader.pages[-1]["/Resources"]["/Font"]
    contents = reader.pages[1]["/Resources"]["/Font"]
    shared = {ref.idnum for ref in stamped.values()} & {ref.idnum for ref in contents.values()}
    assert len(shared) == 1  # the contents page and the last page use the same stamp face


def test_stamped_pages_stay_compressed(tmp_path: Path) -> None:
    reader = PdfReader(build(tmp_path, duplex=True))
    for page in reader.pages[1:]:
        if page.get("/Contents") is not None:  # the duplex blanks have none
            assert page["/Contents"].get_object().get("/Filter") == "/FlateDecode"


def test_too_few_leaders_on_the_contents_page_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConversionError, match="2 dot leaders for 3 documents") as caught:
        assemble_packet(cover_pdf(TITLES[:2]), parts(SIZES), layout(), INFO, PRODUCER, False)
    assert "each contents entry needs a tab with a dot leader" in str(caught.value)


def test_page_count_counts_pages() -> None:
    assert page_count(cover_pdf(TITLES)) == 2
