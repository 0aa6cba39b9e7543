"""The print-ready packet with the real LibreOffice: PDFs, packet.pdf, reproducibility, PDF/A, verify."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FULL_POWERS, KENYA
from pypdf import PdfReader

from toolkit.build import build_packet
from toolkit.cli import main
from toolkit.pdf.convert import find_soffice, libreoffice_version

pytestmark = pytest.mark.libreoffice

DOCS = [
    "instrument",
    "cover-note",
    "checklist",
    "legislation",
    "roadmap",
    "approval-submission",
    "approval-decision",  # a common-law State approves by the Government's decision unless it says otherwise
    "art7-report",
    "note-verbale-art21",  # Kenya's forces serve with States not party
]


@pytest.fixture(scope="module")
def cache_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cache") / "pdf"
    old = os.environ.get("RATKIT_CACHE_DIR")
    os.environ["RATKIT_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        del os.environ["RATKIT_CACHE_DIR"]
    else:
        os.environ["RATKIT_CACHE_DIR"] = old


@pytest.fixture(scope="module")
def kenya(tmp_path_factory: pytest.TempPathFactory, cache_env: Path) -> Path:
    out = tmp_path_factory.mktemp("kenya") / "packet"
    build_packet(KENYA, "en", out, cache=False)
    return out


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", *args, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_every_pdf_of_the_contract_exists_and_passes_qpdf_check(kenya: Path) -> None:
    names = sorted(p.name for p in kenya.glob("*.pdf"))
    assert names == sorted([f"{d}.pdf" for d in DOCS] + ["packet.pdf"])
    for pdf in kenya.glob("*.pdf"):
        done = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert done.returncode == 0, (pdf.name, done.stdout, done.stderr)
        assert "No syntax or stream encoding errors" in done.stdout


def test_instrument_pdf_shows_its_key_elements(kenya: Path) -> None:
    text = " ".join(pdftotext(kenya / "instrument.pdf").split())
    for expected in [
        "INSTRUMENT OF RATIFICATION",
        "Convention on Cluster Munitions",
        "adopted at Dublin on 30 May 2008",
        "the Republic of Kenya on 3 December 2008",
        "ratifies it and undertakes faithfully",
        "IN WITNESS WHEREOF",
        "at Nairobi on 15 January 2027",
        "Jane Wanjiru Doe Cabinet Secretary for Foreign and Diaspora Affairs",
    ]:
        assert expected in text


def test_packet_outline_labels_and_contents_agree(kenya: Path) -> None:
    reader = PdfReader(kenya / "packet.pdf")
    outline = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    assert [title for title, _ in outline] == [
        "Instrument of ratification",
        "Cover note from the Permanent Mission",
        "Depositary checklist",
        "Model implementing legislation",
        "Road to deposit and entry into force",
        "Submission to the Government, with the cost note",
        "Decision of the Government approving the Convention",
        "Initial transparency report (article 7)",
        "Note verbale to States not party (article 21)",
    ]
    labels = reader.page_labels
    assert labels[:3] == ["i", "ii", "1"]
    assert labels[-1] == str(len(reader.pages) - 2)
    contents = pdftotext(kenya / "packet.pdf", "-f", "2", "-l", "2")
    for title, page in outline:
        line = next(line for line in contents.splitlines() if line.startswith(title))
        assert re.search(r"(\d+)\s*$", line).group(1) == labels[page], line
    # each document starts where the outline says: its first page carries its own first words
    first_page = " ".join(reader.pages[outline[0][1]].extract_text().split())
    assert first_page.startswith("INSTRUMENT OF RATIFICATION")


def test_packet_metadata_names_state_mission_and_language(kenya: Path) -> None:
    reader = PdfReader(kenya / "packet.pdf")
    meta = reader.metadata
    assert meta.title == "Kenya: instrument of ratification — Convention on Cluster Munitions"
    assert meta.author == "Permanent Mission of the Republic of Kenya to the United Nations"
    assert meta.subject == "Convention on Cluster Munitions"
    assert "python-docx" not in str(dict(meta))
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    cover = pdftotext(kenya / "packet.pdf", "-f", "1", "-l", "1")
    assert "Kenya" in cover and "Entry into force for the Republic of Kenya: 1 August 2027" in " ".join(cover.split())


def test_pages_are_a4_and_fonts_embedded(kenya: Path) -> None:
    page = PdfReader(kenya / "instrument.pdf").pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    fonts = subprocess.run(["pdffonts", str(kenya / "packet.pdf")], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # emb column


def test_two_builds_are_byte_identical(kenya: Path, tmp_path: Path, cache_env: Path) -> None:
    again = tmp_path / "again"
    build_packet(KENYA, "en", again, cache=False)
    for path in kenya.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_source_date_epoch_sets_pdf_dates(tmp_path: Path, cache_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1785542400")  # 2026-08-01T00:00:00Z
    build_packet(KENYA, "en", tmp_path / "p", cache=False)
    assert PdfReader(tmp_path / "p" / "packet.pdf").metadata["/CreationDate"] == "D:20260801000000Z"


def test_pdfa_option_identifies_every_pdf_as_pdfa_2b(tmp_path: Path, cache_env: Path) -> None:
    out = tmp_path / "a"
    build_packet(KENYA, "en", out, pdfa=True, cache=False)
    for pdf in out.glob("*.pdf"):
        root = PdfReader(pdf).trailer["/Root"]
        xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
        assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp, pdf
        assert root["/OutputIntents"], pdf


def test_full_powers_pdf_and_bookmark_only_when_office_is_other(tmp_path: Path, cache_env: Path) -> None:
    out = tmp_path / "fp"
    build_packet(FULL_POWERS, "en", out, cache=False)
    assert (out / "full-powers.pdf").is_file()
    titles = [item.title for item in PdfReader(out / "packet.pdf").outline]
    assert "Full powers" in titles and "Model implementing legislation" not in titles  # no penalties: no legislation
    assert len(titles) == 8  # instrument, cover note, full powers, checklist, roadmap, submission, decision, report


def test_verify_passes_then_names_the_changed_and_missing_files(kenya: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(kenya, copy)
    runner = CliRunner()
    assert runner.invoke(main, ["verify", str(copy)]).exit_code == 0
    with (copy / "instrument.pdf").open("ab") as handle:
        handle.write(b"%tampered\n")
    (copy / "checklist.pdf").unlink()
    result = runner.invoke(main, ["verify", str(copy)])
    assert result.exit_code == 1
    assert f"{copy / 'instrument.pdf'}: has changed since the packet was built" in result.output
    assert f"{copy / 'checklist.pdf'}: is missing" in result.output


def test_missing_libreoffice_is_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    env = dict(os.environ, PATH=str(tmp_path / "empty-bin"))
    (tmp_path / "empty-bin").mkdir()
    out = tmp_path / "never"
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", "build", str(KENYA), "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 1
    assert "LibreOffice (soffice) is not installed" in done.stderr
    assert "apt-get install libreoffice-writer-nogui" in done.stderr and "--no-pdf" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["empty-bin"]
    no_pdf = subprocess.run(
        [sys.executable, "-m", "toolkit", "build", str(KENYA), "--out", str(out), "--no-pdf"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert no_pdf.returncode == 0 and (out / "instrument.docx").is_file()


def test_cached_documents_are_never_converted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATKIT_CACHE_DIR", str(tmp_path / "cache"))
    build_packet(KENYA, "en", tmp_path / "first")
    # a stand-in soffice that reports the same version but cannot convert anything
    fake = tmp_path / "soffice"
    version = libreoffice_version(find_soffice())
    fake.write_text(f"#!/bin/sh\nif [ \"$1\" = --version ]; then echo '{version}'; exit 0; fi\nexit 3\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("RATKIT_SOFFICE", str(fake))
    libreoffice_version.cache_clear()
    build_packet(KENYA, "en", tmp_path / "second")
    for name in ["packet.pdf", "instrument.pdf"]:
        assert (tmp_path / "second" / name).read_bytes() == (tmp_path / "first" / name).read_bytes()
    with pytest.raises(Exception, match="LibreOffice failed"):
        build_packet(KENYA, "en", tmp_path / "third", cache=False)
    libreoffice_version.cache_clear()


def test_every_document_page_prints_the_page_number_the_contents_cites(kenya: Path) -> None:
    reader = PdfReader(kenya / "packet.pdf")
    labels = reader.page_labels
    for index in range(2, len(reader.pages)):
        lines = [
            line.strip()
            for line in pdftotext(kenya / "packet.pdf", "-f", str(index + 1), "-l", str(index + 1)).splitlines()
            if line.strip()
        ]
        assert lines[-1] == labels[index], (index, lines[-3:])


def test_duplex_starts_every_document_on_an_odd_page_and_letter_paper(tmp_path: Path, cache_env: Path) -> None:
    build_packet(KENYA, "en", tmp_path / "dx", duplex=True, paper="letter")
    reader = PdfReader(tmp_path / "dx" / "packet.pdf")
    labels = reader.page_labels
    starts = [int(labels[reader.get_destination_page_number(item)]) for item in reader.outline]
    assert all(start % 2 == 1 for start in starts), starts
    box = reader.pages[2].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    contents = pdftotext(tmp_path / "dx" / "packet.pdf", "-f", "2", "-l", "2")
    assert [re.search(r"(\d+)\s*$", line).group(1) for line in contents.splitlines() if re.search(r"\.{5,}", line)] == [
        str(s) for s in starts
    ]


def test_paper_follows_the_states_country_by_default() -> None:
    from toolkit.documents.layout import default_paper

    assert default_paper("BZ") == "letter" and default_paper("KE") == "a4" and default_paper("US") == "letter"
