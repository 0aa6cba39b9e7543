"""The papers around the instrument: the Art. 7 initial report, the approval papers, the Art. 21(2) note.

Each is built from a real profile and read back as text: which documents a packet holds follows from
the State's procedure and facts, and what they say follows from the profile (dates, nil answers, blanks).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from conftest import KENYA
from docx.table import Table

from toolkit.build import build_packet
from toolkit.check import check_profile, format_checks
from toolkit.model.load import load_profile

ROOT = Path(__file__).resolve().parent.parent
VIET_NAM = ROOT / "examples" / "profiles" / "viet-nam.yaml"
CONGO = ROOT / "examples" / "profiles" / "democratic-republic-of-the-congo.yaml"
LANGUAGES = ["en", "fr", "es", "pt", "ru", "zh", "ar"]
FORM_TITLES = [
    ("A", "National implementation measures"),
    ("B", "Stockpiles and destruction"),
    ("C", "Technical characteristics of each type produced, owned or possessed"),
    ("D", "Cluster munitions retained and transferred"),
    ("E", "Status of conversion programmes"),
    ("F", "Contaminated areas and clearance"),
    ("G", "Warning to the population and risk education"),
    ("H", "Victim assistance"),
    ("I", "National resources and international cooperation and assistance"),
    ("J", "Other relevant matters"),
]


def body_text(path: Path) -> str:
    """A DOCX's paragraphs and table cells, one per line, in the order they appear."""
    lines: list[str] = []
    for block in docx.Document(str(path)).iter_inner_content():
        if isinstance(block, Table):
            lines += [paragraph.text for row in block.rows for cell in row.cells for paragraph in cell.paragraphs]
        else:
            lines.append(block.text)
    return "\n".join(lines)


def built(profile: Path, lang: str, out: Path) -> dict[str, str]:
    """Build the packet (DOCX only) and return each document's text by name."""
    build_packet(profile, lang, out, pdf=False)
    return {path.stem: body_text(path) for path in out.glob("*.docx")}


def form_sections(report: str) -> dict[str, str]:
    """The report's text cut at each form's heading: {letter: the form's text}."""
    parts = re.split(r"^Form ([A-J]) — ", report, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_a_small_state_gets_every_form_in_order_with_the_nil_forms_answered(tmp_path: Path) -> None:
    docs = built(KENYA, "en", tmp_path / "ke")
    report = docs["art7-report"]
    headings = re.findall(r"^Form ([A-J]) — (.+)$", report, flags=re.M)
    assert headings == FORM_TITLES
    assert "CCM/MSP/2010/WP.4" in report  # the formats it follows, cited
    forms = form_sections(report)
    assert "Nil." in forms["B"] and "Nil." in forms["D"] and "Nil." in forms["F"]
    for letter in "CEGH":
        assert "Not applicable" in forms[letter], letter
    for letter in "BCDEFGHJ":
        assert "Needed from the State" not in forms[letter], letter
    assert "Cluster Munitions (Prohibition) Act" in forms["A"]  # the model law, cited
    assert "Needed from the State" in forms["A"] and "Needed from the State" in forms["I"]
    # deposit 1 February 2027 -> entry into force 1 August 2027 -> due 180 days later
    assert "Due: 28 January 2028." in report
    assert "from 1 August 2027, the date of entry into force" in report


def test_a_state_with_stockpiles_and_contamination_gets_its_deadlines_and_honest_blanks(tmp_path: Path) -> None:
    forms = form_sections(built(VIET_NAM, "en", tmp_path / "vn")["art7-report"])
    # deposit 5 April 2027 -> entry into force 1 October 2027 -> Art. 3: +8 years, Art. 4: +10 years
    assert "no later than 1 October 2035 (article 3, paragraph 2)" in forms["B"]
    assert "no later than 1 October 2037 (article 4, paragraph 1)" in forms["F"]
    assert forms["B"].count("Needed from the State") == 2
    assert "lot numbers" in forms["B"] and "Explosive submunitions" in forms["B"]  # the blank table's header
    assert forms["F"].count("Needed from the State") == 2 and "Size (square metres)" in forms["F"]
    assert "Needed from the State" in forms["C"] and "Needed from the State" in forms["G"]
    assert "Nil." in forms["D"]  # no retention
    assert "Needed from the State" in forms["H"] and "Not applicable" not in forms["H"]  # victims
    assert "declared under article 18" in forms["J"]


def test_check_lists_what_the_report_still_needs() -> None:
    vn = format_checks(check_profile(VIET_NAM, "en"))
    ke = format_checks(check_profile(KENYA, "en"))
    assert "The initial transparency report (article 7) still needs from the State:" in vn
    assert "Form B:" in vn and "Form F:" in vn and "Form G:" in vn
    assert "Form A:" in ke and "Form B:" not in ke and "Form F:" not in ke


def test_a_common_law_state_gets_the_cabinet_submission_and_decision(tmp_path: Path) -> None:
    docs = built(KENYA, "en", tmp_path / "ke")
    assert {"approval-submission", "approval-decision"} <= docs.keys()
    assert not {"approval-bill", "approval-resolution", "approval-memorandum"} & docs.keys()
    submission = docs["approval-submission"]
    assert submission.startswith("CABINET SUBMISSION")
    assert "It is recommended that Cabinet:" in submission
    assert "ANNEX: COST NOTE" in submission
    assert "Stockpile destruction" not in submission  # Kenya holds none: no such cost row
    assert "To confirm:" in submission  # the procedure is the legal system's usual one, not given
    assert "CABINET DECISION No." in docs["approval-decision"]
    assert "signed by the Republic of Kenya on 3 December 2008" in docs["approval-decision"]


def test_a_civil_law_state_that_approves_by_law_gets_the_bill_and_its_memorandum(tmp_path: Path) -> None:
    docs = built(CONGO, "en", tmp_path / "cd")  # civil law, no approval given: a law, as is usual
    assert {"approval-submission", "approval-bill", "approval-memorandum"} <= docs.keys()
    assert not {"approval-resolution", "approval-decision"} & docs.keys()
    assert docs["approval-submission"].startswith("NOTE TO THE COUNCIL OF MINISTERS")
    bill = docs["approval-bill"]
    assert "authorizing the ratification of the Convention on Cluster Munitions" in bill
    assert re.findall(r"^Article (\d)$", bill, flags=re.M) == ["1", "2"]  # authorization, commencement
    assert "Parliament has adopted, and the Head of State promulgates, the following law:" in bill
    memorandum = docs["approval-memorandum"]
    assert "to the bill authorizing the ratification" in memorandum
    assert "Parliament is invited to adopt the bill" in memorandum
    assert "article 4, paragraph 4" in memorandum  # contaminated: why joining matters for it
    cost_note = docs["approval-submission"].split("ANNEX: COST NOTE")[1]
    assert "Survey and clearance" in cost_note and "Victim assistance (article 5)" in cost_note
    assert "Stockpile destruction" not in cost_note


def test_an_accession_by_resolution_with_an_article_18_declaration(tmp_path: Path) -> None:
    docs = built(VIET_NAM, "en", tmp_path / "vn")
    assert {"approval-submission", "approval-resolution", "approval-memorandum"} <= docs.keys()
    resolution = docs["approval-resolution"]
    assert "approving accession to the Convention on Cluster Munitions" in resolution
    assert "To approve the accession of the Socialist Republic of Viet Nam to the Convention" in resolution
    assert "To approve the declaration under article 18 of the Convention" in resolution
    submission = docs["approval-submission"]
    assert "Note: article 1 prohibits stockpiling and retaining" in submission  # Art. 18 with stocks: said plainly
    assert "article 3, paragraphs 3 to 5" in submission and "article 4, paragraphs 5 to 8" in submission
    assert "To confirm:" not in submission  # the profile says how Viet Nam approves


def test_a_state_that_approves_by_resolution_gets_the_resolution(
    kenya_variant: Callable[..., Path], tmp_path: Path
) -> None:
    profile = kenya_variant(
        ("legal_system: common_law", "legal_system: civil_law\n  approval: parliamentary_resolution")
    )
    docs = built(profile, "en", tmp_path / "ke")
    assert {"approval-resolution", "approval-memorandum"} <= docs.keys()
    assert not {"approval-bill", "approval-decision"} & docs.keys()
    assert "RESOLUTION No." in docs["approval-resolution"]
    assert "To approve the ratification of the Convention on Cluster Munitions" in docs["approval-resolution"]
    assert "To confirm:" not in docs["approval-submission"]  # the profile said how


def test_the_note_verbale_goes_only_to_a_state_that_cooperates_with_states_not_party(
    kenya_variant: Callable[..., Path], tmp_path: Path
) -> None:
    assert "article 21, paragraph 2" in built(KENYA, "en", tmp_path / "ke")["note-verbale-art21"]
    alone = kenya_variant(("foreign_military_cooperation: true", "foreign_military_cooperation: false"))
    assert "note-verbale-art21" not in built(alone, "en", tmp_path / "alone")


def test_without_a_planned_deposit_the_report_says_how_its_date_follows(
    kenya_variant: Callable[..., Path], tmp_path: Path
) -> None:
    profile = kenya_variant(("deposit:\n  planned: 2027-02-01\n", ""))
    report = built(profile, "en", tmp_path / "ke")["art7-report"]
    assert "the date follows from the deposit" in report


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_paper_exists_in_every_language(lang: str, kenya_variant: Callable[..., Path], tmp_path: Path) -> None:
    resolution = kenya_variant(
        ("legal_system: common_law", "legal_system: civil_law\n  approval: parliamentary_resolution")
    )
    expected = {
        KENYA: {"approval-submission", "approval-decision", "art7-report", "note-verbale-art21"},
        CONGO: {"approval-submission", "approval-bill", "approval-memorandum", "art7-report"},
        resolution: {"approval-submission", "approval-resolution", "approval-memorandum", "art7-report"},
    }
    for number, (profile, names) in enumerate(expected.items()):
        docs = built(profile, lang, tmp_path / str(number))
        state = load_profile(profile).state_name(lang).short
        title = load_profile(profile).treaty_data().title(lang)
        for name in names:
            text = docs[name]
            assert state in text, (name, state)
            assert "{{" not in text and "%(" not in text, name
            if name != "note-verbale-art21":
                genitive = load_profile(profile).treaty_data().title_genitive.get(lang, title)
                assert title in text or genitive in text, (name, title)
        headings = [
            p.text
            for p in docx.Document(str(tmp_path / str(number) / "art7-report.docx")).paragraphs
            if p.style is not None and p.style.name.lower() == "heading 2"
        ]
        letters = [m.group(0) for h in headings for m in [re.search(r"(?<![A-Za-z])[A-J](?![A-Za-z])", h)] if m]
        assert letters == list("ABCDEFGHIJ"), headings  # the ten forms, by letter, in order
