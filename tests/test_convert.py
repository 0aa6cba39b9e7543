"""DOCX → PDF with the real LibreOffice: PDFs in order, runs split, nothing left behind; slim DOCX output."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import psutil
import pytest
from conftest import KENYA, docx_text

import toolkit.pdf.libreoffice as libreoffice
from toolkit.build import prepare_packet
from toolkit.pdf.convert import ConvertOptions, convert_in_order

ROOT = Path(__file__).resolve().parent.parent


def _copies(tmp_path: Path, count: int) -> list[Path]:
    source = (ROOT / "templates" / "packet" / "cover.docx").read_bytes()
    files = []
    for i in range(count):
        path = tmp_path / f"doc{i}.docx"
        path.write_bytes(source)
        files.append(path)
    return files


@pytest.mark.libreoffice
def test_pdfs_come_in_order_and_a_long_list_is_split_over_several_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LibreOffice silently ignores files past its ~255th argument: no run may be given that many."""
    monkeypatch.setattr(libreoffice, "FILES_PER_RUN", 2)
    started: list[int] = []
    real_popen = libreoffice.subprocess.Popen

    def counting_popen(command: list[str], **kwargs: object) -> object:
        if "--convert-to" in command:
            started.append(sum(1 for arg in command if arg.endswith(".docx")))
        return real_popen(command, **kwargs)

    monkeypatch.setattr(libreoffice.subprocess, "Popen", counting_popen)
    files = _copies(tmp_path, 5)
    out = tmp_path / "pdf"
    out.mkdir()
    results = list(convert_in_order(files, out, ConvertOptions()))
    assert [docx for docx, _ in results] == files
    assert all(pdf is not None and pdf.read_bytes().startswith(b"%PDF") for _, pdf in results)
    assert started == [2, 2, 1]


@pytest.mark.libreoffice
def test_stopping_early_ends_libreoffice(tmp_path: Path) -> None:
    """The caller stops after the first PDF (an error, Ctrl-C): the LibreOffice process must not live on."""
    files = _copies(tmp_path, 6)
    out = tmp_path / "pdf"
    out.mkdir()
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    conversion = convert_in_order(files, out, ConvertOptions())
    next(conversion)
    running = [p for p in psutil.Process().children(recursive=True) if p.pid not in before]
    conversion.close()
    assert running, "LibreOffice should still be converting the other five"
    gone, alive = psutil.wait_procs(running, timeout=10)
    assert not alive


def test_rendered_documents_carry_only_the_styles_they_use(tmp_path: Path) -> None:
    """No 440 KB stylesWithEffects, no other document's thumbnail, no unused built-in styles."""
    packet = prepare_packet(KENYA, "en", tmp_path / "packet")
    for document in packet.rendered:
        with zipfile.ZipFile(io.BytesIO(document.data)) as archive:
            names = archive.namelist()
            styles = archive.read("word/styles.xml").decode()
            content_types = archive.read("[Content_Types].xml").decode()
            body = archive.read("word/document.xml").decode()
        assert "word/stylesWithEffects.xml" not in names and "stylesWithEffects" not in content_types
        assert "docProps/thumbnail.jpeg" not in names
        assert len(document.data) < 40_000, (document.name, len(document.data))
        assert "w:latentStyles" not in styles and 'w:styleId="TOCHeading"' not in styles
        for used in set(re.findall(r'w:pStyle w:val="([^"]+)"', body)):
            assert f'w:styleId="{used}"' in styles, (document.name, used)
    instrument = tmp_path / "instrument.docx"
    instrument.write_bytes(packet.rendered[0].data)
    assert "Convention on Cluster Munitions" in docx_text(instrument)
