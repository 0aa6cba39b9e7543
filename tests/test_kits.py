"""Workshop kits: profiles × languages into DIR/<CODE>/<LANG>/, one bad profile never stops the others."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import psutil
import pytest
from click.testing import CliRunner
from conftest import ACCESSION, KENYA, docx_paragraphs
from pypdf import PdfReader

from toolkit.cli import main
from toolkit.kits.runner import build_kits
from toolkit.lang.language import resolve_language
from toolkit.manifest import verify_packet

ROOT = Path(__file__).resolve().parent.parent


def test_every_profile_in_every_language_without_pdf(tmp_path: Path) -> None:
    outcomes = build_kits([KENYA, ACCESSION], ["en", "fr"], tmp_path, jobs=2, pdf=False).packets
    assert sorted((o.job.code, o.job.lang, o.ok) for o in outcomes) == [
        ("DZ", "en", True),
        ("DZ", "fr", True),
        ("KE", "en", True),
        ("KE", "fr", True),
    ]
    for code in ["KE", "DZ"]:
        for lang in ["en", "fr"]:
            assert (tmp_path / code / lang / "instrument.docx").is_file()
            assert verify_packet(tmp_path / code / lang) == []


def test_a_bad_profile_fails_alone_with_its_reason_and_exit_code_1(tmp_path: Path, write_profile) -> None:
    bad = write_profile("state:\n  code: KX\n", name="bad.yaml")
    result = CliRunner().invoke(
        main, ["kits", str(KENYA), str(bad), "--lang", "en", "--out", str(tmp_path / "k"), "--no-pdf"]
    )
    assert result.exit_code == 1
    assert re.search(r"\nKE\s+en\s+built", result.output), result.output
    assert re.search(r"\nbad\s+en\s+FAILED", result.output) and "'KX' is not the ISO 3166-1 code" in result.output
    assert "1 built, 0 unchanged, 1 failed" in result.output
    assert (tmp_path / "k" / "KE" / "en" / "manifest.json").is_file()


def test_an_unknown_language_is_refused_before_any_work(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["kits", str(KENYA), "--lang", "en,de", "--out", str(tmp_path / "k")])
    assert result.exit_code == 2 and "'de' is not a language the toolkit supports" in result.output
    assert not (tmp_path / "k").exists()  # a refused command writes nothing, not even the folder


@pytest.mark.libreoffice
def test_kits_with_pdfs_as_a_real_process_print_plain_progress_lines(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "toolkit",
            "kits",
            str(KENYA),
            str(ACCESSION),
            "--lang",
            "en,ar",
            "--out",
            str(tmp_path / "k"),
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "[4/4]" in done.stdout and "4 built, 0 unchanged, 0 failed" in done.stdout
    for code in ["KE", "DZ"]:
        for lang in ["en", "ar"]:
            assert (tmp_path / "k" / code / lang / "packet.pdf").is_file()
    assert not list((tmp_path / "k").rglob("*.tmp"))
    index = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "k" / "en" / "index.pdf"), "-"], capture_output=True, text=True
    ).stdout
    pages = {code: len(PdfReader(tmp_path / "k" / code / "en" / "packet.pdf").pages) for code in ["KE", "DZ"]}
    # one side: a State's sheets are its separator, its brief and its packet's pages
    assert _index_table(tmp_path / "k" / "en" / "index.docx")[1:] == [
        ["Algeria", "Instrument of accession", "—", str(pages["DZ"]), str(pages["DZ"] + 2), "DZ/en"],
        ["Kenya", "Instrument of ratification", "1 February 2027", str(pages["KE"]), str(pages["KE"] + 2), "KE/en"],
    ]
    assert re.search(rf"Kenya\s+Instrument of\s+1 February 2027\s+{pages['KE']}\s+{pages['KE'] + 2}\s+KE/en", index)
    assert f"Packets: 2. Pages of the packets: {pages['KE'] + pages['DZ']}." in " ".join(index.split())
    printed = len(PdfReader(tmp_path / "k" / "en" / "print.pdf").pages)
    assert f"Print it on one side: {printed} pages on {printed} sheets of paper." in " ".join(index.split())
    assert (tmp_path / "k" / "ar" / "print.pdf").is_file()
    assert f"en: {tmp_path / 'k' / 'en' / 'print.pdf'}: {printed} page sides on {printed} sheets" in done.stdout


@pytest.mark.libreoffice
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_stopping_a_kit_ends_every_process_and_leaves_only_whole_packets(tmp_path: Path, stop: int) -> None:
    profiles = sorted((ROOT / "examples" / "profiles").glob("*.yaml"))
    out = tmp_path / "kits"
    process = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "kits", *map(str, profiles), "--lang", "en,fr,ar,zh", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, RATKIT_CACHE_DIR=str(tmp_path / "cache")),  # cold: LibreOffice is at work
        start_new_session=True,  # its own process group, as a terminal's foreground job has
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # not ignored, even under nohup/CI
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # the first packet is built: workers and LibreOffice are running
    assert first.startswith("[1/68]"), first
    tree = psutil.Process(process.pid).children(recursive=True)
    assert any("soffice" in p.name() for p in tree), [p.name() for p in tree]
    if stop == signal.SIGINT:
        os.killpg(process.pid, stop)  # what Ctrl-C does: the whole foreground group gets SIGINT
    else:
        process.send_signal(stop)
    rest, errors = process.communicate(timeout=60)
    assert process.returncode == 130, errors
    assert "interrupted:" in errors and "packet(s) not built" in errors and "Traceback" not in errors, errors
    _, alive = psutil.wait_procs(tree, timeout=10)
    assert not alive, [p.name() for p in alive]
    assert not [d for d in out.iterdir() if d.is_dir() and not any(d.iterdir())], "empty State folders left"
    built = [folder for folder in out.glob("*/*") if folder.is_dir()]
    assert 1 <= len(built) < 68, (len(built), rest[-500:])
    for folder in built:
        assert verify_packet(folder) == [], folder
    assert not [p for p in out.rglob(".*")], "a staging folder was left behind"


def _index_table(path: Path) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in docx.Document(str(path)).tables[0].rows]


def test_each_language_gets_an_index_of_every_states_packet_sorted_by_name(tmp_path: Path, write_profile) -> None:
    bad = write_profile("state:\n  code: KX\n", name="bad.yaml")
    build_kits([KENYA, ACCESSION, bad], ["en", "fr"], tmp_path, jobs=1, pdf=False)
    english = docx_paragraphs(tmp_path / "en" / "index.docx")
    french = docx_paragraphs(tmp_path / "fr" / "index.docx")
    assert english[:2] == ["INDEX OF PACKETS", "Convention on Cluster Munitions"]
    assert french[:2] == ["INDEX DES DOSSIERS", "Convention sur les armes à sous-munitions"]
    assert "Packets: 2. Pages of the packets: 0." in english  # no PDFs, so no pages to count
    assert not [line for line in english if "print.pdf" in line]  # and no print file
    assert _index_table(tmp_path / "en" / "index.docx") == [
        ["State", "Instrument", "Planned deposit", "Pages", "Sheets", "Folder"],
        ["Algeria", "Instrument of accession", "—", "—", "—", "DZ/en"],
        ["bad.yaml", "not built", "—", "—", "—", "—"],
        ["Kenya", "Instrument of ratification", "1 February 2027", "—", "—", "KE/en"],
    ]
    french_rows = _index_table(tmp_path / "fr" / "index.docx")
    assert [row[0] for row in french_rows] == ["État", "Algérie", "bad.yaml", "Kenya"]
    assert (
        french_rows[3][1:3] == ["Instrument de ratification", "1er février 2027"] and french_rows[2][1] == "non établi"
    )
    assert not (tmp_path / "en" / "index.pdf").exists()


def test_index_order_follows_the_language() -> None:
    french = sorted(["Kenya", "Égypte", "Djibouti", "Éthiopie", "Zambie"], key=resolve_language("fr").sort_key)
    assert french == ["Djibouti", "Égypte", "Éthiopie", "Kenya", "Zambie"]
    arabic = sorted(["مصر", "المغرب", "كينيا"], key=resolve_language("ar").sort_key)
    assert arabic == ["كينيا", "مصر", "المغرب"]  # al- passed over: المغرب files under م, after مصر


def test_kits_pass_paper_and_duplex_to_every_packet(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["kits", str(KENYA), "--lang", "en,fr", "--out", str(tmp_path), "--no-pdf", "--paper", "letter", "--duplex"],
    )
    assert result.exit_code == 0, result.output
    for lang in ["en", "fr"]:
        manifest = json.loads((tmp_path / "KE" / lang / "manifest.json").read_text())
        assert (manifest["paper"], manifest["duplex"]) == ("letter", True)


@pytest.mark.libreoffice
def test_ctrl_c_during_a_build_leaves_no_folder_and_no_libreoffice(tmp_path: Path) -> None:
    out = tmp_path / "packet"
    process = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "build", str(KENYA), "--out", str(out), "--no-cache"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    tree: list[psutil.Process] = []
    for _ in range(300):  # wait until LibreOffice converts
        tree = psutil.Process(process.pid).children(recursive=True)
        if any("soffice" in p.name() for p in tree):
            break
        time.sleep(0.05)
    assert any("soffice" in p.name() for p in tree), "LibreOffice never started"
    os.killpg(process.pid, signal.SIGINT)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 130, errors
    assert "interrupted" in errors and "Traceback" not in errors, errors
    _, alive = psutil.wait_procs(tree, timeout=10)
    assert not alive, [p.name() for p in alive]
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_second_run_keeps_the_kit_and_a_run_for_one_state_still_indexes_all(tmp_path: Path) -> None:
    """The same inputs: every packet unchanged. Rebuilding one State: the index still lists every packet on disk."""
    build_kits([KENYA, ACCESSION], ["en"], tmp_path, jobs=1, pdf=False)
    again = build_kits([KENYA, ACCESSION], ["en"], tmp_path, jobs=1, pdf=False)
    assert [(o.ok, o.unchanged, o.result) for o in again.packets] == [(True, True, "unchanged")] * 2
    assert [done.unchanged for done in again.languages] == [True]
    one = build_kits([KENYA], ["en"], tmp_path, jobs=1, pdf=False, force=True)
    assert [(o.ok, o.unchanged) for o in one.packets] == [(True, False)]
    rows = _index_table(tmp_path / "en" / "index.docx")
    assert [row[0] for row in rows] == ["State", "Algeria", "Kenya"] and rows[1][5] == "DZ/en"


def test_language_codes_are_read_in_any_case_once_each(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["kits", str(KENYA), "--lang", "en, FR,en", "--out", str(tmp_path), "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "KE").iterdir()) == ["en", "fr"]


def test_an_out_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "kits"
    target.write_text("not a folder")
    result = CliRunner().invoke(main, ["kits", str(KENYA), "--lang", "en", "--out", str(target), "--no-pdf"])
    assert result.exit_code == 2 and "is a file, not a folder" in result.output
