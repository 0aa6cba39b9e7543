"""The one Converter: cache first, then a pool of LibreOffice processes; tried on a stand-in soffice.

The stand-in behaves as LibreOffice does where the Converter depends on it: one process
converts its files in order into --outdir, and answers --version.  A document's text says
what it does instead: SKIP (no PDF, exit 0), FAIL (exit 1 at once), HANG (no progress).
"""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import psutil
import pytest

from toolkit.errors import ConversionError
from toolkit.pdf.convert import Converter, ConvertOptions, PdfCache, convert_documents

FAKE = """#!{python}
import json, pathlib, sys, time
args = sys.argv[1:]
if args == ["--version"]:
    print("FakeOffice 1.0")
    sys.exit(0)
out = pathlib.Path(args[args.index("--outdir") + 1])
profile = next(a for a in args if a.startswith("-env:UserInstallation="))
files = [pathlib.Path(a) for a in args if a.endswith(".docx")]
with open({log!r}, "a") as log:
    log.write(json.dumps({{"profile": profile, "files": [f.stem for f in files]}}) + "\\n")
for source in files:
    data = source.read_bytes()
    if b"HANG" in data:
        time.sleep(60)
    if b"FAIL" in data:
        sys.exit(1)
    if b"SKIP" not in data:
        (out / (source.stem + ".pdf")).write_bytes(b"%PDF-" + data + b"\\n%%EOF\\n")
    time.sleep(0.05)
"""


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in soffice that logs each run (its profile and files) to ``runs.log`` beside it."""
    monkeypatch.setenv("RATKIT_CACHE_DIR", str(tmp_path / "cache"))  # PDFs in pdf/, seed profiles beside
    script = tmp_path / "soffice"
    script.write_text(FAKE.format(python=sys.executable, log=str(tmp_path / "runs.log")))
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def pdf(data: bytes) -> bytes:
    """What the stand-in writes for a document: a whole (if tiny) PDF."""
    return b"%PDF-" + data + b"\n%%EOF\n"


def runs(fake: Path) -> list[dict[str, list[str] | str]]:
    log = fake.parent / "runs.log"
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def converter(fake: Path, processes: int = 1, cache: bool = True, timeout: float = 30.0) -> Converter:
    return Converter(ConvertOptions(), PdfCache(enabled=cache), processes, timeout=timeout, soffice=str(fake))


def test_convert_returns_every_pdf_by_name_in_one_run(fake: Path) -> None:
    documents = {"instrument": b"I", "cover-note": b"C", "roadmap": b"R"}
    assert converter(fake).convert(documents) == {
        "instrument": pdf(b"I"),
        "cover-note": pdf(b"C"),
        "roadmap": pdf(b"R"),
    }
    assert [run["files"] for run in runs(fake)] == [["instrument", "cover-note", "roadmap"]]


def test_a_cached_document_is_never_converted_again(fake: Path) -> None:
    converter(fake).convert({"a": b"A", "b": b"B"})
    assert converter(fake).convert({"b": b"B", "c": b"C", "a": b"A"}) == {
        "b": pdf(b"B"),
        "c": pdf(b"C"),
        "a": pdf(b"A"),
    }
    assert [run["files"] for run in runs(fake)] == [["a", "b"], ["c"]]  # the same bytes under any name
    converter(fake).convert({"a": b"A"})
    assert len(runs(fake)) == 2  # all cached: LibreOffice is not even started
    converter(fake, cache=False).convert({"a": b"A"})
    assert len(runs(fake)) == 3


def test_stream_gives_cached_pdfs_first_then_each_as_it_is_done_in_order(fake: Path) -> None:
    converter(fake).convert({"x": b"cached"})
    stream = converter(fake).stream({"p0-a": b"A", "p0-b": b"cached", "p1-a": b"B", "p1-b": b"C"})
    assert next(stream) == ("p0-b", pdf(b"cached"))
    assert len(runs(fake)) == 1  # LibreOffice not started before the cached ones are out
    assert list(stream) == [("p0-a", pdf(b"A")), ("p1-a", pdf(b"B")), ("p1-b", pdf(b"C"))]


def test_a_pool_of_processes_each_with_its_own_profile(fake: Path) -> None:
    documents = {f"d{i}": f"D{i}".encode() for i in range(5)}
    assert converter(fake, processes=2).convert(documents) == {name: pdf(data) for name, data in documents.items()}
    done = runs(fake)
    assert sorted(run["files"] for run in done) == [["d0", "d2", "d4"], ["d1", "d3"]]
    assert len({run["profile"] for run in done}) == 2
    assert converter(fake, processes=8, cache=False).convert({"one": b"1"}) == {"one": pdf(b"1")}  # no idle process


def test_a_document_without_pdf_is_reported_and_the_others_still_come(fake: Path) -> None:
    documents = {"good": b"G", "broken": b"SKIP", "after": b"A"}
    assert list(converter(fake).stream(documents)) == [("good", pdf(b"G")), ("broken", None), ("after", pdf(b"A"))]
    with pytest.raises(ConversionError, match=r"LibreOffice produced no PDF for broken\.docx"):
        converter(fake, cache=False).convert(documents)


def test_a_failing_process_stops_the_whole_pool(fake: Path) -> None:
    """One LibreOffice fails: the error comes out, and the other process (busy for a minute) is stopped."""
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    with pytest.raises(ConversionError, match=r"LibreOffice failed \(exit 1\)"):
        converter(fake, processes=2).convert({"hangs": b"HANG", "fails": b"FAIL"})
    assert [p for p in psutil.Process().children(recursive=True) if p.pid not in before] == []


def test_no_progress_within_the_timeout_stops_libreoffice(fake: Path) -> None:
    with pytest.raises(ConversionError, match="made no progress"):
        converter(fake, timeout=0.5).convert({"first": b"HANG", "second": b"S"})


def test_closing_a_stream_early_ends_every_process(fake: Path) -> None:
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    documents = {"a": b"A", "b": b"B", "c": b"C", "d": b"D", "e": b"HANG", "f": b"HANG"}
    stream = converter(fake, processes=2).stream(documents)
    next(stream)  # a PDF is complete once the next one appears: "a" or "b", while both processes are busy
    running = [p for p in psutil.Process().children(recursive=True) if p.pid not in before]
    assert running
    stream.close()
    _, alive = psutil.wait_procs(running, timeout=10)
    assert not alive


def test_a_name_must_be_a_plain_file_name(fake: Path) -> None:
    with pytest.raises(ValueError, match="plain file name"):
        converter(fake).convert({"../escape": b"X"})


def test_convert_documents_keeps_its_signature(fake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATKIT_SOFFICE", str(fake))
    pdfs, version = convert_documents({"a": b"A"}, ConvertOptions(), PdfCache(), processes=2, timeout=10)
    assert pdfs == {"a": pdf(b"A")} and version == "FakeOffice 1.0"


def test_no_libreoffice_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RATKIT_SOFFICE", str(tmp_path / "nowhere"))
    with pytest.raises(ConversionError, match="is not an executable"):
        Converter().convert({"a": b"A"})
