"""Kits ready for the room: the workshop description, print files, briefs, front matter, archives, re-runs."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import ACCESSION, KENYA, docx_text
from pypdf import PdfReader

from toolkit.cli import main
from toolkit.files import sha256_file
from toolkit.kits.runner import build_kits
from toolkit.kits.workshop import load_workshop
from toolkit.manifest import verify_packet
from toolkit.resources import examples_dir

WORKSHOP = examples_dir() / "workshop.yaml"
PROFILES = examples_dir() / "profiles"


def _pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def _write_workshop(folder: Path, text: str, name: str = "workshop.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the facilitator's workshop: five signatories in English, French and Arabic, A4, both sides ----


@pytest.fixture(scope="module")
def room_kit(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("room") / "kits"
    result = CliRunner().invoke(
        main, ["kits", "--workshop", str(WORKSHOP), "--out", str(out), "--paper", "a4", "--duplex", "--jobs", "2"]
    )
    assert result.exit_code == 0, result.output
    return out, result.output


@pytest.mark.libreoffice
def test_each_language_has_one_even_print_file_whose_sheets_the_index_states(room_kit: tuple[Path, str]) -> None:
    out, output = room_kit
    assert "15 built, 0 unchanged, 0 failed" in output
    for lang in ["en", "fr", "ar"]:
        printed = PdfReader(out / lang / "print.pdf")
        pages = len(printed.pages)
        assert pages % 2 == 0, (lang, pages)
        assert f"{lang}: {out / lang / 'print.pdf'}: {pages} page sides on {pages // 2} sheets (both sides)" in output
    english = _pdf_text(out / "en" / "index.pdf")
    pages = len(PdfReader(out / "en" / "print.pdf").pages)
    assert f"Print it on both sides: {pages} page sides on {pages // 2} sheets of paper." in english
    assert "Regional workshop on the Convention on Cluster Munitions" in english
    assert "15–16 March 2027" in english and "Nairobi, Kenya" in english
    french = _pdf_text(out / "fr" / "index.pdf")
    assert f"À imprimer recto verso : {pages_of(out, 'fr')} pages sur {pages_of(out, 'fr') // 2} feuilles" in french
    assert "Du 15 au 16 mars 2027" in french


def pages_of(out: Path, lang: str) -> int:
    return len(PdfReader(out / lang / "print.pdf").pages)


@pytest.mark.libreoffice
def test_every_state_part_starts_on_a_new_sheet_and_the_index_counts_its_sheets(room_kit: tuple[Path, str]) -> None:
    out, _ = room_kit
    printed = PdfReader(out / "en" / "print.pdf")
    outline = {item.title: item for item in printed.outline if not isinstance(item, list)}
    assert list(outline)[:4] == ["INDEX OF PACKETS", "AGENDA", "SIGN-IN SHEET", "LIST OF PARTICIPANTS"]
    states = ["Angola", "Central African Republic", "Djibouti", "Kenya", "Uganda"]  # the index's order
    assert list(outline)[4:] == states
    starts = [printed.get_destination_page_number(outline[name]) for name in outline]
    assert all(start % 2 == 0 for start in starts), starts  # every part opens on a right-hand page
    rows = [[cell.text for cell in row.cells] for row in docx.Document(str(out / "en" / "index.docx")).tables[0].rows]
    sheets = {row[0]: row[4] for row in rows[1:]}
    ends = [*starts[4:][1:], len(printed.pages)]
    for name, start, end in zip(states, starts[4:], ends, strict=True):
        assert sheets[name] == str((end - start) // 2), (name, sheets)
    separator = printed.pages[starts[4]].extract_text()
    brief = printed.pages[starts[4] + 2].extract_text()
    assert "Angola" in separator and "the Republic of Angola" not in separator.replace("The Republic", "")
    assert "ONE-PAGE BRIEF" in brief and "Signed on 3 December 2008" in brief


@pytest.mark.libreoffice
def test_a_one_page_brief_per_state_and_front_matter_in_each_language(room_kit: tuple[Path, str]) -> None:
    out, _ = room_kit
    for lang in ["en", "fr", "ar"]:
        for code in ["AO", "CF", "DJ", "KE", "UG"]:
            assert len(PdfReader(out / lang / "briefs" / f"{code}.pdf").pages) == 1, (lang, code)
        for name in ["agenda", "sign-in-1", "sign-in-2", "participants"]:
            assert (out / lang / f"{name}.pdf").is_file() and (out / lang / f"{name}.docx").is_file()
    for day in (1, 2):  # a sheet of its own for each day of the workshop
        assert len(PdfReader(out / "fr" / f"sign-in-{day}.pdf").pages) == 1
    agenda = _pdf_text(out / "fr" / "agenda.pdf")
    assert "PROGRAMME" in agenda and "Jour 1 : 15 mars 2027" in agenda and "Ouverture et tour de table" in agenda
    arabic = docx_text(out / "ar" / "agenda.docx")
    assert "جدول الأعمال" in arabic and not re.search(r"[A-Za-z]{3,}", arabic), arabic  # not a word of English
    participants = docx_text(out / "fr" / "participants.docx").splitlines()
    listed = [line for line in participants if line in {"Angola", "Djibouti", "Kenya", "Ouganda"}]
    assert listed == ["Angola", "Djibouti", "Kenya", "Ouganda"]  # French order, a row per State to fill in


@pytest.mark.libreoffice
def test_one_archive_per_language_with_a_manifest_and_the_same_bytes_again(
    room_kit: tuple[Path, str], tmp_path: Path
) -> None:
    out, _ = room_kit
    with zipfile.ZipFile(out / "kit-fr.zip") as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
        assert {"fr/print.pdf", "fr/index.pdf", "fr/briefs/KE.pdf", "KE/fr/packet.pdf", "KE/fr/manifest.json"} <= set(
            names
        )
        assert not [name for name in names if name.startswith(("en/", "ar/")) or "/en/" in name]
        listed = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
        assert listed["fr/print.pdf"] == sha256_file(out / "fr" / "print.pdf")
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    again = tmp_path / "again"
    result = CliRunner().invoke(
        main,
        ["kits", "--workshop", str(WORKSHOP), "--lang", "fr", "--out", str(again), "--paper", "a4", "--duplex"],
    )
    assert result.exit_code == 0, result.output
    assert (again / "kit-fr.zip").read_bytes() == (out / "kit-fr.zip").read_bytes()


@pytest.mark.libreoffice
def test_a_second_identical_run_keeps_everything_and_says_unchanged(room_kit: tuple[Path, str]) -> None:
    out, _ = room_kit
    before = {path: path.stat().st_mtime_ns for path in out.rglob("*") if path.is_file()}
    result = CliRunner().invoke(
        main, ["kits", "--workshop", str(WORKSHOP), "--out", str(out), "--paper", "a4", "--duplex"]
    )
    assert result.exit_code == 0, result.output
    assert "0 built, 15 unchanged, 0 failed" in result.output
    assert result.output.count("(unchanged)") == 3
    after = {path: path.stat().st_mtime_ns for path in out.rglob("*") if path.is_file()}
    assert after == before  # not a file rewritten


# --- re-runs: changed, edited by hand ---------------------------------------------------------------


def test_a_changed_profile_is_rebuilt_without_force_and_an_edited_folder_is_never_replaced(
    tmp_path: Path, kenya_variant
) -> None:
    kenya = kenya_variant()
    out = tmp_path / "kits"
    first = build_kits([kenya, ACCESSION], ["en", "fr"], out, jobs=1, pdf=False)
    assert [o.result for o in first.packets] == ["built"] * 4
    kenya.write_text(kenya.read_text(encoding="utf-8").replace("2027-02-01", "2027-03-01"), encoding="utf-8")
    (out / "DZ" / "fr" / "notes.txt").write_text("the officer's notes")  # added beside the packet: kept
    edited = out / "DZ" / "en" / "checklist.docx"
    edited.write_bytes(edited.read_bytes() + b" ")  # a packet file edited by hand: never replaced
    second = build_kits([kenya, ACCESSION], ["en", "fr"], out, jobs=1, pdf=False)
    results = {(o.job.code, o.job.lang): (o.result, o.message) for o in second.packets}
    assert results[("KE", "en")] == ("built", "") and results[("KE", "fr")] == ("built", "")
    assert results[("DZ", "fr")] == ("unchanged", "")
    assert results[("DZ", "en")][0] == "FAILED" and "checklist.docx (edited)" in results[("DZ", "en")][1]
    assert (out / "DZ" / "fr" / "notes.txt").read_text() == "the officer's notes"
    assert json.loads((out / "KE" / "en" / "manifest.json").read_text())["deposit_planned"] == "2027-03-01"
    assert verify_packet(out / "KE" / "en") == []
    with zipfile.ZipFile(out / "kit-fr.zip") as archive:  # the notes stay out of what is e-mailed
        assert "DZ/fr/instrument.docx" in archive.namelist() and "DZ/fr/notes.txt" not in archive.namelist()


def test_force_rebuilds_an_unchanged_packet(tmp_path: Path) -> None:
    build_kits([KENYA], ["en"], tmp_path, jobs=1, pdf=False)
    again = build_kits([KENYA], ["en"], tmp_path, jobs=1, pdf=False, force=True)
    assert [o.result for o in again.packets] == ["built"]


# --- the workshop description -----------------------------------------------------------------------


def test_the_example_workshop_lists_five_signatories_in_three_languages() -> None:
    described = load_workshop(WORKSHOP)
    assert described.workshop.languages == ["en", "fr", "ar"] and described.workshop.days == 2
    assert [path.name for path in described.profile_paths()] == [
        "kenya.yaml",
        "angola.yaml",
        "central-african-republic.yaml",
        "djibouti.yaml",
        "uganda.yaml",
    ]


def test_a_kit_language_a_text_is_not_given_in_is_refused_naming_the_line(tmp_path: Path) -> None:
    workshop = _write_workshop(
        tmp_path,
        f"title: {{en: Workshop, fr: Atelier}}\nvenue: Nairobi\nlanguages: [en, fr, ar]\nprofiles: [{KENYA}]\n",
    )
    result = CliRunner().invoke(main, ["kits", "--workshop", str(workshop), "--out", str(tmp_path / "k"), "--no-pdf"])
    assert result.exit_code == 1
    assert f"{workshop}:1: title: has no ar text (it is given in en, fr)" in result.output
    assert "add ar: … to it" in result.output
    assert not (tmp_path / "k").exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: W\nstart: 2027-03-15\nagenda:\n  - {start: '10:00', end: '09:00', title: Opening}\n", "ends at 09:00"),
        ("title: W\nagenda:\n  - {start: '25:00', end: '26:00', title: Opening}\n", "not a time of day"),
        ("title: W\nstart: 2027-03-15\nagenda:\n  - {day: 2, start: '09:00', end: '10:00', title: X}\n", "day 2"),
        ("title: W\nparticipants:\n  - {name: Jane Doe, state: XX}\n", "'XX' is not a State's code"),
        ("title: W\nparticipants:\n  - {name: Jane Doe}\n", "needs state:"),
        ("title: W\nvenu: Nairobi\n", "unknown key 'venu'"),
        ("title: W\nstart: 2027-03-15\nend: 2027-03-01\n", "the end must be on or after the start"),
    ],
)
def test_mistakes_in_the_workshop_description_are_named(tmp_path: Path, text: str, expected: str) -> None:
    workshop = _write_workshop(tmp_path, text)
    result = CliRunner().invoke(
        main, ["kits", str(KENYA), "--workshop", str(workshop), "--lang", "en", "--out", str(tmp_path / "k")]
    )
    assert result.exit_code == 1 and expected in result.output, result.output
    assert str(workshop) in result.output and "Traceback" not in result.output


def test_profiles_and_languages_come_from_the_command_line_or_the_workshop(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["kits", "--out", str(tmp_path / "k")])
    assert result.exit_code == 2 and "give the profiles, or a --workshop file" in result.output
    result = CliRunner().invoke(main, ["kits", str(KENYA), "--out", str(tmp_path / "k")])
    assert result.exit_code == 2 and "give --lang" in result.output


def test_the_agenda_sign_in_sheet_and_participants_read_the_description(tmp_path: Path) -> None:
    workshop = _write_workshop(
        tmp_path,
        "title: {en: Legal workshop, fr: Atelier juridique}\n"
        "start: 2027-05-03\n"
        "organisers: [{en: The Treaty Office, fr: Le Service des traités}]\n"
        "agenda:\n"
        "  - {start: '11:00', end: '12:00', title: {en: Model law, fr: Le modèle de loi}}\n"
        "  - {start: '09:00', end: '10:30', title: {en: Opening, fr: Ouverture}, speaker: Jane Doe}\n"
        "participants:\n"
        "  - {name: Jane Doe, state: KE, function: {en: Legal adviser, fr: Conseillère juridique}}\n"
        "  - {name: John Roe, organisation: {en: ICRC, fr: CICR}}\n",
    )
    result = CliRunner().invoke(
        main,
        ["kits", str(KENYA), "--workshop", str(workshop), "--lang", "en,fr", "--out", str(tmp_path / "k"), "--no-pdf"],
    )
    assert result.exit_code == 0, result.output
    agenda = docx_text(tmp_path / "k" / "fr" / "agenda.docx")
    assert "Organisé par Le Service des traités" in agenda and "Jour 1\u00a0: 3 mai 2027" in agenda
    assert agenda.index("09:00–10:30") < agenda.index("11:00–12:00")  # sessions in the order of the day
    assert "Ouverture" in agenda and "Model law" not in agenda
    participants = docx_text(tmp_path / "k" / "fr" / "participants.docx")
    assert participants.index("CICR") < participants.index("Kenya")  # sorted by whom they represent
    assert "Conseillère juridique" in participants
    sign_in = docx_text(tmp_path / "k" / "en" / "sign-in.docx")
    assert "Jane Doe" in sign_in and "John Roe" in sign_in and "Day 1: 3 May 2027" in sign_in


def test_the_brief_says_where_the_state_stands_from_its_packet(tmp_path: Path) -> None:
    build_kits([KENYA, PROFILES / "viet-nam.yaml"], ["en", "fr"], tmp_path, jobs=1, pdf=False)
    kenya = docx_text(tmp_path / "en" / "briefs" / "KE.docx")
    assert "Signed on 3 December 2008" in kenya and "1 February 2027" in kenya and "1 August 2027" in kenya
    assert "1. Approval at home" in kenya and "To do by hand" in kenya
    viet_nam = docx_text(tmp_path / "fr" / "briefs" / "VN.docx")
    assert "Non signée\u00a0: l'État devient partie par adhésion" in viet_nam
    assert "Instrument d'adhésion" in viet_nam
    assert re.search(r"destruction des stocks|stocks", viet_nam), viet_nam  # the stockpile deadline applies
    assert viet_nam.count("Rapport annuel") <= 1  # the annual report once, at its first date


def test_templates_check_covers_the_kit_templates(tmp_path: Path) -> None:
    from toolkit.maintain.templates import check_templates
    from toolkit.model.load import load_profile
    from toolkit.resources import TemplateSearchPath, bundled_templates_dir

    (tmp_path / "packet").mkdir()
    broken = (bundled_templates_dir() / "packet" / "sign-in.docx").read_bytes()
    with zipfile.ZipFile(tmp_path / "packet" / "sign-in.docx", "w") as target:
        with zipfile.ZipFile(bundled_templates_dir() / "packet" / "sign-in.docx") as source:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "word/document.xml":
                    data = data.replace(b"{{ r.represents }}", b"{{ r.represents.upper.x }}")
                target.writestr(item, data)
    assert broken
    problems = [str(p) for p in check_templates(TemplateSearchPath(tmp_path), [load_profile(KENYA)], ["en"])]
    assert any(p.startswith("packet/sign-in.docx: does not render for the kit of examples in en") for p in problems), (
        problems
    )


def test_a_profile_the_workshop_lists_but_that_does_not_exist_is_refused_before_any_work(tmp_path: Path) -> None:
    workshop = _write_workshop(tmp_path, f"title: W\nlanguages: [en]\nprofiles:\n  - {KENYA}\n  - brasil.yaml\n")
    result = CliRunner().invoke(main, ["kits", "--workshop", str(workshop), "--out", str(tmp_path / "k"), "--no-pdf"])
    assert result.exit_code == 1
    assert f"{workshop}:5: profiles.1: lists brasil.yaml, which does not exist" in result.output, result.output
    assert not (tmp_path / "k").exists()
